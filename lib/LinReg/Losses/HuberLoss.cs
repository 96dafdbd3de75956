using System.Globalization;
using LinReg.Numerics;

namespace LinReg.Losses;

/// <summary>
/// The Huber loss (PyTorch's <c>nn.HuberLoss(delta)</c>): quadratic for small residuals, linear for large ones,
/// reduced by <see cref="Reduction"/>. With rᵢ = ŷᵢ − yᵢ,
/// <code>
/// ℓᵢ = ½ rᵢ²            when |rᵢ| ≤ δ
/// ℓᵢ = δ (|rᵢ| − ½δ)    when |rᵢ| &gt; δ
/// ∂ℓᵢ/∂ŷᵢ = clamp(rᵢ, −δ, δ)
/// </code>
/// The two pieces meet with the same value (½δ²) and the same slope (±δ) at |rᵢ| = δ. Inside, it is the chapter's
/// ½-squared loss; outside, δ times the absolute loss of least absolute deviations (minus ½δ²), so one wild residual
/// pulls on the fit with a force of at most δ, however far away it is. As δ → ∞ it becomes <see cref="SquaredLoss"/>
/// (halved); divided by δ, as δ → 0, the absolute loss. (D2L's exercise writes the same loss divided by δ,
/// which has the same minimizer.) δ is in the units of the target.
/// <para>Taught in notebook 07 · Noise and likelihood (the outlier).</para>
/// </summary>
public sealed class HuberLoss : ILoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="delta">δ, the residual size where the loss turns from quadratic to linear; a finite number &gt; 0,
    /// in the target's units (default 1, as PyTorch's).</param>
    /// <param name="reduction">Mean (default: L = (1/n) Σ ℓᵢ) or Sum (L = Σ ℓᵢ).</param>
    /// <exception cref="ArgumentOutOfRangeException">delta is not a finite number &gt; 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException">reduction is not a defined value.</exception>
    public HuberLoss(double delta = 1.0, Reduction reduction = Reduction.Mean)
    {
        Guard.Positive(delta, nameof(delta), "The Huber threshold δ");
        if (!Enum.IsDefined(reduction))
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, $"Unknown reduction {(int)reduction}; use Mean or Sum.");
        Delta = delta;
        Reduction = reduction;
    }

    /// <summary>δ: residuals up to this size are squared, larger ones count linearly.</summary>
    public double Delta { get; }

    /// <inheritdoc/>
    public Reduction Reduction { get; }

    /// <summary>L(ŷ, y) = Σᵢ ℓᵢ, divided by n for <see cref="Reduction.Mean"/>.</summary>
    /// <param name="yHat">Predictions ŷ, one per example.</param>
    /// <param name="y">Targets y, as many as ŷ.</param>
    /// <returns>The loss.</returns>
    /// <exception cref="ArgumentException">ŷ and y differ in length or are empty.</exception>
    public double Forward(ReadOnlySpan<double> yHat, ReadOnlySpan<double> y)
    {
        LossChecks.Shapes(yHat, y);
        double s = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double a = Math.Abs(yHat[i] - y[i]);
            s += a <= Delta ? 0.5 * a * a : Delta * (a - 0.5 * Delta);
        }
        return Reduction == Reduction.Mean ? s / y.Length : s;
    }

    /// <summary>g = ∂L/∂ŷ: gᵢ = clamp(ŷᵢ − yᵢ, −δ, δ), divided by n for <see cref="Reduction.Mean"/>.</summary>
    /// <param name="yHat">Predictions ŷ, one per example.</param>
    /// <param name="y">Targets y, as many as ŷ.</param>
    /// <returns>One entry per example.</returns>
    /// <exception cref="ArgumentException">ŷ and y differ in length or are empty.</exception>
    public double[] Backward(ReadOnlySpan<double> yHat, ReadOnlySpan<double> y)
    {
        LossChecks.Shapes(yHat, y);
        double c = Reduction == Reduction.Mean ? 1.0 / y.Length : 1.0;
        var g = new double[y.Length];
        for (int i = 0; i < g.Length; i++) g[i] = c * Math.Clamp(yHat[i] - y[i], -Delta, Delta);
        return g;
    }

    /// <inheritdoc/>
    public override string ToString() => $"HuberLoss(δ = {Delta.ToString("R", CultureInfo.InvariantCulture)}, {Reduction})";
}
