using LinReg.Fast;
using LinReg.Solvers;

namespace LinReg.Tests.Solvers;

/// <summary>
/// Issue 12 §1 in the least-squares result: R² = 1 − RSS/TSS is undefined when the targets are constant — also when
/// they are "constant up to rounding" (values one unit in the last place apart), where TSS is rounding noise and the
/// ratio RSS/TSS means nothing.
/// </summary>
public class NearConstantTargetTests
{
    private static (double[] X, double[] Y) Data(Func<int, double> y, int n = 200)
    {
        var x = Enumerable.Range(0, n).Select(i => Math.Sin(i) * 3).ToArray();
        return (x, Enumerable.Range(0, n).Select(y).ToArray());
    }

    public static TheoryData<LeastSquaresMethod> Methods => new(Enum.GetValues<LeastSquaresMethod>());

    [Theory]
    [MemberData(nameof(Methods))]
    public void RSquared_TargetsWithinAnUlpOfEachOther_IsNaN(LeastSquaresMethod method)
    {
        var (x, y) = Data(i => i % 2 == 0 ? 14.62 : Math.BitIncrement(14.62));

        var fit = LeastSquares.Fit(x, x.Length, 1, y, method);
        var fast = FastLeastSquares.Fit(x, x.Length, 1, y, method);

        Assert.True(double.IsNaN(fit.RSquared), $"{method}: R² = {fit.RSquared}");
        Assert.True(double.IsNaN(fast.RSquared), $"fast {method}: R² = {fast.RSquared}");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void RSquared_ConstantTargetsNotExactInBinary_IsNaN(LeastSquaresMethod method)
    {
        var (x, y) = Data(_ => 14.62);
        Assert.True(double.IsNaN(LeastSquares.Fit(x, x.Length, 1, y, method).RSquared));
    }

    [Fact]
    public void RSquared_TinyButRealSpread_IsComputed()
    {
        // y = 14.62 + 1e-10·x: a real spread (relative 1e-11, far above rounding) that a line explains completely.
        var (x, _) = Data(_ => 0);
        double[] y = x.Select(v => 14.62 + 1e-10 * v).ToArray();
        var fit = LeastSquares.Fit(x, x.Length, 1, y);
        Assert.InRange(fit.RSquared, 0.99, 1.0);
    }
}
