using LinReg.Solvers;
using LinReg.Numerics;
using MathNet.Numerics.LinearRegression;

namespace LinReg.Tests.Solvers;

/// <summary>
/// Issue 2's bar: the recommended solver on the NIST StRD linear least-squares suite, used as a user would
/// (load the file → fit). Expected values are NIST's certified values (independent: computed by NIST in
/// 500-digit arithmetic, printed to 15 significant digits).
/// </summary>
public class NistLeastSquaresTests
{
    public static TheoryData<string> Datasets => NistTestData.Names();

    [Theory]
    [MemberData(nameof(Datasets))]
    public void RefinedQr_NistDataset_EveryParameterHasLreAtLeast13(string name)
    {
        var ds = NistTestData.Load(name);

        var fit = ds.Fit(); // RefinedQr, data in double-double from the file's decimals

        var lre = ds.Lre(fit);
        Assert.True(lre.All(v => v >= 13), $"{name}: LRE {NistTestData.Table(ds, lre)} (bar: ≥ 13 on every parameter)");
        Assert.Equal(LeastSquaresMethod.RefinedQr, fit.Method);
        Assert.Null(fit.Warning);
        Assert.Equal(ds.ParameterNames.Count, fit.Rank);
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void RefinedQr_NistDataset_ResidualSdAndRSquaredMatchCertified(string name)
    {
        var ds = NistTestData.Load(name);

        var fit = ds.Fit();

        // Certified residual SD and R² (NIST). Wampler1/2 certify RSD = 0 (exact fit): LRE then counts how close to 0.
        double rsd = NistDataset.Lre(fit.ResidualStandardDeviation, ds.CertifiedResidualStandardDeviation);
        double r2 = NistDataset.Lre(fit.RSquared, ds.CertifiedRSquared);
        Assert.True(rsd >= 12 && r2 >= 12, $"{name}: LRE of residual SD {rsd:F1}, of R² {r2:F1}");
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void ExactLeastSquares_NistDataset_ReproducesEveryCertifiedDigit(string name)
    {
        var ds = NistTestData.Load(name);

        var exact = ds.FitExact();

        var est = (ds.HasIntercept ? exact.Weights.Prepend(exact.Bias) : exact.Weights).ToArray();
        for (int k = 0; k < est.Length; k++)
        {
            // NIST prints the exact solution rounded to 15 significant digits.
            var certified = Rational.Parse(ds.CertifiedValueTexts[k]);
            Assert.True(est[k].RoundToSignificantDigits(15) == certified,
                $"{name} {ds.ParameterNames[k]}: exact {est[k].ToScientificString(18)} vs certified {ds.CertifiedValueTexts[k]}");
        }
        Assert.All(exact.Orthogonality, v => Assert.True(v.IsZero));
    }

    [Fact]
    public void RefinedQr_FilipFedPlainDoubles_IsLimitedByTheDataNotTheSolver()
    {
        // FIELD-NOTES: rounding Filip's decimals to double and forming x¹⁰ in double perturbs the problem by about
        // cond·1e-16 ≈ 0.2 relative in the worst direction; measured ≈ 7.9 digits with any solver fed doubles.
        var ds = NistTestData.Load("Filip");

        var doubles = LeastSquares.Fit(ds.BuildDesign(), ds.Observations, ds.DesignColumns, ds.Y,
            LeastSquaresMethod.RefinedQr, ds.HasIntercept);
        var dd = ds.Fit();

        double minDoubles = ds.Lre(doubles).Min();
        Assert.InRange(minDoubles, 6.0, 10.0);
        Assert.True(ds.Lre(dd).Min() >= 13);
    }

    [Fact]
    public void NormalEquations_Filip_ThrowsNumericallySingularWithConditionNumber()
    {
        var ds = NistTestData.Load("Filip");

        var ex = Assert.Throws<RankDeficientException>(() => ds.Fit(LeastSquaresMethod.NormalEquations));

        // The NIST README gives Filip's design condition number ≈ 1.7e15, so cond(XᵀX) ≈ 3e30 ≫ 1/ε.
        Assert.Contains("XᵀX is numerically singular", ex.Message);
        Assert.Contains("Svd", ex.Message);
        Assert.InRange(ex.ConditionNumber, 1e15, 3e15);
        Assert.True(ex.Rank < 11, $"rank {ex.Rank}");
        Assert.Equal(11, ex.Columns);
        Assert.NotEmpty(ex.DependentColumns);
        Assert.Equal(LeastSquaresMethod.NormalEquations, ex.Method);
    }

    [Theory]
    [InlineData("Longley")]
    [InlineData("Wampler1")]
    public void NormalEquations_IllConditionedNistSet_WarnsAndLosesDigits(string name)
    {
        var ds = NistTestData.Load(name);

        var fit = ds.Fit(LeastSquaresMethod.NormalEquations);

        // Column-scaled cond(XᵀX): Longley ≈ 1.9e9, Wampler ≈ 4.9e6 — the warning must say so, and the digits are
        // really lost (certified values: the LRE stays below 10 where RefinedQr reaches ≥ 13).
        Assert.NotNull(fit.Warning);
        Assert.Contains("ill-conditioned", fit.Warning);
        Assert.True(ds.Lre(fit).Min() < 10, $"{name}: NE LRE {NistTestData.Table(ds, ds.Lre(fit))}");
    }

    [Theory]
    [InlineData("Norris")]
    [InlineData("NoInt1")]
    public void NormalEquations_WellConditionedNistSet_NoWarningAndAccurate(string name)
    {
        var ds = NistTestData.Load(name);

        var fit = ds.Fit(LeastSquaresMethod.NormalEquations);

        Assert.Null(fit.Warning);
        Assert.True(ds.Lre(fit).Min() >= 12, $"{name}: NE LRE {NistTestData.Table(ds, ds.Lre(fit))}");
    }

    [Fact]
    public void Qr_Filip_KeepsOnlyAboutSevenDigits()
    {
        // Plain Householder QR on doubles: measured 7.2 (issue 2: MathNet's QR 7.4–7.9). Loose bounds.
        var ds = NistTestData.Load("Filip");

        var lre = ds.Lre(ds.Fit(LeastSquaresMethod.Qr)).Min();

        Assert.InRange(lre, 5.0, 10.0);
    }

    [Fact]
    public void Svd_Filip_TruncatesToNumericalRank10()
    {
        // Unscaled cond ≈ 1.7e15 > 1/(n·ε) ≈ 5.5e13, so the smallest singular value is below the rank tolerance.
        var ds = NistTestData.Load("Filip");

        var fit = ds.Fit(LeastSquaresMethod.Svd);

        Assert.Equal(10, fit.Rank);
        Assert.True(ds.Lre(fit).Min() < 3);
    }

    [Fact]
    public void ConditionNumber_Filip_MatchesNistReadme()
    {
        var ds = NistTestData.Load("Filip");

        var fit = ds.Fit();

        // data/nist/README.md: "design matrix condition number ~1.7e15"; only its order is meaningful at this size.
        Assert.InRange(fit.ConditionNumber, 1.2e15, 2.5e15);
        Assert.InRange(fit.GramConditionNumber, 1e30, 1e31);
        Assert.True(fit.ScaledConditionNumber < fit.ConditionNumber);
    }

    // ---- the comparison issue 2 asks to beat, recorded with loose bounds (measured: QR 7.9 Filip / 5.5 Wampler5,
    //      Svd 2.2 Filip, NormalEquations throws on Filip) ----

    [Fact]
    public void MathNetQr_FilipAndWampler5_FallShortOfTheBar()
    {
        var filip = NistTestData.Load("Filip");
        var wampler5 = NistTestData.Load("Wampler5");

        double lreFilip = MathNetLre(filip, (x, y, c) => MultipleRegression.QR(x, y, c));
        double lreW5 = MathNetLre(wampler5, (x, y, c) => MultipleRegression.QR(x, y, c));

        Assert.True(lreFilip < 10, $"MathNet QR on Filip: {lreFilip:F1}");
        Assert.True(lreW5 < 8, $"MathNet QR on Wampler5: {lreW5:F1}");
        Assert.True(filip.Lre(filip.Fit()).Min() >= 13 && wampler5.Lre(wampler5.Fit()).Min() >= 13);
    }

    [Fact]
    public void MathNetSvd_Filip_FallsShortOfTheBar()
    {
        var ds = NistTestData.Load("Filip");

        double lre = MathNetLre(ds, (x, y, c) => MultipleRegression.Svd(x, y, c));

        Assert.True(lre < 5, $"MathNet Svd on Filip: {lre:F1}");
    }

    [Fact]
    public void MathNetNormalEquations_Filip_Throws()
    {
        var ds = NistTestData.Load("Filip");

        Assert.ThrowsAny<Exception>(() => MathNetLre(ds, (x, y, c) => MultipleRegression.NormalEquations(x, y, c)));
    }

    private static double MathNetLre(NistDataset ds, Func<double[][], double[], bool, double[]> solve)
    {
        var a = ds.BuildDesign();
        int p = ds.DesignColumns;
        var rows = Enumerable.Range(0, ds.Observations).Select(i => a.AsSpan(i * p, p).ToArray()).ToArray();
        var est = solve(rows, ds.Y, ds.HasIntercept); // intercept first, like NIST's B0
        return est.Select((e, k) => NistDataset.Lre(e, ds.CertifiedValues[k])).Min();
    }
}
