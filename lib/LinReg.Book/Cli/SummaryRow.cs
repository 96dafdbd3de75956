using LinReg.Book.Runner;
using LinReg.Book.Runner.Worker;

namespace LinReg.Book.Cli;

/// <summary>One row of the build's summary table.</summary>
/// <param name="Name">The notebook's name.</param>
/// <param name="Executed">Code cells executed.</param>
/// <param name="CodeCells">Code cells in the notebook.</param>
/// <param name="Elapsed">Time the notebook took.</param>
/// <param name="Status"><c>ok</c>, <c>FAILED at cell 7</c>, <c>TIMED OUT at cell 7</c>, <c>PROCESS ENDED at cell 7</c>, <c>NOT RUN</c>, <c>NOT WRITTEN</c>.</param>
/// <param name="Failed">True unless the notebook ran cleanly and was written.</param>
internal sealed record SummaryRow(string Name, int Executed, int CodeCells, TimeSpan Elapsed, string Status, bool Failed)
{
    public static SummaryRow From(NotebookOutcome outcome, string? writeProblem)
    {
        var status = outcome switch
        {
            { NotRunMessage: not null } => "NOT RUN",
            { Failure: { Status: CellStatus.TimedOut } f } => $"TIMED OUT at cell {f.Number}",
            { Failure: { Status: CellStatus.ProcessEnded } f } => $"PROCESS ENDED at cell {f.Number}",
            { Failure: { } f } => $"FAILED at cell {f.Number}",
            _ when writeProblem is not null => "NOT WRITTEN",
            _ => "ok",
        };
        return new SummaryRow(outcome.Notebook.Name, outcome.Executed, outcome.CodeCells, outcome.Elapsed, status, !outcome.Succeeded || writeProblem is not null);
    }
}
