using LinReg.Book.Runner;
using LinReg.Book.Tests.Support;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Book.Tests.Notebooks;

public sealed class Nb06Fixture() : BookNotebookFixture("06-training-concisely.ipynb");

/// <summary>
/// 06 · Training concisely. Expected values: the seed listing's true parameters, the least-squares solution of the
/// listing's data computed here with MathNet's QR (the floor of the loss), the loss of the trained parameters
/// computed here as mean((Xw + b − y)²) — nn.MSELoss's convention, no ½ — and for the estimation error against n,
/// its σ/√n law, recomputed here with an independent QR solve of the notebook's datasets.
/// </summary>
[Collection(InProcessKernelCollection.Name)]
public sealed class Nb06TrainingConciselyTests(Nb06Fixture nb) : IClassFixture<Nb06Fixture>
{
    [Fact]
    public void Run_AllCells_Succeed() => Assert.False(nb.Run.Failed, nb.Run.FailureSummary);

    [Fact]
    public void Listing_ConcisePieces_RecoverTheTruthWithin001()
    {
        var w = nb.Get<double[]>("conciseW");
        Assert.Equal(2.0, w[0], 0.01);
        Assert.Equal(-3.4, w[1], 0.01);
        Assert.Equal(4.2, nb.Get<double>("conciseB"), 0.01);
        Assert.Equal(5, nb.Get<int>("history", "Epochs.Count"));
        Assert.Equal(160, nb.Get<int>("history", "Steps.Count"));
    }

    [Fact]
    public void ConciseAndFromScratch_SameNumbersAtEveryStep()
    {
        Assert.Equal(160, nb.Get<int>("scratchHistory", "Steps.Count"));
        Assert.InRange(nb.Get<double>("maxStepLossDiff"), 0, 1e-12);
        Assert.InRange(nb.Get<double>("maxParamDiff"), 0, 1e-12);
    }

    [Fact]
    public void SwapOnePiece_IteratorOrHalfLossAtDoubleRate_SameParameters()
    {
        var w = nb.Get<double[]>("conciseW");
        double b = nb.Get<double>("conciseB");
        foreach (var name in new[] { "netWithIter", "netHalf" })
        {
            var wSwap = nb.Get<double[]>(name, "Weight.Value");
            Assert.Equal(w[0], wSwap[0], 12);
            Assert.Equal(w[1], wSwap[1], 12);
            Assert.Equal(b, nb.Get<double[]>(name, "Bias.Value")[0], 12);
        }
        // ½ loss values are exactly half the listing's
        for (int e = 0; e < 5; e++)
            Assert.Equal(nb.Get<double>("history", $"Epochs.{e}.TrainLoss"), 2 * nb.Get<double>("historyHalf", $"Epochs.{e}.TrainLoss"), 12);
    }

    [Fact]
    public void ClosedFormReference_IsTheLeastSquaresFloor_SgdEndsJustAbove()
    {
        var (data, valid) = LinReg.Data.Split.TrainValidation(LinReg.Data.SyntheticData.Linear([2.0, -3.4], 4.2, 1250, 0.01, seed: 0), 0.2, seed: 0);
        var a = Matrix<double>.Build.Dense(data.Count, 3, (i, j) => j == 0 ? 1.0 : data.X[i * 2 + j - 1]);
        var y = Vector<double>.Build.Dense(data.Y);
        var theta = a.QR().Solve(y);
        double floor = (a * theta - y).DotProduct(a * theta - y) / data.Count;   // RSS/n, no ½

        Assert.Equal(floor, nb.Get<double>("closedFormLoss"), 12);
        var wClosed = nb.Get<double[]>("closedForm", "Weights");
        Assert.Equal(theta[1], wClosed[0], 10);
        Assert.Equal(theta[2], wClosed[1], 10);
        Assert.Equal(theta[0], nb.Get<double>("closedForm", "Bias"), 10);

        var w = nb.Get<double[]>("conciseW");
        double b = nb.Get<double>("conciseB");
        double sgdLoss = Enumerable.Range(0, data.Count).Average(i => Math.Pow(data.X[2 * i] * w[0] + data.X[2 * i + 1] * w[1] + b - data.Y[i], 2));
        Assert.Equal(sgdLoss, nb.Get<double>("sgdFinalLoss"), 12);
        Assert.True(sgdLoss >= floor, "SGD cannot beat the least-squares minimum");
        Assert.True(sgdLoss / floor - 1 < 0.01, $"SGD's loss {sgdLoss} should be within 1% of the floor {floor}");
        Assert.Equal(theta[1], w[0], 1e-3);
        Assert.Equal(theta[2], w[1], 1e-3);
        Assert.Equal(theta[0], b, 1e-3);
        // the floor ≈ σ²(n − 3)/n with σ = 0.01
        Assert.Equal(1e-4 * 997 / 1000, floor, 1e-5);
        // the validation loss of the trained parameters, on the 250 held-out rows, ends on the same level
        double validLoss = Enumerable.Range(0, valid.Count).Average(i => Math.Pow(valid.X[2 * i] * w[0] + valid.X[2 * i + 1] * w[1] + b - valid.Y[i], 2));
        Assert.Equal(validLoss, nb.Get<double>("history", "Epochs.4.ValidationLoss"), 12);
        Assert.Equal(1, validLoss / floor, 0.1);
    }

    [Fact]
    public void EpochMeans_FallNearlyFiveOrdersOfMagnitude()
    {
        double first = nb.Get<double>("history", "Epochs.0.TrainLoss"), last = nb.Get<double>("history", "Epochs.4.TrainLoss");
        Assert.InRange(Math.Log10(first / last), 4.8, 5.0);   // "nearly five", not "four"
    }

    [Fact]
    public void EstimationError_FallsLikeSigmaOverRootN_RecomputedIndependently()
    {
        // the notebook's datasets (seed 1000·n + k; the text's count, 40,000/n but at least 50), solved here with
        // MathNet's QR instead of the library's solver
        int[] sizes = nb.Get<int[]>("sizes");
        var rms = nb.Get<double[]>("rmsError");
        foreach (int k in new[] { 0, 1, 5, 9 })
        {
            int n = sizes[k], datasets = Math.Max(50, 40_000 / n);
            double sum = 0;
            for (int r = 0; r < datasets; r++)
            {
                var d = LinReg.Data.SyntheticData.Linear([2.0, -3.4], 4.2, n, 0.01, seed: 1000 * n + r);
                var a = Matrix<double>.Build.Dense(n, 3, (i, j) => j == 0 ? 1.0 : d.X[i * 2 + j - 1]);
                var theta = a.QR().Solve(Vector<double>.Build.Dense(d.Y));
                sum += Math.Pow(theta[0] - 4.2, 2) + Math.Pow(theta[1] - 2, 2) + Math.Pow(theta[2] + 3.4, 2);
            }
            Assert.Equal(Math.Sqrt(sum / (3 * datasets)), rms[k], 9);
        }
        Assert.Equal(1, rms[9] / (0.01 / Math.Sqrt(10_000)), 0.15);
        Assert.Equal(-0.5, nb.Get<double>("slope"), 0.05);
        // small n: the expected ratio from the inverse-Wishart mean. For x ~ N(0, I₂) the centred XᵀX is Wishart(n − 1, I₂),
        // E[W⁻¹] = I/(n − 1 − 2 − 1), so Var(ŵⱼ) = σ²/(n − 4) and Var(b̂) = σ²/n·(1 + tr E[W⁻¹]) = σ²/n·(1 + 2/(n − 4)):
        // n = 10 → √(10·(2/6 + 0.1·(4/3))/3) = √(14/9) ≈ 1.247; n = 20 → √(20·(2/16 + (1/20)·(18/16))/3) = √(29/24) ≈ 1.099
        Assert.Equal(Math.Sqrt(14.0 / 9), rms[0] / (0.01 / Math.Sqrt(10)), 0.05);
        Assert.Equal(Math.Sqrt(29.0 / 24), rms[1] / (0.01 / Math.Sqrt(20)), 0.05);
    }

    [Fact]
    public void LossCurve_HasTheClosedFormReferenceLine()
    {
        var html = nb.Run.CodeCells.SelectMany(c => c.Outputs.OfType<DisplayOutput>()).Select(d => d["text/html"])
            .Single(h => h is not null && h.Contains("closed form (least squares)", StringComparison.Ordinal));
        Assert.Contains("\"type\":\"log\"", html);
    }

    [Fact]
    public void ListingCell_LiveChartOfMinibatchAndValidationLoss()
    {
        var cell = nb.Run.CodeCells.Single(c => c.Source.Contains("new LiveLossChart", StringComparison.Ordinal));
        var produced = Assert.Single(cell.Events.OfType<Microsoft.DotNet.Interactive.Events.DisplayedValueProduced>());
        var updates = cell.Events.OfType<Microsoft.DotNet.Interactive.Events.DisplayedValueUpdated>().ToList();
        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.Equal(produced.ValueId, u.ValueId));
        string last = updates[^1].FormattedValues.Single(v => v.MimeType == "text/html").Value;
        Assert.Contains("\"name\":\"minibatch loss\"", last);
        Assert.Contains("\"name\":\"validation\"", last);
    }

    [Fact]
    public void Exercises_PrintHintsNotAnswers()
    {
        var output = string.Concat(nb.Run.CodeCells.Where(c => c.Source.Contains("Check.Answer", StringComparison.Ordinal)).Select(c => c.StandardOutput));
        Assert.Contains("✘ Exercise 6.1 not yet", output);
        Assert.Contains("✘ Exercise 6.2 not yet", output);
        Assert.Contains("✘ Exercise 6.4 not yet", output);
        Assert.DoesNotContain("0.036", output);
        Assert.DoesNotContain("0.0009375", output);
    }
}
