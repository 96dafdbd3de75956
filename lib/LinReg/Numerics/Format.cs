using System.Globalization;

namespace LinReg.Numerics;

/// <summary>
/// The one number formatter of every message the book's libraries write (exceptions, checked answers): round-trip
/// digits in the invariant culture, with NaN, +∞ and −∞ spelled out, so a message quotes exactly the value it got.
/// The same file is compiled into LinReg.Plots and LinReg.Notebook (linked in their project files).
/// </summary>
internal static class Format
{
    /// <summary>1.5 → "1.5", 0.1 → "0.1", NaN → "NaN", +∞ → "+∞", −∞ → "-∞".</summary>
    internal static string Num(double v) => double.IsNaN(v) ? "NaN"
        : double.IsPositiveInfinity(v) ? "+∞"
        : double.IsNegativeInfinity(v) ? "-∞"
        : v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A vector as "(1, 2.5, NaN)".</summary>
    internal static string Vec(IEnumerable<double> v) => "(" + string.Join(", ", v.Select(Num)) + ")";
}
