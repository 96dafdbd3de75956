using LinReg.Numerics;

namespace LinReg.Probability;

/// <summary>
/// Gaussian noise ε ~ 𝒩(0, σ²), the assumption under which squared loss IS the likelihood: for the model
/// yᵢ = xᵢᵀw + b + εᵢ with independent εᵢ, the negative log-likelihood of residuals rᵢ = ŷᵢ − yᵢ is
/// −log p(y | X, w, b, σ) = (n/2)·log(2πσ²) + (1/(2σ²))·Σᵢ rᵢ², which for any fixed σ is an increasing function of
/// Σᵢ rᵢ²: the w, b that minimize squared error maximize the likelihood.
/// Taught in notebook 07 · Noise and likelihood.
/// </summary>
public static class GaussianNoise
{
    private static readonly double LogTwoPi = Math.Log(2 * Math.PI);

    /// <summary>The density p(x) = exp(−(x − μ)²/(2σ²)) / (σ√(2π)).</summary>
    /// <param name="x">Where to evaluate.</param>
    /// <param name="mean">μ.</param>
    /// <param name="std">σ &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">σ ≤ 0 or not finite.</exception>
    public static double Density(double x, double mean, double std)
    {
        Guard.Positive(std, nameof(std), "The standard deviation σ");
        double z = (x - mean) / std;
        return Math.Exp(-0.5 * z * z) / (std * Math.Sqrt(2 * Math.PI));
    }

    /// <summary>
    /// −log p = (n/2)·log(2πσ²) + Σᵢ rᵢ² / (2σ²) for independent residuals rᵢ ~ 𝒩(0, σ²) (n = residuals.Length).
    /// </summary>
    /// <param name="residuals">rᵢ = ŷᵢ − yᵢ (at least one, all finite).</param>
    /// <param name="std">σ &gt; 0.</param>
    /// <exception cref="ArgumentException">no residuals, or a non-finite one.</exception>
    /// <exception cref="ArgumentOutOfRangeException">σ ≤ 0 or not finite.</exception>
    public static double NegativeLogLikelihood(ReadOnlySpan<double> residuals, double std)
    {
        CheckResiduals(residuals);
        Guard.Positive(std, nameof(std), "The standard deviation σ");
        double ss = SumOfSquares(residuals);
        int n = residuals.Length;
        return 0.5 * n * (LogTwoPi + 2 * Math.Log(std)) + ss / (2 * std * std);
    }

    /// <summary>
    /// The maximum-likelihood estimate of σ² for fixed residuals: σ̂² = (1/n) Σᵢ rᵢ² (setting ∂(−log p)/∂σ = 0).
    /// Note the divisor n, not n − p: the MLE is slightly biased low.
    /// </summary>
    /// <exception cref="ArgumentException">no residuals, or a non-finite one.</exception>
    public static double MleVariance(ReadOnlySpan<double> residuals)
    {
        CheckResiduals(residuals);
        return SumOfSquares(residuals) / residuals.Length;
    }

    internal static double SumOfSquares(ReadOnlySpan<double> r)
    {
        double s = 0;
        foreach (double v in r) s += v * v;
        return s;
    }

    internal static void CheckResiduals(ReadOnlySpan<double> residuals)
    {
        if (residuals.Length == 0) throw new ArgumentException("Need at least one residual, got none.", nameof(residuals));
        Guard.AllFinite(residuals, nameof(residuals));
    }
}
