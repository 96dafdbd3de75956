using System.Runtime.CompilerServices;
using LinReg.Plots;
using LinReg.Solvers;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace LinReg.Notebook;

/// <summary>
/// What a notebook of the book sets up once, at its start (<see cref="Start"/>, called by the last cell of
/// <c>notebooks/setup.dib</c>), and what an exported app sets up instead (<see cref="StartApp"/>).
/// <para>Charts that need no network: Plotly.NET.Interactive's own formatter makes every chart load require.js and
/// plotly.js from public hosts, so offline every chart is an empty box. <see cref="Start"/> replaces that formatter
/// with <see cref="ChartHtml.ToNotebookHtml"/> and displays the plotly.js that Plotly.NET embeds, once per notebook
/// (<see cref="ChartHtml.PlotlyJsHtml"/>); every chart then draws with it.</para>
/// <para>The rich displays of the core library's results: a <see cref="RegressionSummary"/> (from <c>fit.Summary()</c>)
/// and an <see cref="AnovaTable"/> show as HTML tables, with their text tables beside them for plain-text clients (and
/// for an exported app, which prints the text). The core library stays free of notebook code; the displays live here.</para>
/// Used by every notebook (the shared setup); the summary displays are taught in notebook 16 · How sure are we?
/// </summary>
public static class NotebookSession
{
    private static int _charts;

    /// <summary>The prefix of the div id of a chart displayed through the formatter: <c>linreg-chart-1</c>, <c>-2</c>, … in
    /// display order since the last <see cref="Start"/>, so an executed notebook is the same on every run.</summary>
    public const string ChartIdPrefix = "linreg-chart-";

    /// <summary>
    /// Registers the book's displays with .NET Interactive's formatter (charts: <see cref="ChartHtml.ToNotebookHtml"/>)
    /// and, inside a kernel, displays plotly.js once (a <c>text/html</c> output of about 3.6 MB that shows nothing, plus a
    /// one-line <c>text/plain</c> alternative). Call it in a submission AFTER the one that loads Plotly.NET.Interactive
    /// (whose extension registers its own chart formatter when loaded; the later registration wins). Safe to call again;
    /// needed again after <c>Formatter.ResetToDefault()</c> (which the book's runner calls between notebooks).
    /// </summary>
    public static void Start()
    {
        RegisterResultDisplays();
        Interlocked.Exchange(ref _charts, 0);
        Formatter.Register<GenericChart>(
            (chart, writer) => writer.Write(ChartHtml.ToNotebookHtml(chart, ChartIdPrefix + Interlocked.Increment(ref _charts))),
            HtmlFormatter.MimeType);

        if (KernelInvocationContext.Current is { IsComplete: false } context)
        {
            FormattedValue[] loader =
            [
                new(HtmlFormatter.MimeType, ChartHtml.PlotlyJsHtml()),
                new(PlainTextFormatter.MimeType, $"plotly.js {ChartHtml.PlotlyJsVersion} loaded from the Plotly.NET package, for this notebook's charts (no network needed)."),
            ];
            context.Publish(new DisplayedValueProduced(PlotlyJsLoaded.Instance, context.Command, loader, Guid.NewGuid().ToString("N")));
        }
    }

    /// <summary>
    /// The start of an exported app (<c>dotnet run artifacts/apps/NN-name.cs</c>): the notebook's relative paths resolve
    /// as in the notebook (the working directory becomes <paramref name="notebookFolder"/>), and displays go to
    /// <see cref="DisplayHost"/>, which writes charts to HTML files beside the app and prints their paths (a live chart:
    /// its final state, at <see cref="LiveLossChart.Complete"/>).
    /// </summary>
    /// <param name="notebookFolder">The notebooks' folder, relative to the app's source file (or absolute).</param>
    /// <param name="appFile">The app's source file; filled in by the compiler.</param>
    /// <exception cref="ArgumentException">notebookFolder or appFile is empty.</exception>
    /// <exception cref="DirectoryNotFoundException">The notebooks' folder does not exist (the message gives the full path).</exception>
    public static void StartApp(string notebookFolder, [CallerFilePath] string appFile = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(notebookFolder);
        ArgumentException.ThrowIfNullOrWhiteSpace(appFile);
        var appDirectory = Path.GetDirectoryName(Path.GetFullPath(appFile))!;
        var folder = Path.GetFullPath(Path.Combine(appDirectory, notebookFolder));
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"notebookFolder \"{notebookFolder}\" is {folder} from the app {appFile}, which does not exist; the app reads data files relative to the book's notebooks/ folder.");
        RegisterResultDisplays();
        DisplayHost.WriteChartsBeside(appFile, Environment.CurrentDirectory);
        LiveLossChart.CompletedOutsideKernel = live => DisplayHost.Show(live.ToChart());
        Directory.SetCurrentDirectory(folder);
    }

    /// <summary>A <see cref="RegressionSummary"/> and an <see cref="AnovaTable"/> as HTML tables (<see cref="InferenceHtml"/>),
    /// their text tables (<c>ToString()</c>) as the plain-text form.</summary>
    private static void RegisterResultDisplays()
    {
        Formatter.Register<RegressionSummary>(s => InferenceHtml.Summary(s), HtmlFormatter.MimeType);
        Formatter.Register<RegressionSummary>(s => s.ToString(), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(RegressionSummary), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
        Formatter.Register<AnovaTable>(a => InferenceHtml.Anova(a), HtmlFormatter.MimeType);
        Formatter.Register<AnovaTable>(a => a.ToString(), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(AnovaTable), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
    }

    /// <summary>The value of the plotly.js output (its formatted values are what the front end shows).</summary>
    private sealed class PlotlyJsLoaded
    {
        public static readonly PlotlyJsLoaded Instance = new();

        public override string ToString() => $"plotly.js {ChartHtml.PlotlyJsVersion}";
    }
}
