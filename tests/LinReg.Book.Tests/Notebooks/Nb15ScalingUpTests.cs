using System.Text.Json;
using LinReg.Book.Tests.Support;
using LinReg.Data;
using LinReg.Losses;
using LinReg.Models;
using LinReg.Optim;
using LinReg.Solvers;
using LinReg.Training;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Book.Tests.Notebooks;

public sealed class Nb15Fixture() : BookNotebookFixture("15-scaling-up.ipynb");

/// <summary>
/// 15 · Scaling up. Expected values: the committed benchmark file read here on its own (the notebook's figures must
/// be the file's), the readable Trainer run here on the same seeds (the fast epoch must give its numbers), MathNet's QR
/// on the same rows (the streamed, the file-based and the readable fits must all be the least-squares solution), and
/// NIST's certified Longley coefficients (the digits each method keeps).
/// </summary>
[Collection(InProcessKernelCollection.Name)]
public sealed class Nb15ScalingUpTests(Nb15Fixture nb) : IClassFixture<Nb15Fixture>
{
    private static readonly Lazy<JsonElement> Committed = new(() => JsonDocument.Parse(File.ReadAllText(
        Path.Combine(TestPaths.RepoRoot, "tests", "LinReg.Benchmarks", "results-committed", "scaling-up.json"))).RootElement);

    private static double Seconds(string section, string name) =>
        Committed.Value.GetProperty(section).GetProperty("seconds").GetProperty(name).GetDouble();

    /// <summary>The notebook's demo data, rebuilt here: SyntheticData.Linear(sin(j + 1), 0.5, 100 000, 0.1, seed 1), d = 20.</summary>
    private static readonly Lazy<Dataset> Demo = new(() =>
        SyntheticData.Linear(Enumerable.Range(0, 20).Select(j => Math.Sin(j + 1)).ToArray(), 0.5, 100_000, 0.1, seed: 1));

    /// <summary>Least squares with an intercept by MathNet's Householder QR (independent of the library's solvers).</summary>
    private static double[] MathNetLeastSquares(Dataset data)
    {
        int d = data.Features;
        var a = Matrix<double>.Build.Dense(data.Count, d + 1, (i, j) => j == 0 ? 1.0 : data.X[i * d + j - 1]);
        return a.QR().Solve(Vector<double>.Build.DenseOfArray(data.Y)).ToArray();
    }

    [Fact]
    public void Run_AllCells_Succeed() => Assert.False(nb.Run.Failed, nb.Run.FailureSummary);

    [Fact]
    public void Figures_AreTheCommittedFiles()
    {
        string[] epochNames = ["floorShuffledRead", "linregFastSgdTrainer", "linregTrainerReadable", "pytorchRandperm", "pytorchDataLoader"];
        Assert.Equal(epochNames.Select(k => Seconds("sgdEpoch", k)), nb.Get<double[]>("epochSeconds"));
        string[] lsNames = ["linregFastNormalEquations", "linregLeastSquaresFit", "numpyNormalEquations", "numpyLstsq", "sklearnLinearRegression", "linregReadableRefinedQr", "mathnetQr"];
        Assert.Equal(lsNames.Select(k => Seconds("leastSquares", k)), nb.Get<double[]>("lsSeconds"));
        var ooc = Committed.Value.GetProperty("outOfCore");
        Assert.Equal(ooc.GetProperty("readOnceColdSeconds").GetDouble(), nb.Get<double>("readCold"));
        Assert.Equal(ooc.GetProperty("fitColdSeconds").GetDouble(), nb.Get<double>("fitCold"));
        Assert.Equal(ooc.GetProperty("peakResidentMegabytes").GetDouble(), nb.Get<double>("peakMegabytes"));
        // the prose's claims about them ("about three times", "about fifty times", "about 1.5 times", "between one and
        // two reads", "1.6× with these means", "about 120 MB", "well under a second")
        Assert.InRange(Seconds("sgdEpoch", "linregTrainerReadable") / Seconds("sgdEpoch", "floorShuffledRead"), 2.5, 3.5);
        Assert.InRange(Seconds("sgdEpoch", "pytorchDataLoader") / Seconds("sgdEpoch", "floorShuffledRead"), 35, 65);
        Assert.InRange(Seconds("sgdEpoch", "linregFastSgdTrainer") / Seconds("sgdEpoch", "floorShuffledRead"), 1.3, 1.7);
        Assert.InRange(ooc.GetProperty("fitColdSeconds").GetDouble() / ooc.GetProperty("readOnceColdSeconds").GetDouble(), 1.55, 1.65);
        Assert.InRange(ooc.GetProperty("peakResidentMegabytes").GetDouble(), 110, 130);
        Assert.InRange(Seconds("leastSquares", "linregLeastSquaresFit"), 0, 1);
    }

    [Fact]
    public void OutOfCoreExtrapolation_CountsBothPassesFromDisk()
    {
        // Recomputed here from the committed file's parts: a file larger than RAM is read cold by pass 1 (the cold
        // one-pass fit) and again by the refinement pass (a second cold read), plus the refinement's arithmetic (the
        // warm fit minus the warm one-pass fit). Not the rate of the whole cold fit, whose second pass read RAM.
        var ooc = Committed.Value.GetProperty("outOfCore");
        double G(string k) => ooc.GetProperty(k).GetDouble();
        double perTenMillion = G("fitOnePassColdSeconds") + G("readOnceColdSeconds") + (G("fitWarmSeconds") - G("fitOnePassWarmSeconds"));

        Assert.Equal(perTenMillion * 100 / 60, nb.Get<double>("billionMinutes"), 1e-9);
        Assert.InRange(perTenMillion * 100 / 60, 32.5, 37.5);       // "about 35 minutes"
        Assert.InRange(perTenMillion * 10 / 60, 3.25, 3.75);        // "about three and a half minutes"
        Assert.InRange(G("fitOnePassWarmSeconds"), 4.5, 5.5);       // "about 5 s of both cores"
        Assert.True(G("fitOnePassWarmSeconds") < G("readOnceColdSeconds"), "pass 1's arithmetic alone is less than the read");
        Assert.InRange(G("fitWarmSeconds") - G("fitOnePassWarmSeconds"), 1.7, 2.3);   // "adds about 2 s"
        Assert.InRange(2.0 * G("rows") * 102 * 102, 1.9e11, 2.1e11);  // 2n(p+1)² with p = 101: "≈ 2·10¹¹ flops"
    }

    [Fact]
    public void SwitchRule_AWideProblemJustUnderTheRowFloorRunsTheReadableSolver()
    {
        // n·p² = 49 999 · 501² against the threshold 2·10⁷ the benchmark README states: about 630×
        Assert.InRange(49_999.0 * 501 * 501 / 2e7, 625, 635);
        Assert.Equal(49_999.0 * 501 * 501 / 2e7, nb.Get<double>("wideOverThreshold"), 1e-9);
        Assert.False(LeastSquares.UsesStreamingPath(49_999, 500));
    }

    [Fact]
    public void ReadableEpoch_AllocatesAtLeastACopyOfX()
    {
        // 3125 gathered minibatches of 32 × 20 doubles = exactly the 16 MB of X, plus ŷ, ∂L/∂ŷ and the batch's y
        Assert.InRange(nb.Get<double>("allocatedOverX"), 1.0, 2.0);
        // the fast epoch: the shuffled index (100 000 ints = 400 kB = 2.5 % of the 16 MB of X) and small fixed
        // buffers, no minibatch copies (those alone would be a whole X)
        Assert.InRange(nb.Get<double>("fastAllocatedOverX"), 0.0, 0.1);
    }

    [Fact]
    public void FastEpoch_GivesTheReadableEpochsNumbers()
    {
        var data = Demo.Value;
        var model = new LinearRegressionScratch(20, seed: 0);
        var history = new Trainer(model, new SquaredLoss(), new Sgd(model.Parameters, 0.01)).Fit(new DataIter(data, 32, shuffle: true, seed: 0), 1);

        Assert.True(nb.Get<bool>("supported"));
        var fastW = nb.Get<double[]>("fastModel", "Weight.Value");
        for (int j = 0; j < 20; j++) Assert.Equal(model.Weight.Value[j], fastW[j], 1e-10);
        Assert.Equal(history.Epochs[0].TrainLoss, nb.Get<double>("fastHistory", "Epochs.0.TrainLoss"), 1e-10);
        Assert.InRange(nb.Get<double>("largestWeightGap"), 0, 1e-10);
        Assert.Contains("divides the gradient by 32", nb.Get<string>("whyNot"));
    }

    [Fact]
    public void SwitchPoint_BothPathsGiveTheLeastSquaresSolution()
    {
        var data = Demo.Value;
        int below = 49_999;
        var head = new Dataset(data.X.AsSpan(0, below * 20).ToArray(), data.Y.AsSpan(0, below).ToArray(), 20);
        var theta = MathNetLeastSquares(head);

        Assert.Equal(theta[0], nb.Get<double>("readableFit", "Bias"), 1e-10);
        Assert.Equal(theta[0], nb.Get<double>("streamingFit", "Bias"), 1e-10);
        var w = nb.Get<double[]>("streamingFit", "Weights");
        for (int j = 0; j < 20; j++) Assert.Equal(theta[j + 1], w[j], 1e-10);
        Assert.InRange(nb.Get<double>("fitGap"), 0, 1e-12);
        Assert.False(LeastSquares.UsesStreamingPath(below, 20));
        Assert.True(LeastSquares.UsesStreamingPath(below + 1, 20));
    }

    [Fact]
    public void FileFit_IsTheLeastSquaresSolution_AndTheTempFileIsGone()
    {
        var theta = MathNetLeastSquares(Demo.Value);

        Assert.Equal(theta[0], nb.Get<double>("fromFile", "Bias"), 1e-10);
        var w = nb.Get<double[]>("fromFile", "Weights");
        for (int j = 0; j < 20; j++) Assert.Equal(theta[j + 1], w[j], 1e-10);
        Assert.Equal(64 + 100_000L * 8 * 21, nb.Get<long>("header", "FileBytes"));
        Assert.False(File.Exists(nb.Get<string>("rowFile")));
        Assert.False(File.Exists(nb.Get<string>("longleyFile")));
    }

    [Fact]
    public void Longley_SufficientStatisticsLoseDigits_TsqrKeepsThem()
    {
        var ds = NistDataset.Load(Path.Combine(TestPaths.RepoRoot, "data", "nist", "Longley.dat"));
        double Lre(double[] estimates) => estimates.Zip(ds.CertifiedValues, NistDataset.Lre).Min();

        double aggregated = Lre(nb.Get<double[]>("aggregated"));
        double onePass = Lre([nb.Get<double>("tsqrOnePass", "Bias"), .. nb.Get<double[]>("tsqrOnePass", "Weights")]);
        double refined = Lre([nb.Get<double>("tsqrRefined", "Bias"), .. nb.Get<double[]>("tsqrRefined", "Weights")]);

        Assert.Equal(aggregated, nb.Get<double>("lreAggregated"), 12);
        Assert.Equal(onePass, nb.Get<double>("lreTsqr"), 12);
        Assert.Equal(refined, nb.Get<double>("lreRefined"), 12);
        Assert.InRange(aggregated, 4, 7);          // ≈ 16 − 2·log10 κ
        Assert.InRange(onePass, 12, 14);
        Assert.InRange(refined, 14, 15);
        // the text: TSQR instead of XᵀX buys about seven and a half digits in one pass, refinement the last one or so
        Assert.InRange(onePass - aggregated, 7.0, 8.0);
        Assert.InRange(refined - onePass, 0.75, 1.75);
        // κ of the unit-column design, by MathNet's SVD here
        var x = ds.BuildDesign();
        int n = ds.Observations, p = ds.DesignColumns + 1;
        var m = Matrix<double>.Build.Dense(n, p, (i, j) => j == 0 ? 1.0 : x[i * ds.DesignColumns + j - 1]);
        m = m.NormalizeColumns(2.0);
        var s = m.Svd(false).S;
        Assert.Equal(s[0] / s[^1], nb.Get<double>("kappa"), 1e-6 * s[0] / s[^1]);
    }

    [Fact]
    public void Exercises_PrintHintsNotAnswers()
    {
        var output = string.Concat(nb.Run.CodeCells.Where(c => c.Source.Contains("Check.Answer", StringComparison.Ordinal)).Select(c => c.StandardOutput));
        Assert.Contains("15.1 not yet", output);
        Assert.Contains("15.2 not yet", output);
        Assert.Contains("15.3 not yet", output);
    }
}
