using LinReg.Numerics;

namespace LinReg.Metrics;

/// <summary>
/// Residuals and the usual error measures of a regression, each checking its inputs.
/// Taught in notebook 01 · The model and the loss and notebook 10 · Baselines on real data (the MSE metric; R² and RMSE on real data).
/// </summary>
public static class RegressionMetrics
{
    /// <summary>rᵢ = ŷᵢ − yᵢ (the seed's sign convention: positive when the model over-predicts).</summary>
    /// <exception cref="ArgumentException">lengths differ or are zero.</exception>
    public static double[] Residuals(ReadOnlySpan<double> yHat, ReadOnlySpan<double> y)
    {
        Check(yHat, y);
        var r = new double[y.Length];
        for (int i = 0; i < r.Length; i++) r[i] = yHat[i] - y[i];
        return r;
    }

    /// <summary>MSE = (1/n) Σ (ŷᵢ − yᵢ)² (no ½: this is a metric, not the training loss).</summary>
    public static double Mse(ReadOnlySpan<double> yHat, ReadOnlySpan<double> y)
    {
        Check(yHat, y);
        double s = 0;
        for (int i = 0; i < y.Length; i++) { double r = yHat[i] - y[i]; s += r * r; }
        return s / y.Length;
    }

    /// <summary>RMSE = √MSE, in the target's units.</summary>
    public static double Rmse(ReadOnlySpan<double> yHat, ReadOnlySpan<double> y) => Math.Sqrt(Mse(yHat, y));

    /// <summary>MAE = (1/n) Σ |ŷᵢ − yᵢ|.</summary>
    public static double Mae(ReadOnlySpan<double> yHat, ReadOnlySpan<double> y)
    {
        Check(yHat, y);
        double s = 0;
        for (int i = 0; i < y.Length; i++) s += Math.Abs(yHat[i] - y[i]);
        return s / y.Length;
    }

    /// <summary>
    /// R² = 1 − Σ(ŷᵢ − yᵢ)² / Σ(yᵢ − ȳ)², ȳ the mean of <paramref name="y"/>: 1 is perfect, 0 is as good as predicting ȳ,
    /// negative is worse. ȳ is the accurate (compensated) mean; both sums of squares are then summed the same plain way, so
    /// predicting ȳ for every example (<see cref="MeanBaseline"/>) scores exactly 0 and predicting y exactly 1.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// y is constant (R² undefined) — also up to rounding: its standard deviation is at most 8ε·max|yᵢ| ≈ 1.8e-15·max|yᵢ|
    /// (the library's one rule for "constant": values that agree to their last few bits).
    /// </exception>
    public static double R2(ReadOnlySpan<double> yHat, ReadOnlySpan<double> y)
    {
        Check(yHat, y);
        var m = Spread.Of(y);
        if (m.IsConstant)
            throw new ArgumentException(
                $"R² is undefined: all {y.Length} targets equal {Format.Num(m.Mean)}{(m.StandardDeviation > 0 ? $" up to rounding (standard deviation {Format.Num(m.StandardDeviation)})" : "")}.",
                nameof(y));
        double ssRes = 0, ssTot = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double r = yHat[i] - y[i], c = y[i] - m.Mean;
            ssRes += r * r;
            ssTot += c * c;
        }
        return 1 - ssRes / ssTot;
    }

    private static void Check(ReadOnlySpan<double> yHat, ReadOnlySpan<double> y)
    {
        if (y.Length == 0) throw new ArgumentException("No examples: y is empty.", nameof(y));
        if (yHat.Length != y.Length) throw new ArgumentException($"ŷ has {yHat.Length} values but y has {y.Length}.", nameof(yHat));
        Guard.AllFinite(yHat, nameof(yHat));
        Guard.AllFinite(y, nameof(y));
    }
}
