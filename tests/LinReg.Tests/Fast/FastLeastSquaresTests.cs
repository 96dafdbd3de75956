using LinReg.Probability;
using LinReg.Data;
using LinReg.Fast;
using LinReg.Solvers;
using LinReg.Tests.Solvers;

namespace LinReg.Tests.Fast;

/// <summary>
/// The fast streaming solvers against independent answers: NIST StRD certified values (computed by NIST in 500-digit
/// arithmetic), sums computed by plain loops, and the readable solvers of LinReg.Solvers.
/// </summary>
public class FastLeastSquaresTests
{
    public static TheoryData<string> Datasets => NistTestData.Names();

    private static LeastSquaresResult FastFit(NistDataset ds, FastLeastSquares.Branch branch = FastLeastSquares.Branch.Auto)
    {
        var (xHi, xLo) = ds.BuildDesignDoubleDouble();
        var (yHi, yLo) = ds.TargetsDoubleDouble();
        return branch == FastLeastSquares.Branch.Auto
            ? FastLeastSquares.FitDoubleDouble(xHi, xLo, ds.Observations, ds.DesignColumns, yHi, yLo, ds.HasIntercept)
            : FastLeastSquares.FitRefined(xHi, xLo, ds.Observations, ds.DesignColumns, yHi, yLo, ds.HasIntercept, branch);
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void FitDoubleDouble_NistDataset_EveryParameterHasLreAtLeast13(string name)
    {
        var ds = NistTestData.Load(name);

        var fit = FastFit(ds);

        var lre = ds.Lre(fit);
        Assert.True(lre.All(v => v >= 13), $"{name}: LRE {NistTestData.Table(ds, lre)}");
        Assert.Equal(LeastSquaresMethod.RefinedQr, fit.Method);
        Assert.Null(fit.Warning);
        Assert.Equal(ds.ParameterNames.Count, fit.Rank);
        double rsd = NistDataset.Lre(fit.ResidualStandardDeviation, ds.CertifiedResidualStandardDeviation);
        double r2 = NistDataset.Lre(fit.RSquared, ds.CertifiedRSquared);
        Assert.True(rsd >= 12 && r2 >= 12, $"{name}: LRE of residual SD {rsd:F1}, of R² {r2:F1}");
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void FitRefined_StreamingQrPreconditionerForced_NistLreAtLeast13(string name)
    {
        var ds = NistTestData.Load(name);

        var fit = FastFit(ds, FastLeastSquares.Branch.StreamingQr);

        var lre = ds.Lre(fit);
        Assert.True(lre.All(v => v >= 13), $"{name}: LRE {NistTestData.Table(ds, lre)}");
        Assert.Null(fit.Warning);
    }

    [Theory]
    [InlineData("Norris")]
    [InlineData("Pontius")]
    [InlineData("NoInt1")]
    [InlineData("NoInt2")]
    public void FitRefined_GramPreconditionerForcedOnWellConditionedSet_NistLreAtLeast13(string name)
    {
        var ds = NistTestData.Load(name);

        var fit = FastFit(ds, FastLeastSquares.Branch.Gram);

        var lre = ds.Lre(fit);
        Assert.True(lre.All(v => v >= 13), $"{name}: LRE {NistTestData.Table(ds, lre)}");
        Assert.Null(fit.Warning);
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Fit_NistDataset_DiagnosticsAgreeWithTheReadableSolver(string name)
    {
        var ds = NistTestData.Load(name);

        var fast = FastFit(ds);
        var reference = ds.Fit();

        // condition numbers: only their order of magnitude is meaningful for the hardest sets
        Assert.InRange(fast.ConditionNumber / reference.ConditionNumber, 0.5, 2);
        Assert.InRange(fast.ScaledConditionNumber / reference.ScaledConditionNumber, 0.5, 2);
        // Wampler1/2 fit exactly (certified RSS 0): both RSS are then rounding-level, compared relative to TSS
        Assert.Equal(reference.ResidualSumOfSquares, fast.ResidualSumOfSquares,
            Math.Max(1e-12 * reference.ResidualSumOfSquares, 1e-26 * reference.TotalSumOfSquares));
        Assert.Equal(reference.TotalSumOfSquares, fast.TotalSumOfSquares, 1e-12 * reference.TotalSumOfSquares);
    }

    private static Dataset Random(int n, int d, int seed, double noise = 0.1)
    {
        var w = new double[d];
        new NormalSampler(seed).Fill(w);
        return SyntheticData.Linear(w, 0.7, n, noise, seed + 1);
    }

    [Theory]
    [InlineData(5_000, 37, true)]
    [InlineData(3_000, 6, false)]
    [InlineData(2_000, 100, true)]
    public void Fit_RandomData_SameAsReadableRefinedQrTo1e13(int n, int d, bool intercept)
    {
        var data = Random(n, d, seed: d);

        var fast = FastLeastSquares.Fit(data, fitIntercept: intercept);
        var reference = LeastSquares.Fit(data, fitIntercept: intercept);

        for (int j = 0; j < d; j++) Assert.Equal(reference.Weights[j], fast.Weights[j], 1e-13 * Math.Max(1, Math.Abs(reference.Weights[j])));
        Assert.Equal(reference.Bias, fast.Bias, 1e-13);
        Assert.Equal(reference.ResidualSumOfSquares, fast.ResidualSumOfSquares, 1e-12 * reference.ResidualSumOfSquares);
        Assert.Equal(reference.ConditionNumber, fast.ConditionNumber, 1e-8 * reference.ConditionNumber);
        Assert.Null(fast.Warning);
        Assert.InRange(fast.RefinementIterations, 1, 4);
    }

    [Fact]
    public void Fit_OneThreadOrTwo_SameAnswer()
    {
        var data = Random(4_000, 21, seed: 5);

        var one = FastLeastSquares.Fit(data, maxDegreeOfParallelism: 1);
        var two = FastLeastSquares.Fit(data, maxDegreeOfParallelism: 2);

        for (int j = 0; j < 21; j++) Assert.Equal(one.Weights[j], two.Weights[j], 1e-14);
        Assert.Equal(one.Bias, two.Bias, 1e-14);
    }

    [Fact]
    public void Fit_IllConditionedRandomDesign_UsesTheQrPreconditionerAndStaysAccurate()
    {
        // x2 = x1 + 1e-7·noise: column-scaled cond ≈ 1e7 > 1e6, so the Gram preconditioner is skipped; the answer must
        // still match the readable RefinedQr (independent algorithm: Householder QR of a copy + augmented refinement).
        int n = 3_000;
        var rng = new NormalSampler(11);
        var x = new double[n * 3];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double a = rng.Next(), b = rng.Next();
            x[i * 3] = a;
            x[i * 3 + 1] = a + 1e-7 * rng.Next();
            x[i * 3 + 2] = b;
            y[i] = 1 + 2 * a - 3 * x[i * 3 + 1] + 0.5 * b + 0.01 * rng.Next();
        }
        var fast = FastLeastSquares.Fit(x, n, 3, y);
        var reference = LeastSquares.Fit(x, n, 3, y);
        Assert.True(fast.ScaledConditionNumber > 1e6, $"scaled cond {fast.ScaledConditionNumber:G3}");
        for (int j = 0; j < 3; j++) Assert.Equal(reference.Weights[j], fast.Weights[j], 1e-12 * Math.Abs(reference.Weights[j]));
        Assert.Null(fast.Warning);
    }

    [Theory]
    [InlineData("Norris")]
    [InlineData("NoInt1")]
    [InlineData("Longley")]
    [InlineData("Wampler1")]
    public void NormalEquations_NistDataset_SameAsReadableNormalEquations(string name)
    {
        var ds = NistTestData.Load(name);

        var fast = FastLeastSquares.Fit(ds.BuildDesign(), ds.Observations, ds.DesignColumns, ds.Y, LeastSquaresMethod.NormalEquations, ds.HasIntercept);
        var reference = ds.Fit(LeastSquaresMethod.NormalEquations);

        // Same algorithm after the Gram matrix; the Gram entries are summed in a different order, so the answers agree to
        // what the normal equation can resolve: about cond(XᵀX)·ε relative (Longley: ≈ 1e9·1e-16).
        double tol = Math.Max(1e-12, 1e-16 * reference.GramConditionNumber * 10);
        var e = ds.Estimates(fast);
        var r = ds.Estimates(reference);
        for (int k = 0; k < e.Length; k++) Assert.Equal(r[k], e[k], tol * Math.Max(1, Math.Abs(r[k])));
        Assert.Equal(reference.Warning is null, fast.Warning is null);
        Assert.Equal(LeastSquaresMethod.NormalEquations, fast.Method);
    }

    [Fact]
    public void NormalEquations_Filip_ThrowsNumericallySingularLikeTheReadablePath()
    {
        var ds = NistTestData.Load("Filip");

        var ex = Assert.Throws<RankDeficientException>(() =>
            FastLeastSquares.Fit(ds.BuildDesign(), ds.Observations, ds.DesignColumns, ds.Y, LeastSquaresMethod.NormalEquations));

        Assert.Contains("XᵀX is numerically singular", ex.Message);
        Assert.Equal(LeastSquaresMethod.NormalEquations, ex.Method);
    }

    [Fact]
    public void NormalEquations_RandomData_MatchesRefinedSolutionTo1e10()
    {
        // well conditioned (cond ≈ 1.1): the normal equation is accurate to ≈ cond²·ε; the refined answer is the reference
        var data = Random(20_000, 30, seed: 8);
        var ne = FastLeastSquares.Fit(data, LeastSquaresMethod.NormalEquations);
        var refined = LeastSquares.Fit(data);
        for (int j = 0; j < 30; j++) Assert.Equal(refined.Weights[j], ne.Weights[j], 1e-10);
        Assert.Equal(refined.Bias, ne.Bias, 1e-10);
        Assert.Equal(refined.ResidualSumOfSquares, ne.ResidualSumOfSquares, 1e-9 * refined.ResidualSumOfSquares);
    }

    [Theory]
    [InlineData(LeastSquaresMethod.NormalEquations)]
    [InlineData(LeastSquaresMethod.RefinedQr)]
    public void Fit_DuplicatedColumn_ThrowsRankDeficientNamingIt(LeastSquaresMethod method)
    {
        var data = Random(500, 4, seed: 3);
        var x = (double[])data.X.Clone();
        for (int i = 0; i < 500; i++) x[i * 4 + 2] = 3 * x[i * 4 + 1];   // column 2 = 3 × column 1

        var ex = Assert.Throws<RankDeficientException>(() => FastLeastSquares.Fit(x, 500, 4, data.Y, method));

        Assert.Contains(2, ex.DependentColumns);
        Assert.Contains("column 2", ex.Message);
        Assert.Equal(method, ex.Method);
    }

    [Fact]
    public void Fit_BadArguments_ThrowStandardExceptionsQuotingThem()
    {
        var x = new double[6];
        var mismatch = Assert.Throws<ArgumentException>(() => FastLeastSquares.Fit(x, 3, 2, new double[2]));
        Assert.Contains("3 rows but y has 2 values", mismatch.Message);
        x[3] = double.NaN;
        var nan = Assert.Throws<ArgumentException>(() => FastLeastSquares.Fit(x, 3, 2, new double[3]));
        Assert.Contains("row 1, column 1", nan.Message);
        var threads = Assert.Throws<ArgumentOutOfRangeException>(() => FastLeastSquares.Fit(new double[6], 3, 2, new double[3], maxDegreeOfParallelism: 0));
        Assert.Equal("maxDegreeOfParallelism", threads.ParamName);
        Assert.Contains("got 0", threads.Message);
        Assert.Throws<ArgumentNullException>(() => FastLeastSquares.Fit((double[])null!, 3, 2, new double[3]));
    }

    [Theory]
    [InlineData(LeastSquaresMethod.Qr)]
    [InlineData(LeastSquaresMethod.Svd)]
    public void Fit_QrOrSvd_DelegatesToTheReadableSolver(LeastSquaresMethod method)
    {
        var data = Random(300, 5, seed: 4);
        var fast = FastLeastSquares.Fit(data, method);
        var reference = LeastSquares.Fit(data, method);
        Assert.Equal(reference.Weights, fast.Weights);
        Assert.Equal(method, fast.Method);
    }
}
