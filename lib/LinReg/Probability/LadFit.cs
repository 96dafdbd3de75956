using LinReg.Data;

namespace LinReg.Probability;

/// <summary>
/// The result of a least-absolute-deviations fit.
/// Taught in notebook 07 · Noise and likelihood.
/// </summary>
/// <param name="Weights">w (length d).</param>
/// <param name="Bias">b.</param>
/// <param name="SumAbsoluteResiduals">Σᵢ |xᵢᵀw + b − yᵢ| at (w, b).</param>
/// <param name="Iterations">Vertex moves made after the starting vertex.</param>
public sealed record LadFit(double[] Weights, double Bias, double SumAbsoluteResiduals, int Iterations)
{
    /// <summary>rᵢ = xᵢᵀw + b − yᵢ for every example of <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">the dataset has a different number of features.</exception>
    public double[] Residuals(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Features != Weights.Length)
            throw new ArgumentException($"The fit has {Weights.Length} weights but the data has {data.Features} features.", nameof(data));
        return LeastAbsoluteDeviations.ResidualsOf(data, Weights, Bias);
    }
}
