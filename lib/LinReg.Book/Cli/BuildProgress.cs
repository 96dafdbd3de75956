using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace LinReg.Book.Cli;

/// <summary>
/// The build's console output while notebooks run in parallel, and the summary table after. Every notebook is named
/// by its place in name order, <c>[2/11] 02-one-sgd-step-by-hand</c>, whatever order the workers finish in.
/// </summary>
/// <remarks>
/// In a log (not a terminal): one whole line per event, never interleaved — a line when a notebook's first code cell
/// starts, then at most one a second per notebook (slow cells show, fast ones do not flood), and a line when it
/// ends. On a terminal: the finished notebooks' lines scroll as in a log, and one status line below them, rewritten
/// in place, shows where every running notebook is.
/// </remarks>
internal sealed class BuildProgress
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(1);
    private readonly object _sync = new();
    private readonly TextWriter _output;
    private readonly IReadOnlyList<string> _names;
    private readonly bool _interactive;
    private readonly Dictionary<int, string> _running = new();
    private readonly Dictionary<int, Stopwatch> _lastLogLine = new();
    private int _statusLength;

    public BuildProgress(TextWriter output, IReadOnlyList<string> names, bool interactive)
    {
        _output = output;
        _names = names;
        _interactive = interactive;
    }

    /// <summary><c>[i/n] name</c> for the notebook at <paramref name="index"/> (0-based) in name order.</summary>
    public string Prefix(int index) => $"[{index + 1}/{_names.Count}] {_names[index]}";

    /// <summary>A code cell of notebook <paramref name="index"/> starts.</summary>
    public void CellStarted(int index, int cellNumber, int cellCount, TimeSpan notebookElapsed)
    {
        var line = $"{Prefix(index)}: cell {cellNumber}/{cellCount} … {Seconds(notebookElapsed)}";
        lock (_sync)
        {
            if (_interactive)
            {
                _running[index] = line;
                DrawStatus();
                return;
            }

            if (!_lastLogLine.TryGetValue(index, out var since))
            {
                _lastLogLine[index] = Stopwatch.StartNew();
            }
            else if (since.Elapsed >= LogInterval)
            {
                since.Restart();
            }
            else
            {
                return;
            }

            _output.WriteLine(line);
            _output.Flush();
        }
    }

    /// <summary>Notebook <paramref name="index"/> ended: prints its line.</summary>
    public void Finished(int index, SummaryRow row)
    {
        var line = $"{Prefix(index)}: {row.Status}, {row.Executed}/{row.CodeCells} code cells, {Seconds(row.Elapsed)}";
        lock (_sync)
        {
            if (_interactive)
            {
                _running.Remove(index);
                _output.Write("\r" + line.PadRight(_statusLength) + Environment.NewLine);
                _statusLength = 0;
                DrawStatus();
            }
            else
            {
                _output.WriteLine(line);
            }

            _output.Flush();
        }
    }

    /// <summary>The summary table: one row per notebook in name order, then the total.</summary>
    public static string Summary(IReadOnlyList<SummaryRow> rows, TimeSpan elapsed)
    {
        var nameWidth = Math.Max("Notebook".Length, rows.Count == 0 ? 0 : rows.Max(r => r.Name.Length));
        var table = new StringBuilder();
        table.AppendLine();
        table.AppendLine($"{"Notebook".PadRight(nameWidth)}  {"Cells",7}  {"Time",8}  Status");
        table.AppendLine($"{new string('-', nameWidth)}  {new string('-', 7)}  {new string('-', 8)}  {new string('-', 24)}");
        foreach (var row in rows)
        {
            table.AppendLine($"{row.Name.PadRight(nameWidth)}  {$"{row.Executed}/{row.CodeCells}",7}  {Seconds(row.Elapsed),8}  {row.Status}");
        }

        var failedCount = rows.Count(r => r.Failed);
        var totalStatus = failedCount == 0 ? "all ok" : $"{failedCount} of {rows.Count} failed";
        table.AppendLine($"{"Total".PadRight(nameWidth)}  {$"{rows.Sum(r => r.Executed)}/{rows.Sum(r => r.CodeCells)}",7}  {Seconds(elapsed),8}  {totalStatus}");
        return table.ToString();
    }

    /// <summary>Clears the status line (before the summary is printed).</summary>
    public void ClearStatus()
    {
        lock (_sync)
        {
            if (_interactive && _statusLength > 0)
            {
                _output.Write("\r" + new string(' ', _statusLength) + "\r");
                _output.Flush();
                _statusLength = 0;
            }
        }
    }

    /// <summary>Seconds with one decimal, invariant: <c>3.1 s</c>.</summary>
    public static string Seconds(TimeSpan t) => $"{t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";

    private void DrawStatus()
    {
        var status = string.Join("  |  ", _running.OrderBy(kv => kv.Key).Select(kv => kv.Value));
        var width = TerminalWidth() - 1;
        if (status.Length > width)
        {
            status = status[..Math.Max(0, width - 1)] + "…";
        }

        _output.Write("\r" + status.PadRight(_statusLength));
        _output.Flush();
        _statusLength = status.Length;
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 20 ? Console.WindowWidth : 120;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            return 120;
        }
    }
}
