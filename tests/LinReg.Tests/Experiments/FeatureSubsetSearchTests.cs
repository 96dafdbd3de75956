using LinReg.Data;
using LinReg.Experiments;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Tests.Experiments;

/// <summary>
/// The random feature-subset search of notebook 11, pitfall 4. Expected values: least squares solved here with MathNet's
/// QR on each subset, the subsets redrawn here from the documented protocol (each feature kept with probability ½ from
/// <c>new Random(seed)</c>), and the running minimum of the validation MSEs computed here.
/// </summary>
public class FeatureSubsetSearchTests
{
    private static (double[] Weights, double Bias) QrFit(Dataset data)
    {
        // least squares with an intercept column, independent of the library's solvers
        var a = Matrix<double>.Build.Dense(data.Count, data.Features + 1, (i, j) => j < data.Features ? data.X[i * data.Features + j] : 1.0);
        var theta = a.QR().Solve(Vector<double>.Build.Dense(data.Y));
        return (theta.SubVector(0, data.Features).ToArray(), theta[data.Features]);
    }

    private static (Dataset Train, Dataset Validation) Problem(int seed)
    {
        var all = SyntheticData.Linear([1.0, -0.8, 0.5, 0, 0, 0], 0.5, n: 40 + 15, noiseStd: 1.0, seed: seed);
        return (all.Subset(Enumerable.Range(0, 40).ToArray()), all.Subset(Enumerable.Range(40, 15).ToArray()));
    }

    [Fact]
    public void Run_TheWinnerAtEachCheckpoint_IsTheRunningMinimumOverTheDocumentedSubsets()
    {
        var (train, valid) = Problem(3);
        int[] checkpoints = [1, 3, 10, 25];
        var result = FeatureSubsetSearch.Run(train, valid, QrFit, configurations: 25, checkpoints, seed: 7);

        // redraw the subsets as documented, fit and score each one here
        var rng = new Random(7);
        var scores = new List<(double Mse, int[] Columns)>();
        for (int k = 0; k < 25; k++)
        {
            int[] columns = Enumerable.Range(0, 6).Where(_ => rng.NextDouble() < 0.5).ToArray();
            if (columns.Length == 0) columns = [rng.Next(6)];
            var (w, b) = QrFit(FeatureMap.Select(train, columns));
            var sub = FeatureMap.Select(valid, columns);
            double mse = Enumerable.Range(0, sub.Count).Average(i =>
                Math.Pow(Enumerable.Range(0, columns.Length).Sum(c => sub.X[i * columns.Length + c] * w[c]) + b - sub.Y[i], 2));
            scores.Add((mse, columns));
        }
        for (int c = 0; c < checkpoints.Length; c++)
            Assert.Equal(scores.Take(checkpoints[c]).Min(s => s.Mse), result.ValidationMseAtCheckpoints[c], 10);
        var best = scores.MinBy(s => s.Mse);
        Assert.Equal(best.Columns, result.WinnerColumns);
        Assert.Equal(best.Mse, result.WinnerValidationMse, 10);
        Assert.Equal(checkpoints, result.Checkpoints);
        Assert.All(result.TrueRiskAtCheckpoints, r => Assert.True(double.IsNaN(r)));   // no true-risk function given
    }

    [Fact]
    public void Run_WinnerWeights_AreOverAllFeatures_ZeroWhereUnused_AndPredictUsesThem()
    {
        var (train, valid) = Problem(4);
        var result = FeatureSubsetSearch.Run(train, valid, QrFit, 30, [30], seed: 1);
        Assert.Equal(6, result.WinnerWeights.Count);
        for (int j = 0; j < 6; j++)
            if (!result.WinnerColumns.Contains(j)) Assert.Equal(0.0, result.WinnerWeights[j]);
        // the winner's own fit, redone here on its columns
        var (w, b) = QrFit(FeatureMap.Select(train, result.WinnerColumns.ToArray()));
        for (int c = 0; c < w.Length; c++) Assert.Equal(w[c], result.WinnerWeights[result.WinnerColumns[c]], 10);
        Assert.Equal(b, result.WinnerBias, 10);
        // Predict on the validation set reproduces the winner's score
        double[] yHat = result.Predict(valid);
        Assert.Equal(result.WinnerValidationMse, yHat.Zip(valid.Y, (p, t) => (p - t) * (p - t)).Average(), 12);
    }

    [Fact]
    public void Run_TrueRisk_IsEvaluatedOnTheFullWeightsOfTheWinnerSoFar()
    {
        var (train, valid) = Problem(5);
        // a "true risk" that just reports the winner's parameters: Σw + 100·b
        double Report(double[] w, double b) => w.Sum() + 100 * b;
        var result = FeatureSubsetSearch.Run(train, valid, QrFit, 20, [5, 20], seed: 2, trueRisk: Report);
        Assert.Equal(result.WinnerWeights.Sum() + 100 * result.WinnerBias, result.TrueRiskAtCheckpoints[1], 10);
        // and the validation MSE of the winner never increases with more configurations
        Assert.True(result.ValidationMseAtCheckpoints[1] <= result.ValidationMseAtCheckpoints[0]);
    }

    [Fact]
    public void Run_OneFeature_EveryConfigurationIsThatFeature()
    {
        var all = SyntheticData.Linear([2.0], 1.0, 30, 0.5, seed: 9);
        var train = all.Subset(Enumerable.Range(0, 20).ToArray());
        var valid = all.Subset(Enumerable.Range(20, 10).ToArray());
        var result = FeatureSubsetSearch.Run(train, valid, QrFit, 5, [1, 5], seed: 0);
        Assert.Equal([0], result.WinnerColumns);
        Assert.Equal(result.ValidationMseAtCheckpoints[0], result.ValidationMseAtCheckpoints[1]);
    }

    [Fact]
    public void Run_BadInput_ThrowsNamingTheArgument()
    {
        var (train, valid) = Problem(6);
        var narrow = SyntheticData.Linear([1.0], 0, 10, 1, 0);
        Assert.Equal("validation", Assert.Throws<ArgumentException>(() => FeatureSubsetSearch.Run(train, narrow, QrFit, 5, [5], 0)).ParamName);
        Assert.Equal("configurations", Assert.Throws<ArgumentOutOfRangeException>(() => FeatureSubsetSearch.Run(train, valid, QrFit, 0, [1], 0)).ParamName);
        Assert.Equal("checkpoints", Assert.Throws<ArgumentOutOfRangeException>(() => FeatureSubsetSearch.Run(train, valid, QrFit, 5, [6], 0)).ParamName);
        Assert.Contains("strictly increasing", Assert.Throws<ArgumentException>(() => FeatureSubsetSearch.Run(train, valid, QrFit, 5, [3, 3], 0)).Message);
        Assert.Throws<ArgumentException>(() => FeatureSubsetSearch.Run(train, valid, QrFit, 5, [], 0));
        Assert.Throws<ArgumentNullException>(() => FeatureSubsetSearch.Run(null!, valid, QrFit, 5, [5], 0));
        Assert.Throws<ArgumentNullException>(() => FeatureSubsetSearch.Run(train, valid, null!, 5, [5], 0));
        Assert.Contains("fit returned 1 weights", Assert.Throws<ArgumentException>(() =>
            FeatureSubsetSearch.Run(train, valid, _ => ([1.0], 0.0), 50, [50], 0)).Message);
        var result = FeatureSubsetSearch.Run(train, valid, QrFit, 5, [5], 0);
        Assert.Equal("data", Assert.Throws<ArgumentException>(() => result.Predict(narrow)).ParamName);
    }
}
