using LinReg.Numerics;

namespace LinReg.Metrics;

/// <summary>
/// The constant baseline: predict the mean of the TRAINING targets for every example. Any model worth keeping must
/// beat it on validation data (its R² on the training set is exactly 0).
/// Taught in notebook 10 · Baselines on real data.
/// </summary>
public sealed class MeanBaseline
{
    private MeanBaseline(double mean) => Value = mean;

    /// <summary>The constant prediction ȳ_train (a compensated mean: n copies of v average to v exactly).</summary>
    public double Value { get; }

    /// <summary>Fits ȳ on the training targets.</summary>
    /// <exception cref="ArgumentException">no targets, or a non-finite one.</exception>
    public static MeanBaseline Fit(ReadOnlySpan<double> trainTargets)
    {
        if (trainTargets.Length == 0) throw new ArgumentException("Cannot fit a baseline on 0 targets.", nameof(trainTargets));
        Guard.AllFinite(trainTargets, nameof(trainTargets));
        return new MeanBaseline(Spread.Of(trainTargets).Mean);
    }

    /// <summary>n copies of ȳ_train.</summary>
    public double[] Predict(int n)
    {
        Guard.Positive(n, nameof(n), "The number of predictions");
        var p = new double[n];
        Array.Fill(p, Value);
        return p;
    }
}
