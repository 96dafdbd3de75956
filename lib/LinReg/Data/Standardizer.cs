using LinReg.Numerics;

namespace LinReg.Data;

/// <summary>
/// Feature standardization z = (x − μ)/s, with μ and s (population standard deviation, divisor n) fitted on the
/// TRAINING data only and then applied unchanged to validation and test data — fitting on all data leaks.
/// Taught in notebook 10 · Baselines on real data and notebook 11 · Common pitfalls.
/// </summary>
/// <remarks>
/// μ is computed accurately (a compensated sum: the mean of n copies of 14.62 is 14.62, not 14.620000000000298) and s
/// by a two-pass algorithm against that mean. A column is constant when s ≤ 8ε·max|xᵢ| ≈ 1.8e-15·max|xᵢ| — its values
/// agree to the last few bits, the spread rounding leaves between copies of one number, not a spread of the data
/// (the library's one rule for "constant", shared with the metrics and diagnostics). A constant column is centered
/// but not scaled (s is taken as 1; its transformed training values are 0, or within rounding of 0) and listed in
/// <see cref="ConstantColumns"/>.
/// </remarks>
public sealed class Standardizer
{
    private Standardizer(double[] mean, double[] scale, int[] constant)
    {
        Mean = mean;
        Scale = scale;
        ConstantColumns = constant;
    }

    /// <summary>μ per feature.</summary>
    public IReadOnlyList<double> Mean { get; }

    /// <summary>s per feature (1 for a constant column).</summary>
    public IReadOnlyList<double> Scale { get; }

    /// <summary>Columns whose training values are all equal, up to rounding (s ≤ 8ε·max|xᵢ|; see the remarks).</summary>
    public IReadOnlyList<int> ConstantColumns { get; }

    /// <summary>Fits μ and s on the training set.</summary>
    public static Standardizer Fit(Dataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        int n = train.Count, d = train.Features;
        var mean = new double[d];
        var scale = new double[d];
        var constant = new List<int>();
        for (int j = 0; j < d; j++)
        {
            var m = Spread.Of(train.X, j, d, n);
            mean[j] = m.Mean;
            scale[j] = m.StandardDeviation;
            if (m.IsConstant) { scale[j] = 1; constant.Add(j); }
        }
        return new Standardizer(mean, scale, constant.ToArray());
    }

    /// <summary>Applies (x − μ)/s to every row; returns a new dataset with the same targets.</summary>
    /// <exception cref="ArgumentException">the dataset has a different number of features than the fitted one.</exception>
    public Dataset Transform(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int d = Mean.Count;
        if (data.Features != d)
            throw new ArgumentException($"The standardizer was fitted on {d} features but the dataset has {data.Features}.", nameof(data));
        var x = new double[data.X.Length];
        for (int k = 0; k < x.Length; k++)
        {
            int j = k % d;
            x[k] = (data.X[k] - Mean[j]) / Scale[j];
        }
        return new Dataset(x, data.Y, d, data.FeatureNames);
    }

    /// <summary>
    /// Maps weights learned on standardized features back to the original units:
    /// ŷ = Σⱼ wⱼ (xⱼ − μⱼ)/sⱼ + b = Σⱼ (wⱼ/sⱼ) xⱼ + (b − Σⱼ wⱼμⱼ/sⱼ).
    /// </summary>
    public (double[] Weights, double Bias) ToOriginalUnits(IReadOnlyList<double> weights, double bias)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count != Mean.Count)
            throw new ArgumentException($"Expected {Mean.Count} weights, got {weights.Count}.", nameof(weights));
        var w = new double[weights.Count];
        double b = bias;
        for (int j = 0; j < w.Length; j++)
        {
            w[j] = weights[j] / Scale[j];
            b -= w[j] * Mean[j];
        }
        return (w, b);
    }
}
