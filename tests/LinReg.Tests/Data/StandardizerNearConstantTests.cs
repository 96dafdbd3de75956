using System.Numerics;
using LinReg.Data;
using LinReg.Numerics;

namespace LinReg.Tests.Data;

/// <summary>
/// Issue 12 §1: "is it constant?" must not be decided by exact equality of a naively computed spread. Expected values
/// come from facts that need no floating point: the mean of n copies of v is v, and exact rational arithmetic on the
/// doubles themselves.
/// </summary>
public class StandardizerNearConstantTests
{
    private static Dataset Column(double[] values) => new(values, new double[values.Length], 1);

    [Theory]
    [InlineData(14.62, 1000)]      // the reported case: a naive mean gives 14.620000000000298, the scale 2.98e-13
    [InlineData(0.1, 1000)]
    [InlineData(-123.456, 777)]
    [InlineData(10000000.1, 1001)]
    [InlineData(2.0 / 3.0, 5000)]
    [InlineData(1e-300 / 3, 1000)]
    public void Fit_ManyCopiesOfAValueNotExactInBinary_IsFlaggedConstantAndMapsToZero(double value, int n)
    {
        var data = Column(Enumerable.Repeat(value, n).ToArray());

        var s = Standardizer.Fit(data);

        // the mean of n copies of v is exactly v; a constant column is centered, not scaled (documented: s taken as 1)
        Assert.Equal(value, s.Mean[0]);
        Assert.Equal(1.0, s.Scale[0]);
        Assert.Equal([0], s.ConstantColumns);
        Assert.All(s.Transform(data).X, z => Assert.Equal(0.0, z));
    }

    [Fact]
    public void Fit_ValuesOneUnitInTheLastPlaceApart_IsFlaggedConstant()
    {
        // 14.62 and the next double above it, alternating: a spread of half an ulp (≈ 1.8e-15), which is what two
        // routes of arithmetic to "the same" number produce. Documented rule: spread ≤ 8ε·max|x| counts as constant.
        double a = 14.62, b = Math.BitIncrement(14.62);
        var data = Column(Enumerable.Range(0, 1000).Select(i => i % 2 == 0 ? a : b).ToArray());

        var s = Standardizer.Fit(data);

        Assert.Equal([0], s.ConstantColumns);
        Assert.Equal(1.0, s.Scale[0]);
    }

    [Fact]
    public void Fit_SpreadJustAboveTheTolerance_IsNotConstant()
    {
        // values c ± 1e-13·c: relative spread 1e-13 ≫ 8ε ≈ 1.8e-15, a real (if tiny) spread: scaled, not flagged.
        double c = 14.62, h = 1e-13 * c;
        var data = Column(Enumerable.Range(0, 1000).Select(i => i % 2 == 0 ? c - h : c + h).ToArray());

        var s = Standardizer.Fit(data);

        Assert.Empty(s.ConstantColumns);
        var exact = ExactMoments(data.X);
        Assert.True(Lre(s.Scale[0] * s.Scale[0], exact.Variance) >= 13, $"scale {s.Scale[0]:R}");
    }

    [Fact]
    public void Fit_NistNumAcc4LikeData_MeanAndSdAgreeWithExactArithmeticOnTheDoublesTo13Digits()
    {
        // Built like NIST StRD's univariate NumAcc4: 1001 values, 10000000.2 then 10000000.1, 10000000.3 alternating.
        // Only the last decimal differs; the spread is 1e-8 of the magnitude.
        string[] decimals = ["10000000.2", .. Enumerable.Range(0, 1000).Select(i => i % 2 == 0 ? "10000000.1" : "10000000.3")];
        double[] x = decimals.Select(t => double.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var s = Standardizer.Fit(Column(x));

        // Independent reference: the exact mean and population variance OF THE DOUBLES (rational arithmetic).
        var exact = ExactMoments(x);
        Assert.True(Lre(s.Mean[0], exact.Mean) >= 13, $"mean {s.Mean[0]:R}: LRE {Lre(s.Mean[0], exact.Mean):F1}");
        // s² against the exact variance: |s² − V|/V ≈ 2·|s − √V|/√V, so LRE(s²) ≥ 13.4 gives LRE(s) ≥ 13.7.
        Assert.True(Lre(s.Scale[0] * s.Scale[0], exact.Variance) >= 13.4,
            $"sd {s.Scale[0]:R}: LRE of s² {Lre(s.Scale[0] * s.Scale[0], exact.Variance):F1}");
        Assert.Empty(s.ConstantColumns);

        // Why not NIST's certified (decimal) SD? Rounding each decimal to the nearest double moves a value by up to
        // ulp(1e7)/2 ≈ 9.3e-10, i.e. ≈ 1e-8 of the deviations (≈ 0.1) — so the SD of the doubles differs from the SD of
        // the decimals in about the 9th digit, before any arithmetic (FIELD-NOTES). No double computation can reach the
        // certificate's 15 digits; the statistics of the doubles are the attainable target.
        var decimalVariance = ExactMoments(decimals.Select(Rational.Parse).ToArray()).Variance;
        double inputRounding = Math.Abs((exact.Variance - decimalVariance).ToDouble() / decimalVariance.ToDouble());
        Assert.InRange(inputRounding, 1e-10, 1e-6);
    }

    [Fact]
    public void Fit_ConstantColumnBesideARealOne_FlagsOnlyTheConstantOne()
    {
        var rows = Enumerable.Range(0, 500).Select(i => new[] { 0.1 * i, 14.62 }).ToArray();
        var data = Dataset.FromRows(rows, new double[500]);

        var s = Standardizer.Fit(data);

        Assert.Equal([1], s.ConstantColumns);
        Assert.Equal(14.62, s.Mean[1]);
        var z = s.Transform(data);
        for (int i = 0; i < 500; i++) Assert.Equal(0.0, z.X[2 * i + 1]);
    }

    [Theory]
    [InlineData(1e-170)]   // squared deviations ≈ 1e-340 underflow to 0 in plain double: a real spread must not read as 0
    [InlineData(1e300)]    // a plain sum of 1000 such values overflows to ∞
    public void Fit_ExtremeMagnitudes_SpreadIsMeasuredNotUnderflowedOrOverflowed(double unit)
    {
        double[] x = Enumerable.Range(0, 1000).Select(i => unit * (1 + i % 3)).ToArray();   // unit × {1, 2, 3}

        var s = Standardizer.Fit(Column(x));

        var exact = ExactMoments(x);
        Assert.Empty(s.ConstantColumns);
        Assert.True(Lre(s.Mean[0], exact.Mean) >= 15, $"mean {s.Mean[0]:R}");
        // compare s/unit with √(V)/unit: s² itself would leave the double range
        var v = exact.Variance / (Rational.FromDouble(unit) * Rational.FromDouble(unit));
        Assert.True(Lre(s.Scale[0] / unit * (s.Scale[0] / unit), v) >= 14, $"scale {s.Scale[0]:R}");
    }

    internal static (Rational Mean, Rational Variance) ExactMoments(double[] x) =>
        ExactMoments(x.Select(Rational.FromDouble).ToArray());

    internal static (Rational Mean, Rational Variance) ExactMoments(Rational[] x)
    {
        var sum = Rational.Zero;
        foreach (var v in x) sum += v;
        var mean = sum / new Rational(new BigInteger(x.Length), BigInteger.One);
        var ss = Rational.Zero;
        foreach (var v in x) ss += (v - mean) * (v - mean);
        return (mean, ss / new Rational(new BigInteger(x.Length), BigInteger.One));
    }

    /// <summary>Log relative error −log10(|got − exact|/|exact|) against an exact rational, computed exactly.</summary>
    internal static double Lre(double got, Rational exact)
    {
        var diff = Rational.Abs(Rational.FromDouble(got) - exact);
        if (diff.IsZero) return 17;
        return -Math.Log10((diff / Rational.Abs(exact)).ToDouble());
    }
}
