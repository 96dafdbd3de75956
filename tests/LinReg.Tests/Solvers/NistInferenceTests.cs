using System.Globalization;
using System.Text;
using LinReg.Solvers;
using Xunit.Abstractions;

namespace LinReg.Tests.Solvers;

/// <summary>
/// Issue 11's bar: every value NIST certifies for the 11 StRD linear least-squares sets — each parameter, each
/// standard deviation of an estimate, the residual standard deviation, R², and the ANOVA table's sums of squares,
/// mean squares and F — to LRE ≥ 13, with the solver the library recommends: the exact rational path (the data read
/// from the file's decimals) and the floating-point RefinedQr path (<see cref="NistDataset.Fit"/>: data in
/// double-double). Expected values: NIST's certified values (computed by NIST in 500-digit arithmetic, printed to 15
/// significant digits). Certified 0 and +∞ use the conventions of <see cref="NistDataset.Lre(double, double)"/>.
/// </summary>
/// <remarks>
/// Measured (this test prints the whole table): the exact path 14.3–15 on every value (15-digit certificates cap it);
/// RefinedQr 14.4–15 on every set but Filip, and 13.3 on Filip (its standard deviations; its parameters, residual SD,
/// R² and ANOVA reach 14.7–15). Filip needs two things the plain double path does not have: its decimals in
/// double-double (rounded to double, x and x¹⁰ already move the answer in the 8th digit — 8.6 digits at best, any
/// solver), and (AᵀA)⁻¹ refined in double-double (from its R factor alone, κ·ε with κ ≈ 5e9 leaves 7.6 digits).
/// </remarks>
public class NistInferenceTests(ITestOutputHelper output)
{
    /// <summary>One certified value and what each path computed for it.</summary>
    private sealed record Row(string Set, string Quantity, double Certified, double Refined, double Exact)
    {
        public double RefinedLre => NistDataset.Lre(Refined, Certified);
        public double ExactLre => NistDataset.Lre(Exact, Certified);
    }

    private static IEnumerable<Row> Rows(NistDataset ds, LeastSquaresResult fit, ExactLeastSquaresResult exact)
    {
        var est = ds.Estimates(fit);
        var se = ds.StandardErrors(fit);
        var estExact = ds.Estimates(exact);
        var seExact = ds.StandardErrors(exact);
        for (int k = 0; k < est.Length; k++)
            yield return new Row(ds.Name, ds.ParameterNames[k], ds.CertifiedValues[k], est[k], estExact[k]);
        for (int k = 0; k < se.Length; k++)
            yield return new Row(ds.Name, "sd(" + ds.ParameterNames[k] + ")", ds.CertifiedStandardDeviations[k], se[k], seExact[k]);
        yield return new Row(ds.Name, "residual SD", ds.CertifiedResidualStandardDeviation, fit.ResidualStandardError, exact.ResidualStandardError);
        yield return new Row(ds.Name, "R²", ds.CertifiedRSquared, fit.RSquared, exact.RSquared.ToDouble());
        var a = fit.Anova;
        var ae = exact.Anova;
        yield return new Row(ds.Name, "SS regression", ds.CertifiedRegressionSumOfSquares, a.RegressionSumOfSquares, ae.RegressionSumOfSquares);
        yield return new Row(ds.Name, "SS residual", ds.CertifiedResidualSumOfSquares, a.ResidualSumOfSquares, ae.ResidualSumOfSquares);
        yield return new Row(ds.Name, "MS regression", ds.CertifiedRegressionMeanSquare, a.RegressionMeanSquare, ae.RegressionMeanSquare);
        yield return new Row(ds.Name, "MS residual", ds.CertifiedResidualMeanSquare, a.ResidualMeanSquare, ae.ResidualMeanSquare);
        yield return new Row(ds.Name, "F", ds.CertifiedFStatistic, a.FStatistic, ae.FStatistic);
    }

    [Fact]
    public void EveryCertifiedValue_ExactAndRefinedQr_LreAtLeast13()
    {
        var rows = new List<Row>();
        var dfProblems = new List<string>();
        foreach (var name in NistTestData.All)
        {
            var ds = NistTestData.Load(name);
            var fit = ds.Fit();          // RefinedQr, the file's decimals in double-double
            var exact = ds.FitExact();   // exact rational arithmetic on the file's decimals
            rows.AddRange(Rows(ds, fit, exact));
            if (fit.Anova.RegressionDegreesOfFreedom != ds.CertifiedRegressionDegreesOfFreedom
                || fit.Anova.ResidualDegreesOfFreedom != ds.CertifiedResidualDegreesOfFreedom
                || exact.Anova.RegressionDegreesOfFreedom != ds.CertifiedRegressionDegreesOfFreedom
                || exact.Anova.ResidualDegreesOfFreedom != ds.CertifiedResidualDegreesOfFreedom)
                dfProblems.Add($"{name}: ANOVA degrees of freedom differ from the certified {ds.CertifiedRegressionDegreesOfFreedom}/{ds.CertifiedResidualDegreesOfFreedom}");
        }
        output.WriteLine(Table(rows));

        var failures = rows.Where(r => r.ExactLre < 13 || r.RefinedLre < 13)
            .Select(r => $"{r.Set} {r.Quantity}: LRE refined {r.RefinedLre:F1}, exact {r.ExactLre:F1}")
            .Concat(dfProblems).ToList();
        Assert.True(failures.Count == 0, "Below LRE 13:\n" + string.Join("\n", failures) + "\n\n" + Table(rows));
    }

    [Fact]
    public void Filip_CovarianceFromTheFactorAlone_KeepsSevenDigits_RefinementRestoresThirteen()
    {
        // Filip's column-scaled condition number is about 5e9, so D·R⁻¹R⁻ᵀ·D from the (backward-stable) Householder R
        // carries a relative error of about κ·ε ≈ 1e-6 (measured 7.6 digits); the double-double refinement against the
        // Gram matrix of the exact data restores ≥ 13. Same data (the file's decimals in double-double), same R.
        var ds = NistTestData.Load("Filip");
        var (xHi, xLo) = ds.BuildDesignDoubleDouble();
        var (yHi, yLo) = ds.TargetsDoubleDouble();
        var design = LeastSquares.Validate(xHi, xLo, ds.Observations, ds.DesignColumns, yHi, yLo, ds.HasIntercept,
            LeastSquaresMethod.RefinedQr, columnMajor: false, featureNames: null, xName: "x", yName: "y");
        var qr = HouseholderQr.Factor(design, scaleColumns: true);
        double s = ds.Fit().ResidualStandardError; // LRE 15 (table above)

        var plain = UnscaledCovariance.FromTriangular(design, qr.R, qr.Scale, refine: false);
        var refined = UnscaledCovariance.FromTriangular(design, qr.R, qr.Scale, refine: true);

        double Lre(UnscaledCovariance c) => Enumerable.Range(0, ds.ParameterNames.Count)
            .Min(j => NistDataset.Lre(s * Math.Sqrt(c.Matrix![j, j]), ds.CertifiedStandardDeviations[j]));
        double plainLre = Lre(plain), refinedLre = Lre(refined);
        output.WriteLine($"Filip sd LRE: from R alone {plainLre:F1}, refined {refinedLre:F1} ({refined.RefinementPasses} passes)");
        Assert.InRange(plainLre, 5.0, 10.0);
        Assert.True(refinedLre >= 13, $"refined: {refinedLre:F1}");
        Assert.InRange(refined.RefinementPasses, 2, 10);
        Assert.Equal(0, plain.RefinementPasses);
    }

    [Fact]
    public void Filip_FedPlainDoubles_StandardErrorsAreLimitedByTheData()
    {
        // The file's decimals rounded to double, x¹⁰ formed in double: the problem itself moves by about κ·ε, so the
        // standard deviations keep about 8.6 digits (measured) with the refined solver, as the parameters do.
        var ds = NistTestData.Load("Filip");

        var fit = LeastSquares.Fit(ds.BuildDesign(), ds.Observations, ds.DesignColumns, ds.Y, LeastSquaresMethod.RefinedQr, ds.HasIntercept);

        double lre = ds.StandardErrors(fit).Select((v, j) => NistDataset.Lre(v, ds.CertifiedStandardDeviations[j])).Min();
        Assert.InRange(lre, 6.0, 10.0);
    }

    [Fact]
    public void FastRefinedQr_EveryCertifiedStatistic_AgreesWithTheReadableSolver()
    {
        // The fast path (lib/LinReg/Fast) must give the readable path's numbers: its own R factor, the same refinement.
        foreach (var name in NistTestData.All)
        {
            var ds = NistTestData.Load(name);
            var (xHi, xLo) = ds.BuildDesignDoubleDouble();
            var (yHi, yLo) = ds.TargetsDoubleDouble();
            var fast = LinReg.Fast.FastLeastSquares.FitDoubleDouble(xHi, xLo, ds.Observations, ds.DesignColumns, yHi, yLo, ds.HasIntercept);
            var se = ds.StandardErrors(fast);
            for (int j = 0; j < se.Length; j++)
                Assert.True(NistDataset.Lre(se[j], ds.CertifiedStandardDeviations[j]) >= 13, $"{name} sd({ds.ParameterNames[j]}): {se[j]:R}");
            Assert.True(NistDataset.Lre(fast.Anova.RegressionSumOfSquares, ds.CertifiedRegressionSumOfSquares) >= 13, $"{name} SSR");
            Assert.True(NistDataset.Lre(fast.Anova.FStatistic, ds.CertifiedFStatistic) >= 13, $"{name} F");
            Assert.True(NistDataset.Lre(fast.RSquared, ds.CertifiedRSquared) >= 13, $"{name} R²");
        }
    }

    private static string Table(List<Row> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{"set",-9} {"certified value",-14} {"certified",24} {"LRE RefinedQr",13} {"LRE exact",10}"));
        foreach (var r in rows)
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{r.Set,-9} {r.Quantity,-14} {r.Certified,24:G15} {r.RefinedLre,13:F1} {r.ExactLre,10:F1}"));
        foreach (var g in rows.GroupBy(r => r.Set))
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"min {g.Key,-9}: RefinedQr {g.Min(r => r.RefinedLre):F1}, exact {g.Min(r => r.ExactLre):F1}"));
        return sb.ToString();
    }
}
