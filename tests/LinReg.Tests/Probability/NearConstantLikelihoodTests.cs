using LinReg.Data;
using LinReg.Probability;

namespace LinReg.Tests.Probability;

/// <summary>
/// Issue 12 §1 in the likelihood fits: when the targets are constant (14.62 is not exact in binary) or a line fits
/// them to rounding, σ̂ (or ŝ) is 0 in exact arithmetic and the likelihood unbounded — the fit must refuse, not return
/// a σ̂ made of rounding noise.
/// </summary>
public class NearConstantLikelihoodTests
{
    [Fact]
    public void FitGaussian_ConstantTargetsNotExactInBinary_Throws()
    {
        int n = 1000;
        var data = new Dataset(Enumerable.Range(0, n).Select(i => (double)i).ToArray(), Enumerable.Repeat(14.62, n).ToArray(), 1);

        var ex = Assert.Throws<ArgumentException>(() => MaximumLikelihood.FitGaussian(data));

        Assert.Equal("data", ex.ParamName);
        Assert.Contains("14.62", ex.Message);
    }

    [Fact]
    public void FitLaplace_TargetsOnALineUpToRounding_Throws()
    {
        // y = 0.1 + 0.3·x exactly in decimal; in binary every yᵢ carries its own rounding, so the least-absolute-deviations
        // line leaves residuals of rounding size (≈ 1e-16 of y), not a spread: ŝ would be noise and the likelihood unbounded.
        int n = 200;
        double[] x = Enumerable.Range(0, n).Select(i => 0.7 * i).ToArray();
        double[] y = x.Select(v => 0.1 + 0.3 * v).ToArray();

        var ex = Assert.Throws<ArgumentException>(() => MaximumLikelihood.FitLaplace(new Dataset(x, y, 1)));

        Assert.Equal("data", ex.ParamName);
    }
}
