using LinReg.Book.Runner;

namespace LinReg.Book.Export;

/// <summary>
/// A notebook cell has no form in a file-based app: a magic command (<c>#!…</c>) or <c>#r</c> outside the setup, C# that
/// does not parse, or a script-only construct such as a top-level property. The message names notebook, cell and construct.
/// </summary>
public sealed class NotebookExportException : NotebookException
{
    /// <summary>Creates the exception; <paramref name="message"/> already names notebook and cell.</summary>
    /// <param name="notebookPath">Full path of the notebook.</param>
    /// <param name="cellNumber">1-based number of the cell (every cell counts), or null.</param>
    /// <param name="message">The whole message.</param>
    public NotebookExportException(string notebookPath, int? cellNumber, string message)
        : base(notebookPath, cellNumber, message)
    {
    }
}
