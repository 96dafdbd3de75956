using System.Text.RegularExpressions;
using Plotly.NET;

namespace LinReg.Plots;

/// <summary>
/// Chart HTML with a div id you choose, so executed notebooks are the same on every run, and in a form that needs no
/// network. Plotly.NET's own <see cref="GenericChart.toChartHTML"/> names the div with a random GUID; this renders
/// through it and swaps the GUID (in the div id and in the script's render function name) for the given id.
/// <para>Offline: plotly.js is the copy Plotly.NET embeds (<see cref="PlotlyJs"/>). A notebook loads it once, from its
/// setup (<see cref="PlotlyJsHtml"/>, displayed by <c>LinReg.Notebook.NotebookSession.Start()</c>); each chart
/// (<see cref="ToNotebookHtml"/>) waits for that global <c>Plotly</c> and draws, with no require.js and no remote
/// host. A chart written to a file (<see cref="ToPage"/>) loads a local <c>plotly.min.js</c> beside it.</para>
/// </summary>
public static partial class ChartHtml
{
    /// <summary>How long a notebook chart waits for plotly.js before it says what is missing: 400 polls 50 ms apart.</summary>
    internal const int WaitPolls = 400, WaitMilliseconds = 50;

    /// <summary>The attribute that marks the scripts of <see cref="PlotlyJsHtml"/> (the HTML book drops that output:
    /// its pages load one plotly.min.js instead).</summary>
    public const string PlotlyJsMarker = "data-linreg-plotly-js";

    private static readonly Lazy<(string Version, string Script)> Embedded = new(ReadEmbeddedPlotlyJs);

    /// <summary>
    /// <see cref="GenericChart.toChartHTML"/> (a div plus a script calling <c>Plotly.newPlot</c>; no plotly.js
    /// included) with the div id <paramref name="divId"/>. The script reference follows the chart's display options
    /// (Plotly.NET's default: a plain script that expects a global <c>Plotly</c>).
    /// </summary>
    /// <param name="chart">The chart; not modified.</param>
    /// <param name="divId">The div id: a letter followed by letters, digits, '-' or '_'. The render function is named
    /// <c>renderPlotly_</c> + the id without '-'.</param>
    /// <returns>The HTML fragment.</returns>
    /// <exception cref="ArgumentNullException">chart or divId is null.</exception>
    /// <exception cref="ArgumentException">divId is not a valid id.</exception>
    public static string ToHtml(GenericChart chart, string divId)
    {
        ArgumentNullException.ThrowIfNull(chart);
        CheckId(divId);
        return WithStableId(GenericChart.toChartHTML(chart), divId);
    }

    /// <summary>
    /// The chart as a notebook shows it, offline: <see cref="ToHtml"/>, whose render function is called once the
    /// global <c>Plotly</c> exists (polled every 50 ms for 20 s; then the div says that the notebook's setup cell
    /// loads plotly.js). It draws into the div just before its own script (found through
    /// <c>document.currentScript</c>), so two outputs that happen to share an id still each draw in their own place;
    /// the id is the fallback. No require.js, no remote host. The book's charts and the live chart display this.
    /// </summary>
    /// <param name="chart">The chart; not modified.</param>
    /// <param name="divId">The div id (see <see cref="ToHtml"/>).</param>
    /// <returns>The HTML fragment.</returns>
    /// <exception cref="ArgumentNullException">chart or divId is null.</exception>
    /// <exception cref="ArgumentException">divId is not a valid id.</exception>
    public static string ToNotebookHtml(GenericChart chart, string divId)
    {
        var html = ToHtml(chart, divId);
        string render = "renderPlotly_" + divId.Replace("-", "", StringComparison.Ordinal);
        string newPlot = $"Plotly.newPlot('{divId}',";
        string call = render + "();";
        if (Count(html, newPlot) != 1 || Count(html, call) != 1)
            throw new InvalidOperationException($"Plotly.NET's chart HTML does not have exactly one `{newPlot}` and one `{call}`; this Plotly.NET version renders differently.");
        string wait =
            "(function(s){var el=(s&&s.previousElementSibling&&s.previousElementSibling.id==='" + divId + "')?s.previousElementSibling:document.getElementById('" + divId + "'),n=0;" +
            "(function draw(){if(window.Plotly){" + render + "(el);}else if(++n<" + WaitPolls + "){setTimeout(draw," + WaitMilliseconds + ");}" +
            "else if(el){el.textContent='This chart needs plotly.js, which the setup cell of this notebook (its first code cell) loads: run that cell, then this one.';}})();" +
            "})(document.currentScript);";
        return html.Replace(newPlot, $"Plotly.newPlot(arguments[0]||'{divId}',", StringComparison.Ordinal)
                   .Replace(call, wait, StringComparison.Ordinal);
    }

    /// <summary>
    /// A standalone HTML page showing the chart (div id <c>chart</c>), loading plotly.js from <paramref name="plotlyJsPath"/>
    /// (a path relative to the page, e.g. <c>plotly.min.js</c> beside it): how the exported apps write their charts.
    /// </summary>
    /// <param name="chart">The chart; not modified.</param>
    /// <param name="title">The page title.</param>
    /// <param name="plotlyJsPath">The script's address relative to the page.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string ToPage(GenericChart chart, string title, string plotlyJsPath = "plotly.min.js")
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(plotlyJsPath);
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + Escape(title) + "</title>\n" +
               "<script src=\"" + Escape(plotlyJsPath) + "\" charset=\"utf-8\"></script>\n</head>\n<body>\n" +
               ToHtml(chart, "chart") + "\n</body>\n</html>\n";
    }

    /// <summary>The version of the plotly.js Plotly.NET embeds (e.g. <c>2.28.0</c>).</summary>
    public static string PlotlyJsVersion => Embedded.Value.Version;

    /// <summary>The plotly.js (minified) that Plotly.NET embeds as a manifest resource: what every chart of the book draws with.</summary>
    public static string PlotlyJs => Embedded.Value.Script;

    /// <summary>
    /// HTML that loads <see cref="PlotlyJs"/> inline, once per notebook (the setup displays it): three scripts,
    /// marked with <see cref="PlotlyJsMarker"/>. The first hides an AMD <c>define</c> (require.js, which some
    /// notebook front ends and Jupyter's HTML export load), so that plotly's UMD bundle sets <c>window.Plotly</c>
    /// instead of registering an anonymous module; the third puts <c>define</c> back.
    /// </summary>
    /// <returns>The HTML (about 3.6 MB).</returns>
    public static string PlotlyJsHtml()
    {
        var (version, script) = Embedded.Value;
        string marker = $"{PlotlyJsMarker}=\"{version}\"";
        return $"<script {marker}>window.__linregDefine=window.define;window.define=undefined;</script>" +
               $"<script {marker}>{script.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)}</script>" +
               $"<script {marker}>window.define=window.__linregDefine;delete window.__linregDefine;</script>";
    }

    private static (string Version, string Script) ReadEmbeddedPlotlyJs()
    {
        var assembly = typeof(GenericChart).Assembly;
        foreach (var name in assembly.GetManifestResourceNames())
        {
            var m = ResourceName().Match(name);
            if (!m.Success) continue;
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"{assembly.GetName().Name} lists the resource {name} but cannot open it.");
            using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
            return (m.Groups["v"].Value, reader.ReadToEnd());
        }
        throw new InvalidOperationException($"{assembly.GetName().Name} {assembly.GetName().Version} embeds no plotly-<version>.min.js; the charts cannot be drawn offline.");
    }

    private static int Count(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    private static string Escape(string s) =>
        s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
         .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    private static void CheckId(string divId)
    {
        ArgumentNullException.ThrowIfNull(divId);
        if (!IdPattern().IsMatch(divId))
            throw new ArgumentException(
                $"divId \"{divId}\" is not a valid id: use a letter followed by letters, digits, '-' or '_'.", nameof(divId));
    }

    private static string WithStableId(string html, string divId)
    {
        var match = GuidDivPattern().Match(html);
        if (!match.Success)
            throw new InvalidOperationException("Plotly.NET's chart HTML has no <div id=\"GUID\">; this Plotly.NET version renders differently.");
        string guid = match.Groups[1].Value;
        return html.Replace(guid, divId, StringComparison.Ordinal)
                   .Replace(guid.Replace("-", "", StringComparison.Ordinal), divId.Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^Plotly\.NET\.plotly-(?<v>\d+\.\d+\.\d+)\.min\.js$")]
    private static partial Regex ResourceName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("<div id=\"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\"")]
    private static partial Regex GuidDivPattern();
}
