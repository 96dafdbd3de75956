namespace LinReg.Numerics;

/// <summary>
/// The argument checks shared by the public API: one place, one message shape. A scalar: "{what} must be a finite
/// number &gt; 0, got -0.1."; an array: "{name}[3] is NaN; every value must be finite." or
/// "{name}[row 2, column 1] is +∞; every value must be finite." Numbers are quoted by <see cref="Format.Num"/>.
/// The same file is compiled into LinReg.Plots and LinReg.Notebook (linked in their project files).
/// </summary>
internal static class Guard
{
    internal static void Positive(double value, string paramName, string what)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(paramName, value, $"{what} must be a finite number > 0, got {Format.Num(value)}.");
    }

    internal static void NonNegative(double value, string paramName, string what)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(paramName, value, $"{what} must be a finite number ≥ 0, got {Format.Num(value)}.");
    }

    internal static void Positive(int value, string paramName, string what)
    {
        if (value <= 0)
            throw new ArgumentOutOfRangeException(paramName, value, $"{what} must be > 0, got {value}.");
    }

    internal static void Finite(double value, string paramName, string what)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(paramName, value, $"{what} must be finite, got {Format.Num(value)}.");
    }

    /// <summary>Throws naming the first non-finite entry of a vector: "{paramName}[k] is NaN; …".</summary>
    internal static void AllFinite(ReadOnlySpan<double> values, string paramName)
    {
        for (int k = 0; k < values.Length; k++)
            if (!double.IsFinite(values[k])) throw NotFinite($"{paramName}[{k}]", values[k], paramName);
    }

    /// <summary>Throws naming the first non-finite entry of a sequence: "{paramName}[k] is NaN; …".</summary>
    internal static void AllFinite(IReadOnlyList<double> values, string paramName)
    {
        for (int k = 0; k < values.Count; k++)
            if (!double.IsFinite(values[k])) throw NotFinite($"{paramName}[{k}]", values[k], paramName);
    }

    /// <summary>
    /// Throws naming the first non-finite entry of a rows × columns matrix stored row-major (or column-major) by its
    /// row and column: "{paramName}[row i, column j] is NaN; …".
    /// </summary>
    internal static void AllFinite(ReadOnlySpan<double> matrix, int rows, int columns, string paramName, bool columnMajor = false)
    {
        for (int k = 0; k < matrix.Length; k++)
        {
            if (double.IsFinite(matrix[k])) continue;
            int i = columnMajor ? k % rows : k / columns;
            int j = columnMajor ? k / rows : k % columns;
            throw NotFinite($"{paramName}[row {i}, column {j}]", matrix[k], paramName);
        }
    }

    private static ArgumentException NotFinite(string where, double value, string paramName) =>
        new($"{where} is {Format.Num(value)}; every value must be finite.", paramName);
}
