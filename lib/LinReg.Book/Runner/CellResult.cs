using Microsoft.DotNet.Interactive.Events;

namespace LinReg.Book.Runner;

/// <summary>What happened to a cell during a run.</summary>
public enum CellStatus
{
    /// <summary>Not executed: a markdown or raw cell, an empty code cell, or a code cell after one that failed.</summary>
    NotRun,

    /// <summary>The code cell ran to the end without error.</summary>
    Succeeded,

    /// <summary>The code cell did not compile or threw (or the kernel reported the command failed).</summary>
    Failed,

    /// <summary>The code cell was still running when the per-cell time limit ran out.</summary>
    TimedOut,

    /// <summary>
    /// The process running the notebook's kernel ended while the cell ran (<c>Environment.Exit</c>, a stack overflow,
    /// a kill). Only the book build, which runs each kernel in a child process it supervises, reports it; an in-process
    /// run cannot outlive its own process.
    /// </summary>
    ProcessEnded,
}

/// <summary>
/// The result of one cell of a notebook run: status, outputs as the executed notebook shows them, the raw kernel
/// events, the raw return value, and the error if the cell failed.
/// </summary>
public sealed class CellResult
{
    private readonly List<CellOutput> _outputs = new();
    private readonly List<KernelEvent> _events = new();

    internal CellResult(SourceNotebook notebook, SourceCell cell)
    {
        Notebook = notebook;
        Cell = cell;
    }

    /// <summary>The notebook the cell belongs to.</summary>
    public SourceNotebook Notebook { get; }

    /// <summary>The source cell.</summary>
    public SourceCell Cell { get; }

    /// <summary>1-based position in the notebook, counting every cell (markdown included).</summary>
    public int Number => Cell.Number;

    /// <summary>Code, markdown or raw.</summary>
    public CellKind Kind => Cell.Kind;

    /// <summary>The cell's source text.</summary>
    public string Source => Cell.Source;

    /// <summary>The first non-blank line of the cell (how messages point at it).</summary>
    public string FirstLine => Cell.FirstLine;

    /// <summary>What happened to the cell.</summary>
    public CellStatus Status { get; internal set; }

    /// <summary>True when the cell failed or timed out.</summary>
    public bool Failed => Status is CellStatus.Failed or CellStatus.TimedOut or CellStatus.ProcessEnded;

    /// <summary>Jupyter's execution count: 1 for the first code cell executed, 2 for the next…; null if not executed.</summary>
    public int? ExecutionCount { get; internal set; }

    /// <summary>Wall-clock time the cell took (zero if it did not run).</summary>
    public TimeSpan Elapsed { get; internal set; }

    /// <summary>
    /// The outputs as the executed notebook shows them: consecutive stream writes merged, return values that are
    /// themselves displayed values dropped, and each display replaced in place by later updates with its display id
    /// (also updates sent by later cells).
    /// </summary>
    public IReadOnlyList<CellOutput> Outputs => _outputs;

    /// <summary>Every kernel event published while the cell ran, in order (stdout, displays, updates, diagnostics…).</summary>
    public IReadOnlyList<KernelEvent> Events => _events;

    /// <summary>True when the cell produced a return value (its last line is an expression without a semicolon).</summary>
    public bool HasReturnValue { get; internal set; }

    /// <summary>The raw return value (the .NET object, not its formatted text); null if none.</summary>
    public object? ReturnValue { get; internal set; }

    /// <summary>Everything the cell wrote to standard output, concatenated.</summary>
    public string StandardOutput => string.Concat(_events.OfType<StandardOutputValueProduced>().Select(PlainText));

    /// <summary>Everything the cell wrote to standard error, concatenated.</summary>
    public string StandardError => string.Concat(_events.OfType<StandardErrorValueProduced>().Select(PlainText));

    /// <summary>The displayed values (not return values, not streams), in output order, after updates were applied.</summary>
    public IEnumerable<DisplayOutput> Displays => _outputs.OfType<DisplayOutput>().Where(d => !d.IsReturnValue);

    /// <summary>The error that made the cell fail or time out; null for a cell that did not fail.</summary>
    public ErrorOutput? Error { get; internal set; }

    /// <summary>
    /// One line naming the notebook, the cell number and the cell's first line, then the error:
    /// <c>cell 7 of 05-training-from-scratch.ipynb failed: `var w = …`</c> / <c>InvalidOperationException: …</c>.
    /// Null when the cell did not fail.
    /// </summary>
    public string? FailureMessage => Status switch
    {
        CellStatus.Failed => $"cell {Number} of {Notebook.FileName} failed: `{FirstLine}`{Environment.NewLine}{Error?.Name}: {Error?.Message}",
        CellStatus.TimedOut => Error?.Message,
        _ => null,
    };

    /// <inheritdoc />
    public override string ToString() => $"cell {Number} of {Notebook.FileName} ({Kind}, {Status}): `{FirstLine}`";

    internal List<CellOutput> MutableOutputs => _outputs;

    internal void AddEvent(KernelEvent e) => _events.Add(e);

    private static string PlainText(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == "text/plain")?.Value
        ?? e.FormattedValues.FirstOrDefault()?.Value
        ?? "";
}
