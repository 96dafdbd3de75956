using LinReg.Data;

namespace LinReg.Models;

/// <summary>
/// Linear regression written from scratch with plain arrays and loops: ŷᵢ = Σⱼ xᵢⱼ wⱼ + b.
/// Its backward pass is the seed's formula ∇_w = X_Bᵀ g, ∇_b = Σᵢ gᵢ, with g = ∂L/∂ŷ supplied by the loss.
/// Taught in notebook 05 · Training from scratch.
/// </summary>
public sealed class LinearRegressionScratch : Module, IRegressionModel
{
    /// <summary>w ~ 𝒩(0, initStd²) drawn from <paramref name="seed"/>, b = 0 (as D2L initialises it).</summary>
    /// <exception cref="ArgumentOutOfRangeException">features ≤ 0 or initStd &lt; 0.</exception>
    public LinearRegressionScratch(int features, int seed = 0, double initStd = 0.01)
    {
        Weight = Register(Init.Weight(features, seed, initStd));
        Bias = Register(Init.Bias(0.0));
    }

    /// <summary>Starts from the given w and b (e.g. the seed's worked example: w = 1, b = 0).</summary>
    /// <exception cref="ArgumentException">w is empty or has a non-finite entry.</exception>
    /// <exception cref="ArgumentOutOfRangeException">b is not finite.</exception>
    public LinearRegressionScratch(double[] w, double b)
    {
        Weight = Register(Init.Weight(w, nameof(w)));
        Bias = Register(Init.Bias(b, nameof(b)));
    }

    /// <inheritdoc/>
    public int Features => Weight.Length;

    /// <summary>w ∈ ℝᵈ, the weights (with their gradient buffer).</summary>
    public Parameter Weight { get; }

    /// <summary>b ∈ ℝ, the bias: a one-element parameter of its own.</summary>
    public Parameter Bias { get; }

    /// <inheritdoc/>
    public double[] Forward(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        CheckFeatures(batch.Features, nameof(batch));
        return Forward(batch.X, batch.Size);
    }

    /// <inheritdoc/>
    public double[] Predict(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckFeatures(data.Features, nameof(data));
        return Forward(data.X, data.Count);
    }

    private double[] Forward(double[] x, int rows)
    {
        int d = Features;
        double[] w = Weight.Value;
        double b = Bias.Value[0];
        var yHat = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double s = 0;
            for (int j = 0; j < d; j++) s += x[i * d + j] * w[j];
            yHat[i] = s + b;
        }
        return yHat;
    }

    /// <inheritdoc/>
    public void Backward(Batch batch, ReadOnlySpan<double> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(batch);
        CheckFeatures(batch.Features, nameof(batch));
        if (gradOutput.Length != batch.Size)
            throw new ArgumentException($"gradOutput has {gradOutput.Length} values but the batch has {batch.Size} examples.", nameof(gradOutput));
        int d = Features;
        double[] gw = Weight.Grad;
        double gb = 0;
        for (int i = 0; i < batch.Size; i++)
        {
            double g = gradOutput[i];
            for (int j = 0; j < d; j++) gw[j] += batch.X[i * d + j] * g;   // ∂L/∂w += xᵢ gᵢ
            gb += g;                                                       // ∂L/∂b += gᵢ
        }
        Bias.Grad[0] += gb;
    }

    private void CheckFeatures(int features, string paramName)
    {
        if (features != Features)
            throw new ArgumentException($"The model has {Features} weights but the data has {features} features.", paramName);
    }

    /// <inheritdoc/>
    public override string ToString() => $"LinearRegressionScratch(d={Features}): {Weight}, {Bias}";
}
