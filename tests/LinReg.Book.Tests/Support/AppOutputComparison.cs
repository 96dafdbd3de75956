using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LinReg.Book.Html;
using LinReg.Book.Runner;

namespace LinReg.Book.Tests.Support;

/// <summary>
/// Compares what an exported app printed with what its notebook's cells printed when the book was executed.
/// <para>The notebook's side, cell by cell in order (the setup cell left out, as the app leaves it out): its stdout text
/// and the <c>text/plain</c> of every other display, line by line; a chart (an HTML display that <c>PlotlyOffline.IsPlotlyChart</c>
/// recognizes) counts as one chart. The app's side: its stdout, line by line; a line starting with
/// <c>chart: </c> (<c>DisplayHost.ChartLinePrefix</c>) counts as one chart. Charts are compared by count, not by
/// position: a live chart shows up where it is created in the notebook and where it is completed in the app.</para>
/// <para>Every other line must be the same text, exactly (numbers and all), except the lines of a timing cell (tagged
/// <c>timing</c>, <c>AppExporter.TimingTag</c>): those print measured times or allocations, so only their words must agree — each
/// number is replaced by <c>#</c> and runs of spaces by one before comparing. Trailing spaces are ignored.</para>
/// An HTML display with neither a chart nor a <c>text/plain</c> form has nothing comparable: it is reported.
/// </summary>
internal static partial class AppOutputComparison
{
    /// <summary>One printed line of the notebook: its text, the 1-based cell it came from, and whether it is a timing cell.</summary>
    public sealed record NotebookLine(string Text, int Cell, bool Timing);

    /// <summary>The notebook's side: its lines, its number of charts, and the outputs that cannot be compared.</summary>
    public sealed record NotebookSide(IReadOnlyList<NotebookLine> Lines, int Charts, IReadOnlyList<string> Incomparable);

    /// <summary>Reads an executed notebook's outputs as the app should print them.</summary>
    /// <param name="executed">The executed notebook's JSON.</param>
    /// <param name="isTiming">Whether the 1-based cell number is a timing cell.</param>
    public static NotebookSide ReadNotebook(JsonObject executed, Func<int, bool> isTiming)
    {
        var lines = new List<NotebookLine>();
        var incomparable = new List<string>();
        int charts = 0;
        var cells = executed["cells"]!.AsArray();
        for (int i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell || (string?)cell["cell_type"] != "code") continue;
            var source = SourceNotebook.ReadMultilineString(cell["source"]) ?? "";
            if (BookSetup.Normalize(source) == BookSetup.Normalize(BookSetup.Cell)) continue;
            int number = i + 1;
            bool timing = isTiming(number);
            var stdout = new System.Text.StringBuilder();
            void FlushStdout()
            {
                if (stdout.Length == 0) return;
                lines.AddRange(SplitLines(stdout.ToString()).Select(l => new NotebookLine(l, number, timing)));
                stdout.Clear();
            }

            foreach (var output in cell["outputs"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                switch ((string?)output["output_type"])
                {
                    case "stream" when (string?)output["name"] == "stdout":
                        stdout.Append(SourceNotebook.ReadMultilineString(output["text"]));
                        break;
                    case "stream":
                        break; // stderr: an app's goes to its stderr, which is not compared
                    case "display_data" or "execute_result":
                    {
                        FlushStdout();
                        var html = SourceNotebook.ReadMultilineString(output["data"]?["text/html"]);
                        var plain = SourceNotebook.ReadMultilineString(output["data"]?["text/plain"]);
                        if (html is not null && PlotlyOffline.IsPlotlyChart(html) && !PlotlyOffline.IsPlotlyJsLoader(html)) charts++;
                        else if (plain is not null) lines.AddRange(SplitLines(plain).Select(l => new NotebookLine(l, number, timing)));
                        else incomparable.Add($"cell {number}: a display with only {string.Join(", ", output["data"]?.AsObject().Select(p => p.Key) ?? [])}");
                        break;
                    }
                    default:
                        incomparable.Add($"cell {number}: an output of type {(string?)output["output_type"]}");
                        break;
                }
            }

            FlushStdout();
        }

        return new NotebookSide(lines, charts, incomparable);
    }

    /// <summary>The differences between the notebook's side and an app's stdout (empty when they agree).</summary>
    /// <param name="notebook">The notebook's side (<see cref="ReadNotebook"/>).</param>
    /// <param name="appStdout">Everything the app printed to stdout.</param>
    /// <param name="chartLinePrefix">How the app's chart lines start.</param>
    public static IReadOnlyList<string> Compare(NotebookSide notebook, string appStdout, string chartLinePrefix)
    {
        var problems = new List<string>(notebook.Incomparable.Select(s => "cannot compare " + s));
        var appLines = SplitLines(appStdout);
        int appCharts = appLines.Count(l => l.StartsWith(chartLinePrefix, StringComparison.Ordinal));
        var app = appLines.Where(l => !l.StartsWith(chartLinePrefix, StringComparison.Ordinal)).ToList();
        if (appCharts != notebook.Charts)
            problems.Add($"the notebook shows {notebook.Charts} chart(s), the app wrote {appCharts}");

        int n = Math.Min(app.Count, notebook.Lines.Count);
        for (int k = 0; k < n && problems.Count < 20; k++)
        {
            var expected = notebook.Lines[k];
            bool same = expected.Timing ? Mask(expected.Text) == Mask(app[k]) : expected.Text == app[k];
            if (!same)
                problems.Add($"line {k + 1} (cell {expected.Cell}{(expected.Timing ? ", a timing cell: words compared" : "")}):\n  notebook: {expected.Text}\n  app:      {app[k]}");
        }

        if (app.Count != notebook.Lines.Count)
        {
            var extra = app.Count > n ? "app's next: " + app[n] : "notebook's next (cell " + notebook.Lines[n].Cell + "): " + notebook.Lines[n].Text;
            problems.Add($"the notebook printed {notebook.Lines.Count} line(s), the app {app.Count}; {extra}");
        }

        return problems;
    }

    /// <summary>A line with each number as <c>#</c> and runs of spaces as one space (how timing lines are compared).</summary>
    public static string Mask(string line) => Spaces().Replace(Number().Replace(line, "#"), " ").Trim();

    /// <summary>Lines without their end-of-line characters and trailing spaces; a final newline ends the last line.</summary>
    public static List<string> SplitLines(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd()).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    [GeneratedRegex(@"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")]
    private static partial Regex Number();

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();
}
