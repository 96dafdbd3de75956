using LinReg.Experiments;

namespace LinReg.Tests.Experiments;

/// <summary>
/// Issue 12 §1, the zero-norm kind: "is this vector zero?" must not be decided by a sum of squares that underflows to 0
/// (or overflows to ∞) for vectors whose direction is perfectly defined. The cosine is scale-free: cos∠(ca, b) =
/// cos∠(a, b) for c &gt; 0, which gives the expected values.
/// </summary>
public class CosineRangeTests
{
    [Theory]
    [InlineData(1e-200)]   // aᵀa = 1e-400 underflows to 0
    [InlineData(1e-160)]
    [InlineData(1e160)]    // aᵀa = 1e320 overflows to ∞
    [InlineData(1e300)]
    public void Cosine_TinyOrHugeVectors_SameAsAtUnitScale(double c)
    {
        double[] a = [3, 4], b = [4, 3];                  // cos = 24/25 at any common scale
        double[] ca = a.Select(v => c * v).ToArray(), cb = b.Select(v => c * v).ToArray();

        Assert.Equal(24.0 / 25, GradientNoise.Cosine(ca, cb), 1e-15);
        Assert.Equal(24.0 / 25, GradientNoise.Cosine(ca, b), 1e-15);
    }

    [Fact]
    public void Cosine_ExactlyZeroVector_StillThrows()
    {
        var ex = Assert.Throws<ArgumentException>(() => GradientNoise.Cosine([0.0, 0.0], [1.0, 2.0]));
        Assert.Equal("a", ex.ParamName);
    }
}
