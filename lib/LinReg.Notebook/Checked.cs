using LinReg.Numerics;

namespace LinReg.Notebook;

/// <summary>
/// The notebooks' "Checked answer" cells: compare a computed number with the value the text derives by hand.
/// Right → prints one "✔ …" line to standard output. Wrong → throws <see cref="CheckFailedException"/> quoting the
/// expected and actual values, so the cell (and a headless run of the notebook) fails loudly.
/// A value passes when |expected − actual| ≤ tolerance (absolute); NaN never passes. Used in every notebook, from
/// 01 · The model and the loss on.
/// </summary>
public static class Checked
{
    /// <summary>Checks one number: passes when |expected − actual| ≤ tolerance.</summary>
    /// <param name="what">What is checked, as the reader will read it (e.g. "∇w of worked example 1").</param>
    /// <param name="expected">The hand-derived value (e.g. from the text's worked example).</param>
    /// <param name="actual">The value the cell computed.</param>
    /// <param name="tolerance">Largest allowed absolute difference, ≥ 0 (default 1e-12).</param>
    /// <exception cref="CheckFailedException">the difference exceeds the tolerance, or actual is NaN/±∞ while expected is not.</exception>
    /// <exception cref="ArgumentNullException">what is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">tolerance is negative or NaN; expected is NaN.</exception>
    public static void Equal(string what, double expected, double actual, double tolerance = 1e-12)
    {
        ArgumentNullException.ThrowIfNull(what);
        CheckTolerance(tolerance);
        if (double.IsNaN(expected))
            throw new ArgumentOutOfRangeException(nameof(expected), expected, "expected is NaN; a checked answer needs a number.");
        if (!Close(expected, actual, tolerance))
            throw new CheckFailedException(what,
                $"✘ {what}: expected {Num(expected)}, got {Num(actual)} (difference {Num(Math.Abs(expected - actual))} > tolerance {Num(tolerance)}).");
        Console.WriteLine($"✔ {what} = {Num(actual)} (expected {Num(expected)})");
    }

    /// <summary>Checks a vector elementwise: same length, and |expected[i] − actual[i]| ≤ tolerance for every i.</summary>
    /// <param name="what">What is checked (e.g. "residuals r").</param>
    /// <param name="expected">The hand-derived values.</param>
    /// <param name="actual">The computed values.</param>
    /// <param name="tolerance">Largest allowed absolute difference per element, ≥ 0 (default 1e-12).</param>
    /// <exception cref="CheckFailedException">the lengths differ, or some element differs by more than the tolerance
    /// (the message names the first such index and quotes both vectors).</exception>
    /// <exception cref="ArgumentNullException">what, expected or actual is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">tolerance is negative or NaN; an expected value is NaN.</exception>
    public static void Equal(string what, IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance = 1e-12)
    {
        ArgumentNullException.ThrowIfNull(what);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        CheckTolerance(tolerance);
        for (int i = 0; i < expected.Count; i++)
        {
            if (double.IsNaN(expected[i]))
                throw new ArgumentOutOfRangeException(nameof(expected), expected[i], $"expected[{i}] is NaN; a checked answer needs numbers.");
        }
        if (expected.Count != actual.Count)
            throw new CheckFailedException(what,
                $"✘ {what}: expected {expected.Count} values {Vec(expected)}, got {actual.Count} values {Vec(actual)}.");
        for (int i = 0; i < expected.Count; i++)
        {
            if (!Close(expected[i], actual[i], tolerance))
                throw new CheckFailedException(what,
                    $"✘ {what}: element {i} expected {Num(expected[i])}, got {Num(actual[i])} (difference {Num(Math.Abs(expected[i] - actual[i]))} > tolerance {Num(tolerance)}); expected {Vec(expected)}, got {Vec(actual)}.");
        }
        Console.WriteLine($"✔ {what} = {Vec(actual)} (expected {Vec(expected)})");
    }

    private static bool Close(double expected, double actual, double tolerance) =>
        expected == actual || Math.Abs(expected - actual) <= tolerance; // NaN compares false; equal infinities pass

    private static void CheckTolerance(double tolerance)
    {
        if (!(tolerance >= 0))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, $"tolerance must be ≥ 0, got {Num(tolerance)}.");
    }

    internal static string Num(double v) => Format.Num(v);

    internal static string Vec(IReadOnlyList<double> v) => Format.Vec(v);

}
