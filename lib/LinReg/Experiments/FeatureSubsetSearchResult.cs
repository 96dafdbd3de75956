using LinReg.Data;

namespace LinReg.Experiments;

/// <summary>
/// The outcome of a <see cref="FeatureSubsetSearch"/>: the winning configuration (the feature subset with the lowest
/// validation MSE among those tried) and, at each checkpoint, the winner's validation MSE and true risk.
/// <para>Taught in notebook 11 · Common pitfalls.</para>
/// </summary>
public sealed class FeatureSubsetSearchResult
{
    internal FeatureSubsetSearchResult(int[] winnerColumns, double[] winnerWeights, double winnerBias, double winnerValidationMse,
        int[] checkpoints, double[] validationMse, double[] trueRisk)
    {
        WinnerColumns = winnerColumns;
        WinnerWeights = winnerWeights;
        WinnerBias = winnerBias;
        WinnerValidationMse = winnerValidationMse;
        Checkpoints = checkpoints;
        ValidationMseAtCheckpoints = validationMse;
        TrueRiskAtCheckpoints = trueRisk;
    }

    /// <summary>The winner's feature columns (indices into the full feature list), ascending.</summary>
    public IReadOnlyList<int> WinnerColumns { get; }

    /// <summary>The winner's weights over ALL features, zero for the columns it does not use (length d).</summary>
    public IReadOnlyList<double> WinnerWeights { get; }

    /// <summary>The winner's bias.</summary>
    public double WinnerBias { get; }

    /// <summary>The winner's validation MSE (no ½): the best score of the whole search.</summary>
    public double WinnerValidationMse { get; }

    /// <summary>The configuration counts at which the winner was recorded.</summary>
    public IReadOnlyList<int> Checkpoints { get; }

    /// <summary>The validation MSE of the best configuration so far, at each checkpoint (never increasing).</summary>
    public IReadOnlyList<double> ValidationMseAtCheckpoints { get; }

    /// <summary>The true risk of the best configuration so far, at each checkpoint (NaN without a true-risk function).</summary>
    public IReadOnlyList<double> TrueRiskAtCheckpoints { get; }

    /// <summary>The winner's predictions ŷ = xᵀw + b for every row of a dataset with all d features.</summary>
    /// <param name="data">The examples (same number of features as the search's sets).</param>
    /// <returns>One prediction per row.</returns>
    /// <exception cref="ArgumentNullException">data is null.</exception>
    /// <exception cref="ArgumentException">data has a different number of features.</exception>
    public double[] Predict(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int d = WinnerWeights.Count;
        if (data.Features != d)
            throw new ArgumentException($"The search's models use {d} features but the dataset has {data.Features}.", nameof(data));
        var yHat = new double[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            double s = WinnerBias;
            for (int j = 0; j < d; j++) s += data.X[i * d + j] * WinnerWeights[j];
            yHat[i] = s;
        }
        return yHat;
    }
}
