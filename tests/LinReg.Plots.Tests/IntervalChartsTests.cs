using LinReg.Solvers;
using static LinReg.Plots.Tests.ChartJson;

namespace LinReg.Plots.Tests;

public class IntervalChartsTests
{
    private static readonly ConfidenceInterval[] Three =
    [
        new(1.9, 2.1, 0.95),   // covers 2
        new(2.05, 2.2, 0.95),  // misses
        new(1.95, 2.0, 0.95),  // covers (the end counts)
    ];

    [Fact]
    public void Coverage_OneBarPerIntervalAtItsIndex_ColouredByWhetherItCovers()
    {
        var traces = Traces(IntervalCharts.Coverage(Three, truth: 2.0));

        Assert.Equal(4, traces.Length);
        Assert.Equal([1.9, 2.1], Doubles(traces[0], "x"));
        Assert.Equal([1.0, 1.0], Doubles(traces[0], "y"));
        Assert.Equal([3.0, 3.0], Doubles(traces[2], "y"));
        Assert.Equal(["covers the truth (2)", "misses (1)", "covers the truth (2)"], traces.Take(3).Select(t => Str(t, "name")));
        string Colour(int k) => traces[k].GetProperty("line").GetProperty("color").GetString()!;
        Assert.Equal(Colour(0), Colour(2));
        Assert.NotEqual(Colour(0), Colour(1));
        // the legend: once per kind
        Assert.True(traces[0].GetProperty("showlegend").GetBoolean());
        Assert.True(traces[1].GetProperty("showlegend").GetBoolean());
        Assert.False(traces[2].GetProperty("showlegend").GetBoolean());
        var truth = traces[3];
        Assert.Equal("true value", Str(truth, "name"));
        Assert.Equal([2.0, 2.0], Doubles(truth, "x"));
        Assert.Equal([0.5, 3.5], Doubles(truth, "y"));
        Assert.Equal("dash", truth.GetProperty("line").GetProperty("dash").GetString());
    }

    [Fact]
    public void Coverage_BadInput_ThrowsNamingIt()
    {
        Assert.Throws<ArgumentNullException>(() => IntervalCharts.Coverage(null!, 1));
        Assert.Equal("intervals", Assert.Throws<ArgumentException>(() => IntervalCharts.Coverage([], 1)).ParamName);
        var ex = Assert.Throws<ArgumentException>(() => IntervalCharts.Coverage([new(1, 2, 0.95), new(3, double.NaN, 0.95)], 1));
        Assert.Contains("intervals[1]", ex.Message);
        Assert.Contains("intervals[0]", Assert.Throws<ArgumentException>(() => IntervalCharts.Coverage([new(2, 1, 0.95)], 1)).Message);
        Assert.Equal("truth", Assert.Throws<ArgumentOutOfRangeException>(() => IntervalCharts.Coverage(Three, double.PositiveInfinity)).ParamName);
    }
}
