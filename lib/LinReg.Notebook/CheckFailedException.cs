namespace LinReg.Notebook;

/// <summary>
/// A "Checked answer" cell found a wrong number: thrown by <see cref="Checked"/> so the notebook cell fails loudly
/// (and the headless run reports it) instead of printing a quiet mismatch. Met in every notebook's checked cells.
/// </summary>
public sealed class CheckFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="what">What was checked (e.g. "w after one step").</param>
    /// <param name="message">The full message, quoting expected and actual values.</param>
    public CheckFailedException(string what, string message) : base(message) => What = what;

    /// <summary>What was checked.</summary>
    public string What { get; }
}
