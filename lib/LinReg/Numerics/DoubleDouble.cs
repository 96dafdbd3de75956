using System.Globalization;

namespace LinReg.Numerics;

/// <summary>
/// A double-double number: the unevaluated sum <see cref="Hi"/> + <see cref="Lo"/> of two doubles with
/// |Lo| ≤ ulp(Hi)/2, worth about 32 significant decimal digits (106 bits). Built from the error-free
/// transformations <see cref="TwoSum"/> (Knuth) and <see cref="TwoProduct"/> (one fused multiply-add), it is how the
/// accurate least-squares solver computes residuals and how exact decimal data (NIST StRD) reaches it without
/// being rounded to 53 bits first.
/// Not used by a notebook directly: the accurate least-squares solver computes its residuals with it (notebook 03 · The normal equation shows the digits it keeps on NIST Filip).
/// </summary>
/// <remarks>Not a general-purpose type: no transcendental functions, and overflow/NaN behave like the underlying doubles.</remarks>
public readonly struct DoubleDouble : IEquatable<DoubleDouble>
{
    /// <summary>Creates the double-double hi + lo, renormalized so that |lo| ≤ ulp(hi)/2.</summary>
    public DoubleDouble(double hi, double lo)
    {
        double s = TwoSum(hi, lo, out double e);
        Hi = s;
        Lo = e;
    }

    private DoubleDouble(double hi, double lo, bool normalized)
    {
        _ = normalized;
        Hi = hi;
        Lo = lo;
    }

    /// <summary>The leading double (the value rounded to double).</summary>
    public double Hi { get; }

    /// <summary>The trailing double: what <see cref="Hi"/> missed.</summary>
    public double Lo { get; }

    /// <summary>0.</summary>
    public static DoubleDouble Zero => default;

    /// <summary>
    /// s = fl(a + b) and the exact rounding error e with a + b = s + e (Knuth's branch-free TwoSum; no overflow assumed).
    /// </summary>
    public static double TwoSum(double a, double b, out double error)
    {
        double s = a + b;
        double bb = s - a;
        error = (a - (s - bb)) + (b - bb);
        return s;
    }

    /// <summary>p = fl(a·b) and the exact rounding error e with a·b = p + e, via one fused multiply-add.</summary>
    public static double TwoProduct(double a, double b, out double error)
    {
        double p = a * b;
        error = Math.FusedMultiplyAdd(a, b, -p);
        return p;
    }

    /// <summary>A double as a double-double (exact).</summary>
    public static implicit operator DoubleDouble(double value) => new(value, 0.0, true);

    /// <summary>The nearest double, Hi + Lo rounded.</summary>
    public static explicit operator double(DoubleDouble value) => value.Hi + value.Lo;

    /// <summary>The double-double nearest to an exact rational (error ≤ 2^-106 relative in the normal range).</summary>
    public static DoubleDouble FromRational(Rational value)
    {
        double hi = value.ToDouble();
        if (!double.IsFinite(hi)) return new DoubleDouble(hi, 0.0, true);
        double lo = (value - Rational.FromDouble(hi)).ToDouble();
        return new DoubleDouble(hi, lo);
    }

    /// <summary>Parses a decimal string exactly (<see cref="Rational.Parse"/>) and rounds it to double-double.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">Not a decimal number; the message quotes it.</exception>
    public static DoubleDouble Parse(string text) => FromRational(Rational.Parse(text));

    /// <summary>The exact value Hi + Lo as a rational.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Hi or Lo is not finite.</exception>
    public Rational ToRational() => Rational.FromDouble(Hi) + Rational.FromDouble(Lo);

    /// <summary>Double-double sum (accurate to about 2^-104 relative unless the terms cancel).</summary>
    public static DoubleDouble operator +(DoubleDouble a, DoubleDouble b)
    {
        double s = TwoSum(a.Hi, b.Hi, out double e1);
        double t = TwoSum(a.Lo, b.Lo, out double e2);
        e1 += t;
        s = FastTwoSum(s, e1, out e1);
        e1 += e2;
        s = FastTwoSum(s, e1, out e1);
        return new DoubleDouble(s, e1, true);
    }

    /// <summary>Double-double plus double.</summary>
    public static DoubleDouble operator +(DoubleDouble a, double b)
    {
        double s = TwoSum(a.Hi, b, out double e);
        e += a.Lo;
        s = FastTwoSum(s, e, out e);
        return new DoubleDouble(s, e, true);
    }

    /// <summary>Negation (exact).</summary>
    public static DoubleDouble operator -(DoubleDouble a) => new(-a.Hi, -a.Lo, true);

    /// <summary>Double-double difference.</summary>
    public static DoubleDouble operator -(DoubleDouble a, DoubleDouble b) => a + (-b);

    /// <summary>Double-double minus double.</summary>
    public static DoubleDouble operator -(DoubleDouble a, double b) => a + (-b);

    /// <summary>Double-double product (the Lo·Lo term, below 2^-106 relative, is dropped).</summary>
    public static DoubleDouble operator *(DoubleDouble a, DoubleDouble b)
    {
        double p = TwoProduct(a.Hi, b.Hi, out double e);
        e += a.Hi * b.Lo + a.Lo * b.Hi;
        p = FastTwoSum(p, e, out e);
        return new DoubleDouble(p, e, true);
    }

    /// <summary>Double-double times double.</summary>
    public static DoubleDouble operator *(DoubleDouble a, double b)
    {
        double p = TwoProduct(a.Hi, b, out double e);
        e += a.Lo * b;
        p = FastTwoSum(p, e, out e);
        return new DoubleDouble(p, e, true);
    }

    /// <summary>Double-double quotient (two Newton-like correction steps; about 2^-104 relative).</summary>
    /// <exception cref="DivideByZeroException"><paramref name="b"/> is 0.</exception>
    public static DoubleDouble operator /(DoubleDouble a, DoubleDouble b)
    {
        if (b.Hi == 0) throw new DivideByZeroException($"DoubleDouble: division of {a} by 0.");
        double q1 = a.Hi / b.Hi;
        var r = a - b * q1;
        double q2 = r.Hi / b.Hi;
        r -= b * q2;
        double q3 = r.Hi / b.Hi;
        return new DoubleDouble(q1, q2) + q3;
    }

    /// <summary>Sum of a + b where |a| ≥ |b| (or a = 0): s and the exact error.</summary>
    internal static double FastTwoSum(double a, double b, out double error)
    {
        double s = a + b;
        error = b - (s - a);
        return s;
    }

    /// <summary>(sHi, sLo) += (aHi, aLo), sloppy double-double addition (error ≈ 2^-106 of the larger magnitude).</summary>
    internal static void Add(ref double sHi, ref double sLo, double aHi, double aLo)
    {
        double s = TwoSum(sHi, aHi, out double t);
        t += sLo + aLo;
        sHi = FastTwoSum(s, t, out sLo);
    }

    /// <summary>(sHi, sLo) −= (aHi + aLo)·(xHi + xLo), the product's lo·lo term dropped.</summary>
    internal static void SubtractProduct(ref double sHi, ref double sLo, double aHi, double aLo, double xHi, double xLo)
    {
        double p = TwoProduct(aHi, xHi, out double e);
        e += aHi * xLo + aLo * xHi;
        Add(ref sHi, ref sLo, -p, -e);
    }

    /// <inheritdoc />
    public bool Equals(DoubleDouble other) => Hi.Equals(other.Hi) && Lo.Equals(other.Lo);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DoubleDouble d && Equals(d);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Hi, Lo);

    /// <summary>Exact equality of both parts.</summary>
    public static bool operator ==(DoubleDouble a, DoubleDouble b) => a.Equals(b);

    /// <summary>Inequality of either part.</summary>
    public static bool operator !=(DoubleDouble a, DoubleDouble b) => !a.Equals(b);

    /// <summary>"hi + lo" with both parts round-trippable.</summary>
    public override string ToString() =>
        $"{Hi.ToString("R", CultureInfo.InvariantCulture)} + {Lo.ToString("R", CultureInfo.InvariantCulture)}";
}
