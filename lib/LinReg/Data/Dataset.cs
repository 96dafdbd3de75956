using MathNet.Numerics.LinearAlgebra;
using LinReg.Numerics;

namespace LinReg.Data;

/// <summary>
/// An in-memory regression dataset: a feature matrix X ∈ ℝ^{n×d} stored row-major in one array
/// (example i occupies <c>X[i*d .. i*d+d)</c>) and a target vector y ∈ ℝⁿ.
/// Taught in notebook 04 · Data and the iterator.
/// </summary>
/// <remarks>
/// The arrays are held, not copied, so a million-row dataset is not duplicated; do not mutate them while a
/// model or iterator uses the dataset. Every value is checked once, at construction, to be finite.
/// </remarks>
public sealed class Dataset
{
    /// <summary>Wraps a row-major feature array and a target array.</summary>
    /// <param name="x">Features, row-major, length n·d.</param>
    /// <param name="y">Targets, length n.</param>
    /// <param name="features">d, the number of features per example (≥ 1).</param>
    /// <param name="featureNames">Optional names, d of them; defaults to x0, x1, ….</param>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="y"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="features"/> ≤ 0.</exception>
    /// <exception cref="ArgumentException">y is empty; x.Length ≠ n·d; a value is NaN or ±∞ (the message names its row and column); featureNames has the wrong count.</exception>
    public Dataset(double[] x, double[] y, int features, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Guard.Positive(features, nameof(features), "The number of features");
        if (y.Length == 0)
            throw new ArgumentException("The dataset is empty: y has 0 values (need at least one example).", nameof(y));
        if ((long)y.Length * features != x.Length)
            throw new ArgumentException(
                $"X has {x.Length} values but y has {y.Length} values and features = {features}: expected {(long)y.Length * features} = {y.Length}×{features}.",
                nameof(x));
        Guard.AllFinite(x, y.Length, features, "X");
        Guard.AllFinite(y, "y");
        if (featureNames is not null && featureNames.Count != features)
            throw new ArgumentException($"featureNames has {featureNames.Count} names but there are {features} features.", nameof(featureNames));
        X = x;
        Y = y;
        Features = features;
        FeatureNames = featureNames ?? Enumerable.Range(0, features).Select(j => "x" + j).ToArray();
    }

    /// <summary>X, row-major n×d.</summary>
    public double[] X { get; }

    /// <summary>y, length n.</summary>
    public double[] Y { get; }

    /// <summary>n, the number of examples.</summary>
    public int Count => Y.Length;

    /// <summary>d, the number of features.</summary>
    public int Features { get; }

    /// <summary>One name per feature column.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Row i of X (the features xᵢ of example i), without copying.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="i"/> is not in [0, n).</exception>
    public ReadOnlySpan<double> Row(int i)
    {
        if ((uint)i >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(i), i, $"Row index must be in [0, {Count}), got {i}.");
        return new ReadOnlySpan<double>(X, i * Features, Features);
    }

    /// <summary>Column j of X as a new array (n values).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="j"/> is not in [0, d).</exception>
    public double[] Column(int j)
    {
        if ((uint)j >= (uint)Features)
            throw new ArgumentOutOfRangeException(nameof(j), j, $"Column index must be in [0, {Features}), got {j}.");
        var c = new double[Count];
        for (int i = 0; i < c.Length; i++) c[i] = X[i * Features + j];
        return c;
    }

    /// <summary>A new dataset holding the given rows, in the given order (copies).</summary>
    /// <exception cref="ArgumentException">indices is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">an index is not in [0, n).</exception>
    public Dataset Subset(ReadOnlySpan<int> indices)
    {
        if (indices.Length == 0)
            throw new ArgumentException("A subset needs at least one row index, got none.", nameof(indices));
        int d = Features;
        var x = new double[indices.Length * d];
        var y = new double[indices.Length];
        for (int k = 0; k < indices.Length; k++)
        {
            int i = indices[k];
            if ((uint)i >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(indices), i, $"Row index {i} at position {k} is not in [0, {Count}).");
            Array.Copy(X, i * d, x, k * d, d);
            y[k] = Y[i];
        }
        return new Dataset(x, y, d, FeatureNames);
    }

    /// <summary>A new dataset with the same X and different targets (e.g. log y).</summary>
    /// <exception cref="ArgumentException">y has a different length than n.</exception>
    public Dataset WithTargets(double[] y)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (y.Length != Count) throw new ArgumentException($"The dataset has {Count} rows but y has {y.Length} values.", nameof(y));
        return new Dataset(X, y, Features, FeatureNames);
    }

    /// <summary>Builds a dataset from jagged rows (each of length d) and targets.</summary>
    /// <exception cref="ArgumentException">No rows, rows of different lengths, or rows.Length ≠ y.Length.</exception>
    public static Dataset FromRows(double[][] rows, double[] y, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(y);
        if (rows.Length == 0) throw new ArgumentException("The dataset is empty: no rows.", nameof(rows));
        if (rows.Length != y.Length)
            throw new ArgumentException($"X has {rows.Length} rows but y has {y.Length} values.", nameof(y));
        int d = rows[0]?.Length ?? 0;
        var x = new double[rows.Length * d];
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows[i] is null || rows[i].Length != d)
                throw new ArgumentException($"Row {i} has {rows[i]?.Length ?? 0} values but row 0 has {d}.", nameof(rows));
            Array.Copy(rows[i], 0, x, i * d, d);
        }
        return new Dataset(x, y, d, featureNames);
    }

    /// <summary>Builds a dataset from a rectangular n×d array and targets.</summary>
    /// <exception cref="ArgumentException">x.GetLength(0) ≠ y.Length, or no rows.</exception>
    public static Dataset FromMatrix(double[,] x, double[] y, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int n = x.GetLength(0), d = x.GetLength(1);
        if (n != y.Length) throw new ArgumentException($"X has {n} rows but y has {y.Length} values.", nameof(y));
        var flat = new double[n * d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) flat[i * d + j] = x[i, j];
        return new Dataset(flat, y, d, featureNames);
    }

    /// <summary>X as a MathNet dense matrix (n×d, a copy: MathNet stores column-major).</summary>
    public Matrix<double> ToMatrix() => Matrix<double>.Build.DenseOfRowMajor(Count, Features, X);

    /// <summary>y as a MathNet vector (a view of the same array, not a copy).</summary>
    public Vector<double> TargetVector() => Vector<double>.Build.Dense(Y);
}
