using LinReg.Metrics;
using LinReg.Numerics;
using LinReg.Tests.Data;

namespace LinReg.Tests.Metrics;

/// <summary>
/// Issue 12 §1 in the metrics and residual diagnostics: a constant sequence whose value is not exact in binary
/// (14.62, 0.1) must be recognised as constant — R² and correlations are undefined, spreads are 0, means are the value
/// itself. Expected values need no floating point: the mean of n copies of v is v, their spread is 0.
/// </summary>
public class NearConstantMetricsTests
{
    private static double[] Copies(double v, int n) => Enumerable.Repeat(v, n).ToArray();

    private static double[] Ramp(int n) => Enumerable.Range(0, n).Select(i => (double)i).ToArray();

    /// <summary>14.62 and the next double above it, alternating: a spread of half a unit in the last place.</summary>
    private static double[] UlpNoise(double c, int n) =>
        Enumerable.Range(0, n).Select(i => i % 2 == 0 ? c : Math.BitIncrement(c)).ToArray();

    [Theory]
    [InlineData(14.62)]
    [InlineData(0.1)]
    public void R2_ConstantTargetsNotExactInBinary_ThrowsUndefined(double v)
    {
        double[] y = Copies(v, 1000);

        var ex = Assert.Throws<ArgumentException>(() => RegressionMetrics.R2(Ramp(1000), y));

        Assert.Equal("y", ex.ParamName);
        Assert.Contains("undefined", ex.Message);
        Assert.Contains(Format.Num(v), ex.Message);   // the message quotes the value, not 14.620000000000298
    }

    [Fact]
    public void R2_TargetsWithinAnUlpOfEachOther_ThrowsUndefined()
    {
        var ex = Assert.Throws<ArgumentException>(() => RegressionMetrics.R2(Ramp(1000), UlpNoise(14.62, 1000)));
        Assert.Equal("y", ex.ParamName);
    }

    [Fact]
    public void R2_TinyButRealSpread_IsStillComputed()
    {
        // relative spread 1e-12 is far above rounding: R² is defined; a perfect prediction gives exactly 1.
        double[] y = Enumerable.Range(0, 100).Select(i => 14.62 * (1 + 1e-12 * (i % 7))).ToArray();
        Assert.Equal(1.0, RegressionMetrics.R2(y, y));
    }

    [Theory]
    [InlineData(14.62)]
    [InlineData(0.1)]
    [InlineData(10000000.1)]
    public void MeanBaseline_ConstantTargets_PredictsTheValueItself(double v)
    {
        // documented: the baseline's R² on the training set is exactly 0 — which needs ȳ of n copies of v to be v.
        var b = MeanBaseline.Fit(Copies(v, 1000));
        Assert.Equal(v, b.Value);
    }

    [Fact]
    public void MeanBaseline_NumAcc4LikeTargets_MeanAgreesWithExactTo15Digits()
    {
        double[] y = [10000000.2, .. Enumerable.Range(0, 1000).Select(i => i % 2 == 0 ? 10000000.1 : 10000000.3)];
        var exact = StandardizerNearConstantTests.ExactMoments(y);
        Assert.True(StandardizerNearConstantTests.Lre(MeanBaseline.Fit(y).Value, exact.Mean) >= 15);
    }

    [Fact]
    public void Correlation_ConstantSequenceNotExactInBinary_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => ResidualDiagnostics.Correlation(Copies(14.62, 1000), Ramp(1000)));
        Assert.Equal("a", ex.ParamName);
        var ex2 = Assert.Throws<ArgumentException>(() => ResidualDiagnostics.Correlation(Ramp(1000), UlpNoise(0.1, 1000)));
        Assert.Equal("b", ex2.ParamName);
    }

    [Fact]
    public void CurvatureCorrelation_ConstantX_Throws()
    {
        Assert.Throws<ArgumentException>(() => ResidualDiagnostics.CurvatureCorrelation(Copies(14.62, 1000), Ramp(1000)));
    }

    [Fact]
    public void Binned_ConstantResiduals_MeanIsTheValueAndSpreadIsZero()
    {
        var bins = ResidualDiagnostics.Binned(Ramp(999), Copies(0.1, 999), 3);
        Assert.All(bins, b =>
        {
            Assert.Equal(0.1, b.Mean);
            Assert.Equal(0.0, b.Std);
        });
    }

    [Fact]
    public void ByGroup_ConstantXInAGroup_SlopeIsUndefinedAndSpreadZero()
    {
        // group "a": x constant 14.62 (no slope can be fitted); group "b": x = 0..499, r = 0.5·x + 1 (slope 0.5)
        int n = 500;
        var labels = Enumerable.Range(0, 2 * n).Select(i => i < n ? "a" : "b").ToArray();
        var x = Copies(14.62, n).Concat(Ramp(n)).ToArray();
        var r = Copies(0.1, n).Concat(Ramp(n).Select(v => 0.5 * v + 1)).ToArray();

        var groups = ResidualDiagnostics.ByGroup(labels, r, x);

        Assert.True(double.IsNaN(groups[0].Slope), $"slope in a constant-x group: {groups[0].Slope}");
        Assert.Equal(0.1, groups[0].Mean);
        Assert.Equal(0.0, groups[0].Std);
        Assert.Equal(0.5, groups[1].Slope, 1e-14);
    }

    [Fact]
    public void SpreadRatio_BottomResidualsConstant_Throws()
    {
        double[] fitted = Ramp(999).Select(v => v + 1).ToArray();
        double[] r = fitted.Select((f, i) => i < 333 ? 0.1 : 0.01 * (i % 10)).ToArray();
        var ex = Assert.Throws<ArgumentException>(() => ResidualDiagnostics.SpreadRatio(fitted, r));
        Assert.Equal("residuals", ex.ParamName);
    }

    [Fact]
    public void SpreadRatio_PerfectFitWithRoundingNoise_Throws()
    {
        // ŷ = 0.1·i + 0.2·i and y = 0.3·i are the same line; their difference is rounding noise of the fitted values'
        // size, not a spread of the residuals: the ratio of two such noises means nothing.
        int n = 300;
        double[] fitted = Enumerable.Range(1, n).Select(i => 0.1 * i + 0.2 * i).ToArray();
        double[] r = Enumerable.Range(1, n).Select(i => fitted[i - 1] - 0.3 * i).ToArray();
        Assert.Contains(r, v => v != 0);   // the noise is there

        Assert.Throws<ArgumentException>(() => ResidualDiagnostics.SpreadRatio(fitted, r));
    }
}
