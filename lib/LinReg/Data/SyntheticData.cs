using LinReg.Numerics;
using LinReg.Probability;

namespace LinReg.Data;

/// <summary>
/// Synthetic regression data with known parameters — the seed's debugging pattern: if a training loop cannot
/// recover the true w and b here, the bug is in the code, not the data.
/// Taught in notebook 04 · Data and the iterator and notebook 05 · Training from scratch.
/// </summary>
public static class SyntheticData
{
    /// <summary>
    /// Draws n examples xᵢ ~ 𝒩(0, I_d) and yᵢ = xᵢᵀw + b + ε with ε ~ 𝒩(0, σ²), exactly the generator of the seed's
    /// listing (<c>X = randn(n, d); y = X @ true_w + true_b + 0.01 * randn(n, 1)</c>).
    /// </summary>
    /// <param name="trueW">The true weight vector w (length d ≥ 1).</param>
    /// <param name="trueB">The true bias b.</param>
    /// <param name="n">Number of examples (≥ 1).</param>
    /// <param name="noiseStd">σ, the standard deviation of the Gaussian noise (≥ 0).</param>
    /// <param name="seed">Fixes every random number drawn.</param>
    /// <exception cref="ArgumentException">trueW is empty or not finite; trueB not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">n ≤ 0 or σ &lt; 0.</exception>
    public static Dataset Linear(double[] trueW, double trueB, int n, double noiseStd, int seed)
    {
        ArgumentNullException.ThrowIfNull(trueW);
        if (trueW.Length == 0) throw new ArgumentException("trueW must have at least one weight, got none.", nameof(trueW));
        Guard.AllFinite(trueW, nameof(trueW));
        Guard.Finite(trueB, nameof(trueB), "The true bias");
        Guard.Positive(n, nameof(n), "The number of examples n");
        Guard.NonNegative(noiseStd, nameof(noiseStd), "The noise standard deviation");
        int d = trueW.Length;
        var normal = new NormalSampler(seed);
        var x = new double[n * d];
        normal.Fill(x);
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = trueB;
            for (int j = 0; j < d; j++) s += x[i * d + j] * trueW[j];
            y[i] = s;
        }
        for (int i = 0; i < n; i++) y[i] += noiseStd * normal.Next();
        return new Dataset(x, y, d);
    }

    /// <summary>The seed listing's data: n = 1000, d = 2, w = (2, −3.4), b = 4.2, σ = 0.01.</summary>
    public static Dataset SeedListing(int seed = 0) => Linear([2.0, -3.4], 4.2, 1000, 0.01, seed);
}
