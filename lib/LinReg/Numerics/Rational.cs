using System.Globalization;
using System.Numerics;
using System.Text;

namespace LinReg.Numerics;

/// <summary>
/// An exact rational number p/q with arbitrary-precision <see cref="BigInteger"/> numerator and denominator,
/// always kept in lowest terms with q &gt; 0. Every double and every finite decimal string ("-6.860120914",
/// "0.670191154593408E-01") converts to a <see cref="Rational"/> without any rounding, so small least-squares
/// problems can be solved exactly (see <see cref="Solvers.ExactLeastSquares"/>): the seed's worked example 2
/// gives exactly 13/5.
/// Taught in notebook 03 · The normal equation (worked example 2 in exact fractions).
/// </summary>
/// <remarks>
/// Arithmetic never rounds, so numbers grow: use it for small problems (tens of rows and columns), not for
/// million-row data. <c>default(Rational)</c> is zero.
/// </remarks>
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>, IComparable, IFormattable
{
    private readonly BigInteger _num;
    private readonly BigInteger _denMinusOne; // stored as q − 1 so that default(Rational) is 0/1

    private Rational(BigInteger num, BigInteger den, bool normalized)
    {
        _ = normalized;
        _num = num;
        _denMinusOne = den - BigInteger.One;
    }

    /// <summary>Creates numerator/denominator, reduced to lowest terms with a positive denominator.</summary>
    /// <param name="numerator">p.</param>
    /// <param name="denominator">q ≠ 0.</param>
    /// <exception cref="DivideByZeroException"><paramref name="denominator"/> is zero.</exception>
    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
            throw new DivideByZeroException($"Rational: denominator is 0 (numerator {numerator}).");
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }
        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!g.IsOne && !g.IsZero)
        {
            numerator /= g;
            denominator /= g;
        }
        if (numerator.IsZero) denominator = BigInteger.One;
        _num = numerator;
        _denMinusOne = denominator - BigInteger.One;
    }

    /// <summary>The numerator p (carries the sign).</summary>
    public BigInteger Numerator => _num;

    /// <summary>The denominator q (always ≥ 1).</summary>
    public BigInteger Denominator => _denMinusOne + BigInteger.One;

    /// <summary>0.</summary>
    public static Rational Zero => default;

    /// <summary>1.</summary>
    public static Rational One => new(BigInteger.One, BigInteger.One, true);

    /// <summary>−1, 0 or +1.</summary>
    public int Sign => _num.Sign;

    /// <summary>True when the value is 0.</summary>
    public bool IsZero => _num.IsZero;

    /// <summary>True when the denominator is 1.</summary>
    public bool IsInteger => _denMinusOne.IsZero;

    /// <summary>An integer as a rational.</summary>
    public static implicit operator Rational(int value) => new(value, BigInteger.One, true);

    /// <summary>An integer as a rational.</summary>
    public static implicit operator Rational(long value) => new(value, BigInteger.One, true);

    /// <summary>An integer as a rational.</summary>
    public static implicit operator Rational(BigInteger value) => new(value, BigInteger.One, true);

    /// <summary>The double nearest to the value (see <see cref="ToDouble"/>).</summary>
    public static explicit operator double(Rational value) => value.ToDouble();

    /// <summary>
    /// The exact value of a finite double: every double is m·2^e with integer m, so this loses nothing
    /// (0.1 becomes 3602879701896397/36028797018963968, not 1/10).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or ±∞.</exception>
    public static Rational FromDouble(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Rational.FromDouble: the value must be finite, got {value.ToString(CultureInfo.InvariantCulture)}.");
        if (value == 0) return Zero;
        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent = 1; // subnormal
        else mantissa |= 1L << 52;
        exponent -= 1075; // value = mantissa · 2^exponent
        BigInteger m = negative ? -mantissa : mantissa;
        return exponent >= 0
            ? new Rational(m << exponent, BigInteger.One)
            : new Rational(m, BigInteger.One << -exponent);
    }

    /// <summary>
    /// Parses a decimal number exactly: optional sign, digits with an optional decimal point, optional exponent
    /// (<c>E</c> or <c>e</c>, as in NIST's "0.670191154593408E-01" or "557028453333333."), or a fraction "p/q".
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a decimal number or fraction; the message quotes it.</exception>
    public static Rational Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text, out var r))
            throw new FormatException($"Rational.Parse: \"{text}\" is not a decimal number (e.g. -6.860120914, 0.67E-01) or a fraction (e.g. 13/5).");
        return r;
    }

    /// <summary>Like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, out Rational value)
    {
        value = Zero;
        if (text is null) return false;
        var s = text.AsSpan().Trim();
        int slash = s.IndexOf('/');
        if (slash >= 0)
        {
            if (!BigInteger.TryParse(s[..slash].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p)) return false;
            if (!BigInteger.TryParse(s[(slash + 1)..].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var q)) return false;
            if (q.IsZero) return false;
            value = new Rational(p, q);
            return true;
        }
        int i = 0;
        bool negative = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            negative = s[i] == '-';
            i++;
        }
        var digits = new StringBuilder();
        int fractionDigits = 0;
        bool seenPoint = false, anyDigit = false;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c >= '0' && c <= '9')
            {
                digits.Append(c);
                anyDigit = true;
                if (seenPoint) fractionDigits++;
            }
            else if (c == '.' && !seenPoint) seenPoint = true;
            else break;
        }
        if (!anyDigit) return false;
        int exponent = 0;
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            int expStart = i;
            if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
            int digitsStart = i;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9') i++;
            if (i == digitsStart) return false;
            if (!int.TryParse(s[expStart..i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)) return false;
        }
        if (i != s.Length) return false;
        var mantissa = BigInteger.Parse(digits.ToString(), CultureInfo.InvariantCulture);
        if (negative) mantissa = -mantissa;
        int scale = exponent - fractionDigits;
        value = scale >= 0
            ? new Rational(mantissa * BigInteger.Pow(10, scale), BigInteger.One)
            : new Rational(mantissa, BigInteger.Pow(10, -scale));
        return true;
    }

    /// <summary>
    /// The double nearest to the value (ties to even), correctly rounded for results in the normal double range;
    /// ±∞ past double's range; results in the subnormal range may be off by one unit in the last place.
    /// </summary>
    public double ToDouble()
    {
        if (_num.IsZero) return 0.0;
        var a = BigInteger.Abs(_num);
        var b = Denominator;
        long shift = (long)a.GetBitLength() - (long)b.GetBitLength();
        // q = floor(a·2^k / b) with k chosen so that q has 55 or 56 bits: 53 kept, the rest and the remainder round.
        long k = 55 - shift;
        if (k > 4000) return _num.Sign < 0 ? -0.0 : 0.0;
        if (k < -4000) return _num.Sign < 0 ? double.NegativeInfinity : double.PositiveInfinity;
        var q = k >= 0 ? BigInteger.DivRem(a << (int)k, b, out var rem) : BigInteger.DivRem(a, b << (int)-k, out rem);
        int extra = (int)q.GetBitLength() - 53;
        var mantissa = q >> extra;
        var dropped = q - (mantissa << extra);
        var half = BigInteger.One << (extra - 1);
        int cmp = dropped.CompareTo(half);
        if (cmp > 0 || (cmp == 0 && !rem.IsZero) || (cmp == 0 && rem.IsZero && !mantissa.IsEven))
            mantissa += 1;
        double result = Math.ScaleB((double)mantissa, (int)(extra - k));
        return _num.Sign < 0 ? -result : result;
    }

    /// <summary>
    /// √x rounded to the nearest double (ties to even), computed in integer arithmetic: with x = a/b and k chosen so
    /// that s = ⌊√(a·4ᵏ/b)⌋ has at least 56 bits, s is the integer square root of ⌊a·4ᵏ/b⌋ (Newton's method on
    /// <see cref="BigInteger"/>), and whether anything was dropped (⌊·⌋ not exact, or s² ≠ ⌊a·4ᵏ/b⌋) decides a tie.
    /// Correctly rounded in the normal double range, like <see cref="ToDouble"/>. Used for the exact standard errors
    /// of <see cref="Solvers.ExactLeastSquaresResult"/> (√ of an exact variance).
    /// </summary>
    /// <returns>The double nearest to √x; 0 for x = 0.</returns>
    /// <exception cref="ArithmeticException">The value is negative (the message quotes it).</exception>
    public double SqrtToDouble()
    {
        if (_num.Sign < 0)
            throw new ArithmeticException($"SqrtToDouble: the value must be ≥ 0, got {ToScientificString(6)}.");
        if (_num.IsZero) return 0.0;
        var a = _num;
        var b = Denominator;
        // √(a/b) = √(a·4ᵏ/b) / 2ᵏ; pick k so that a·4ᵏ/b has about 2·58 bits (s then has 57–59 bits).
        long bits = (long)a.GetBitLength() - (long)b.GetBitLength();
        long k = (116 - bits) / 2 + 1;
        if (k > 4000) return 0.0;
        if (k < -4000) return double.PositiveInfinity;
        var q = k >= 0 ? BigInteger.DivRem(a << (int)(2 * k), b, out var rem) : BigInteger.DivRem(a, b << (int)(-2 * k), out rem);
        var s = IntegerSqrt(q);
        bool inexact = !rem.IsZero || s * s != q;
        // round s (≥ 56 bits) to 53 bits; the dropped bits and 'inexact' decide (√ of a rational is never exactly halfway
        // unless nothing was dropped beyond the half bit, which ties-to-even then handles)
        int extra = (int)s.GetBitLength() - 53;
        var mantissa = s >> extra;
        var dropped = s - (mantissa << extra);
        var half = BigInteger.One << (extra - 1);
        int cmp = dropped.CompareTo(half);
        if (cmp > 0 || (cmp == 0 && inexact) || (cmp == 0 && !inexact && !mantissa.IsEven)) mantissa += 1;
        return Math.ScaleB((double)mantissa, (int)(extra - k));
    }

    /// <summary>⌊√n⌋ for n ≥ 0 by Newton's method from an overestimate (monotone decreasing to the floor).</summary>
    private static BigInteger IntegerSqrt(BigInteger n)
    {
        if (n.IsZero) return n;
        var x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2); // ≥ √n
        while (true)
        {
            var y = (x + n / x) >> 1;
            if (y >= x) return x;
            x = y;
        }
    }

    /// <summary>The value rounded to <paramref name="significantDigits"/> significant decimal digits (ties away from zero).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="significantDigits"/> &lt; 1.</exception>
    public Rational RoundToSignificantDigits(int significantDigits)
    {
        if (significantDigits < 1)
            throw new ArgumentOutOfRangeException(nameof(significantDigits), significantDigits, $"significantDigits must be ≥ 1, got {significantDigits}.");
        if (IsZero) return Zero;
        int e = DecimalExponent(); // 10^e ≤ |x| < 10^(e+1)
        int scale = significantDigits - 1 - e; // round |x|·10^scale to an integer
        var scaled = Abs(this) * Pow10(scale);
        var n = BigInteger.DivRem(scaled.Numerator, scaled.Denominator, out var rem);
        if (rem * 2 >= scaled.Denominator) n += 1;
        var rounded = new Rational(n, BigInteger.One) / Pow10(scale);
        return Sign < 0 ? -rounded : rounded;
    }

    /// <summary>
    /// Scientific notation with <paramref name="significantDigits"/> significant digits, e.g. "-1.46748961422980E+03";
    /// ties away from zero.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="significantDigits"/> &lt; 1.</exception>
    public string ToScientificString(int significantDigits)
    {
        var r = RoundToSignificantDigits(significantDigits);
        if (r.IsZero) return "0." + new string('0', significantDigits - 1) + "E+00";
        int e = r.DecimalExponent();
        var n = (Abs(r) * Pow10(significantDigits - 1 - e)).Numerator.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        if (r.Sign < 0) sb.Append('-');
        sb.Append(n[0]);
        if (n.Length > 1) sb.Append('.').Append(n, 1, n.Length - 1);
        sb.Append('E').Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString("00", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>e with 10^e ≤ |x| &lt; 10^(e+1); x ≠ 0.</summary>
    private int DecimalExponent()
    {
        var a = BigInteger.Abs(_num);
        var b = Denominator;
        int e = (int)Math.Floor(((long)a.GetBitLength() - (long)b.GetBitLength()) * 0.30102999566398120);
        // correct the estimate (it is within ±1)
        while (Compare(a, b, e) < 0) e--;
        while (Compare(a, b, e + 1) >= 0) e++;
        return e;

        static int Compare(BigInteger a, BigInteger b, int e) =>
            e >= 0 ? a.CompareTo(b * BigInteger.Pow(10, e)) : (a * BigInteger.Pow(10, -e)).CompareTo(b);
    }

    private static Rational Pow10(int e) =>
        e >= 0 ? new Rational(BigInteger.Pow(10, e), BigInteger.One, true) : new Rational(BigInteger.One, BigInteger.Pow(10, -e), true);

    /// <summary>|x|.</summary>
    public static Rational Abs(Rational x) => x._num.Sign < 0 ? -x : x;

    /// <summary>x^n for any integer n (n &lt; 0 requires x ≠ 0).</summary>
    /// <exception cref="DivideByZeroException">x is 0 and n &lt; 0.</exception>
    public static Rational Pow(Rational x, int n)
    {
        if (n >= 0) return new Rational(BigInteger.Pow(x._num, n), BigInteger.Pow(x.Denominator, n), true);
        if (x.IsZero) throw new DivideByZeroException($"Rational.Pow: 0 raised to the negative power {n}.");
        return new Rational(BigInteger.Pow(x.Denominator, -n), BigInteger.Pow(x._num, -n));
    }

    /// <summary>Exact sum.</summary>
    public static Rational operator +(Rational a, Rational b)
    {
        if (a.IsInteger && b.IsInteger) return new Rational(a._num + b._num, BigInteger.One, true);
        return new Rational(a._num * b.Denominator + b._num * a.Denominator, a.Denominator * b.Denominator);
    }

    /// <summary>Exact difference.</summary>
    public static Rational operator -(Rational a, Rational b) => a + (-b);

    /// <summary>Negation.</summary>
    public static Rational operator -(Rational a) => new(-a._num, a.Denominator, true);

    /// <summary>Exact product.</summary>
    public static Rational operator *(Rational a, Rational b)
    {
        if (a.IsInteger && b.IsInteger) return new Rational(a._num * b._num, BigInteger.One, true);
        return new Rational(a._num * b._num, a.Denominator * b.Denominator);
    }

    /// <summary>Exact quotient.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="b"/> is 0.</exception>
    public static Rational operator /(Rational a, Rational b)
    {
        if (b.IsZero) throw new DivideByZeroException($"Rational: division of {a} by 0.");
        return new Rational(a._num * b.Denominator, a.Denominator * b._num);
    }

    /// <summary>Exact equality.</summary>
    public static bool operator ==(Rational a, Rational b) => a.Equals(b);

    /// <summary>Exact inequality.</summary>
    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);

    /// <summary>Exact comparison.</summary>
    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    /// <summary>Exact comparison.</summary>
    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    /// <summary>Exact comparison.</summary>
    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;

    /// <summary>Exact comparison.</summary>
    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    /// <inheritdoc />
    public bool Equals(Rational other) => _num == other._num && _denMinusOne == other._denMinusOne;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Rational r && Equals(r);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_num, _denMinusOne);

    /// <inheritdoc />
    public int CompareTo(Rational other) => (_num * other.Denominator).CompareTo(other._num * Denominator);

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Rational r => CompareTo(r),
        _ => throw new ArgumentException($"Rational.CompareTo: expected a Rational, got {obj.GetType().Name}.", nameof(obj)),
    };

    /// <summary>"p/q" in lowest terms, or just "p" for an integer: 13/5 prints "13/5", 3 prints "3".</summary>
    public override string ToString() =>
        IsInteger ? _num.ToString(CultureInfo.InvariantCulture) : $"{_num.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Format: null or "" or "F" → "p/q"; "E<i>n</i>" → <see cref="ToScientificString"/> with n+1 significant digits;
    /// "G" → the nearest double's round-trip text.
    /// </summary>
    /// <exception cref="FormatException">Unknown format string.</exception>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        if (string.IsNullOrEmpty(format) || format == "F") return ToString();
        if (format == "G") return ToDouble().ToString("R", CultureInfo.InvariantCulture);
        if ((format[0] == 'E' || format[0] == 'e') && int.TryParse(format.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            return ToScientificString(n + 1);
        throw new FormatException($"Rational.ToString: unknown format \"{format}\" (use \"F\", \"G\" or \"E<digits>\").");
    }
}
