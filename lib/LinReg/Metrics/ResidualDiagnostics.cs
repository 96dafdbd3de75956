using LinReg.Numerics;

namespace LinReg.Metrics;

/// <summary>
/// Numbers that say what a residual plot shows — the seed's four cases. For residuals rᵢ = ŷᵢ − yᵢ of a linear fit:
/// adequate = centered everywhere, same spread everywhere, same in every category; a CURVE with a feature shows as
/// bins of x whose mean residual is far from 0 with a pattern (and a correlation of r with (x − x̄)²); a FAN shows as a
/// spread that grows with the fitted value; a missing category effect or interaction shows as per-category means or
/// slopes that differ.
/// Taught in notebook 09 · Residual diagnostics.
/// </summary>
public static class ResidualDiagnostics
{
    /// <summary>
    /// Sorts the examples by x and cuts them into <paramref name="bins"/> groups of (almost) equal size; for each, the
    /// mean and spread of the residuals.
    /// </summary>
    /// <exception cref="ArgumentException">lengths differ, are zero, or a value is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">bins not in [1, n].</exception>
    public static IReadOnlyList<ResidualBin> Binned(IReadOnlyList<double> x, IReadOnlyList<double> residuals, int bins)
    {
        Check(x, residuals, nameof(x), nameof(residuals));
        int n = x.Count;
        if (bins < 1 || bins > n) throw new ArgumentOutOfRangeException(nameof(bins), bins, $"bins must be in [1, n = {n}], got {bins}.");
        int[] order = Enumerable.Range(0, n).OrderBy(i => x[i]).ThenBy(i => i).ToArray();
        var result = new List<ResidualBin>(bins);
        for (int k = 0; k < bins; k++)
        {
            int lo = (int)((long)k * n / bins), hi = (int)((long)(k + 1) * n / bins);
            var idx = order[lo..hi];
            double mean = idx.Average(i => residuals[i]);
            double std = Math.Sqrt(idx.Average(i => (residuals[i] - mean) * (residuals[i] - mean)));
            result.Add(new ResidualBin(x[idx[0]], x[idx[^1]], idx.Average(i => x[i]), idx.Length, mean, std));
        }
        return result;
    }

    /// <summary>
    /// The fan statistic: std of the residuals of the top <paramref name="fraction"/> of examples by fitted value,
    /// divided by the std of the bottom <paramref name="fraction"/>. ≈ 1 for constant spread; ≫ 1 for a fan opening
    /// to the right.
    /// </summary>
    /// <exception cref="ArgumentException">lengths differ, are zero, or a value is not finite; a group would have fewer than 2 examples; the bottom group has zero spread.</exception>
    /// <exception cref="ArgumentOutOfRangeException">fraction not in (0, 0.5].</exception>
    public static double SpreadRatio(IReadOnlyList<double> fitted, IReadOnlyList<double> residuals, double fraction = 1.0 / 3)
    {
        Check(fitted, residuals, nameof(fitted), nameof(residuals));
        if (!(fraction > 0 && fraction <= 0.5))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"fraction must be in (0, 0.5], got {Format.Num(fraction)}.");
        int n = fitted.Count, m = (int)Math.Floor(n * fraction);
        if (m < 2) throw new ArgumentException($"fraction {Format.Num(fraction)} of n = {n} leaves {m} examples per group; need at least 2.", nameof(fraction));
        int[] order = Enumerable.Range(0, n).OrderBy(i => fitted[i]).ThenBy(i => i).ToArray();
        double low = Std(order[..m].Select(i => residuals[i]).ToArray());
        double high = Std(order[^m..].Select(i => residuals[i]).ToArray());
        if (low == 0) throw new ArgumentException("The residuals of the lowest fitted values have zero spread: the ratio is undefined.", nameof(residuals));
        return high / low;
    }

    /// <summary>
    /// The curve statistic: the correlation between rᵢ and (xᵢ − x̄)². A linear fit leaves r uncorrelated with x itself
    /// (when x is in the model), so a missing square term shows up here; ≈ 0 when there is no curvature.
    /// </summary>
    /// <exception cref="ArgumentException">lengths differ, are zero, or a value is not finite; x or r is constant.</exception>
    public static double CurvatureCorrelation(IReadOnlyList<double> x, IReadOnlyList<double> residuals)
    {
        Check(x, residuals, nameof(x), nameof(residuals));
        double mean = x.Average();
        return Correlation(x.Select(v => (v - mean) * (v - mean)).ToArray(), residuals);
    }

    /// <summary>Pearson's correlation Σ(aᵢ − ā)(bᵢ − b̄) / √(Σ(aᵢ − ā)² Σ(bᵢ − b̄)²).</summary>
    /// <exception cref="ArgumentException">lengths differ, are zero, or a value is not finite; a or b is constant.</exception>
    public static double Correlation(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        Check(a, b, nameof(a), nameof(b));
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Count; i++)
        {
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db; saa += da * da; sbb += db * db;
        }
        if (saa == 0 || sbb == 0) throw new ArgumentException("A constant sequence has no correlation with anything.", saa == 0 ? nameof(a) : nameof(b));
        return sab / Math.Sqrt(saa * sbb);
    }

    /// <summary>
    /// Residuals grouped by category label (groups in ordinal order of the label): count, mean, spread, and — when
    /// <paramref name="x"/> is given — the slope of r against x inside each group.
    /// </summary>
    /// <exception cref="ArgumentException">lengths differ or are zero; a value is not finite; a label is null.</exception>
    public static IReadOnlyList<ResidualGroup> ByGroup(IReadOnlyList<string> labels, IReadOnlyList<double> residuals, IReadOnlyList<double>? x = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(residuals);
        if (labels.Count != residuals.Count)
            throw new ArgumentException($"labels has {labels.Count} values but residuals has {residuals.Count}.", nameof(labels));
        if (x is not null) Check(x, residuals, nameof(x), nameof(residuals)); else Check(residuals, residuals, nameof(residuals), nameof(residuals));
        if (labels.Any(l => l is null)) throw new ArgumentException("A label is null.", nameof(labels));
        var result = new List<ResidualGroup>();
        foreach (var g in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var idx = g.ToArray();
            double mean = idx.Average(i => residuals[i]);
            double std = Math.Sqrt(idx.Average(i => (residuals[i] - mean) * (residuals[i] - mean)));
            double slope = double.NaN;
            if (x is not null)
            {
                double mx = idx.Average(i => x[i]), sxx = idx.Sum(i => (x[i] - mx) * (x[i] - mx));
                if (sxx > 0) slope = idx.Sum(i => (x[i] - mx) * (residuals[i] - mean)) / sxx;
            }
            result.Add(new ResidualGroup(g.Key, idx.Length, mean, std, slope));
        }
        return result;
    }

    private static double Std(double[] v)
    {
        double m = v.Average();
        return Math.Sqrt(v.Average(t => (t - m) * (t - m)));
    }

    /// <summary>Both sequences non-null, the same non-zero length, every value finite; names are the caller's parameters.</summary>
    private static void Check(IReadOnlyList<double> a, IReadOnlyList<double> b, string aName, string bName)
    {
        ArgumentNullException.ThrowIfNull(a, aName);
        ArgumentNullException.ThrowIfNull(b, bName);
        if (b.Count == 0) throw new ArgumentException($"{bName} is empty; at least one value is needed.", bName);
        if (a.Count != b.Count) throw new ArgumentException($"{aName} has {a.Count} values but {bName} has {b.Count}.", aName);
        Guard.AllFinite(a, aName);
        Guard.AllFinite(b, bName);
    }
}
