using LinReg.Numerics;

namespace LinReg.Plots;

/// <summary>
/// A straight line ŷ = Slope·x + Intercept drawn over a scatter plot (e.g. the model before and after a step).
/// Used in notebooks 02 · One SGD step by hand, 04 · Data and the iterator and 07 · Noise and likelihood.
/// </summary>
/// <param name="Slope">w.</param>
/// <param name="Intercept">b.</param>
/// <param name="Name">Legend entry; null gives "ŷ = {Slope}·x + {Intercept}".</param>
public sealed record FittedLine(double Slope, double Intercept, string? Name = null)
{
    /// <summary>The legend entry actually shown.</summary>
    public string DisplayName => Name ?? $"ŷ = {Format.Num(Slope)}·x + {Format.Num(Intercept)}";
}
