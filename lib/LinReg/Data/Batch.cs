using MathNet.Numerics.LinearAlgebra;
using LinReg.Numerics;

namespace LinReg.Data;

/// <summary>
/// A minibatch B: |B| rows of X (row-major, |B|×d) with their targets, and the dataset row each came from.
/// Taught in notebook 04 · Data and the iterator.
/// </summary>
public sealed class Batch
{
    private Matrix<double>? _matrix;

    /// <summary>Creates a batch from gathered rows.</summary>
    /// <exception cref="ArgumentException">x.Length ≠ y.Length·features, or indices has a different length than y.</exception>
    public Batch(double[] x, double[] y, int features, int[] indices)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(indices);
        Guard.Positive(features, nameof(features), "The number of features");
        if (x.Length != y.Length * features)
            throw new ArgumentException($"Batch X has {x.Length} values but y has {y.Length} values and features = {features}.", nameof(x));
        if (indices.Length != y.Length)
            throw new ArgumentException($"Batch has {y.Length} targets but {indices.Length} row indices.", nameof(indices));
        X = x;
        Y = y;
        Features = features;
        Indices = indices;
    }

    /// <summary>X_B, row-major |B|×d.</summary>
    public double[] X { get; }

    /// <summary>y_B, length |B|.</summary>
    public double[] Y { get; }

    /// <summary>|B|, the number of examples in the batch.</summary>
    public int Size => Y.Length;

    /// <summary>d.</summary>
    public int Features { get; }

    /// <summary>The dataset row index of each example, in batch order.</summary>
    public int[] Indices { get; }

    /// <summary>X_B as a MathNet matrix (|B|×d), built on first use and cached.</summary>
    public Matrix<double> XMatrix => _matrix ??= Matrix<double>.Build.DenseOfRowMajor(Size, Features, X);

    /// <summary>y_B as a MathNet vector (a view of <see cref="Y"/>).</summary>
    public Vector<double> YVector => Vector<double>.Build.Dense(Y);

    /// <summary>Gathers the given rows of a dataset into a new batch.</summary>
    internal static Batch Gather(Dataset data, ReadOnlySpan<int> rows)
    {
        int d = data.Features;
        var x = new double[rows.Length * d];
        var y = new double[rows.Length];
        var idx = rows.ToArray();
        for (int k = 0; k < rows.Length; k++)
        {
            Array.Copy(data.X, rows[k] * d, x, k * d, d);
            y[k] = data.Y[rows[k]];
        }
        return new Batch(x, y, d, idx);
    }

    /// <summary>The whole dataset as one batch (full-batch gradient descent, evaluation).</summary>
    public static Batch FromDataset(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new Batch(data.X, data.Y, data.Features, Enumerable.Range(0, data.Count).ToArray());
    }
}
