using System.Globalization;

namespace LinReg;

/// <summary>Argument checks shared by the public API: one place, one message style ("X has 100 rows but y has 99 values").</summary>
internal static class Guard
{
    internal static string Num(double v) => double.IsNaN(v) ? "NaN"
        : double.IsPositiveInfinity(v) ? "+∞"
        : double.IsNegativeInfinity(v) ? "-∞"
        : v.ToString("R", CultureInfo.InvariantCulture);

    internal static void Positive(double value, string paramName, string what)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(paramName, value, $"{what} must be a finite number > 0, got {Num(value)}.");
    }

    internal static void NonNegative(double value, string paramName, string what)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(paramName, value, $"{what} must be a finite number ≥ 0, got {Num(value)}.");
    }

    internal static void Positive(int value, string paramName, string what)
    {
        if (value <= 0)
            throw new ArgumentOutOfRangeException(paramName, value, $"{what} must be > 0, got {value}.");
    }

    internal static void Finite(double value, string paramName, string what)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(paramName, value, $"{what} must be finite, got {Num(value)}.");
    }

    /// <summary>Throws naming the first non-finite entry as row/column of a row-major matrix.</summary>
    internal static void AllFinite(ReadOnlySpan<double> rowMajor, int columns, string paramName)
    {
        for (int k = 0; k < rowMajor.Length; k++)
        {
            if (!double.IsFinite(rowMajor[k]))
                throw new ArgumentException(
                    $"{paramName}: row {k / columns}, column {k % columns} is {Num(rowMajor[k])}; every value must be finite.",
                    paramName);
        }
    }

    /// <summary>Throws naming the first non-finite entry of a vector.</summary>
    internal static void AllFinite(ReadOnlySpan<double> values, string paramName)
    {
        for (int k = 0; k < values.Length; k++)
        {
            if (!double.IsFinite(values[k]))
                throw new ArgumentException($"{paramName}: element {k} is {Num(values[k])}; every value must be finite.", paramName);
        }
    }

    internal static void SameLength(int expected, int actual, string paramName, string what)
    {
        if (expected != actual)
            throw new ArgumentException($"{what}: expected {expected} values, got {actual}.", paramName);
    }
}
