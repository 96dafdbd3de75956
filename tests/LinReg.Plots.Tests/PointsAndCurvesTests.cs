using static LinReg.Plots.Tests.ChartJson;

namespace LinReg.Plots.Tests;

/// <summary>Charts.PointsAndCurves: data as markers, each curve as a line, and the optional fixed vertical range.</summary>
public class PointsAndCurvesTests
{
    [Fact]
    public void PointsAndCurves_DataThenOneLinePerCurve_InOrder()
    {
        var chart = Charts.PointsAndCurves([0, 1, 2], [1, 3, 2],
            [new Series("degree 1", [0, 2], [1.5, 2.5]), new Series("degree 2", [0, 1, 2], [1, 3, 2])],
            name: "training points", xTitle: "x", yTitle: "y");

        var traces = Traces(chart);
        Assert.Equal(["training points", "degree 1", "degree 2"], traces.Select(t => Str(t, "name")));
        Assert.Equal(["markers", "lines", "lines"], traces.Select(t => Str(t, "mode")));
        Assert.Equal([1.5, 2.5], Doubles(traces[1], "y"));
        Assert.False(Layout(chart).GetProperty("yaxis").TryGetProperty("range", out _));
    }

    [Fact]
    public void PointsAndCurves_FixedRange_SetsTheAxisRangeAndKeepsItsTitle()
    {
        var chart = Charts.PointsAndCurves([0, 1], [1, 2], [new Series("wild", [0, 1], [-50, 80])], yMin: -2, yMax: 4, yTitle: "y value");

        var yaxis = Layout(chart).GetProperty("yaxis");
        Assert.Equal([-2.0, 4.0], yaxis.GetProperty("range").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal("y value", AxisTitle(Layout(chart), "yaxis"));
    }

    [Fact]
    public void PointsAndCurves_BadInput_ThrowsNamingTheArgument()
    {
        Assert.Equal("yMax", Assert.Throws<ArgumentException>(() => Charts.PointsAndCurves([0], [1], [], yMin: 0)).ParamName);
        Assert.Equal("yMin", Assert.Throws<ArgumentOutOfRangeException>(() => Charts.PointsAndCurves([0], [1], [], yMin: 3, yMax: 3)).ParamName);
        var nan = Assert.Throws<ArgumentException>(() => Charts.PointsAndCurves([0], [1], [new Series("c", [0, 1], [0, double.NaN])]));
        Assert.Contains("curves[0].Y[1] is NaN", nan.Message);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Charts.PointsAndCurves([0, 1], [1], [])).ParamName);
    }
}
