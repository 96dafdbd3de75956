using LinReg.Numerics;

namespace LinReg.Probability;

/// <summary>
/// Laplace (double-exponential) noise ε with density p(ε) = exp(−|ε|/s) / (2s): heavier tails than the Gaussian
/// (variance 2s²). For yᵢ = xᵢᵀw + b + εᵢ the negative log-likelihood is n·log(2s) + (1/s)·Σᵢ |rᵢ|, so the
/// maximum-likelihood w, b minimize the sum of ABSOLUTE residuals (<see cref="LeastAbsoluteDeviations"/>), not the
/// sum of squares: under this noise squared loss is no longer the likelihood.
/// Taught in notebook 07 · Noise and likelihood.
/// </summary>
public static class LaplaceNoise
{
    /// <summary>The density p(x) = exp(−|x − μ|/s) / (2s).</summary>
    /// <param name="x">Where to evaluate.</param>
    /// <param name="location">μ.</param>
    /// <param name="scale">s &gt; 0 (the standard deviation is s√2).</param>
    /// <exception cref="ArgumentOutOfRangeException">s ≤ 0 or not finite.</exception>
    public static double Density(double x, double location, double scale)
    {
        Guard.Positive(scale, nameof(scale), "The Laplace scale s");
        return Math.Exp(-Math.Abs(x - location) / scale) / (2 * scale);
    }

    /// <summary>−log p = n·log(2s) + Σᵢ |rᵢ| / s for independent Laplace residuals (n = residuals.Length).</summary>
    /// <param name="residuals">rᵢ = ŷᵢ − yᵢ (at least one, all finite).</param>
    /// <param name="scale">s &gt; 0.</param>
    /// <exception cref="ArgumentException">no residuals, or a non-finite one.</exception>
    /// <exception cref="ArgumentOutOfRangeException">s ≤ 0 or not finite.</exception>
    public static double NegativeLogLikelihood(ReadOnlySpan<double> residuals, double scale)
    {
        GaussianNoise.CheckResiduals(residuals);
        Guard.Positive(scale, nameof(scale), "The Laplace scale s");
        return residuals.Length * Math.Log(2 * scale) + SumOfAbsolutes(residuals) / scale;
    }

    /// <summary>The maximum-likelihood scale for fixed residuals: ŝ = (1/n) Σᵢ |rᵢ|.</summary>
    /// <exception cref="ArgumentException">no residuals, or a non-finite one.</exception>
    public static double MleScale(ReadOnlySpan<double> residuals)
    {
        GaussianNoise.CheckResiduals(residuals);
        return SumOfAbsolutes(residuals) / residuals.Length;
    }

    internal static double SumOfAbsolutes(ReadOnlySpan<double> r)
    {
        double s = 0;
        foreach (double v in r) s += Math.Abs(v);
        return s;
    }
}
