using LinReg.Numerics;

namespace LinReg.Plots;

/// <summary>Argument checks of the plotting layer: one message style, quoting the offending name, index and value.</summary>
internal static class Validate
{
    /// <summary>Non-null, non-empty, every value finite; returns a private copy (charts must not alias caller arrays).</summary>
    internal static double[] Values(IReadOnlyList<double>? values, string paramName)
    {
        ArgumentNullException.ThrowIfNull(values, paramName);
        if (values.Count == 0)
            throw new ArgumentException($"{paramName} is empty; at least one value is needed.", paramName);
        var copy = values.ToArray();
        Guard.AllFinite(copy, paramName);
        return copy;
    }

    /// <summary>Throws when the actual list does not have as many values as the reference list.</summary>
    internal static void SameLength(int referenceCount, string referenceName, int actualCount, string actualName)
    {
        if (referenceCount != actualCount)
            throw new ArgumentException(
                $"{actualName} has {actualCount} values but {referenceName} has {referenceCount}; they must have the same length.",
                actualName);
    }

    /// <summary>For a logarithmic axis every value must be &gt; 0.</summary>
    internal static void PositiveForLog(double[] values, string paramName)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!(values[i] > 0))
                throw new ArgumentOutOfRangeException(paramName, values[i],
                    $"{paramName}[{i}] is {Format.Num(values[i])}, but a logarithmic axis needs every value > 0 (use logY: false).");
        }
    }

    /// <summary>A finite scalar.</summary>
    internal static void Finite(double value, string paramName)
    {
        Guard.Finite(value, paramName, paramName);
    }

    /// <summary>Grid: at least two finite values, strictly increasing.</summary>
    internal static double[] Grid(IReadOnlyList<double>? grid, string paramName)
    {
        var g = Values(grid, paramName);
        if (g.Length < 2)
            throw new ArgumentException($"{paramName} has {g.Length} value; a grid needs at least 2.", paramName);
        for (int i = 1; i < g.Length; i++)
        {
            if (!(g[i] > g[i - 1]))
                throw new ArgumentException(
                    $"{paramName} must be strictly increasing, but {paramName}[{i - 1}] = {Format.Num(g[i - 1])} and {paramName}[{i}] = {Format.Num(g[i])}.",
                    paramName);
        }
        return g;
    }
}
