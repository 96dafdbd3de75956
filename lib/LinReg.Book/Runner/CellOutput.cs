namespace LinReg.Book.Runner;

/// <summary>
/// One output of an executed code cell, in the order the notebook shows them. The nbformat output types map
/// one to one: <see cref="StreamOutput"/> → <c>stream</c>, <see cref="DisplayOutput"/> → <c>display_data</c>
/// (or <c>execute_result</c> for a cell's return value), <see cref="ErrorOutput"/> → <c>error</c>.
/// </summary>
public abstract record CellOutput;

/// <summary>Text the cell wrote to standard output or standard error (consecutive writes to the same stream merged).</summary>
/// <param name="Name"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Text">The text, newlines included.</param>
public sealed record StreamOutput(string Name, string Text) : CellOutput;

/// <summary>
/// A displayed value (<c>display(x)</c>, <c>x.Display()</c>, a formatter's output) or the cell's return value,
/// formatted into one or more mime types.
/// </summary>
/// <param name="Data">Mime type → formatted text, e.g. <c>text/html</c> → the chart's div and script.</param>
/// <param name="Value">The raw .NET object that was displayed (null when the kernel sent none).</param>
/// <param name="DisplayId">The kernel's display id; a later update with this id replaces this output. Null for a return value.</param>
/// <param name="IsReturnValue">True for the cell's return value (nbformat <c>execute_result</c>).</param>
public sealed record DisplayOutput(
    IReadOnlyDictionary<string, string> Data,
    object? Value,
    string? DisplayId,
    bool IsReturnValue) : CellOutput
{
    /// <summary>The text for <paramref name="mimeType"/>, or null when the output has no such representation.</summary>
    /// <param name="mimeType">e.g. <c>text/html</c> or <c>text/plain</c>.</param>
    public string? this[string mimeType] => Data.TryGetValue(mimeType, out var text) ? text : null;
}

/// <summary>An error shown in the cell: a compile error, an exception, a time-out, an error the kernel reported.</summary>
/// <param name="Name">nbformat <c>ename</c>: the exception type name, <c>CompilationError</c>, <c>Timeout</c> or <c>Error</c>.</param>
/// <param name="Message">nbformat <c>evalue</c>: the message.</param>
/// <param name="Traceback">nbformat <c>traceback</c>: the lines to show (diagnostics or stack trace).</param>
public sealed record ErrorOutput(string Name, string Message, IReadOnlyList<string> Traceback) : CellOutput;
