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
/// <remarks>
/// Means and spreads are computed accurately (compensated two-pass: a group of residuals that all equal 0.1 has mean
/// 0.1 and spread exactly 0). "Constant" follows the library's one rule: a standard deviation at most
/// 8ε ≈ 1.8e-15 times the values' largest magnitude — for residuals, the magnitude of the fitted values they were
/// computed from, since rᵢ = ŷᵢ − yᵢ carries rounding of ŷᵢ's size.
/// </remarks>
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
            var r = Spread.Of(idx.Select(i => residuals[i]).ToArray());
            double center = Spread.Of(idx.Select(i => x[i]).ToArray()).Mean;
            result.Add(new ResidualBin(x[idx[0]], x[idx[^1]], center, idx.Length, r.Mean, r.StandardDeviation));
        }
        return result;
    }

    /// <summary>
    /// The fan statistic: std of the residuals of the top <paramref name="fraction"/> of examples by fitted value,
    /// divided by the std of the bottom <paramref name="fraction"/>. ≈ 1 for constant spread; ≫ 1 for a fan opening
    /// to the right.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// lengths differ, are zero, or a value is not finite; a group would have fewer than 2 examples; the bottom group's
    /// residuals have zero spread up to rounding (standard deviation ≤ 8ε times the larger of their own and their fitted
    /// values' largest magnitude: a perfect fit leaves rounding noise, not a spread).
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">fraction not in (0, 0.5].</exception>
    public static double SpreadRatio(IReadOnlyList<double> fitted, IReadOnlyList<double> residuals, double fraction = 1.0 / 3)
    {
        Check(fitted, residuals, nameof(fitted), nameof(residuals));
        if (!(fraction > 0 && fraction <= 0.5))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, $"fraction must be in (0, 0.5], got {Format.Num(fraction)}.");
        int n = fitted.Count, m = (int)Math.Floor(n * fraction);
        if (m < 2) throw new ArgumentException($"fraction {Format.Num(fraction)} of n = {n} leaves {m} examples per group; need at least 2.", nameof(fraction));
        int[] order = Enumerable.Range(0, n).OrderBy(i => fitted[i]).ThenBy(i => i).ToArray();
        var bottom = order[..m];
        var low = Spread.Of(bottom.Select(i => residuals[i]).ToArray());
        var high = Spread.Of(order[^m..].Select(i => residuals[i]).ToArray());
        double magnitude = Math.Max(low.MaxAbs, bottom.Max(i => Math.Abs(fitted[i])));
        if (Spread.IsNegligible(low.StandardDeviation, magnitude))
            throw new ArgumentException(
                $"The residuals of the lowest fitted values have zero spread (standard deviation {Format.Num(low.StandardDeviation)}, " +
                $"within rounding of values of size {Format.Num(magnitude)}): the ratio is undefined.", nameof(residuals));
        return high.StandardDeviation / low.StandardDeviation;
    }

    /// <summary>
    /// The curve statistic: the correlation between rᵢ and (xᵢ − x̄)². A linear fit leaves r uncorrelated with x itself
    /// (when x is in the model), so a missing square term shows up here; ≈ 0 when there is no curvature.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// lengths differ, are zero, or a value is not finite; x, (x − x̄)² or r is constant (up to rounding: standard deviation
    /// ≤ 8ε·max|value|).
    /// </exception>
    public static double CurvatureCorrelation(IReadOnlyList<double> x, IReadOnlyList<double> residuals)
    {
        Check(x, residuals, nameof(x), nameof(residuals));
        var mx = Spread.Of(x);
        if (mx.IsConstant) throw Constant(nameof(x), mx, "x");
        double[] square = x.Select(v => (v - mx.Mean) * (v - mx.Mean)).ToArray();
        var ms = Spread.Of(square);
        if (ms.IsConstant) throw Constant(nameof(x), ms, "(x − x̄)² (x takes two values, symmetric about its mean)");
        return CorrelationCore(square, ms, residuals, nameof(residuals));
    }

    /// <summary>Pearson's correlation Σ(aᵢ − ā)(bᵢ − b̄) / √(Σ(aᵢ − ā)² Σ(bᵢ − b̄)²).</summary>
    /// <exception cref="ArgumentException">
    /// lengths differ, are zero, or a value is not finite; a or b is constant (up to rounding: standard deviation
    /// ≤ 8ε·max|value|, so 1000 copies of 14.62 count as constant).
    /// </exception>
    public static double Correlation(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        Check(a, b, nameof(a), nameof(b));
        var ma = Spread.Of(a);
        if (ma.IsConstant) throw Constant(nameof(a), ma, "a");
        return CorrelationCore(a, ma, b, nameof(b));
    }

    /// <summary>(1/n) Σ zₐᵢ z_bᵢ with z the standardized values (no overflow or underflow of the sums of squares).</summary>
    private static double CorrelationCore(IReadOnlyList<double> a, Spread.Moments ma, IReadOnlyList<double> b, string bName)
    {
        var mb = Spread.Of(b);
        if (mb.IsConstant) throw Constant(bName, mb, bName);
        double s = 0;
        for (int i = 0; i < a.Count; i++)
            s += (a[i] - ma.Mean) / ma.StandardDeviation * ((b[i] - mb.Mean) / mb.StandardDeviation);
        return Math.Clamp(s / a.Count, -1.0, 1.0);
    }

    private static ArgumentException Constant(string paramName, Spread.Moments m, string what) =>
        new($"{what} is constant ({m.Count} values equal to {Format.Num(m.Mean)}" +
            (m.StandardDeviation > 0 ? $" up to rounding, standard deviation {Format.Num(m.StandardDeviation)}" : "") +
            "): a constant sequence has no correlation with anything.", paramName);

    /// <summary>
    /// Residuals grouped by category label (groups in ordinal order of the label): count, mean, spread, and — when
    /// <paramref name="x"/> is given — the slope of r against x inside each group (NaN where x is constant in the group,
    /// up to rounding).
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
            var r = Spread.Of(idx.Select(i => residuals[i]).ToArray());
            double slope = double.NaN;
            if (x is not null)
            {
                var mx = Spread.Of(idx.Select(i => x[i]).ToArray());
                if (!mx.IsConstant)
                {
                    // slope = Σ(xᵢ − x̄)(rᵢ − r̄) / Σ(xᵢ − x̄)², written with (xᵢ − x̄)/s_x so no sum of squares can overflow
                    double s = 0;
                    foreach (int i in idx) s += (x[i] - mx.Mean) / mx.StandardDeviation * (residuals[i] - r.Mean);
                    slope = s / idx.Length / mx.StandardDeviation;
                }
            }
            result.Add(new ResidualGroup(g.Key, idx.Length, r.Mean, r.StandardDeviation, slope));
        }
        return result;
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
