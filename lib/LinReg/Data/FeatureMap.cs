using LinReg.Numerics;

namespace LinReg.Data;

/// <summary>
/// New datasets made from old ones by choosing or adding feature columns — how a linear model is given what a
/// residual plot says it is missing (a square term, an interaction) without changing the model itself.
/// Every method returns a new dataset and leaves its input untouched.
/// Taught in notebook 09 · Residual diagnostics and notebook 10 · Baselines on real data.
/// </summary>
public static class FeatureMap
{
    /// <summary>Appends one column computed from each row: x_new,i = f(xᵢ).</summary>
    /// <param name="data">The dataset.</param>
    /// <param name="name">The new column's name.</param>
    /// <param name="f">Maps the row xᵢ (length d) to the new feature; must return a finite number.</param>
    /// <exception cref="ArgumentException">f returns a non-finite value (the message names the row).</exception>
    public static Dataset Append(Dataset data, string name, Func<double[], double> f)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(f);
        int n = data.Count, d = data.Features;
        var x = new double[n * (d + 1)];
        for (int i = 0; i < n; i++)
        {
            double[] row = data.Row(i).ToArray();
            double v = f(row);
            if (!double.IsFinite(v)) throw new ArgumentException($"The new feature '{name}' is {Format.Num(v)} at row {i}; it must be finite.", nameof(f));
            Array.Copy(row, 0, x, i * (d + 1), d);
            x[i * (d + 1) + d] = v;
        }
        return new Dataset(x, data.Y, d + 1, data.FeatureNames.Append(name).ToArray());
    }

    /// <summary>Appends xⱼ² for column j (a square term: lets a linear model bend along xⱼ).</summary>
    /// <exception cref="ArgumentOutOfRangeException">j is not in [0, d).</exception>
    public static Dataset AppendSquare(Dataset data, int j)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckColumn(data, j, nameof(j));
        return Append(data, $"{data.FeatureNames[j]}^2", row => row[j] * row[j]);
    }

    /// <summary>Appends the product xⱼ·xₖ (an interaction: e.g. a slope that differs by category when xₖ is an indicator).</summary>
    /// <exception cref="ArgumentOutOfRangeException">j or k is not in [0, d).</exception>
    public static Dataset AppendProduct(Dataset data, int j, int k)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckColumn(data, j, nameof(j));
        CheckColumn(data, k, nameof(k));
        return Append(data, $"{data.FeatureNames[j]}*{data.FeatureNames[k]}", row => row[j] * row[k]);
    }

    /// <summary>Keeps only the given columns, in the given order.</summary>
    /// <exception cref="ArgumentException">no columns given.</exception>
    /// <exception cref="ArgumentOutOfRangeException">a column is not in [0, d).</exception>
    public static Dataset Select(Dataset data, IReadOnlyList<int> columns)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException("Select needs at least one column, got none.", nameof(columns));
        foreach (int j in columns) CheckColumn(data, j, nameof(columns));
        int n = data.Count, d = data.Features, m = columns.Count;
        var x = new double[n * m];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < m; k++) x[i * m + k] = data.X[i * d + columns[k]];
        return new Dataset(x, data.Y, m, columns.Select(j => data.FeatureNames[j]).ToArray());
    }

    /// <summary>The index of the column called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">no such column (lists the names), or several columns carry the name (names them).</exception>
    public static int IndexOf(Dataset data, string name)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(name);
        var found = Enumerable.Range(0, data.Features).Where(j => data.FeatureNames[j] == name).ToList();
        if (found.Count == 1) return found[0];
        if (found.Count > 1)
            throw new ArgumentException(
                $"The feature name '{name}' is ambiguous: columns {string.Join(", ", found.Take(found.Count - 1))} and {found[^1]} carry it; select by index or rename one.",
                nameof(name));
        throw new ArgumentException($"No feature named '{name}'; the features are: {string.Join(", ", data.FeatureNames)}.", nameof(name));
    }

    /// <summary>A copy of the targets mapped by f (e.g. Math.Log for a log target).</summary>
    /// <exception cref="ArgumentException">f returns a non-finite value (names the row), e.g. log of a value ≤ 0.</exception>
    public static Dataset MapTargets(Dataset data, Func<double, double> f)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(f);
        var y = new double[data.Count];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = f(data.Y[i]);
            if (!double.IsFinite(y[i])) throw new ArgumentException($"The mapped target at row {i} is {Format.Num(y[i])} (from y = {Format.Num(data.Y[i])}); it must be finite.", nameof(f));
        }
        return data.WithTargets(y);
    }

    /// <summary>
    /// Recovers the category of every row from one-hot indicator columns named "{column}={level}" (as
    /// <see cref="CsvTable.ToDataset"/> makes them): the level whose indicator is 1, or
    /// <paramref name="referenceLevel"/> when every indicator is 0 (the dropped reference category).
    /// </summary>
    /// <param name="data">A dataset with the indicator columns (raw 0/1 values, not standardized).</param>
    /// <param name="column">The categorical column's name, e.g. "ocean_proximity".</param>
    /// <param name="referenceLevel">The label of rows with all indicators 0.</param>
    /// <exception cref="ArgumentException">no "{column}=…" columns; a row has an indicator other than 0/1, or more than one 1 (names the row).</exception>
    public static string[] DecodeOneHot(Dataset data, string column, string referenceLevel)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(referenceLevel);
        string prefix = column + "=";
        var cols = Enumerable.Range(0, data.Features).Where(j => data.FeatureNames[j].StartsWith(prefix, StringComparison.Ordinal)).ToArray();
        if (cols.Length == 0)
            throw new ArgumentException($"No indicator columns named '{prefix}…'; the features are: {string.Join(", ", data.FeatureNames)}.", nameof(column));
        var labels = new string[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            string? label = null;
            foreach (int j in cols)
            {
                double v = data.X[i * data.Features + j];
                if (v != 0 && v != 1)
                    throw new ArgumentException($"Row {i}, column '{data.FeatureNames[j]}' is {Format.Num(v)}, not a 0/1 indicator (decode before standardizing).", nameof(data));
                if (v == 1)
                {
                    if (label is not null) throw new ArgumentException($"Row {i} has more than one '{prefix}…' indicator set.", nameof(data));
                    label = data.FeatureNames[j][prefix.Length..];
                }
            }
            labels[i] = label ?? referenceLevel;
        }
        return labels;
    }

    private static void CheckColumn(Dataset data, int j, string paramName)
    {
        if ((uint)j >= (uint)data.Features)
            throw new ArgumentOutOfRangeException(paramName, j, $"The column index must be in [0, {data.Features}), got {j}.");
    }
}
