using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Models;

/// <summary>
/// A trainable tensor and its gradient buffer (PyTorch's <c>requires_grad=True</c> tensor with <c>.grad</c>).
/// Backward passes ADD into <see cref="Grad"/>; only <see cref="ZeroGrad"/> clears it — so forgetting to zero the
/// gradients really does accumulate them across minibatches, as in the seed's pitfall.
/// Taught in notebook 02 · One SGD step by hand and notebook 05 · Training from scratch (the value and its gradient buffer).
/// </summary>
public sealed class Parameter
{
    /// <summary>Creates a parameter holding <paramref name="value"/> (not copied) with a zero gradient.</summary>
    /// <param name="name">For display, e.g. "weight" or "bias".</param>
    /// <param name="value">The values.</param>
    /// <param name="isBias">True for bias parameters: optimizers exclude them from weight decay unless asked.</param>
    public Parameter(string name, double[] value, bool isBias = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        Value = value;
        Grad = new double[value.Length];
        IsBias = isBias;
    }

    /// <summary>Name for display.</summary>
    public string Name { get; }

    /// <summary>The values (mutated in place by optimizers).</summary>
    public double[] Value { get; }

    /// <summary>∂L/∂(this), accumulated by backward passes since the last <see cref="ZeroGrad"/>.</summary>
    public double[] Grad { get; }

    /// <summary>Whether this is a bias (its own parameter group; no weight decay by default).</summary>
    public bool IsBias { get; }

    /// <summary>Number of scalars.</summary>
    public int Length => Value.Length;

    /// <summary>The values as a MathNet vector view (shares storage: writes go through).</summary>
    public Vector<double> ValueVector => Vector<double>.Build.Dense(Value);

    /// <summary>The gradient as a MathNet vector view (shares storage).</summary>
    public Vector<double> GradVector => Vector<double>.Build.Dense(Grad);

    /// <summary>Sets every gradient entry to 0.</summary>
    public void ZeroGrad() => Array.Clear(Grad);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name} = [{string.Join(", ", Value.Select(v => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))}]";
}
