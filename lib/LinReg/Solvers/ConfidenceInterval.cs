using System.Globalization;

namespace LinReg.Solvers;

/// <summary>
/// A two-sided confidence interval [<see cref="Lower"/>, <see cref="Upper"/>] for one coefficient: estimate ± t·SE
/// with t the Student-t critical value for the chosen level and the residual degrees of freedom. Under the noise
/// model (independent 𝒩(0, σ²) errors), intervals built this way cover the true coefficient in a fraction
/// <see cref="Level"/> of repeated experiments.
/// Taught in notebook 16 · How sure are we?
/// </summary>
/// <param name="Lower">The lower end.</param>
/// <param name="Upper">The upper end.</param>
/// <param name="Level">The confidence level, e.g. 0.95.</param>
public readonly record struct ConfidenceInterval(double Lower, double Upper, double Level)
{
    /// <summary>Upper − Lower.</summary>
    public double Width => Upper - Lower;

    /// <summary>Whether Lower ≤ value ≤ Upper.</summary>
    /// <param name="value">E.g. the true coefficient of a simulation.</param>
    public bool Contains(double value) => Lower <= value && value <= Upper;

    /// <summary>"[1.95, 2.05] (95%)".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{Lower:G6}, {Upper:G6}] ({100 * Level:G4}%)");
}
