using LinReg.Numerics;

namespace LinReg.Experiments;

/// <summary>
/// The true (population) risk of a linear predictor when the data come from a known generator — what a finite
/// validation or test set can only estimate. For x ~ 𝒩(0, I_d) and y = xᵀw* + b* + ε with ε ~ 𝒩(0, σ²), the predictor
/// ŷ = xᵀw + b has expected squared error
/// E[(ŷ − y)²] = ‖w − w*‖² + (b − b*)² + σ²
/// (the three parts are uncorrelated: E[x] = 0, Cov(x) = I, and ε is independent of x). No model can go below σ².
/// Used by notebook 11 · Common pitfalls (tuning on the validation set).
/// </summary>
public static class TrueRisk
{
    /// <summary>E[(xᵀw + b − y)²] = ‖w − w*‖² + (b − b*)² + σ² under the generator above.</summary>
    /// <param name="weights">w (length d).</param>
    /// <param name="bias">b.</param>
    /// <param name="trueWeights">w* (length d).</param>
    /// <param name="trueBias">b*.</param>
    /// <param name="noiseStd">σ ≥ 0.</param>
    /// <exception cref="ArgumentException">the weight vectors differ in length or are empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">σ &lt; 0.</exception>
    public static double GaussianDesign(IReadOnlyList<double> weights, double bias, IReadOnlyList<double> trueWeights, double trueBias, double noiseStd)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(trueWeights);
        if (trueWeights.Count == 0) throw new ArgumentException("trueWeights is empty.", nameof(trueWeights));
        if (weights.Count != trueWeights.Count)
            throw new ArgumentException($"weights has {weights.Count} values but trueWeights has {trueWeights.Count}.", nameof(weights));
        Guard.NonNegative(noiseStd, nameof(noiseStd), "The noise standard deviation σ");
        double s = (bias - trueBias) * (bias - trueBias) + noiseStd * noiseStd;
        for (int j = 0; j < weights.Count; j++) s += (weights[j] - trueWeights[j]) * (weights[j] - trueWeights[j]);
        return s;
    }
}
