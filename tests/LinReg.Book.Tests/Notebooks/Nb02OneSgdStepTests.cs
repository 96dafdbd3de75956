using LinReg.Book.Runner;
using LinReg.Book.Tests.Support;

namespace LinReg.Book.Tests.Notebooks;

public sealed class Nb02Fixture() : BookNotebookFixture("02-one-sgd-step-by-hand.ipynb");

/// <summary>
/// 02 · One SGD step by hand. Expected values: the seed's worked example 1 (ŷ = (1, 3), r = (−1, −3), ∇w = −5,
/// ∇b = −2, w = 1.5, b = 0.2) and hand arithmetic written in the comments.
/// </summary>
[Collection(InProcessKernelCollection.Name)]
public sealed class Nb02OneSgdStepTests(Nb02Fixture nb) : IClassFixture<Nb02Fixture>
{
    [Fact]
    public void Run_AllCells_Succeed() => Assert.False(nb.Run.Failed, nb.Run.FailureSummary);

    [Fact]
    public void WorkedExample1_ByHand_EveryStepIsTheSeeds()
    {
        Assert.Equal([1.0, 3.0], nb.Get<double[]>("yHat"));
        Assert.Equal([-1.0, -3.0], nb.Get<double[]>("r"));
        Assert.Equal(2.5, nb.Get<double>("lossBefore"));          // (1 + 9)/(2·2)
        Assert.Equal(-5.0, nb.Get<double>("gradW"));              // ½((−1)(1) + (−3)(3))
        Assert.Equal(-2.0, nb.Get<double>("gradB"));              // ½(−1 − 3)
        // bit-exact, as the text says: 0.1·5 rounds to exactly 0.5, 0.1·2 is exactly the double nearest 0.2
        Assert.Equal(1.5, nb.Get<double>("wNew"));                // 1 − 0.1(−5)
        Assert.Equal(0.2, nb.Get<double>("bNew"));                // 0 − 0.1(−2)
        Assert.Equal(0.5, 0.1 * 5);
        Assert.NotEqual(0.3, 0.1 * 3);                            // yet 0.1 is not 1/10: other products do not land
        Assert.Equal(0.5, nb.Get<double>("eta") * 5);
    }

    [Fact]
    public void LossAfterTheStep_IsTheHandValue()
    {
        // at w = 1.5, b = 0.2: ŷ = (1.7, 4.7), r = (−0.3, −1.3), L = (0.09 + 1.69)/4 = 0.445
        Assert.Equal(0.445, nb.Get<double>("lossAfter"), 12);
        // …and, as the text says, the double the loop computes is not the one nearest 0.445 but the one below it
        Assert.Equal(0.4449999999999999, nb.Get<double>("lossAfter"));
        Assert.NotEqual(0.445, nb.Get<double>("lossAfter"));
        Assert.Equal(0.445 - 2 * Math.ScaleB(1, -54), nb.Get<double>("lossAfter"));   // two ulps (2⁻⁵⁴ each) below
    }

    [Fact]
    public void Contours_ConditionNumberOfTheHessian_FromAnIndependentEigenSolve()
    {
        // H = (1/|B|)[[Σx², Σx], [Σx, |B|]] = [[5, 2], [2, 1]] for x = (1, 3); eigenvalues 3 ± 2√2, κ = 17 + 12√2 ≈ 34
        var h = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(new double[,] { { 5, 2 }, { 2, 1 } });
        var eigen = h.Evd().EigenValues.Select(v => v.Real).Order().ToArray();
        Assert.Equal(eigen[1] / eigen[0], nb.Get<double>("kappa"), 9);
        Assert.Equal(34, nb.Get<double>("kappa"), 0.05);
        Assert.Equal(1.0, nb.Get<double>("kappaCentred"));          // centred x = (−1, 1): H = I
    }

    [Fact]
    public void BothLibraryImplementations_TakeTheSeedsStep()
    {
        Assert.Equal(2.5, nb.Get<double>("scratchLossValue"));
        Assert.Equal(1.5, nb.Get<double>("scratchW"));
        Assert.Equal(0.2, nb.Get<double>("scratchB"));
        Assert.Equal(2.5, nb.Get<double>("conciseLossValue"));
        Assert.Equal(1.5, nb.Get<double>("conciseW"));
        Assert.Equal(0.2, nb.Get<double>("conciseB"));
        // the loss's backward pass: g = r/|B| = (−0.5, −1.5)
        Assert.Equal([-0.5, -1.5], nb.Get<double[]>("g"));
    }

    [Fact]
    public void WithoutTheHalf_LossGradientAndStepDouble()
    {
        // nn.MSELoss: L = (1 + 9)/2 = 5, ∇w = −10, ∇b = −4, w = 1 + 1 = 2, b = 0 + 0.4
        Assert.Equal(5.0, nb.Get<double>("noHalfLossValue"));
        Assert.Equal(2.0, nb.Get<double[]>("linearNoHalf", "Weight.Value")[0]);
        Assert.Equal(0.4, nb.Get<double[]>("linearNoHalf", "Bias.Value")[0]);
    }

    [Fact]
    public void FiniteDifferences_MatchTheAnalyticGradient()
    {
        var numeric = nb.Get<double[]>("numericGrad");
        Assert.Equal(-5.0, numeric[0], 8);
        Assert.Equal(-2.0, numeric[1], 8);
    }

    [Fact]
    public void Charts_AreDisplayedAsPlotlyHtml()
    {
        var charts = nb.Run.CodeCells.SelectMany(c => c.Outputs.OfType<DisplayOutput>()).Select(d => d["text/html"]).Where(h => h is not null && LinReg.Book.Html.PlotlyOffline.IsPlotlyChart(h) && !LinReg.Book.Html.PlotlyOffline.IsPlotlyJsLoader(h)).ToList(); // not the setup's plotly.js
        Assert.Equal(2, charts.Count);
        Assert.Contains(charts, h => h!.Contains("\"type\":\"contour\"", StringComparison.Ordinal));
        // the scatter: the after-step line ŷ = 1.5x + 0.2 drawn from x = 0 to 4 → (0.2, 6.2)
        Assert.Contains(charts, h => h!.Contains("after one step", StringComparison.Ordinal));
    }

    [Fact]
    public void Exercises_PrintHintsNotAnswers()
    {
        var output = string.Concat(nb.Run.CodeCells.Where(c => c.Source.Contains("Check.Answer", StringComparison.Ordinal)).Select(c => c.StandardOutput));
        foreach (var id in new[] { "2.1", "2.2", "2.3", "2.4", "2.5" }) Assert.Contains($"✘ Exercise {id} not yet", output);
        // the answers: w = 1.71, b = 0.28 (second step), η' = 0.05, w = 2 (Sum), η* = 2/(3 + √8) ≈ 0.343
        foreach (var answer in new[] { "1.71", "0.28", "0.05", "0.343" }) Assert.DoesNotContain(answer, output);
    }
}
