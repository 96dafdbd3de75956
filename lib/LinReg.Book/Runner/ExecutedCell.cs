using System.Text.Json.Nodes;

namespace LinReg.Book.Runner;

/// <summary>
/// What the executed notebook records of one cell after a run: status, execution count, time and the outputs in
/// nbformat form. The in-process run (<see cref="NotebookRun"/>) and the book build's worker processes both reduce
/// their results to this, so one writer (<see cref="ExecutedNotebookWriter"/>) serves both.
/// </summary>
/// <param name="Number">1-based position in the notebook (every cell counts).</param>
/// <param name="Status">What happened to the cell.</param>
/// <param name="ExecutionCount">Jupyter's execution count, or null when the cell did not run.</param>
/// <param name="Elapsed">Wall-clock time the cell took.</param>
/// <param name="Outputs">nbformat outputs (<c>stream</c>, <c>display_data</c>, <c>execute_result</c>, <c>error</c>).</param>
/// <param name="FailureMessage">For a failed cell the message naming notebook, cell, first line and error; else null.</param>
internal sealed record ExecutedCell(int Number, CellStatus Status, int? ExecutionCount, TimeSpan Elapsed, JsonArray Outputs, string? FailureMessage)
{
    /// <summary>True when the cell failed, timed out or ended its process.</summary>
    public bool Failed => Status is CellStatus.Failed or CellStatus.TimedOut or CellStatus.ProcessEnded;

    /// <summary>The record of an in-process cell result. Call it holding the run's lock (outputs may still change).</summary>
    public static ExecutedCell From(CellResult cell) =>
        new(cell.Number, cell.Status, cell.ExecutionCount, cell.Elapsed, ExecutedNotebookWriter.OutputsJson(cell.Outputs, cell.ExecutionCount), cell.FailureMessage);
}
