using LinReg.Metrics;

namespace LinReg.Tests.Metrics;

public class ResidualDiagnosticsTests
{
    [Fact]
    public void Binned_HandData_SplitsByXIntoEqualCounts()
    {
        double[] x = [5, 1, 4, 2, 6, 3];
        double[] r = [10, -1, 8, 1, 12, 0];   // sorted by x: r = −1, 1 | 0, 8 | 10, 12
        var bins = ResidualDiagnostics.Binned(x, r, 3);
        Assert.Equal(3, bins.Count);
        Assert.Equal((1.0, 2.0, 1.5, 2, 0.0, 1.0), (bins[0].Lower, bins[0].Upper, bins[0].Center, bins[0].Count, bins[0].Mean, bins[0].Std));
        Assert.Equal(4.0, bins[1].Mean, 15);
        Assert.Equal(4.0, bins[1].Std, 15);
        Assert.Equal(11.0, bins[2].Mean, 15);
    }

    [Fact]
    public void SpreadRatio_FanTwiceAsWide_IsTwo()
    {
        double[] fitted = [1, 2, 3, 4, 5, 6];
        double[] r = [-1, 1, 0, 0, -2, 2];   // bottom third ±1 (std 1), top third ±2 (std 2)
        Assert.Equal(2.0, ResidualDiagnostics.SpreadRatio(fitted, r), 15);
        Assert.Throws<ArgumentException>(() => ResidualDiagnostics.SpreadRatio([1.0, 2, 3], [0.0, 1, 2]));   // 1 per group
        Assert.Throws<ArgumentOutOfRangeException>(() => ResidualDiagnostics.SpreadRatio(fitted, r, 0.7));
    }

    [Fact]
    public void CurvatureCorrelation_ResidualIsSquareOfCenteredX_IsOne()
    {
        double[] x = [-2, -1, 0, 1, 2, 3];
        double mean = x.Average();
        double[] r = x.Select(v => 3 * (v - mean) * (v - mean) - 1).ToArray();
        Assert.Equal(1.0, ResidualDiagnostics.CurvatureCorrelation(x, r), 14);
        Assert.Equal(-1.0, ResidualDiagnostics.CurvatureCorrelation(x, r.Select(v => -v).ToArray()), 14);
    }

    [Fact]
    public void Correlation_RandomData_MatchesMathNetPearson()
    {
        var rng = new Random(4);
        double[] a = Enumerable.Range(0, 50).Select(_ => rng.NextDouble()).ToArray();
        double[] b = a.Select(v => v + rng.NextDouble()).ToArray();
        Assert.Equal(MathNet.Numerics.Statistics.Correlation.Pearson(a, b), ResidualDiagnostics.Correlation(a, b), 13);
        Assert.Throws<ArgumentException>(() => ResidualDiagnostics.Correlation([1.0, 1.0], [1.0, 2.0]));
    }

    [Fact]
    public void ByGroup_HandData_MeansSpreadsAndSlopesPerLabel()
    {
        string[] g = ["b", "a", "b", "a", "b", "a"];
        double[] x = [0, 0, 1, 1, 2, 2];
        double[] r = [1, -1, 3, -2, 5, -3];   // a: −1, −2, −3 (slope −1); b: 1, 3, 5 (slope 2)
        var groups = ResidualDiagnostics.ByGroup(g, r, x);
        Assert.Equal(["a", "b"], groups.Select(q => q.Label));
        Assert.Equal(-2.0, groups[0].Mean, 15);
        Assert.Equal(-1.0, groups[0].Slope, 15);
        Assert.Equal(3.0, groups[1].Mean, 15);
        Assert.Equal(2.0, groups[1].Slope, 15);
        Assert.Equal(Math.Sqrt(8.0 / 3), groups[1].Std, 15);
        Assert.True(double.IsNaN(ResidualDiagnostics.ByGroup(g, r)[0].Slope));
    }

    [Fact]
    public void Diagnostics_BadInput_ThrowNamingTheProblem()
    {
        var len = Assert.Throws<ArgumentException>(() => ResidualDiagnostics.Binned([1.0, 2], [1.0], 1));
        Assert.Contains("2", len.Message);
        var nan = Assert.Throws<ArgumentException>(() => ResidualDiagnostics.Binned([1.0, double.NaN], [1.0, 2], 1));
        Assert.Contains("x[1] is NaN", nan.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ResidualDiagnostics.Binned([1.0, 2], [1.0, 2], 3));
        Assert.Throws<ArgumentException>(() => ResidualDiagnostics.ByGroup(["a"], [1.0, 2]));
    }
}
