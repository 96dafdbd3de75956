using LinReg.Data;

namespace LinReg.Models;

/// <summary>
/// The model piece of the training loop, for any regression model ŷ = f(x; θ): predictions for a minibatch, the
/// backward pass that accumulates ∂L/∂θ into the gradient buffers of its <see cref="Parameters"/>, and
/// <see cref="ZeroGrad"/>. The trainer, the gradient check and the optimizers use nothing else, so any model that
/// implements it can replace another and keep the loop: the linear models <see cref="LinearRegressionScratch"/>
/// (loops) and <see cref="Linear"/> (MathNet), ŷ = Xw + b, and the multilayer perceptron <see cref="Mlp"/>.
/// Taught in notebook 05 · Training from scratch and notebook 06 · Training concisely (the model piece, swapped for another);
/// notebook 12 · Replace the model, keep the loop swaps in the MLP.
/// </summary>
public interface IRegressionModel
{
    /// <summary>d, the number of input features.</summary>
    int Features { get; }

    /// <summary>Every parameter θ of the model, each with its gradient buffer (for a linear model: weight, then bias).</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>ŷ_B for a minibatch (|B| predictions).</summary>
    /// <exception cref="ArgumentException">the batch has a different number of features than the model.</exception>
    double[] Forward(Batch batch);

    /// <summary>
    /// Given g = ∂L/∂ŷ for the batch (length |B|), ADDS ∂L/∂θ = (∂ŷ/∂θ)ᵀ g to the gradient buffer of every parameter
    /// (for ŷ = Xw + b: X_Bᵀg to the weight's, Σᵢ gᵢ to the bias's).
    /// </summary>
    /// <exception cref="ArgumentException">g has a different length than the batch, or the batch a different number of features than the model.</exception>
    void Backward(Batch batch, ReadOnlySpan<double> gradOutput);

    /// <summary>Predictions for every row of a dataset.</summary>
    /// <exception cref="ArgumentException">the dataset has a different number of features than the model.</exception>
    double[] Predict(Dataset data);

    /// <summary>Sets every parameter's gradient to zero.</summary>
    void ZeroGrad();
}
