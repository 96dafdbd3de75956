using LinReg.Data;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Models;

/// <summary>
/// The concise linear layer (PyTorch's <c>nn.Linear(d, 1)</c>) built on MathNet.Numerics: ŷ = Xw + b as a
/// matrix–vector product. Same parameters, same initialisation and the same gradient semantics as
/// <see cref="LinearRegressionScratch"/>, so both give the same numbers for the same seed.
/// Taught in notebook 06 · Training concisely.
/// </summary>
public sealed class Linear : Module, IRegressionModel
{
    /// <summary>w ~ 𝒩(0, initStd²) drawn from <paramref name="seed"/>, b = 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">features ≤ 0 or initStd &lt; 0.</exception>
    public Linear(int features, int seed = 0, double initStd = 0.01)
    {
        Weight = Register(Init.Weight(features, seed, initStd));
        Bias = Register(Init.Bias(0.0));
    }

    /// <summary>Starts from the given w and b.</summary>
    /// <exception cref="ArgumentException">w is empty or has a non-finite entry.</exception>
    /// <exception cref="ArgumentOutOfRangeException">b is not finite.</exception>
    public Linear(double[] w, double b)
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

    /// <summary>ŷ = Xw + b for an n×d MathNet matrix.</summary>
    /// <exception cref="ArgumentException">X has a column count other than d.</exception>
    public Vector<double> Forward(Matrix<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckShape(x.RowCount, x.ColumnCount, nameof(x));
        var yHat = x * Weight.ValueVector;
        return yHat.Add(Bias.Value[0]);
    }

    /// <summary>Adds Xᵀg to the weight gradient and Σg to the bias gradient.</summary>
    /// <exception cref="ArgumentException">shapes do not match.</exception>
    public void Backward(Matrix<double> x, Vector<double> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(gradOutput);
        CheckShape(x.RowCount, x.ColumnCount, nameof(x));
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
        CheckShape(batch.Size, batch.Features, nameof(batch));
        return Forward(batch.XMatrix).ToArray();
    }

    /// <inheritdoc/>
    public void Backward(Batch batch, ReadOnlySpan<double> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(batch);
        CheckShape(batch.Size, batch.Features, nameof(batch));
        if (gradOutput.Length != batch.Size)
            throw new ArgumentException($"gradOutput has {gradOutput.Length} values but the batch has {batch.Size} examples.", nameof(gradOutput));
        Backward(batch.XMatrix, Vector<double>.Build.Dense(gradOutput.ToArray()));
    }

    /// <inheritdoc/>
    public double[] Predict(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckShape(data.Count, data.Features, nameof(data));
        return Forward(data.ToMatrix()).ToArray();
    }

    private void CheckShape(int rows, int columns, string paramName)
    {
        if (columns != Features)
            throw new ArgumentException($"X is {rows}×{columns} but the layer expects {Features} columns.", paramName);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Linear(in={Features}, out=1): {Weight}, {Bias}";
}
