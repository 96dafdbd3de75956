using System.Runtime.CompilerServices;
using LinReg.Book.Tests.Support;
using LinReg.Data;
using LinReg.Probability;   // NormalSampler: LinReg.Data before the layout change, LinReg.Probability after
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Book.Tests.Notebooks;

public sealed class Nb11Fixture() : BookNotebookFixture("11-common-pitfalls.ipynb");

/// <summary>
/// 11 · Common pitfalls. For each pitfall: the effect the notebook claims exists in the numbers it computed, and the
/// fix removes it. Expected values come from hand arithmetic (worked example 1), closed forms (the stability limit
/// 2/λmax and the gradient-descent step count from eigenvalues computed here with MathNet, the true-risk floor σ² = 1,
/// exact operation counts) and least-squares solutions computed here with MathNet's QR.
/// </summary>
[Collection(InProcessKernelCollection.Name)]
public sealed class Nb11CommonPitfallsTests(Nb11Fixture nb) : IClassFixture<Nb11Fixture>
{
    private double TupleItem(string name, int index) => (double)nb.Get<ITuple>(name)[index]!;

    /// <summary>(X̃ᵀX̃/n) eigenvalues with X̃ = [X 1], by MathNet's symmetric eigen-decomposition.</summary>
    private static double[] HessianEigenvalues(Dataset data)
    {
        int d = data.Features;
        var xt = Matrix<double>.Build.Dense(data.Count, d + 1, (i, j) => j < d ? data.X[i * d + j] : 1.0);
        return (xt.TransposeThisAndMultiply(xt) / data.Count).Evd(Symmetricity.Symmetric).EigenValues.Select(z => z.Real).Order().ToArray();
    }

    [Fact]
    public void Run_AllCells_Succeed() => Assert.False(nb.Run.Failed, nb.Run.FailureSummary);

    [Fact]
    public void Pitfall1_NoShuffleOnSortedData_LeavesTheModelBiased_ShuffleFixesIt()
    {
        // L* by an independent QR solve on the same rows (standardized, y in $100k)
        var table = CsvTable.Load(Path.Combine(TestPaths.RepoRoot, "data", "housing", "housing.csv"))
            .ToDataset("median_house_value", ["ocean_proximity"], MissingValuePolicy.DropRows).Data;
        var data = Standardizer.Fit(table).Transform(table);
        int n = data.Count, d = data.Features;
        var a = Matrix<double>.Build.Dense(n, d + 1, (i, j) => j < d ? data.X[i * d + j] : 1.0);
        var y = Vector<double>.Build.Dense(data.Y.Select(v => v / 100_000).ToArray());
        var r = a * a.QR().Solve(y) - y;
        double best = 0.5 * r.DotProduct(r) / n;
        Assert.Equal(best, nb.Get<double>("housingBestLoss"), 9);

        // the effect: well above the optimum, and over-predicting on average by more than $30k
        Assert.True(nb.Get<double>("lossUnshuffled") / best > 2, $"unshuffled loss / L* = {nb.Get<double>("lossUnshuffled") / best}");
        Assert.True(nb.Get<double>("meanResidualUnshuffled") > 0.3);
        // the fix: within 5% of the optimum, mean residual within $5k of zero
        Assert.InRange(nb.Get<double>("lossShuffled") / best, 1.0, 1.05);
        Assert.InRange(nb.Get<double>("meanResidualShuffled"), -0.05, 0.05);
    }

    [Fact]
    public void Pitfall2_AveragingTwiceOrNever_ChangesTheStepByTheBatchSize()
    {
        // hand: Σ rᵢxᵢ = −10 on worked example 1; w = 1 − 0.1·(−10/2) = 1.5, 1 − 0.1·(−10) = 2, 1 − 0.1·(−10/4) = 1.25
        Assert.Equal(1.5, nb.Get<double>("wAveragedOnce"), 12);
        Assert.Equal(2.0, nb.Get<double>("wNeverAveraged"), 12);
        Assert.Equal(1.25, nb.Get<double>("wAveragedTwice"), 12);

        double once = TupleItem("averagedOnce", 1), twice = TupleItem("averagedTwice", 1);
        double never32 = TupleItem("neverAveraged32", 1), never128 = TupleItem("neverAveraged128", 1);
        Assert.True(twice > 1000 * once, $"averaged twice {twice} vs once {once}");   // crawls
        Assert.True(never32 < 1e-3);                                                 // η·32 = 0.96 < 2/λmax: converges
        Assert.True(never128 > 1e6);                                                 // η·128 = 3.84 > 2/λmax: explodes
        // averaging twice is exactly η/|B|; Sum divided once is exactly Mean
        Assert.InRange(nb.Get<double>("twiceVsSlowLr"), 0, 1e-12);
        Assert.InRange(nb.Get<double>("sumDivideVsMean"), 0, 1e-12);

        // the stability edge 2/(η λmax), λmax computed here
        double lambdaMax = HessianEigenvalues(SyntheticData.SeedListing(0))[^1];
        Assert.Equal(lambdaMax, nb.Get<double>("listingLambdaMax"), 10);
        double critical = nb.Get<double>("criticalBatchForSum");
        Assert.Equal(2 / (0.03 * lambdaMax), critical, 8);
        Assert.InRange(critical, 32, 128);   // between the batch that worked and the one that diverged
    }

    [Fact]
    public void Pitfall3_ForgettingZeroGrad_AccumulatesAndOscillates_GrowsOnlyWithMinibatches()
    {
        // hand: two backward passes of worked example 1 = 2·(−5, −2)
        Assert.Equal(-10.0, nb.Get<double>("accumulatedGradW"), 12);
        Assert.Equal(-4.0, nb.Get<double>("accumulatedGradB"), 12);

        double zeroed = TupleItem("zeroed", 3), forgot = TupleItem("forgot", 3);   // FinalLoss
        Assert.True(zeroed < 1e-2, $"zeroed loss {zeroed}");
        Assert.True(forgot > 1000 * zeroed, $"forgot {forgot} vs zeroed {zeroed}");
        Assert.True(nb.Get<double>("lastEpochNormForgot") > 100 * nb.Get<double>("lastEpochNormZeroed"));
        // η = 0.1: the correct loop reaches the noise floor ½σ² = 5e-5; without zeroing the full batch keeps its
        // mean loss (neutral), the minibatch runs grow, with and without noise in y
        Assert.True(TupleItem("zeroedFast", 3) < 1e-4);
        Assert.Equal(1, nb.Get<double>("fullBatchEnvelopeRatio"), 0.01);
        Assert.InRange(nb.Get<double>("minibatchGrowth"), 20, 35);
        Assert.Equal(1, nb.Get<double>("noiseFreeGrowth") / nb.Get<double>("minibatchGrowth"), 0.1);
    }

    [Fact]
    public void Pitfall3_FullBatchWithoutZeroGrad_IsTheRecursionOfTheText_StepByStep()
    {
        // The text's derivation, run here independently: e_{t+1} = (2I − ηH) e_t − e_{t−1}, with e = (w, b) − θ*,
        // H = X̃ᵀX̃/n, θ* the least-squares solution (MathNet QR), e₁ = e₀ − ηHe₀ (the first buffer is the first
        // gradient), and the loss L* + ½ eᵀHe after every step. It must be the notebook's full-batch run, step by step.
        var data = SyntheticData.SeedListing(0);
        var xt = Matrix<double>.Build.Dense(data.Count, 3, (i, j) => j < 2 ? data.X[i * 2 + j] : 1.0);
        var y = Vector<double>.Build.Dense(data.Y);
        var theta = xt.QR().Solve(y);
        var h = xt.TransposeThisAndMultiply(xt) / data.Count;
        double best = 0.5 * (xt * theta - y).DotProduct(xt * theta - y) / data.Count;
        var w0 = new double[2];
        var sampler = new NormalSampler(0);   // the model's initial weights: 𝒩(0, 0.01²), seed 0; b = 0
        for (int j = 0; j < 2; j++) w0[j] = 0.01 * sampler.Next();
        var previous = Vector<double>.Build.DenseOfArray([w0[0], w0[1], 0.0]) - theta;
        var current = previous - 0.1 * (h * previous);
        var notebook = (double[])nb.Get<ITuple>("forgotFull")[1]!;   // StepLoss
        Assert.Equal(640, notebook.Length);
        var twoIMinusEtaH = 2 * Matrix<double>.Build.DenseIdentity(3) - 0.1 * h;
        for (int t = 0; t < 640; t++)
        {
            double loss = best + 0.5 * current.DotProduct(h * current);
            Assert.True(Math.Abs(loss - notebook[t]) <= 1e-9 * (1 + loss), $"step {t + 1}: recursion {loss}, notebook {notebook[t]}");
            (previous, current) = (current, twoIMinusEtaH * current - previous);
        }
        // the eigenvalues give |z| = 1 for 0 < ηλ < 4: here ηλ ≈ 0.1
        Assert.All(HessianEigenvalues(data), l => Assert.InRange(0.1 * l, 0, 4));
    }

    [Fact]
    public void Pitfall4_BestOfManyOnValidation_IsOptimistic_TestSetUsedOnceIsNot()
    {
        var validation = nb.Get<double[]>("meanValidationOfWinner");
        var optimism = nb.Get<double[]>("optimism");
        var flattered = nb.Get<int[]>("repetitionsFlattered");
        int reps = nb.Get<int>("repetitions");
        Assert.Equal([1, 2, 5, 10, 20, 50, 100, 200], nb.Get<int[]>("triedCheckpoints"));
        // one configuration: unbiased (optimism near 0, flattering in about half of the repetitions)
        Assert.InRange(optimism[0], -0.15, 0.15);
        Assert.InRange(flattered[0], reps / 4, 3 * reps / 4);
        // 200 configurations: below the noise floor σ² = 1, which no model's true risk can be
        Assert.True(validation[^1] < 1.0, $"validation MSE of the winner {validation[^1]}");
        Assert.True(optimism[^1] > 0.25, $"optimism {optimism[^1]}");
        Assert.True(flattered[^1] >= 0.8 * reps);
        Assert.True(optimism[^1] > optimism[0] + 0.2);
        // the fix: the test set, used once, is unbiased (mean error within sampling noise ≈ 0.01)
        Assert.InRange(nb.Get<double>("testBias"), -0.05, 0.05);
        Assert.True(nb.Get<double>("meanTrueFinal") > 1.0);   // the floor σ² = 1 holds for the truth
    }

    [Fact]
    public void Pitfall5_NormalEquationCost_GrowsLinearlyFasterThanAnSgdEpoch()
    {
        Assert.Equal([50, 100, 200, 400], nb.Get<int[]>("costDims"));
        var ratio = nb.Get<List<double>>("countedRatio");
        // leading terms n·p²/2 vs 2nd: ratio ≈ p/4 (+ p³/(12nd)); ×8 in d gives ≈ ×8
        Assert.InRange(ratio[3] / ratio[0], 6.5, 9);
        Assert.True(ratio[3] > 80);
        Assert.Equal(8.0 * (1e6 + 1) * (1e6 + 1), nb.Get<double>("gramBytesMillion"), 0);   // 8 bytes × (d+1)²
        Assert.Equal(4, nb.Get<List<double>>("normalEqMs").Count);   // timings are shown, not asserted
        // "converges within its first epoch" on the standardized listing (31 steps of 32 per epoch)
        Assert.True(nb.Get<int>("minibatchStepsStandardized") < 32);
    }

    [Fact]
    public void Pitfall6_UnscaledFeatures_IllConditionedAndSlow_StandardizingFixesIt()
    {
        var listing = SyntheticData.SeedListing(0);
        var unscaled = new Dataset(listing.X.Select((v, k) => k % 2 == 1 ? 10 * v : v).ToArray(), listing.Y, 2);
        double[] eig = HessianEigenvalues(unscaled);
        double kappa = eig[^1] / eig[0];
        Assert.Equal(kappa, nb.Get<double>("kappaUnscaled"), 8);
        Assert.InRange(kappa, 80, 120);                              // ≈ 10² from the change of units
        Assert.InRange(nb.Get<double>("kappaStandardized"), 1, 1.2);

        // steps of gradient descent with η = 2/(λmin + λmax): theory ⌈ln 1e-4 / ln((κ−1)/(κ+1))⌉ is an upper bound
        double predicted = Math.Ceiling(Math.Log(1e-4) / Math.Log((kappa - 1) / (kappa + 1)));
        int steps = nb.Get<int>("stepsUnscaled");
        Assert.InRange(steps, 0.9 * predicted, predicted);
        Assert.True(steps > 100 * nb.Get<int>("stepsStandardized"));
        Assert.True(nb.Get<int>("zigzagUnscaled") >= 45);           // w₂ crosses its optimum at (nearly) every step
        Assert.True(nb.Get<int>("minibatchStepsUnscaled") > 50 * nb.Get<int>("minibatchStepsStandardized"));

        // standardizing fixes units, not correlation: the standardized housing data keep κ in the hundreds
        // (eigenvalues of X̃ᵀX̃/n by MathNet's symmetric EVD, as above)
        var table = CsvTable.Load(Path.Combine(TestPaths.RepoRoot, "data", "housing", "housing.csv"))
            .ToDataset("median_house_value", ["ocean_proximity"], MissingValuePolicy.DropRows).Data;
        double[] housingEig = HessianEigenvalues(Standardizer.Fit(table).Transform(table));
        double kappaHousing = housingEig[^1] / housingEig[0];
        Assert.Equal(kappaHousing, nb.Get<double>("kappaHousing"), 6);
        Assert.InRange(kappaHousing, 260, 280);
    }
}
