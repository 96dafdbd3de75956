using System.Text;
using LinReg.Plots;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace LinReg.Notebook;

/// <summary>
/// Shows a value where the code runs: inside a notebook kernel it is displayed as any cell output (charts as charts);
/// in an exported app (<see cref="NotebookSession.StartApp"/>) a chart is written to an HTML file beside the app,
/// with a local <c>plotly.min.js</c>, and its path printed on a line starting with <see cref="ChartLinePrefix"/>;
/// anything else is printed as plain text. The exporter turns a notebook cell's trailing expression (which the
/// kernel displays) and the kernel's <c>display(x)</c> into <c>DisplayHost.Show(x)</c>.
/// Used by the exported apps (<c>dotnet run --project lib/LinReg.Book -- export</c>).
/// </summary>
public static class DisplayHost
{
    private static readonly object Gate = new();
    private static string? _chartDirectory;
    private static string _chartPrefix = "chart";
    private static string _printRelativeTo = Environment.CurrentDirectory;
    private static int _charts;

    /// <summary>How the line that names a written chart file starts (<c>chart: artifacts/apps/05-…-chart-1.html</c>).</summary>
    public const string ChartLinePrefix = "chart: ";

    /// <summary>The plotly.js file written beside the chart pages.</summary>
    public const string PlotlyJsFileName = "plotly.min.js";

    /// <summary>
    /// Displays <paramref name="value"/>: in a kernel as the kernel would display it; otherwise a chart is written to
    /// <c>&lt;app&gt;-chart-&lt;n&gt;.html</c> beside the app (<see cref="NotebookSession.StartApp"/>; else in the working
    /// directory) and its path printed, and any other value printed as the formatter's plain text.
    /// </summary>
    /// <param name="value">What to show (null prints <c>&lt;null&gt;</c>).</param>
    /// <returns>The path of the chart file written, or null when nothing was written.</returns>
    /// <exception cref="IOException">The chart file cannot be written.</exception>
    public static string? Show(object? value)
    {
        if (KernelInvocationContext.Current is { IsComplete: false } context)
        {
            context.Display(value!);
            return null;
        }

        if (value is GenericChart chart) return WriteChart(chart);
        Console.WriteLine(value switch
        {
            null => "<null>",
            string s => s,
            _ => value.ToDisplayString(PlainTextFormatter.MimeType),
        });
        return null;
    }

    /// <summary>Where charts go outside a kernel: beside <paramref name="appFile"/>, named after it; printed paths relative to
    /// <paramref name="printRelativeTo"/> when inside it.</summary>
    internal static void WriteChartsBeside(string appFile, string printRelativeTo)
    {
        lock (Gate)
        {
            _chartDirectory = Path.GetDirectoryName(Path.GetFullPath(appFile));
            _chartPrefix = Path.GetFileNameWithoutExtension(appFile);
            _printRelativeTo = printRelativeTo;
            _charts = 0;
        }
    }

    private static string WriteChart(GenericChart chart)
    {
        string path, shown;
        lock (Gate)
        {
            var directory = _chartDirectory ?? Environment.CurrentDirectory;
            Directory.CreateDirectory(directory);
            var plotly = Path.Combine(directory, PlotlyJsFileName);
            if (!File.Exists(plotly)) WriteWhole(plotly, ChartHtml.PlotlyJs);
            int n = ++_charts;
            path = Path.Combine(directory, $"{_chartPrefix}-chart-{n}.html");
            WriteWhole(path, ChartHtml.ToPage(chart, $"{_chartPrefix} · chart {n}", PlotlyJsFileName));
            var relative = Path.GetRelativePath(_printRelativeTo, path);
            shown = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
        }
        Console.WriteLine(ChartLinePrefix + shown);
        return path;
    }

    /// <summary>Writes through a temporary file and a move, so a reader (or another app writing the same file) never sees half of it.</summary>
    private static void WriteWhole(string path, string text)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            File.WriteAllText(temp, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
