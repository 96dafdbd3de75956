using System.Text.RegularExpressions;
using Microsoft.FSharp.Core;
using Plotly.NET;

namespace LinReg.Plots;

/// <summary>
/// Chart HTML with a div id you choose, so executed notebooks are the same on every run. Plotly.NET's own
/// <see cref="GenericChart.toChartHTML"/> names the div with a random GUID; this renders through it and swaps the
/// GUID (in the div id and in the script's render function name) for the given id.
/// </summary>
public static partial class ChartHtml
{
    /// <summary>
    /// The plotly.js that <see cref="ToNotebookHtml"/> asks require.js for: the same reference the
    /// Plotly.NET.Interactive formatter (6.0.0) uses, so live charts and ordinarily displayed charts load the same
    /// plotly.js (2.28.0, the version embedded in Plotly.NET 6.0.0).
    /// </summary>
    public const string RequirePlotlyPath = "https://cdn.plot.ly/plotly-2.28.0.min";

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
    /// Like <see cref="ToHtml"/>, but the script loads plotly.js through require.js from
    /// <see cref="RequirePlotlyPath"/> exactly as the Plotly.NET.Interactive formatter does, so it renders in VS Code
    /// and Jupyter like any other displayed chart. The live chart displays this.
    /// </summary>
    /// <param name="chart">The chart; not modified.</param>
    /// <param name="divId">The div id (see <see cref="ToHtml"/>).</param>
    /// <returns>The HTML fragment.</returns>
    /// <exception cref="ArgumentNullException">chart or divId is null.</exception>
    /// <exception cref="ArgumentException">divId is not a valid id.</exception>
    public static string ToNotebookHtml(GenericChart chart, string divId)
    {
        ArgumentNullException.ThrowIfNull(chart);
        CheckId(divId);
        var options = DisplayOptions.init(null, null, null, null, null, null,
            FSharpOption<PlotlyJSReference>.Some(PlotlyJSReference.NewRequire(RequirePlotlyPath)));
        var withRequire = GenericChart.addDisplayOptions(options, chart);
        return WithStableId(GenericChart.toChartHTML(withRequire), divId);
    }

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

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("<div id=\"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\"")]
    private static partial Regex GuidDivPattern();
}
