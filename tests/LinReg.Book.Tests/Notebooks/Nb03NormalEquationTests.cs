using LinReg.Book.Tests.Support;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Book.Tests.Notebooks;

public sealed class Nb03Fixture() : BookNotebookFixture("03-the-normal-equation.ipynb");

/// <summary>
/// 03 · The normal equation. Expected values: the seed's worked example 2 (XᵀX = 5, Xᵀy = 13, w* = 13/5,
/// r = (−0.4, 0.2), Xᵀr = 0), a least-squares solve by MathNet's QR done here, and NIST's certified values (through
/// the LRE the notebook reports: ≥ 13 correct digits for the accurate solver).
/// </summary>
[Collection(InProcessKernelCollection.Name)]
public sealed class Nb03NormalEquationTests(Nb03Fixture nb) : IClassFixture<Nb03Fixture>
{
    [Fact]
    public void Run_AllCells_Succeed() => Assert.False(nb.Run.Failed, nb.Run.FailureSummary);

    [Fact]
    public void WorkedExample2_EveryStepIsTheSeeds()
    {
        Assert.Equal(5.0, nb.Get<double>("xtx"));                 // 1² + 2²
        Assert.Equal(13.0, nb.Get<double>("xty"));                // 1·3 + 2·5
        Assert.Equal(2.6, nb.Get<double>("wStar"), 15);           // 13/5
        Assert.Equal("13/5", nb.Get<string>("exactWStarText"));   // exactly, in rational arithmetic
        var yHat = nb.Get<double[]>("yHat");
        var r = nb.Get<double[]>("r");
        Assert.Equal(2.6, yHat[0], 12);
        Assert.Equal(5.2, yHat[1], 12);
        Assert.Equal(-0.4, r[0], 12);
        Assert.Equal(0.2, r[1], 12);
        Assert.Equal(0.0, nb.Get<double>("xtr"), 15);             // 1(−0.4) + 2(0.2)
    }

    [Fact]
    public void WorkedExample2_LibrarySolvers_Give2Point6()
    {
        Assert.Equal(2.6, nb.Get<double[]>("fitNormal", "Weights")[0], 14);
        Assert.Equal(2.6, nb.Get<double[]>("fitRefined", "Weights")[0], 15);
    }

    [Fact]
    public void WithBias_SeedListingData_MatchesAnIndependentQrSolveAndTheTruth()
    {
        var data = LinReg.Data.SyntheticData.SeedListing(0);
        var a = Matrix<double>.Build.Dense(data.Count, 3, (i, j) => j == 0 ? 1.0 : data.X[i * 2 + j - 1]);
        var theta = a.QR().Solve(Vector<double>.Build.Dense(data.Y));   // (b, w₁, w₂)

        var w = nb.Get<double[]>("seedNormal", "Weights");
        double b = nb.Get<double>("seedNormal", "Bias");
        Assert.Equal(theta[0], b, 10);
        Assert.Equal(theta[1], w[0], 10);
        Assert.Equal(theta[2], w[1], 10);
        // the seed's true parameters, within 10⁻³ as the text says (σ = 0.01, n = 1000: standard errors ≈ 3·10⁻⁴)
        Assert.Equal(2.0, w[0], 1e-3);
        Assert.Equal(-3.4, w[1], 1e-3);
        Assert.Equal(4.2, b, 1e-3);
        // with an intercept the residuals sum to zero (first row of Aᵀr = 0)
        Assert.Equal(0.0, nb.Get<double[]>("seedResiduals").Sum(), 9);
    }

    [Fact]
    public void CostGrowth_TimedForFiveSizes()
    {
        // timings are shown, not asserted (they depend on the machine); only that all five were measured
        Assert.Equal([20, 40, 80, 160, 320], nb.Get<int[]>("dims"));
        Assert.All(nb.Get<List<double>>("normalMs"), t => Assert.True(t > 0));
        Assert.Equal(5, nb.Get<List<double>>("sgdEpochMs").Count);
    }

    [Fact]
    public void Collinear_NormalEquationRefuses_SvdFindsRank3()
    {
        Assert.Contains("rank 3 of 4", nb.Get<string>("collinearMessage"));
        Assert.Equal(3, nb.Get<int>("collinearSvd", "Rank"));
        var w = nb.Get<double[]>("collinearSvd", "Weights");
        // x₃ = x₁ + x₂: only w₁ + w₃ and w₂ + w₃ are determined; the data were made with 2 and −3.4
        Assert.Equal(2.0, w[0] + w[2], 0.01);
        Assert.Equal(-3.4, w[1] + w[2], 0.01);
    }

    [Fact]
    public void NearlyCollinear_NormalEquationLosesDigitsQrKeeps()
    {
        double normal = nb.Get<double>("nearNormalError"), qr = nb.Get<double>("nearQrError");
        Assert.True(qr < 1e-7, $"QR relative error {qr}");
        Assert.True(normal / qr > 1e3, $"normal equation {normal} vs QR {qr}");
        // the rule of thumb (small residuals): QR keeps about 16 − log₁₀κ digits, the normal equation about log₁₀κ
        // fewer. The text claims 3–4 and about 9 digits, and an extra loss of about 5 (log₁₀κ ≈ 6.4, minus what the
        // κ²·tanθ term takes from QR).
        double logKappa = Math.Log10(nb.Get<double>("kappa"));
        Assert.Equal(6.4, logKappa, 0.05);
        Assert.InRange(-Math.Log10(normal), 3, 4);
        Assert.Equal(9, -Math.Log10(qr), 0.5);
        double extra = Math.Log10(normal / qr);
        Assert.InRange(extra, logKappa - 2, logKappa);
        Assert.Equal(5, extra, 0.5);
    }

    [Fact]
    public void Nist_RefinedSolverKeeps13Digits_NormalEquationLosesThemOrRefuses()
    {
        Assert.Equal(["Norris", "Longley", "Filip"], nb.Get<string[]>("nistNames"));
        var normal = nb.Get<double[]>("lreNormal");
        var qr = nb.Get<double[]>("lreQr");
        var refined = nb.Get<double[]>("lreRefined");
        Assert.All(refined, lre => Assert.True(lre >= 13, $"refined QR LRE {lre} < 13"));
        Assert.Equal(0.0, normal[2]);                                   // Filip: refused (RankDeficientException)
        Assert.True(qr[1] - normal[1] >= 2, $"Longley: QR {qr[1]} vs normal equation {normal[1]}");
        Assert.True(normal[0] >= 10, $"Norris is easy: normal equation LRE {normal[0]}");
        // the list under the table: Longley 8 / 13 / nearly 15 digits, an extra loss of log₁₀κ ≈ 4.6 (measured 4.5);
        // Filip: QR about 7, refined on doubles about 8, refined on the exact data 14 or more
        Assert.Equal(8, normal[1], 1.0);
        Assert.Equal(13, qr[1], 0.5);
        Assert.InRange(refined[1], 14, 15.1);
        Assert.Equal(Math.Log10(nb.Get<double[]>("conditionNumbers")[1]), qr[1] - normal[1], 0.3);
        Assert.Equal(7, qr[2], 0.5);
        Assert.Equal(8, nb.Get<double[]>("lreRefinedDoubles")[2], 0.5);
        Assert.True(refined[2] >= 14, $"Filip, refined with exact data: {refined[2]}");
        Assert.Equal(15, Math.Log10(nb.Get<double[]>("conditionUnscaled")[2]), 0.5);
    }

    [Fact]
    public void Exercises_PrintHintsNotAnswers()
    {
        var output = string.Concat(nb.Run.CodeCells.Where(c => c.Source.Contains("Check.Answer", StringComparison.Ordinal)).Select(c => c.StandardOutput));
        foreach (var id in new[] { "3.1", "3.2", "3.3" }) Assert.Contains($"✘ Exercise {id} not yet", output);
        Assert.DoesNotContain("0.05", output);                            // 03.3's answer
    }
}
