using System.Text.RegularExpressions;

namespace LinReg.Plots.Tests;

public partial class ChartHtmlTests
{
    [GeneratedRegex("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")]
    private static partial Regex AnyGuid();

    [Fact]
    public void ToHtml_StableId_DivAndRenderFunctionUseItAndNoGuidRemains()
    {
        var html = ChartHtml.ToHtml(Charts.LossCurve([0, 1], [2.0, 1.0]), "loss-fig_1");

        Assert.Contains("<div id=\"loss-fig_1\">", html);
        Assert.Contains("Plotly.newPlot('loss-fig_1'", html);
        Assert.Contains("renderPlotly_lossfig_1", html);
        Assert.DoesNotMatch(AnyGuid(), html);
        Assert.DoesNotContain("require", html); // Plotly.NET's default: a plain script expecting a global Plotly
    }

    [Fact]
    public void ToHtml_SameChartTwice_IdenticalHtml()
    {
        // Plotly.NET alone would give two different GUIDs; deterministic outputs are the point of the stable id.
        var a = ChartHtml.ToHtml(Charts.LossCurve([0, 1], [2.0, 1.0]), "fig");
        var b = ChartHtml.ToHtml(Charts.LossCurve([0, 1], [2.0, 1.0]), "fig");
        Assert.Equal(a, b);
    }

    [Fact]
    public void ToNotebookHtml_Offline_WaitsForTheGlobalPlotlyAndReferencesNoHost()
    {
        var html = ChartHtml.ToNotebookHtml(Charts.LossCurve([0, 1], [2.0, 1.0]), "fig");

        // No require.js, no address of any kind: the chart draws with the plotly.js the notebook's setup loaded.
        Assert.DoesNotContain("require", html);
        Assert.DoesNotContain("http", html);
        Assert.DoesNotContain("<script src", html);
        Assert.DoesNotMatch(AnyGuid(), html);
        Assert.Contains("<div id=\"fig\">", html);
        // It polls for window.Plotly, then draws into the div before its own script (the id is the fallback).
        Assert.Contains("if(window.Plotly){renderPlotly_fig(el);}", html);
        Assert.Contains("setTimeout(draw,", html);
        Assert.Contains("document.currentScript", html);
        Assert.Contains("Plotly.newPlot(arguments[0]||'fig',", html);
        Assert.Contains("\"y\":[2.0,1.0]", html);
        Assert.Equal(html, ChartHtml.ToNotebookHtml(Charts.LossCurve([0, 1], [2.0, 1.0]), "fig"));
    }

    [Fact]
    public void PlotlyJs_IsTheBundlePlotlyNetEmbeds_Version2_28_0()
    {
        // Plotly.NET 6.0.0 embeds plotly.js 2.28.0 (its release notes; the resource is Plotly.NET.plotly-2.28.0.min.js).
        Assert.Equal("2.28.0", ChartHtml.PlotlyJsVersion);
        using var stream = typeof(Plotly.NET.GenericChart).Assembly.GetManifestResourceStream("Plotly.NET.plotly-2.28.0.min.js");
        Assert.NotNull(stream);
        Assert.Equal(new StreamReader(stream!).ReadToEnd(), ChartHtml.PlotlyJs);
        Assert.StartsWith("/**", ChartHtml.PlotlyJs);
        Assert.Contains("plotly.js v2.28.0", ChartHtml.PlotlyJs[..400]);
    }

    [Fact]
    public void PlotlyJsHtml_InlinesPlotlyOnceWithAmdDefineHiddenWhileItRuns()
    {
        var html = ChartHtml.PlotlyJsHtml();

        Assert.StartsWith($"<script {ChartHtml.PlotlyJsMarker}=\"2.28.0\">window.__linregDefine=window.define;window.define=undefined;</script>", html);
        Assert.EndsWith("<script data-linreg-plotly-js=\"2.28.0\">window.define=window.__linregDefine;delete window.__linregDefine;</script>", html);
        int at = html.IndexOf(ChartHtml.PlotlyJs, StringComparison.Ordinal);
        Assert.True(at > 0, "the bundle is inlined as it is");
        Assert.Equal(-1, html.IndexOf(ChartHtml.PlotlyJs, at + 1, StringComparison.Ordinal));
        Assert.Equal(3, html.Split("</script>").Length - 1);
        Assert.DoesNotContain("<script src", html);
    }

    [Fact]
    public void ToPage_LoadsTheLocalPlotlyFileAndDrawsTheChart()
    {
        var page = ChartHtml.ToPage(Charts.LossCurve([0, 1], [2.0, 1.0]), "a <title>");

        Assert.StartsWith("<!DOCTYPE html>", page);
        Assert.Contains("<title>a &lt;title&gt;</title>", page);
        Assert.Contains("<script src=\"plotly.min.js\" charset=\"utf-8\"></script>", page);
        Assert.Contains("Plotly.newPlot('chart'", page);
        Assert.DoesNotContain("http", page);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1abc")]
    [InlineData("a b")]
    [InlineData("a\"><script>")]
    public void ToHtml_InvalidId_ThrowsQuotingIt(string id)
    {
        var ex = Assert.Throws<ArgumentException>(() => ChartHtml.ToHtml(Charts.LossCurve([0], [1.0]), id));
        Assert.Equal("divId", ex.ParamName);
        Assert.Contains($"\"{id}\"", ex.Message);
    }
}
