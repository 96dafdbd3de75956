using static LinReg.Plots.Tests.ChartJson;

namespace LinReg.Plots.Tests;

/// <summary>Charts.ScatterWithCurves: the data as markers, then each curve as a line through its given points.</summary>
public class ScatterWithCurvesTests
{
    [Fact]
    public void ScatterWithCurves_DataThenOneLinePerCurve_WithTheGivenPoints()
    {
        var chart = Charts.ScatterWithCurves([0, 1, 2], [0.1, 0.9, 4.2],
            [new Series("y = x²", [0, 1, 2], [0, 1, 4]), new Series("line", [0, 2], [-0.5, 3.5])],
            name: "samples", xTitle: "x", yTitle: "y");

        var traces = Traces(chart);
        Assert.Equal(3, traces.Length);
        Assert.Equal(["samples", "y = x²", "line"], traces.Select(t => Str(t, "name")));
        Assert.Equal(["markers", "lines", "lines"], traces.Select(t => Str(t, "mode")));
        Assert.Equal([0.1, 0.9, 4.2], Doubles(traces[0], "y"));
        Assert.Equal([0.0, 1, 2], Doubles(traces[1], "x"));
        Assert.Equal([0.0, 1, 4], Doubles(traces[1], "y"));
        Assert.Equal([-0.5, 3.5], Doubles(traces[2], "y"));
    }

    [Fact]
    public void ScatterWithCurves_BadInput_ThrowsNamingTheCurve()
    {
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Charts.ScatterWithCurves([1, 2], [1], [])).ParamName);
        var e = Assert.Throws<ArgumentException>(() => Charts.ScatterWithCurves([1, 2], [1, 2], [new Series("ok", [1], [1]), new Series("bad", [1, 2], [1])]));
        Assert.Equal("curves[1].Y", e.ParamName);
        Assert.Contains("curves[1].Y has 1 values but curves[1].X has 2", e.Message);
        Assert.Equal("curves[0].Y", Assert.Throws<ArgumentException>(() => Charts.ScatterWithCurves([1], [1], [new Series("nan", [1], [double.NaN])])).ParamName);
        Assert.Throws<ArgumentNullException>(() => Charts.ScatterWithCurves([1], [1], null!));
        Assert.Throws<ArgumentNullException>(() => Charts.ScatterWithCurves([1], [1], [null!]));
    }
}
