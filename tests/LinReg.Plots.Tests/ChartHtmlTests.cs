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
    public void ToNotebookHtml_LoadsPlotlyThroughRequireLikeThePlotlyInteractiveFormatter()
    {
        var html = ChartHtml.ToNotebookHtml(Charts.LossCurve([0, 1], [2.0, 1.0]), "fig");

        Assert.Contains("requirejs.config", html);
        Assert.Contains(ChartHtml.RequirePlotlyPath, html);
        Assert.Contains("Plotly.newPlot('fig'", html);
        Assert.DoesNotMatch(AnyGuid(), html);
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
