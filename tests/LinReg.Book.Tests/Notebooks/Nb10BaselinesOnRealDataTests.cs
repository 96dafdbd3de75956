using LinReg.Book.Tests.Support;
using LinReg.Data;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Book.Tests.Notebooks;

public sealed class Nb10Fixture() : BookNotebookFixture("10-baselines-on-real-data.ipynb");

/// <summary>
/// 10 · Baselines on real data. Expected values: the facts of data/housing/README.md (row, category and cap counts),
/// the baseline and least-squares fits recomputed here by hand and with MathNet's QR on the same split, closed forms
/// (least-squares residuals are orthogonal to every design column), and the residual-structure claims of the text.
/// </summary>
[Collection(InProcessKernelCollection.Name)]
public sealed class Nb10BaselinesOnRealDataTests(Nb10Fixture nb) : IClassFixture<Nb10Fixture>
{
    private static readonly Lazy<(Dataset Train, Dataset Valid, Dataset Test)> Split3 = new(() =>
    {
        var loaded = CsvTable.Load(Path.Combine(TestPaths.RepoRoot, "data", "housing", "housing.csv"))
            .ToDataset("median_house_value", ["ocean_proximity"], MissingValuePolicy.DropRows).Data;
        var data = loaded.WithTargets(loaded.Y.Select(v => v / 100_000).ToArray());
        return Split.TrainValidationTest(data, 0.2, 0.2, seed: 42);
    });

    /// <summary>Standardizes with training μ and population s computed here, then solves least squares by MathNet's QR.</summary>
    private static (double[] Theta, Func<Dataset, double[]> Predict) IndependentFit(Dataset train)
    {
        int n = train.Count, d = train.Features;
        var mu = Enumerable.Range(0, d).Select(j => train.Column(j).Average()).ToArray();
        var s = Enumerable.Range(0, d).Select(j => Math.Sqrt(train.Column(j).Average(v => (v - mu[j]) * (v - mu[j])))).ToArray();
        Matrix<double> Design(Dataset set) => Matrix<double>.Build.Dense(set.Count, d + 1, (i, j) => j < d ? (set.X[i * d + j] - mu[j]) / s[j] : 1.0);
        var theta = Design(train).QR().Solve(Vector<double>.Build.Dense(train.Y));
        return (theta.ToArray(), set => (Design(set) * theta).ToArray());
    }

    private static double Rmse(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (p, q) => (p - q) * (p - q)).Average());

    [Fact]
    public void Run_AllCells_Succeed() => Assert.False(nb.Run.Failed, nb.Run.FailureSummary);

    [Fact]
    public void Loading_MatchesTheReadme_AndReportsThePolicy()
    {
        var counts = nb.Get<Dictionary<string, int>>("proximityCounts");
        Assert.Equal(new Dictionary<string, int> { ["<1H OCEAN"] = 9136, ["INLAND"] = 6551, ["ISLAND"] = 5, ["NEAR BAY"] = 2290, ["NEAR OCEAN"] = 2658 }, counts);
        Assert.Equal(965, nb.Get<int>("cappedInFile"));
        Assert.Equal(20640 - 207, nb.Get<int>("rowsKept"));
        string message = nb.Get<string>("missingMessage");
        Assert.Contains("total_bedrooms", message);
        Assert.Contains("line", message);
        Assert.Equal([12259, 4087, 4087], new[] { nb.Get<int>("train", "Count"), nb.Get<int>("valid", "Count"), nb.Get<int>("testSet", "Count") });
    }

    [Fact]
    public void Standardization_UsesTrainingStatisticsOnly()
    {
        Assert.InRange(nb.Get<double>("worstTrainMean"), 0, 1e-12);
        Assert.InRange(nb.Get<double>("worstTrainStd"), 0, 1e-12);
        // validation is transformed with the training μ, s: its mean is near 0 but not 0
        double validMean = nb.Get<double>("validIncomeMean");
        Assert.InRange(Math.Abs(validMean), 1e-6, 0.1);
        var (train, valid, _) = Split3.Value;
        int income = Array.IndexOf(train.FeatureNames.ToArray(), "median_income");
        Assert.Equal(train.Column(income).Average(), nb.Get<IReadOnlyList<double>>("scaler", "Mean")[income], 12);
        Assert.Equal((valid.Column(income).Average() - train.Column(income).Average()) / nb.Get<IReadOnlyList<double>>("scaler", "Scale")[income], validMean, 10);
    }

    [Fact]
    public void BaselineAndLinear_MatchIndependentComputations_LinearBeatsTheBaseline()
    {
        var (train, valid, _) = Split3.Value;
        double mean = train.Y.Average();
        double baselineRmse = Math.Sqrt(valid.Y.Average(v => (mean - v) * (mean - v)));
        Assert.Equal(baselineRmse, nb.Get<double>("baselineRmse"), 12);
        Assert.InRange(nb.Get<double>("baselineR2"), -0.01, 0);

        var (_, predict) = IndependentFit(train);
        double linearRmse = Rmse(predict(valid), valid.Y);
        Assert.Equal(linearRmse, nb.Get<double>("linearRmse"), 9);
        Assert.True(nb.Get<double>("linearR2") > 0.6);
        Assert.True(linearRmse < 0.6 * baselineRmse);

        // SGD agrees with the closed form (the checked answer's tolerance) and its weights are close
        Assert.Equal(linearRmse, nb.Get<double>("sgdRmse"), 1e-4);
        Assert.InRange(nb.Get<double>("largestWeightGap"), 0, 0.01);
    }

    [Fact]
    public void Residuals_ShowTheCapTheFanAndTheCurve()
    {
        var (_, valid, _) = Split3.Value;
        Assert.Equal(valid.Y.Count(v => v == 500_001 / 100_000.0), nb.Get<int>("cappedInValid"));
        // the cap: a capped district's true value is ≥ the cap, so its true residual is ≤ the recorded one; the text's
        // figures, recomputed with the independent fit: mean recorded residual ≈ −$104k (so the true mean shortfall is
        // at least $104k), 84% predicted below the cap, 30 above it (the only ones the cap may score unfairly)
        var (train, _, _) = Split3.Value;
        var (_, predict) = IndependentFit(train);
        double cap = 500_001 / 100_000.0;
        double[] fitted = predict(valid);
        double[] capped = Enumerable.Range(0, valid.Count).Where(i => valid.Y[i] == cap).Select(i => fitted[i] - cap).ToArray();
        Assert.Equal(capped.Average(), nb.Get<double>("meanResidualAtCap"), 9);
        Assert.Equal(-1.04, capped.Average(), 0.01);
        Assert.Equal(0.84, capped.Count(r => r < 0) / (double)capped.Length, 0.005);
        Assert.Equal(30, capped.Count(r => r > 0));
        Assert.Equal(30, nb.Get<int>("predictedAboveCap"));
        Assert.InRange(nb.Get<double>("meanResidualBelowCap"), -0.1, 0.1);
        // the fan: spread grows with the fitted value, also without the capped rows; the log target removes it
        Assert.True(nb.Get<double>("spreadRatio") > 1.4);
        Assert.True(nb.Get<double>("spreadRatioBelowCap") > 1.3);
        Assert.True(nb.Get<double>("spreadRatioLog") < 1.0);
        // the curve: mean residual negative at both ends, positive in the middle
        Assert.True(nb.Get<double>("bins", "0.Mean") < -0.1);
        Assert.True(nb.Get<double>("bins", "9.Mean") < -0.1);
        Assert.True(nb.Get<double>("bins", "4.Mean") > 0.1);
        Assert.True(nb.Get<double>("bins", "9.Std") > 1.6 * nb.Get<double>("bins", "0.Std"));
        // part of the right end is the cap: the top tenth by fitted value (independent fit, sorted here) holds most
        // capped districts, and without them its mean residual is close to zero
        int[] top = Enumerable.Range(0, valid.Count).OrderByDescending(i => fitted[i]).Take(valid.Count / 10).ToArray();
        int cappedInTop = top.Count(i => valid.Y[i] == cap);
        Assert.Equal(cappedInTop, nb.Get<int>("cappedInTopTenth"));
        Assert.True(cappedInTop > capped.Length / 2, $"{cappedInTop} of {capped.Length} capped rows in the top tenth");
        double withCap = top.Average(i => fitted[i] - valid.Y[i]);
        double withoutCap = top.Where(i => valid.Y[i] != cap).Average(i => fitted[i] - valid.Y[i]);
        Assert.Equal(withCap, nb.Get<double>("topTenthMean"), 9);
        Assert.Equal(withoutCap, nb.Get<double>("topTenthMeanBelowCap"), 9);
        Assert.True(Math.Abs(withoutCap) < Math.Abs(withCap) / 2, $"top tenth: {withCap} with the cap, {withoutCap} without");
    }

    [Fact]
    public void Categories_OffsetsWithoutLocation_RemovedByOneHot_SlopesRemain()
    {
        Assert.Equal("INLAND", nb.Get<string>("groupsNoLocation", "1.Label"));
        Assert.Equal("NEAR OCEAN", nb.Get<string>("groupsNoLocation", "3.Label"));
        Assert.True(nb.Get<double>("groupsNoLocation", "1.Mean") > 0.2);     // inland over-predicted by > $20k
        Assert.True(nb.Get<double>("groupsNoLocation", "3.Mean") < -0.2);    // near the ocean under-predicted
        for (int g = 0; g < 4; g++)
            Assert.InRange(nb.Get<double>("groupsOneHot", $"{g}.Mean"), -0.1, 0.1);   // below $10k with one-hot
        // …for the categories with at least 10 validation districts, which the claim is about
        Assert.All(Enumerable.Range(0, 4), g => Assert.True(nb.Get<int>("groupsOneHot", $"{g}.Count") >= 10));
        // on the training set exactly 0: residuals are orthogonal to each indicator column
        Assert.InRange(nb.Get<double>("worstTrainCategoryMean"), 0, 1e-12);
        // what remains: slopes of opposite sign and unequal spreads
        Assert.True(nb.Get<double>("groupsFull", "1.Slope") > 0);
        Assert.True(nb.Get<double>("groupsFull", "3.Slope") < 0);
        Assert.True(nb.Get<double>("nearOceanSpread") > 1.4 * nb.Get<double>("inlandSpread"));
    }

    [Fact]
    public void TestSet_TouchedOnceAtTheEnd_AndCloseToValidation()
    {
        var cells = nb.Run.CodeCells.ToList();
        var usingTest = cells.Where(c => c.Source.Contains("testSet", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, usingTest.Count);                                    // the split, and the final evaluation
        Assert.Contains("Split.TrainValidationTest", usingTest[0].Source);
        var final = usingTest[1];
        // after it: the checks of its numbers, then the exercises
        Assert.All(cells.Where(c => c.Number > final.Number), c =>
            Assert.True(c.Source.Contains("Check.Answer", StringComparison.Ordinal) || c.Source.Contains("Checked.Equal(\"test", StringComparison.Ordinal), c.Source));
        Assert.DoesNotContain(cells.Where(c => c.Number < final.Number), c => c.Source.Contains("testZ", StringComparison.Ordinal));

        var (train, _, test) = Split3.Value;
        var (_, predict) = IndependentFit(train);
        double testRmse = Rmse(predict(test), test.Y);
        Assert.Equal(testRmse, nb.Get<double>("testRmse"), 9);
        Assert.InRange(testRmse / nb.Get<double>("linearRmse"), 0.9, 1.1);   // "a few percent"
        Assert.True(nb.Get<double>("testR2") > 0.6);
    }
}
