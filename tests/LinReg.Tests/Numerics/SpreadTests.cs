using CsCheck;
using LinReg.Numerics;
using LinReg.Tests.Data;

namespace LinReg.Tests.Numerics;

/// <summary>
/// The library's one accurate mean/spread and its one rule for "constant" (issue 12 §1), checked against exact rational
/// arithmetic on the doubles themselves (an independent oracle).
/// </summary>
public class SpreadTests
{
    private const string Seed = "0N0XIzNsQ0O2";

    /// <summary>Data with a large offset and a small spread: the regime where a naive two-pass loses digits.</summary>
    private static readonly Gen<double[]> OffsetData =
        from n in Gen.Int[2, 300]
        from offset in Gen.Double[-1e9, 1e9]
        from spread in Gen.Double[1e-6, 1e3]
        from u in Gen.Double[-1, 1].Array[n]
        select u.Select(v => offset + spread * v).ToArray();

    [Fact]
    public void Of_RandomOffsetData_MeanAndVarianceMatchExactArithmetic()
    {
        OffsetData.Sample(x =>
        {
            var m = Spread.Of(x);
            var exact = StandardizerNearConstantTests.ExactMoments(x);
            if (exact.Variance.IsZero) return;   // all draws equal: covered below
            Assert.True(StandardizerNearConstantTests.Lre(m.Mean, exact.Mean) >= 15, $"mean {m.Mean:R}");
            double sq = m.StandardDeviation * m.StandardDeviation;
            Assert.True(StandardizerNearConstantTests.Lre(sq, exact.Variance) >= 13.5, $"sd {m.StandardDeviation:R}");
            Assert.Equal(x.Max(Math.Abs), m.MaxAbs);
        }, iter: 200, seed: Seed);
    }

    [Fact]
    public void Of_CopiesOfOneValue_MeanIsTheValueAndTheSequenceIsConstant()
    {
        Gen.Select(Gen.Double[-1e300, 1e300], Gen.Int[1, 3000]).Sample((v, n) =>
        {
            var m = Spread.Of(Enumerable.Repeat(v, n).ToArray());
            Assert.Equal(v, m.Mean);
            Assert.True(m.IsConstant);
        }, iter: 200, seed: Seed);
    }

    [Fact]
    public void IsConstant_RuleIsEightEpsilonOfTheLargestMagnitude()
    {
        // The documented threshold: s ≤ 2⁻⁴⁹·max|x|. Two values c ± h have s = h exactly (population SD).
        Assert.Equal(8 * 2.220446049250313e-16, Spread.RelativeTolerance);
        double c = 1024;   // a power of two: c ± h exact for the h below
        Assert.True(Spread.Of([c - Math.ScaleB(1, -40), c + Math.ScaleB(1, -40)]).IsConstant);    // h = 2⁻⁴⁰ ≤ 2⁻⁴⁹·1024 = 2⁻³⁹
        Assert.False(Spread.Of([c - Math.ScaleB(1, -38), c + Math.ScaleB(1, -38)]).IsConstant);   // h = 2⁻³⁸ > 2⁻³⁹·(1 + tiny)
    }

    [Fact]
    public void Of_AllZeros_IsConstantWithMeanZero()
    {
        var m = Spread.Of(new double[10]);
        Assert.Equal((0.0, 0.0, 0.0, true), (m.Mean, m.StandardDeviation, m.MaxAbs, m.IsConstant));
    }

    [Fact]
    public void Of_StridedColumn_ReadsOnlyThatColumn()
    {
        double[] rowMajor = [1, 100, 2, 100, 3, 100];   // 3 rows × 2 columns
        var c0 = Spread.Of(rowMajor, 0, 2, 3);
        var c1 = Spread.Of(rowMajor, 1, 2, 3);
        Assert.Equal(2.0, c0.Mean);
        Assert.Equal(Math.Sqrt(2.0 / 3), c0.StandardDeviation, 1e-16);
        Assert.Equal((100.0, 0.0), (c1.Mean, c1.StandardDeviation));
    }
}
