namespace LinReg.Book.Runner;

/// <summary>
/// A notebook that cannot be run at all (as opposed to a cell that ran and failed, which is reported through
/// <see cref="CellResult"/>). The message names the notebook file and, where one is to blame, the cell.
/// </summary>
public class NotebookException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="notebookPath">Full path of the notebook concerned.</param>
    /// <param name="cellNumber">1-based number of the cell to blame (counting every cell, markdown included), or null.</param>
    /// <param name="message">The whole message, already naming notebook and cell.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public NotebookException(string notebookPath, int? cellNumber, string message, Exception? inner = null)
        : base(message, inner)
    {
        NotebookPath = notebookPath;
        CellNumber = cellNumber;
    }

    /// <summary>Full path of the notebook concerned.</summary>
    public string NotebookPath { get; }

    /// <summary>1-based number of the cell to blame (every cell counts, markdown included), or null for the whole file.</summary>
    public int? CellNumber { get; }
}

/// <summary>
/// The .ipynb file is not a notebook the runner understands: invalid JSON, not nbformat 4, a cell without a
/// <c>cell_type</c> or <c>source</c>, a code cell in a language other than C#.
/// </summary>
public sealed class NotebookFormatException : NotebookException
{
    /// <summary>Creates the exception; <paramref name="message"/> already names notebook and cell.</summary>
    /// <param name="notebookPath">Full path of the malformed notebook.</param>
    /// <param name="cellNumber">1-based number of the malformed cell, or null when the file as a whole is wrong.</param>
    /// <param name="message">The whole message.</param>
    /// <param name="inner">The underlying exception (e.g. the JSON parser's), if any.</param>
    public NotebookFormatException(string notebookPath, int? cellNumber, string message, Exception? inner = null)
        : base(notebookPath, cellNumber, message, inner)
    {
    }
}

/// <summary>
/// A code cell loads a file with <c>#r "path.dll"</c> that does not exist (relative paths resolve against the
/// notebook's folder). For the book's notebooks this means the library was not built:
/// <c>dotnet build lib/LinReg.Notebook</c> copies LinReg.dll, LinReg.Plots.dll and LinReg.Notebook.dll to <c>artifacts/notebook-lib/</c>.
/// </summary>
public sealed class MissingReferenceException : NotebookException
{
    /// <summary>Creates the exception; <paramref name="message"/> already names notebook, cell and file.</summary>
    /// <param name="notebookPath">Full path of the notebook.</param>
    /// <param name="cellNumber">1-based number of the cell holding the <c>#r</c> line.</param>
    /// <param name="reference">The path as written in the cell.</param>
    /// <param name="resolvedPath">The full path it resolves to (which does not exist).</param>
    /// <param name="message">The whole message.</param>
    public MissingReferenceException(string notebookPath, int cellNumber, string reference, string resolvedPath, string message)
        : base(notebookPath, cellNumber, message)
    {
        Reference = reference;
        ResolvedPath = resolvedPath;
    }

    /// <summary>The path as written in the <c>#r</c> line.</summary>
    public string Reference { get; }

    /// <summary>The full path the reference resolves to, which does not exist.</summary>
    public string ResolvedPath { get; }
}
