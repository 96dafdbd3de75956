using System.Numerics;
using CsCheck;
using LinReg.Data;
using LinReg.Numerics;
using LinReg.Solvers;

namespace LinReg.Tests.Solvers;

/// <summary>
/// The inference statistics of a least-squares fit (standard errors, t, p, intervals, R², adjusted R², ANOVA, F,
/// covariance) on random small problems, against an exact computation written here from the definitions in rational
/// arithmetic (Gauss–Jordan on AᵀA — independent of the library's QR, Cholesky and LDLᵀ code); the p-values and
/// quantiles against closed forms of Student's t and Fisher's F and against values printed by R 4.2.2; and the
/// cases with no answer (n ≤ p, rank deficiency, intercept-only F), which must throw, not return NaN.
/// </summary>
public class InferenceTests
{
    private const string Seed = "0N0XIzNsQ0O2";

    // ------------------------------------------------------------------ the independent exact computation

    /// <summary>Every statistic of the fit of y on [1 X] (or X) from its definition, in exact rational arithmetic.</summary>
    private sealed class ExactStatistics
    {
        public ExactStatistics(double[] x, int n, int d, double[] y, bool intercept)
        {
            int p = d + (intercept ? 1 : 0);
            Rational A(int i, int c) => intercept && c == 0 ? Rational.One : Rational.FromDouble(x[i * d + c - (intercept ? 1 : 0)]);
            var ry = y.Select(Rational.FromDouble).ToArray();
            // [AᵀA | I] → [I | (AᵀA)⁻¹] by Gauss–Jordan; θ = (AᵀA)⁻¹Aᵀy
            var m = new Rational[p, 2 * p];
            for (int a = 0; a < p; a++)
            {
                for (int b = 0; b < p; b++)
                {
                    var s = Rational.Zero;
                    for (int i = 0; i < n; i++) s += A(i, a) * A(i, b);
                    m[a, b] = s;
                }
                m[a, p + a] = Rational.One;
            }
            for (int col = 0; col < p; col++)
            {
                int piv = col;
                while (m[piv, col].IsZero) piv++;
                for (int j = 0; j < 2 * p; j++) (m[col, j], m[piv, j]) = (m[piv, j], m[col, j]);
                var inv = Rational.One / m[col, col];
                for (int j = 0; j < 2 * p; j++) m[col, j] *= inv;
                for (int r = 0; r < p; r++)
                {
                    if (r == col || m[r, col].IsZero) continue;
                    var f = m[r, col];
                    for (int j = 0; j < 2 * p; j++) m[r, j] -= f * m[col, j];
                }
            }
            InverseGram = new Rational[p, p];
            for (int a = 0; a < p; a++)
                for (int b = 0; b < p; b++) InverseGram[a, b] = m[a, p + b];
            var aty = new Rational[p];
            for (int a = 0; a < p; a++)
                for (int i = 0; i < n; i++) aty[a] += A(i, a) * ry[i];
            Theta = new Rational[p];
            for (int a = 0; a < p; a++)
                for (int b = 0; b < p; b++) Theta[a] += InverseGram[a, b] * aty[b];
            for (int i = 0; i < n; i++)
            {
                var r = ry[i];
                for (int a = 0; a < p; a++) r -= A(i, a) * Theta[a];
                Rss += r * r;
            }
            var mean = Rational.Zero;
            if (intercept)
            {
                foreach (var v in ry) mean += v;
                mean /= n;
            }
            foreach (var v in ry) Tss += (v - mean) * (v - mean);
            Df = n - p;
            DfRegression = p - (intercept ? 1 : 0);
            S2 = Rss / Df;
            Variances = Enumerable.Range(0, p).Select(j => S2 * InverseGram[j, j]).ToArray();
            Ssr = Tss - Rss;
            RSquared = Ssr / Tss;
            AdjustedRSquared = Rational.One - S2 / (Tss / (n - (intercept ? 1 : 0)));
            F = Ssr / DfRegression / S2;
        }

        public Rational[,] InverseGram { get; }
        public Rational[] Theta { get; }
        public Rational Rss { get; }
        public Rational Tss { get; }
        public Rational Ssr { get; }
        public int Df { get; }
        public int DfRegression { get; }
        public Rational S2 { get; }
        public Rational[] Variances { get; }
        public Rational RSquared { get; }
        public Rational AdjustedRSquared { get; }
        public Rational F { get; }
    }

    private static double Rel(double actual, double expected) =>
        expected == 0 ? Math.Abs(actual) : Math.Abs(actual - expected) / Math.Abs(expected);

    private static readonly Gen<(int N, int D, bool Intercept, double[] X, double[] Y)> Problems =
        from d in Gen.Int[1, 3]
        from intercept in Gen.Bool
        from extra in Gen.Int[2, 8]
        let n = d + (intercept ? 1 : 0) + extra
        from x in Gen.Double.Unit.Select(u => 8 * u - 4).Array[n * d]       // continuous uniform: full rank with probability 1
        from y in Gen.Double.Unit.Select(u => 20 * u - 10).Array[n]
        select (n, d, intercept, x, y);

    [Theory]
    [InlineData(LeastSquaresMethod.RefinedQr, 1e-13)]
    [InlineData(LeastSquaresMethod.Qr, 1e-11)]
    [InlineData(LeastSquaresMethod.Svd, 1e-11)]
    [InlineData(LeastSquaresMethod.NormalEquations, 1e-9)]
    public void Statistics_RandomSmallProblems_MatchExactRationalArithmetic(LeastSquaresMethod method, double tolerance)
    {
        // Tolerances (relative): RefinedQr refines (AᵀA)⁻¹ in double-double when the scaled condition number exceeds 8,
        // so every statistic is within a few ulps; the others lose about κ·ε (Qr, Svd) or κ²·ε (NormalEquations), and
        // problems are kept to κ ≤ 100.
        Problems.Sample(prob =>
        {
            var (n, d, intercept, x, y) = prob;
            var fit = LeastSquares.Fit(x, n, d, y, method, intercept);
            if (fit.ScaledConditionNumber > 100) return; // not a well-conditioned problem: skip
            var e = new ExactStatistics(x, n, d, y, intercept);
            int p = fit.Columns;

            var se = fit.StandardErrors;
            var t = fit.TStatistics;
            var cov = fit.Covariance;
            for (int j = 0; j < p; j++)
            {
                Assert.True(Rel(fit.Coefficients[j], e.Theta[j].ToDouble()) <= tolerance || Math.Abs(fit.Coefficients[j] - e.Theta[j].ToDouble()) <= tolerance * Math.Sqrt(e.Variances[j].ToDouble()), $"θ{j}");
                Assert.True(Rel(se[j] * se[j], e.Variances[j].ToDouble()) <= tolerance, $"SE{j}: {se[j] * se[j]} vs {e.Variances[j].ToDouble()}");
                double tExact = e.Theta[j].ToDouble() / Math.Sqrt(e.Variances[j].ToDouble());
                Assert.True(Math.Abs(t[j] - tExact) <= tolerance * Math.Max(1, Math.Abs(tExact)), $"t{j}: {t[j]} vs {tExact}");
                for (int k = 0; k < p; k++)
                {
                    double expected = (e.S2 * e.InverseGram[j, k]).ToDouble();
                    double scale = Math.Sqrt(e.Variances[j].ToDouble() * e.Variances[k].ToDouble());
                    Assert.True(Math.Abs(cov[j, k] - expected) <= tolerance * scale, $"cov[{j},{k}]: {cov[j, k]} vs {expected}");
                }
            }
            Assert.Equal(e.Df, fit.ResidualDegreesOfFreedom);
            Assert.True(Rel(fit.ResidualStandardError * fit.ResidualStandardError, e.S2.ToDouble()) <= tolerance, "s²");
            Assert.True(Math.Abs(fit.RSquared - e.RSquared.ToDouble()) <= tolerance, "R²");
            Assert.True(Math.Abs(fit.AdjustedRSquared - e.AdjustedRSquared.ToDouble()) <= tolerance * Math.Max(1, Math.Abs(e.AdjustedRSquared.ToDouble())), "adjusted R²");
            var anova = fit.Anova;
            Assert.Equal(e.DfRegression, anova.RegressionDegreesOfFreedom);
            Assert.Equal(e.Df, anova.ResidualDegreesOfFreedom);
            Assert.True(Rel(anova.TotalSumOfSquares, e.Tss.ToDouble()) <= 1e-15, "TSS");
            Assert.True(Math.Abs(anova.RegressionSumOfSquares - e.Ssr.ToDouble()) <= tolerance * e.Tss.ToDouble(), "SSR");
            Assert.True(Rel(anova.ResidualSumOfSquares, e.Rss.ToDouble()) <= tolerance, "RSS");
            Assert.True(Rel(anova.FStatistic, e.F.ToDouble()) <= tolerance * Math.Max(1, 1 / e.RSquared.ToDouble()), $"F: {anova.FStatistic} vs {e.F.ToDouble()}");
        }, seed: Seed, iter: 300);
    }

    [Fact]
    public void ExactPath_RandomSmallProblems_EveryStatisticIsTheExactValueRoundedOnce()
    {
        Problems.Sample(prob =>
        {
            var (n, d, intercept, x, y) = prob;
            var fit = ExactLeastSquares.Solve(x, n, d, y, intercept);
            var e = new ExactStatistics(x, n, d, y, intercept);

            Assert.Equal(e.Rss, fit.ResidualSumOfSquares);
            Assert.Equal(e.Tss, fit.TotalSumOfSquares);
            Assert.Equal(e.RSquared, fit.RSquared);
            Assert.Equal(e.S2, fit.ResidualVariance);
            var cov = fit.Covariance;
            for (int j = 0; j < fit.Columns; j++)
                for (int k = 0; k < fit.Columns; k++) Assert.Equal(e.S2 * e.InverseGram[j, k], cov[j, k]);
            var se = fit.StandardErrors;
            for (int j = 0; j < se.Length; j++) AssertCorrectlyRoundedSqrt(e.Variances[j], se[j]);
            AssertCorrectlyRoundedSqrt(e.S2, fit.ResidualStandardError);
            Assert.Equal(e.AdjustedRSquared.ToDouble(), fit.AdjustedRSquared);
            Assert.Equal(e.F.ToDouble(), fit.Anova.FStatistic, 1e-15 * e.F.ToDouble());
        }, seed: Seed, iter: 100);
    }

    /// <summary>r is the double nearest to √q: (r − ½ulp)² ≤ q ≤ (r + ½ulp)², decided in exact arithmetic.</summary>
    private static void AssertCorrectlyRoundedSqrt(Rational q, double r)
    {
        var rr = Rational.FromDouble(r);
        var halfUlp = Rational.FromDouble(Math.BitIncrement(r) - r) / 2;
        Assert.True((rr - halfUlp) * (rr - halfUlp) <= q && q <= (rr + halfUlp) * (rr + halfUlp),
            $"{r:R} is not the double nearest to √{q.ToScientificString(20)}");
    }

    [Fact]
    public void SqrtToDouble_EveryDouble_EqualsMathSqrt()
    {
        // Math.Sqrt is correctly rounded (IEEE 754), so on doubles the two must agree bit for bit.
        Gen.Double[1e-300, 1e300].Sample(v => Assert.Equal(Math.Sqrt(v), Rational.FromDouble(v).SqrtToDouble()), seed: Seed, iter: 2000);
        Assert.Equal(0.0, Rational.Zero.SqrtToDouble());
        Assert.Equal(3.0, new Rational(9, 1).SqrtToDouble());
    }

    [Fact]
    public void SqrtToDouble_Fractions_AreCorrectlyRounded()
    {
        Gen.Select(Gen.Long[1, long.MaxValue], Gen.Long[1, long.MaxValue]).Sample((a, b) =>
        {
            var q = new Rational(a, b) * new Rational(BigInteger.Pow(3, 40), BigInteger.Pow(7, 30));
            AssertCorrectlyRoundedSqrt(q, q.SqrtToDouble());
        }, seed: Seed, iter: 500);
    }

    [Fact]
    public void SqrtToDouble_Negative_ThrowsQuotingTheValue()
    {
        var ex = Assert.Throws<ArithmeticException>(() => new Rational(-1, 4).SqrtToDouble());

        Assert.Contains("-2.5", ex.Message);
    }

    // ------------------------------------------------------------------ closed forms

    [Fact]
    public void SimpleRegression_StandardErrors_MatchTheTextbookFormulas()
    {
        // y = b + w·x: SE(ŵ) = s/√Sxx, SE(b̂) = s·√(1/n + x̄²/Sxx), Cov(b̂, ŵ) = −x̄·s²/Sxx (any statistics text).
        double[] x = [1, 2, 3, 4, 5, 7], y = [2.1, 3.9, 6.2, 7.8, 10.1, 13.8];
        int n = x.Length;
        double xbar = x.Average(), sxx = x.Sum(v => (v - xbar) * (v - xbar));
        double sxy = x.Zip(y, (a, b) => (a - xbar) * (b - y.Average())).Sum();
        double w = sxy / sxx, b = y.Average() - w * xbar;
        double rss = x.Zip(y, (a, c) => Math.Pow(c - b - w * a, 2)).Sum();
        double s = Math.Sqrt(rss / (n - 2));

        var fit = LeastSquares.Fit(x, n, 1, y);

        Assert.Equal(s / Math.Sqrt(sxx), fit.StandardErrors[1], 1e-13);
        Assert.Equal(s * Math.Sqrt(1.0 / n + xbar * xbar / sxx), fit.StandardErrors[0], 1e-13);
        Assert.Equal(-xbar * s * s / sxx, fit.Covariance[0, 1], 1e-13);
        Assert.Equal(["(Intercept)", "x0"], fit.CoefficientNames);
        // t² = F for one weight (the F test and the t test of w are the same test)
        Assert.Equal(fit.TStatistics[1] * fit.TStatistics[1], fit.FStatistic, 1e-9 * fit.FStatistic);
        Assert.Equal(fit.PValues[1], fit.FPValue, 1e-12);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(4.0)]
    [InlineData(40.0)]
    public void TwoSidedTPValue_OneAndTwoDegreesOfFreedom_MatchClosedForms(double t)
    {
        // ν = 1 (Cauchy): P(|T| ≥ t) = 1 − (2/π)·atan t.  ν = 2: P(|T| ≥ t) = 1 − t/√(t² + 2).
        Assert.Equal(1 - 2 / Math.PI * Math.Atan(t), SamplingDistributions.TwoSidedTPValue(t, 1), 1e-14);
        Assert.Equal(1 - t / Math.Sqrt(t * t + 2), SamplingDistributions.TwoSidedTPValue(-t, 2), 1e-14);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.95)]
    [InlineData(0.999)]
    public void TCritical_OneAndTwoDegreesOfFreedom_MatchClosedForms(double level)
    {
        // ν = 1: c = tan(π·level/2).  ν = 2: c = level·√(2/(1 − level²)).
        Assert.Equal(Math.Tan(Math.PI * level / 2), SamplingDistributions.TCritical(level, 1), 1e-12 * Math.Tan(Math.PI * level / 2));
        double c2 = level * Math.Sqrt(2 / (1 - level * level));
        Assert.Equal(c2, SamplingDistributions.TCritical(level, 2), 1e-13 * c2);
    }

    [Theory]
    // qt(0.975, df) and qt(0.995, df) printed by R 4.2.2 with options(digits = 17)
    [InlineData(0.95, 5, 2.5705818356363137)]
    [InlineData(0.99, 10, 3.1692726726169500)]
    [InlineData(0.95, 30, 2.0422724563012378)]
    [InlineData(0.95, 997, 1.9623462360894495)]
    [InlineData(0.95, 12246, 1.9601577214117385)]
    public void TCritical_AgreesWithR(double level, int df, double fromR)
    {
        // MathNet's quantile alone is good to 11–12 digits here (ν = 30: 2.0422724562973102, ν = 12246:
        // 1.9601577214241828); after the Newton polish the remaining error is that of MathNet's t distribution function
        // itself (an incomplete beta function, about 12–13 digits when ν is large): measured ≤ 7.5e-13 relative.
        Assert.Equal(fromR, SamplingDistributions.TCritical(level, df), 1e-12 * fromR);
    }

    [Theory]
    [InlineData(0.5, 3)]
    [InlineData(3.0, 10)]
    [InlineData(200.0, 7)]
    public void FUpperTail_TwoNumeratorDegrees_MatchesClosedForm(double f, int df2)
    {
        // F(2, ν₂): P(F ≥ f) = (1 + 2f/ν₂)^(−ν₂/2).
        double expected = Math.Pow(1 + 2 * f / df2, -df2 / 2.0);
        Assert.Equal(expected, SamplingDistributions.FUpperTail(f, 2, df2), 1e-13 * expected);
    }

    // ------------------------------------------------------------------ no answer: an exception, not NaN

    [Theory]
    [InlineData(LeastSquaresMethod.RefinedQr)]
    [InlineData(LeastSquaresMethod.Qr)]
    [InlineData(LeastSquaresMethod.NormalEquations)]
    [InlineData(LeastSquaresMethod.Svd)]
    public void NoResidualDegreesOfFreedom_EveryStatistic_ThrowsNotEstimable(LeastSquaresMethod method)
    {
        // 3 points, a line with intercept... and a third unknown: n = p = 3, the fit is exact and σ is unknowable.
        double[] x = [0, 0, 1, 1, 2, 4], y = [1, 2, 5];
        var fit = LeastSquares.Fit(x, 3, 2, y, method);

        Assert.Equal(0, fit.ResidualDegreesOfFreedom);
        var ex = Assert.Throws<NotEstimableException>(() => fit.StandardErrors);
        Assert.Contains("0 residual degrees of freedom", ex.Message);
        Assert.Contains("n = 3", ex.Message);
        Assert.Equal(0, ex.ResidualDegreesOfFreedom);
        Assert.Throws<NotEstimableException>(() => fit.ResidualStandardError);
        Assert.Throws<NotEstimableException>(() => fit.TStatistics);
        Assert.Throws<NotEstimableException>(() => fit.PValues);
        Assert.Throws<NotEstimableException>(() => fit.ConfidenceIntervals());
        Assert.Throws<NotEstimableException>(() => fit.Covariance);
        Assert.Throws<NotEstimableException>(() => fit.AdjustedRSquared);
        Assert.Throws<NotEstimableException>(() => fit.Anova);
        Assert.Throws<NotEstimableException>(() => fit.Summary());
        Assert.Equal(1.0, fit.RSquared, 12); // R² itself exists: the fit is exact
    }

    [Fact]
    public void ExactPath_NoResidualDegreesOfFreedom_ThrowsNotEstimable()
    {
        var fit = ExactLeastSquares.Solve(new double[] { 1, 2 }, 2, 1, new double[] { 3, 5 });

        var ex = Assert.Throws<NotEstimableException>(() => fit.StandardErrors);
        Assert.Contains("no residual degrees of freedom", ex.Message);
        Assert.Throws<NotEstimableException>(() => fit.Summary());
        Assert.Throws<NotEstimableException>(() => fit.Anova);
    }

    [Fact]
    public void Svd_RankDeficient_StatisticsThrowNamingTheRank()
    {
        // column 1 = 2·column 0: rank 2 of 3 with the intercept; Svd returns the minimum-norm solution.
        double[] x = [1, 2, 2, 4, 3, 6, 4, 8, 5, 10], y = [1, 3, 2, 5, 4];
        var fit = LeastSquares.Fit(x, 5, 2, y, LeastSquaresMethod.Svd);

        Assert.Equal(2, fit.Rank);
        var ex = Assert.Throws<NotEstimableException>(() => fit.StandardErrors);
        Assert.Contains("rank 2 of 3", ex.Message);
        Assert.Contains("not estimable", ex.Message);
        Assert.Equal(2, ex.Rank);
        Assert.Equal(3, ex.Columns);
        Assert.Throws<NotEstimableException>(() => fit.Summary());
        Assert.Throws<NotEstimableException>(() => fit.Anova);
    }

    [Fact]
    public void Svd_MoreUnknownsThanRows_StatisticsThrow()
    {
        var fit = LeastSquares.Fit(new double[] { 1, 2, 3, 4, 5, 6 }, 2, 3, new double[] { 1, 2 }, LeastSquaresMethod.Svd);

        var ex = Assert.Throws<NotEstimableException>(() => fit.ConfidenceIntervals());
        Assert.Contains("2 rows but there are 4 unknowns", ex.Message);
    }

    [Fact]
    public void InterceptOnly_AnovaThrows_SummaryOmitsTheFLine()
    {
        var fit = LeastSquares.Fit([], 4, 0, [1, 2, 6, 3]);

        var ex = Assert.Throws<NotEstimableException>(() => fit.Anova);
        Assert.Contains("only the intercept", ex.Message);
        var summary = fit.Summary();
        Assert.Null(summary.Anova);
        Assert.DoesNotContain("F-statistic", summary.ToString());
        // the mean's standard error: s/√n with s the sample standard deviation (n − 1)
        double[] y = [1, 2, 6, 3];
        double s = Math.Sqrt(y.Sum(v => (v - 3) * (v - 3)) / 3);
        Assert.Equal(s / 2, fit.StandardErrors[0], 1e-14);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(95.0)]
    [InlineData(double.NaN)]
    public void ConfidenceIntervals_LevelOutsideZeroOne_ThrowsNamingLevel(double level)
    {
        var fit = LeastSquares.Fit([1, 2, 3, 4], 4, 1, [1, 3, 2, 5]);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => fit.ConfidenceIntervals(level));
        Assert.Equal("level", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => fit.Summary(level));
    }

    // ------------------------------------------------------------------ the summary table

    [Fact]
    public void Summary_Text_HasTheFamiliarLayoutAndTheFitsNumbers()
    {
        var data = new Dataset([1, 0.5, 2, -1, 3, 0.2, 4, 1.5, 5, -0.3, 6, 0.9, 7, 0.1], [3.1, 2.2, 6.8, 6.1, 9.9, 11.8, 13.1], 2,
            ["dose", "age"]);
        var fit = LeastSquares.Fit(data);

        var summary = fit.Summary(level: 0.9);
        string text = summary.ToString();

        Assert.Equal(["(Intercept)", "dose", "age"], summary.Coefficients.Select(c => c.Name));
        Assert.Contains("Estimate", text);
        Assert.Contains("Std. Error", text);
        Assert.Contains("t value", text);
        Assert.Contains("Pr(>|t|)", text);
        Assert.Contains("[0.05", text);
        Assert.Contains("0.95]", text);
        Assert.Contains($"Residual standard error: {G6(fit.ResidualStandardError)} on 4 degrees of freedom", text);
        Assert.Contains("Multiple R-squared:", text);
        Assert.Contains("on 2 and 4 DF", text);
        var dose = summary.Coefficients[1];
        Assert.Equal(fit.Weights[0], dose.Estimate);
        Assert.Equal(fit.StandardErrors[1], dose.StandardError);
        Assert.Equal(fit.PValues[1], dose.PValue);
        Assert.Equal(fit.ConfidenceIntervals(0.9)[1], dose.Interval);
        var line = text.Split('\n').Single(l => l.StartsWith("dose", StringComparison.Ordinal));
        Assert.Contains(G6(dose.Estimate), line);
        Assert.Contains(G6(dose.Interval.Upper), line);
    }

    private static string G6(double v) => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture).Replace('E', 'e'); // R writes 1e-05

    [Fact]
    public void ConfidenceInterval_IsEstimatePlusMinusTTimesSe()
    {
        var fit = LeastSquares.Fit([1, 2, 3, 4, 5], 5, 1, [1.2, 1.9, 3.2, 3.8, 5.1]);

        var ci = fit.ConfidenceIntervals(0.95);

        // 3 residual degrees of freedom: qt(0.975, 3) = 3.1824463052837078 (R 4.2.2)
        for (int j = 0; j < 2; j++)
        {
            Assert.Equal(fit.Coefficients[j] - 3.1824463052837078 * fit.StandardErrors[j], ci[j].Lower, 1e-14);
            Assert.Equal(fit.Coefficients[j] + 3.1824463052837078 * fit.StandardErrors[j], ci[j].Upper, 1e-14);
            Assert.True(ci[j].Contains(fit.Coefficients[j]));
        }
    }

    [Theory]
    [InlineData(2.4419478991566433e-10, "2.44e-10")]   // R: 2.44e-10 (notebook 16's housing model, total_rooms)
    [InlineData(0.12091123949305461, "0.121")]
    [InlineData(1e-20, "< 2.2e-16")]
    [InlineData(0.0, "< 2.2e-16")]
    public void FormatPValue_PrintsAsR(double p, string expected)
    {
        Assert.Equal(expected, RegressionSummary.FormatPValue(p));
    }

    [Fact]
    public void FormatNumber_LowerCaseExponent_AndChecksDigits()
    {
        Assert.Equal("1.23457e-05", RegressionSummary.FormatNumber(0.0000123456789));
        Assert.Equal("1845.7", RegressionSummary.FormatNumber(1845.6893397319413, 5));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => RegressionSummary.FormatNumber(1, 0));
        Assert.Equal("significantDigits", ex.ParamName);
    }
}
