using LinReg.Data;

namespace LinReg.Models;

/// <summary>
/// The model piece of the training loop: ŷ = Xw + b with w and b as separate <see cref="Parameter"/>s.
/// Implemented from scratch (<see cref="LinearRegressionScratch"/>) and with MathNet (<see cref="Linear"/>);
/// the trainer works with either.
/// </summary>
public interface IRegressionModel
{
    /// <summary>d, the number of input features.</summary>
    int Features { get; }

    /// <summary>w ∈ ℝᵈ.</summary>
    Parameter Weight { get; }

    /// <summary>b ∈ ℝ (a one-element parameter).</summary>
    Parameter Bias { get; }

    /// <summary>All parameters: weight first, then bias.</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>ŷ_B = X_B w + b for a minibatch (|B| predictions).</summary>
    double[] Forward(Batch batch);

    /// <summary>
    /// Given g = ∂L/∂ŷ for the batch (length |B|), ADDS ∂L/∂w = X_Bᵀ g to Weight.Grad and ∂L/∂b = Σᵢ gᵢ to Bias.Grad.
    /// </summary>
    /// <exception cref="ArgumentException">g has a different length than the batch.</exception>
    void Backward(Batch batch, ReadOnlySpan<double> gradOutput);

    /// <summary>Predictions for every row of a dataset.</summary>
    double[] Predict(Dataset data);

    /// <summary>Sets every parameter's gradient to zero.</summary>
    void ZeroGrad();
}
