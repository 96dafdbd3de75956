using LinReg.Numerics;

namespace LinReg.Experiments;

/// <summary>
/// Minibatch gradients compared with the full-dataset gradient at one fixed parameter point: one row per random
/// minibatch drawn.
/// Used by notebook 08 · Minibatch noise.
/// </summary>
/// <param name="BatchSize">|B|.</param>
/// <param name="Cosines">cos∠(g_B, g) = g_Bᵀg / (‖g_B‖‖g‖) for each draw: 1 means "points exactly downhill".</param>
/// <param name="SquaredDeviations">‖g_B − g‖² for each draw.</param>
/// <param name="FullGradient">g = ∇L over the whole dataset (weights first, then the bias).</param>
public sealed record GradientNoiseSample(int BatchSize, double[] Cosines, double[] SquaredDeviations, double[] FullGradient)
{
    /// <summary>The average cosine over the draws.</summary>
    public double MeanCosine => Cosines.Average();

    /// <summary>The fraction of draws whose minibatch gradient points uphill against the full one (cosine &lt; 0).</summary>
    public double FractionUphill => Cosines.Count(c => c < 0) / (double)Cosines.Length;

    /// <summary>The Monte-Carlo estimate of E‖g_B − g‖², the (total) variance of the minibatch gradient.</summary>
    public double MeanSquaredDeviation => SquaredDeviations.Average();

    /// <summary>The q-quantile of the cosines (q in [0, 1], linear interpolation between order statistics).</summary>
    /// <exception cref="ArgumentOutOfRangeException">q not in [0, 1].</exception>
    public double CosineQuantile(double q)
    {
        if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, $"q must be in [0, 1], got {Format.Num(q)}.");
        var s = Cosines.Order().ToArray();
        double pos = q * (s.Length - 1);
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, s.Length - 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
}
