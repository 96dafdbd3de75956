using LinReg.Data;
using LinReg.Numerics;

namespace LinReg.Experiments;

/// <summary>
/// Random search over feature subsets, scored on a validation set: the "tuning until the validation score looks
/// good" of notebook 11, pitfall 4, with the bookkeeping in one place. Configuration k = 1, 2, … keeps each of the d
/// features with probability ½ (drawn from <c>new Random(seed)</c>; when none is kept, one drawn uniformly), fits the
/// kept columns on the training set with the given fitting method, and scores the fit by its validation MSE,
/// (1/n) Σ (ŷᵢ − yᵢ)² (no ½). The best configuration so far is the winner. At each checkpoint (after that many
/// configurations) the search records the winner's validation MSE and, when a true-risk function is given, the
/// winner's true risk.
/// <para>Taught in notebook 11 · Common pitfalls.</para>
/// </summary>
public static class FeatureSubsetSearch
{
    /// <summary>Runs the search.</summary>
    /// <param name="train">The training set: every configuration is fitted on it.</param>
    /// <param name="validation">The validation set: every configuration is scored on it; same features as train.</param>
    /// <param name="fit">Fits y ≈ Xw + b on a dataset that holds only the kept columns; returns w (one weight per kept
    /// column, in their order) and b. E.g. least squares.</param>
    /// <param name="configurations">How many random subsets to try (≥ 1).</param>
    /// <param name="checkpoints">Configuration counts at which to record the winner, strictly increasing, each in
    /// 1..configurations.</param>
    /// <param name="seed">Fixes the subsets drawn.</param>
    /// <param name="trueRisk">Optional: the true risk R(w, b) of a model with weights w over ALL d features (zeros for
    /// the dropped ones) and bias b; null records NaN.</param>
    /// <returns>The winner and the checkpoint records.</returns>
    /// <exception cref="ArgumentNullException">train, validation, fit or checkpoints is null.</exception>
    /// <exception cref="ArgumentException">the two sets have different numbers of features; checkpoints is empty or not
    /// strictly increasing; fit returns a number of weights different from the number of kept columns.</exception>
    /// <exception cref="ArgumentOutOfRangeException">configurations ≤ 0, or a checkpoint outside 1..configurations.</exception>
    public static FeatureSubsetSearchResult Run(Dataset train, Dataset validation, Func<Dataset, (double[] Weights, double Bias)> fit,
        int configurations, IReadOnlyList<int> checkpoints, int seed, Func<double[], double, double>? trueRisk = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(checkpoints);
        if (validation.Features != train.Features)
            throw new ArgumentException($"The training set has {train.Features} features but the validation set has {validation.Features}.", nameof(validation));
        Guard.Positive(configurations, nameof(configurations), "The number of configurations");
        CheckCheckpoints(checkpoints, configurations);

        int d = train.Features;
        var rng = new Random(seed);
        var validationMse = new double[checkpoints.Count];
        var risk = new double[checkpoints.Count];
        double bestMse = double.PositiveInfinity, bestRisk = double.NaN, bestBias = 0;
        int[] bestColumns = [];
        double[] bestWeights = new double[d];
        for (int k = 1, next = 0; k <= configurations; k++)
        {
            int[] columns = Enumerable.Range(0, d).Where(_ => rng.NextDouble() < 0.5).ToArray();
            if (columns.Length == 0) columns = [rng.Next(d)];
            var (w, b) = fit(FeatureMap.Select(train, columns));
            ArgumentNullException.ThrowIfNull(w, "fit(...).Weights");
            if (w.Length != columns.Length)
                throw new ArgumentException($"fit returned {w.Length} weights for {columns.Length} kept columns.", nameof(fit));
            double[] full = new double[d];
            for (int c = 0; c < columns.Length; c++) full[columns[c]] = w[c];
            double mse = Mse(full, b, validation);
            if (mse < bestMse)
            {
                (bestMse, bestColumns, bestWeights, bestBias) = (mse, columns, full, b);
                bestRisk = trueRisk is null ? double.NaN : trueRisk((double[])full.Clone(), b);
            }
            if (k == checkpoints[next])
            {
                validationMse[next] = bestMse;
                risk[next] = bestRisk;
                if (++next == checkpoints.Count) next = checkpoints.Count - 1;
            }
        }
        return new FeatureSubsetSearchResult(bestColumns, bestWeights, bestBias, bestMse, checkpoints.ToArray(), validationMse, risk);
    }

    /// <summary>The mean squared error (no ½) of ŷ = xᵀw + b on a dataset.</summary>
    internal static double Mse(double[] weights, double bias, Dataset data)
    {
        double s = 0;
        int d = data.Features;
        for (int i = 0; i < data.Count; i++)
        {
            double r = bias - data.Y[i];
            for (int j = 0; j < d; j++) r += data.X[i * d + j] * weights[j];
            s += r * r;
        }
        return s / data.Count;
    }

    private static void CheckCheckpoints(IReadOnlyList<int> checkpoints, int configurations)
    {
        if (checkpoints.Count == 0) throw new ArgumentException("checkpoints is empty; give at least one.", nameof(checkpoints));
        for (int c = 0; c < checkpoints.Count; c++)
        {
            if (checkpoints[c] < 1 || checkpoints[c] > configurations)
                throw new ArgumentOutOfRangeException(nameof(checkpoints), checkpoints[c],
                    $"checkpoint {c} is {checkpoints[c]}; every checkpoint must lie in 1..{configurations} (the configurations tried).");
            if (c > 0 && checkpoints[c] <= checkpoints[c - 1])
                throw new ArgumentException($"checkpoints must be strictly increasing: checkpoint {c} is {checkpoints[c]} after {checkpoints[c - 1]}.", nameof(checkpoints));
        }
    }
}
