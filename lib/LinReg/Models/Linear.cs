using LinReg.Data;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Models;

/// <summary>
/// The concise linear layer (PyTorch's <c>nn.Linear(d, 1)</c>) built on MathNet.Numerics: ŷ = Xw + b as a
/// matrix–vector product. Same parameters, same initialisation and the same gradient semantics as
/// <see cref="LinearRegressionScratch"/>, so both give the same numbers for the same seed.
/// </summary>
public sealed class Linear : IRegressionModel
{
    /// <summary>w ~ 𝒩(0, initStd²) drawn from <paramref name="seed"/>, b = 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">features ≤ 0 or initStd &lt; 0.</exception>
    public Linear(int features, int seed = 0, double initStd = 0.01)
    {
        (Weight, Bias, Parameters) = Init.Parameters(Init.Weights(features, seed, initStd), 0.0);
    }

    /// <summary>Starts from the given w and b.</summary>
    /// <exception cref="ArgumentException">w is empty or has a non-finite entry.</exception>
    /// <exception cref="ArgumentOutOfRangeException">b is not finite.</exception>
    public Linear(double[] w, double b)
    {
        (Weight, Bias, Parameters) = Init.Parameters(Init.Checked(w, nameof(w)), b);
    }

    /// <inheritdoc/>
    public int Features => Weight.Length;

    /// <inheritdoc/>
    public Parameter Weight { get; }

    /// <inheritdoc/>
    public Parameter Bias { get; }

    /// <inheritdoc/>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>ŷ = Xw + b for an n×d MathNet matrix.</summary>
    /// <exception cref="ArgumentException">X has a column count other than d.</exception>
    public Vector<double> Forward(Matrix<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.ColumnCount != Features)
            throw new ArgumentException($"X is {x.RowCount}×{x.ColumnCount} but the layer expects {Features} columns.", nameof(x));
        var yHat = x * Weight.ValueVector;
        return yHat.Add(Bias.Value[0]);
    }

    /// <summary>Adds Xᵀg to the weight gradient and Σg to the bias gradient.</summary>
    /// <exception cref="ArgumentException">shapes do not match.</exception>
    public void Backward(Matrix<double> x, Vector<double> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(gradOutput);
        if (x.ColumnCount != Features)
            throw new ArgumentException($"X is {x.RowCount}×{x.ColumnCount} but the layer expects {Features} columns.", nameof(x));
        if (gradOutput.Count != x.RowCount)
            throw new ArgumentException($"gradOutput has {gradOutput.Count} values but X has {x.RowCount} rows.", nameof(gradOutput));
        var gw = Weight.GradVector;
        gw.Add(x.TransposeThisAndMultiply(gradOutput), gw);   // ∂L/∂w += Xᵀ g
        Bias.Grad[0] += gradOutput.Sum();                     // ∂L/∂b += Σ g
    }

    /// <inheritdoc/>
    public double[] Forward(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Forward(batch.XMatrix).ToArray();
    }

    /// <inheritdoc/>
    public void Backward(Batch batch, ReadOnlySpan<double> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (gradOutput.Length != batch.Size)
            throw new ArgumentException($"gradOutput has {gradOutput.Length} values but the batch has {batch.Size} examples.", nameof(gradOutput));
        Backward(batch.XMatrix, Vector<double>.Build.Dense(gradOutput.ToArray()));
    }

    /// <inheritdoc/>
    public double[] Predict(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Forward(data.ToMatrix()).ToArray();
    }

    /// <inheritdoc/>
    public void ZeroGrad()
    {
        Weight.ZeroGrad();
        Bias.ZeroGrad();
    }

    /// <inheritdoc/>
    public override string ToString() => $"Linear(in={Features}, out=1): {Weight}, {Bias}";
}
