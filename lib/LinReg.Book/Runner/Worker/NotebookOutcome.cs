namespace LinReg.Book.Runner.Worker;

/// <summary>
/// What the book build knows of one notebook after its worker ran it (or died running it): the record of every cell
/// that ran, the first failure, the time, and whether the worker process may run another notebook.
/// </summary>
internal sealed class NotebookOutcome
{
    public NotebookOutcome(SourceNotebook notebook, IReadOnlyList<ExecutedCell> cells, TimeSpan elapsed, string? notRunMessage, bool workerReusable)
    {
        Notebook = notebook;
        Cells = cells.OrderBy(c => c.Number).ToList();
        Elapsed = elapsed;
        NotRunMessage = notRunMessage;
        WorkerReusable = workerReusable;
    }

    /// <summary>The notebook.</summary>
    public SourceNotebook Notebook { get; }

    /// <summary>The record of every cell that ran, in cell order.</summary>
    public IReadOnlyList<ExecutedCell> Cells { get; }

    /// <summary>Time from the request to the end of the run as the worker measured it (kernel start included).</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Why the notebook could not be run at all (no cell ran), or null.</summary>
    public string? NotRunMessage { get; }

    /// <summary>
    /// True when the worker finished the notebook cleanly and may run the next one; false after any failure (a
    /// failed cell may leave threads, memory or process state behind that must not reach another notebook).
    /// </summary>
    public bool WorkerReusable { get; }

    /// <summary>The first cell that failed, timed out or ended the process; null if none did.</summary>
    public ExecutedCell? Failure => Cells.FirstOrDefault(c => c.Failed);

    /// <summary>True when every code cell ran without failure.</summary>
    public bool Succeeded => NotRunMessage is null && Failure is null;

    /// <summary>Code cells executed (those with an execution count).</summary>
    public int Executed => Cells.Count(c => c.ExecutionCount is not null);

    /// <summary>Code cells in the notebook (empty ones included, as the summary has always counted them).</summary>
    public int CodeCells => Notebook.CodeCells.Count();

    /// <summary>The message the build prints for a failed notebook; null when it succeeded.</summary>
    public string? FailureMessage => NotRunMessage ?? Failure?.FailureMessage;
}
