using CsCheck;
using LinReg.Numerics;

namespace LinReg.Tests.Numerics;

/// <summary>Error-free transformations, checked in exact rational arithmetic (an independent oracle).</summary>
public class DoubleDoubleTests
{
    private const string Seed = "0N0XIzNsQ0O2";

    private static readonly Gen<double> Moderate = Gen.Double[-1e100, 1e100];

    [Fact]
    public void TwoProduct_RandomDoubles_IsExact()
    {
        Gen.Select(Moderate, Moderate).Sample((a, b) =>
        {
            double p = DoubleDouble.TwoProduct(a, b, out double e);
            Assert.Equal(Rational.FromDouble(a) * Rational.FromDouble(b), Rational.FromDouble(p) + Rational.FromDouble(e));
        }, iter: 1000, seed: Seed);
    }

    [Fact]
    public void TwoSum_RandomDoubles_IsExact()
    {
        Gen.Select(Moderate, Gen.Double[-1, 1]).Sample((a, b) =>
        {
            double s = DoubleDouble.TwoSum(a, b, out double e);
            Assert.Equal(Rational.FromDouble(a) + Rational.FromDouble(b), Rational.FromDouble(s) + Rational.FromDouble(e));
        }, iter: 1000, seed: Seed);
    }

    [Fact]
    public void Parse_OneTenth_CarriesWhatDoubleLoses()
    {
        var dd = DoubleDouble.Parse("0.1");

        Assert.Equal(0.1, dd.Hi);
        Assert.NotEqual(0.0, dd.Lo);
        // |hi + lo − 1/10| ≤ 2^-106 · 1/10
        var err = Rational.Abs(dd.ToRational() - new Rational(1, 10)).ToDouble();
        Assert.True(err < Math.ScaleB(0.1, -105), $"error {err:G3}");
    }

    [Fact]
    public void Arithmetic_ThirdTimesThree_IsOneToDoubleDoublePrecision()
    {
        var third = DoubleDouble.FromRational(new Rational(1, 3));

        var one = third * 3.0;
        var quotient = (DoubleDouble)1.0 / 3.0;
        var sum = third + third + third;

        Assert.True(Math.Abs((one - 1.0).Hi) < 1e-31);
        Assert.True(Math.Abs((quotient - third).Hi) < 1e-32);
        Assert.True(Math.Abs((sum - 1.0).Hi) < 1e-31);
    }
}
