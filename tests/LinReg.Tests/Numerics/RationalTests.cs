using System.Globalization;
using System.Numerics;
using CsCheck;
using LinReg.Numerics;

namespace LinReg.Tests.Numerics;

/// <summary>
/// Exact rationals. Oracles: hand arithmetic, the IEEE-754 guarantee that double division and .NET's double.Parse
/// are correctly rounded, and the bit layout of doubles.
/// </summary>
public class RationalTests
{
    private const string Seed = "0N0XIzNsQ0O2";

    [Theory]
    // -6860120914/10^9, both halved once (gcd 2): -3430060457/500000000
    [InlineData("-6.860120914", "-3430060457/500000000")]
    // 670191154593408/10^16; the numerator is 2^7 · 5235868395261 (odd, not a multiple of 5), so gcd = 2^7
    [InlineData("0.670191154593408E-01", "5235868395261/78125000000000")]
    public void Parse_NistDecimal_IsExact(string text, string expected)
    {
        Assert.Equal(expected, Rational.Parse(text).ToString());
    }

    [Theory]
    [InlineData("557028453333333.", "557028453333333")]
    [InlineData("0.835542680000000E+16", "8355426800000000")]
    [InlineData("+2.5", "5/2")]
    [InlineData("-.5", "-1/2")]
    [InlineData("  13/5 ", "13/5")]
    [InlineData("26/-10", "-13/5")]
    [InlineData("0.000", "0")]
    [InlineData("1e-3", "1/1000")]
    public void Parse_Forms_GiveLowestTerms(string text, string expected)
    {
        Assert.Equal(expected, Rational.Parse(text).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("1e")]
    [InlineData("5/0")]
    [InlineData("--1")]
    public void Parse_Garbage_ThrowsFormatExceptionQuotingText(string text)
    {
        var ex = Assert.Throws<FormatException>(() => Rational.Parse(text));

        Assert.Contains($"\"{text}\"", ex.Message);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => Rational.Parse(null!));
    }

    [Fact]
    public void FromDouble_PointOne_IsItsExactBinaryValue()
    {
        // 0.1 = 0x3FB999999999999A = 7205759403792794 · 2^-56 = 3602879701896397 / 2^55
        var r = Rational.FromDouble(0.1);

        Assert.Equal(new BigInteger(3602879701896397), r.Numerator);
        Assert.Equal(BigInteger.One << 55, r.Denominator);
        Assert.NotEqual(new Rational(1, 10), r);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void FromDouble_NonFinite_ThrowsQuotingValue(double value)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Rational.FromDouble(value));

        Assert.Contains(value.ToString(CultureInfo.InvariantCulture), ex.Message);
    }

    [Fact]
    public void FromDoubleThenToDouble_RandomDoubles_RoundTrips()
    {
        Gen.Double.Where(double.IsFinite).Sample(x =>
        {
            Assert.Equal(x, Rational.FromDouble(x).ToDouble());
        }, iter: 2000, seed: Seed);
    }

    [Fact]
    public void ToDouble_RatiosOfExactIntegers_MatchesIeeeDivision()
    {
        // a and b are exact doubles, so IEEE a/b is the correctly rounded quotient: an independent oracle.
        Gen.Select(Gen.Long[-(1L << 53), 1L << 53], Gen.Long[1, 1L << 53]).Sample((a, b) =>
        {
            Assert.Equal((double)a / b, new Rational(a, b).ToDouble());
        }, iter: 2000, seed: Seed);
    }

    [Fact]
    public void ToDouble_DecimalStrings_MatchesDoubleParse()
    {
        // .NET's double.Parse is correctly rounded (IEEE-compliant since .NET Core 3.0).
        Gen.Select(Gen.Long[-999_999_999_999_999L, 999_999_999_999_999L], Gen.Int[-30, 30]).Sample((m, e) =>
        {
            string s = m.ToString(CultureInfo.InvariantCulture) + "E" + e.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(double.Parse(s, CultureInfo.InvariantCulture), Rational.Parse(s).ToDouble());
        }, iter: 2000, seed: Seed);
    }

    [Fact]
    public void ToDouble_TieCases_RoundToEven()
    {
        // 2^53 + 1 is exactly halfway between 2^53 and 2^53 + 2: ties to even → 2^53. 2^53 + 3 → 2^53 + 4.
        Assert.Equal(9007199254740992.0, new Rational((BigInteger.One << 53) + 1, 1).ToDouble());
        Assert.Equal(9007199254740996.0, new Rational((BigInteger.One << 53) + 3, 1).ToDouble());
    }

    [Fact]
    public void Arithmetic_HandComputed_IsExact()
    {
        var a = new Rational(1, 3);
        var b = new Rational(1, 6);

        Assert.Equal("1/2", (a + b).ToString());
        Assert.Equal("1/6", (a - b).ToString());
        Assert.Equal("1/18", (a * b).ToString());
        Assert.Equal("2", (a / b).ToString());
        Assert.Equal("-1/3", (-a).ToString());
        Assert.Equal("13/5", (new Rational(13, 1) / 5).ToString()); // the seed's worked example 2: 13/5
        Assert.True(b < a);
        Assert.Equal("1/27", Rational.Pow(a, 3).ToString());
        Assert.Equal("27", Rational.Pow(a, -3).ToString());
        Assert.Equal(Rational.Zero, default(Rational));
        Assert.Equal("0", default(Rational).ToString());
    }

    [Fact]
    public void Divide_ByZero_Throws()
    {
        Assert.Throws<DivideByZeroException>(() => Rational.One / Rational.Zero);
        Assert.Throws<DivideByZeroException>(() => new Rational(1, 0));
    }

    [Theory]
    [InlineData("-1467.489614229795", 15, "-1.46748961422980E+03")] // half away from zero: ...795 → ...80
    [InlineData("0.0000402962525080404", 3, "4.03E-05")]
    [InlineData("13/5", 2, "2.6E+00")]
    [InlineData("0", 3, "0.00E+00")]
    public void ToScientificString_Rounds(string value, int digits, string expected)
    {
        Assert.Equal(expected, Rational.Parse(value).ToScientificString(digits));
    }
}
