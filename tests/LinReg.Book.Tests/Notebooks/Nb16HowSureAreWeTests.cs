using System.Reflection;
using LinReg.Book.Tests.Support;
using LinReg.Data;
using LinReg.Probability;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Book.Tests.Notebooks;

public sealed class Nb16Fixture() : BookNotebookFixture("16-how-sure-are-we.ipynb");

/// <summary>
/// 16 · How sure are we? Expected values: standard errors, intervals and coverage counts recomputed here with MathNet
/// (normal equations on the small well-conditioned designs, (AᵀA)⁻¹ by MathNet's inverse, Student-t quantiles from
/// MathNet) on data regenerated from the same seeds; the fan's predicted coverage by numerical integration and R's
/// quantile; NIST's certified standard deviations; and, for the housing model, the numbers R 4.2.2 printed for
/// summary(lm) and its HC0 sandwich standard errors on the same training rows (tests/reference/housing-summary: R
/// and this library agree to 14.4–15 digits on estimates, standard errors, t, σ̂, R², adjusted R² and F; to 10.6–11.5
/// on the p-values and 11.4 on the interval ends, where MathNet's incomplete beta function limits us).
/// </summary>
[Collection(InProcessKernelCollection.Name)]
public sealed class Nb16HowSureAreWeTests(Nb16Fixture nb) : IClassFixture<Nb16Fixture>
{
    private static readonly double[] TrueW = [2.0, -3.4];
    private const double TrueB = 4.2, Sigma = 0.01;

    /// <summary>
    /// A member path of a notebook object: properties, fields (the notebook's value tuples have fields Item1…) and
    /// array indices, read by reflection (the kernel's LinReg types are not the test's).
    /// </summary>
    private T Member<T>(string name, string path)
    {
        object? value = nb.Run.GetVariable<object>(name);
        foreach (var part in path.Split('.'))
        {
            var type = value!.GetType();
            if (value is Array array && int.TryParse(part, out int index)) value = array.GetValue(index);
            else if (type.GetProperty(part, BindingFlags.Public | BindingFlags.Instance) is { } p) value = p.GetValue(value);
            else value = type.GetField(part, BindingFlags.Public | BindingFlags.Instance)!.GetValue(value);
        }
        return (T)value!;
    }

    /// <summary>θ̂, SE and the 95% intervals of y on [1 X], from the normal equations with MathNet's inverse.</summary>
    private static (double[] Theta, double[] Se, (double Lo, double Hi)[] Ci) Independent(Dataset d)
    {
        int n = d.Count, p = d.Features + 1;
        var a = Matrix<double>.Build.Dense(n, p, (i, j) => j == 0 ? 1.0 : d.X[i * d.Features + j - 1]);
        var y = Vector<double>.Build.Dense(d.Y);
        var inverse = a.TransposeThisAndMultiply(a).Inverse();
        var theta = inverse * a.TransposeThisAndMultiply(y);
        var r = y - a * theta;
        double s2 = r.DotProduct(r) / (n - p);
        var se = Enumerable.Range(0, p).Select(j => Math.Sqrt(s2 * inverse[j, j])).ToArray();
        double t = StudentT.InvCDF(0, 1, n - p, 0.975);
        return (theta.ToArray(), se, theta.Select((v, j) => (v - t * se[j], v + t * se[j])).ToArray());
    }

    private static int[] CountCovering(Func<int, Dataset> draw)
    {
        double[] truth = [TrueB, TrueW[0], TrueW[1]];
        var covered = new int[3];
        for (int k = 1; k <= 1000; k++)
        {
            var ci = Independent(draw(k)).Ci;
            for (int j = 0; j < 3; j++) if (ci[j].Lo <= truth[j] && truth[j] <= ci[j].Hi) covered[j]++;
        }
        return covered;
    }

    [Fact]
    public void Run_AllCells_Succeed() => Assert.False(nb.Run.Failed, nb.Run.FailureSummary);

    [Fact]
    public void SeedData_StandardErrors_MatchTheFormulaComputedIndependently()
    {
        var (_, se, ci) = Independent(SyntheticData.SeedListing(0));

        var notebookSe = nb.Get<double[]>("se");
        for (int j = 0; j < 3; j++) Assert.Equal(se[j], notebookSe[j], 1e-12 * se[j]);
        // "SE ≈ σ/√n ≈ 3.2e-4" within 10%, as the text claims
        Assert.All(notebookSe, v => Assert.InRange(v, 0.9 * 3.2e-4, 1.1 * 3.2e-4));
        Assert.InRange(nb.Get<double>("fit", "ResidualStandardError"), 0.0095, 0.0105);
        // the interval the text quotes, and "its half-width is t(997) ≈ 1.96": R's qt(0.975, 997) = 1.9623462360894495
        Assert.Equal(ci[1].Hi, Member<double>("intervals", "1.Upper"), 1e-12);
        Assert.Equal(1.9623462360894495, nb.Get<double>("tUsed"), 1e-9);
    }

    [Fact]
    public void Nist_EveryCertifiedStandardError_HasAtLeast13CorrectDigits()
    {
        var lre = nb.Get<List<double>>("nistLre");

        Assert.Equal(55, lre.Count); // the certified standard deviations of the 11 files: 2+3+1+1+11+7+6·5
        Assert.True(lre.Min() >= 13, $"min LRE {lre.Min()}");
        // NIST certifies all 6 standard deviations of Wampler1 and of Wampler2 as 0 (y is an exact polynomial there)
        Assert.Equal(12, nb.Get<int>("certifiedZeros"));
    }

    [Fact]
    public void Simulation_CoverageCounts_MatchAnIndependentRecount()
    {
        // The same 1000 datasets (the library's generator, seeds 1–1000), intervals recomputed with MathNet.
        var expected = CountCovering(seed => SyntheticData.Linear(TrueW, TrueB, 1000, Sigma, seed));

        Assert.Equal(expected, Member<int[]>("gaussian", "Item1"));
        // every count inside 950 ± 3·√(1000·0.95·0.05) (the text's binomial band)
        Assert.All(expected, c => Assert.InRange(c, 930, 970));
        // the spread of ŵ₁ over the datasets matches the average standard error (the text's 3 × 2.2 % band)
        Assert.InRange(nb.Get<double>("spreadW1") / nb.Get<double>("typicalSe"), 1 - 0.067, 1 + 0.067);
    }

    [Fact]
    public void Simulation_FanAndLaplace_CountsMatchAnIndependentRecount_AndTheFanBreaksOnlyW1()
    {
        Dataset Noisy(int seed, bool fan)
        {
            var clean = SyntheticData.Linear(TrueW, TrueB, 1000, 0, seed);
            var z = new NormalSampler(100_000 + seed);
            var laplace = new LaplaceSampler(200_000 + seed);
            var y = new double[1000];
            for (int i = 0; i < y.Length; i++)
                y[i] = clean.Y[i] + (fan ? Sigma * Math.Exp(0.6 * clean.X[2 * i]) * z.Next() : laplace.Next(Sigma / Math.Sqrt(2)));
            return new Dataset(clean.X, y, 2);
        }

        var fan = CountCovering(seed => Noisy(seed, fan: true));
        var laplace = CountCovering(seed => Noisy(seed, fan: false));

        Assert.Equal(fan, Member<int[]>("fan", "Item1"));
        Assert.Equal(laplace, Member<int[]>("laplace", "Item1"));
        Assert.InRange(fan[1], 791 - 39, 791 + 39);    // 1000·0.791 ± 3·√(1000·0.791·0.209)
        Assert.InRange(fan[0], 930, 970);
        Assert.InRange(fan[2], 930, 970);
        Assert.All(laplace, c => Assert.InRange(c, 930, 970));
    }

    [Fact]
    public void FanPrediction_MatchesNumericalIntegrationAndR()
    {
        // E[x² e^{1.2x}] / E[e^{1.2x}] for x ~ N(0, 1) by the trapezoid rule (not the moment formula the text uses)
        double Integral(Func<double, double> f)
        {
            const int m = 200_000;
            double h = 24.0 / m, s = 0;
            for (int i = 0; i <= m; i++)
            {
                double x = -12 + i * h;
                s += (i == 0 || i == m ? 0.5 : 1) * f(x) * Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI);
            }
            return s * h;
        }
        double factor = Integral(x => x * x * Math.Exp(1.2 * x)) / Integral(x => Math.Exp(1.2 * x));

        Assert.Equal(factor, nb.Get<double>("varianceFactor"), 1e-9);
        // R 4.2.2: 2*pnorm(qt(0.975, 997)/sqrt(2.44)) - 1
        Assert.Equal(0.7909795300560114, nb.Get<double>("predictedFan"), 1e-9);
        Assert.InRange(nb.Get<double>("fanRatio"), 1.56 * (1 - 0.067), 1.56 * (1 + 0.067));
    }

    // ---- the housing model: what R 4.2.2 printed for summary(lm(y ~ ., train)) on the same training rows
    //      (tests/reference/housing-summary/compare.sh, format(…, digits = 17))

    private static readonly string[] Names =
    [
        "(Intercept)", "longitude", "latitude", "housing_median_age", "total_rooms", "total_bedrooms", "population", "households",
        "median_income", "ocean_proximity=INLAND", "ocean_proximity=ISLAND", "ocean_proximity=NEAR BAY", "ocean_proximity=NEAR OCEAN",
    ];

    private static readonly double[] REstimate =
    [
        2.0669397748592284, -0.52220743887948851, -0.53432200996867540, 0.13415789824253202, -0.14041802369973844,
        0.39755001631089676, -0.40574941305249862, 0.19166418450884409, 0.74627521554078935, -0.18918488908264794,
        0.030675287241987471, -0.012108224105271360, 0.0093330437065829493,
    ];

    private static readonly double[] RSe =
    [
        0.0062256745362428145, 0.0264292477956375553, 0.0278009407142011701, 0.0071607193744159282, 0.0221622087426309872,
        0.0368157842998922541, 0.0151213356130679138, 0.0360194071583981243, 0.0083104098578139409, 0.0105298106580331216,
        0.0062363868065096403, 0.0078063788341829476, 0.0068249405857733715,
    ];

    private static readonly double[] RT =
    [
        332.0025425078875969, -19.7586947202365977, -19.2195658219484322, 18.7352542709404446, -6.3359218988688539,
        10.7983579291032576, -26.8329083776071009, 5.3211365657959346, 89.8000493729075373, -17.9665993270562794,
        4.9187595628237997, -1.5510679615305480, 1.3674908358964668,
    ];

    private static readonly double[] RHc0 =
    [
        0.0062223726667257262, 0.0269318242996119117, 0.0289233873032333430, 0.0084715478199641602, 0.0362437658056724912,
        0.0530656221704216002, 0.0714483519922953780, 0.0736305097144114851, 0.0139424241646884349, 0.0099745804274808426,
        0.0075577821816039696, 0.0090404269755796317, 0.0082549888829088341,
    ];

    [Fact]
    public void HousingSummary_AgreesWithR()
    {
        Assert.Equal(Names, nb.Get<IReadOnlyList<string>>("housingFit", "CoefficientNames"));
        var est = nb.Get<double[]>("housingFit", "Coefficients");
        var se = nb.Get<double[]>("housingFit", "StandardErrors");
        var t = nb.Get<double[]>("housingFit", "TStatistics");
        var p = nb.Get<double[]>("housingFit", "PValues");
        for (int j = 0; j < Names.Length; j++)
        {
            Assert.Equal(REstimate[j], est[j], 1e-13 * Math.Abs(REstimate[j]));
            Assert.Equal(RSe[j], se[j], 1e-13 * RSe[j]);
            Assert.Equal(RT[j], t[j], 1e-13 * Math.Abs(RT[j]));
        }
        // the two p-values the table prints as numbers (R: 0.12091123949305461, 0.17149660440811762), and R's 2.44e-10
        Assert.Equal(0.12091123949305461, p[11], 1e-10);
        Assert.Equal(0.17149660440811762, p[12], 1e-10);
        Assert.Equal(2.4419478991566433e-10, p[4], 1e-20);
        Assert.Equal(0.68930897879206010, nb.Get<double>("housingFit", "ResidualStandardError"), 1e-14);
        Assert.Equal(0.64395234262665924, nb.Get<double>("housingFit", "RSquared"), 1e-14);
        Assert.Equal(0.64360344732301078, nb.Get<double>("housingFit", "AdjustedRSquared"), 1e-14);
        Assert.Equal(1845.6893397319413, nb.Get<double>("housingFit", "FStatistic"), 1e-9);
        Assert.Equal(12246, nb.Get<int>("housingFit", "ResidualDegreesOfFreedom"));
    }

    [Fact]
    public void HousingAnova_AgreesWithRsSummary()
    {
        // R's σ̂ and R² give the table independently: RSS = σ̂²(n − p), TSS = RSS/(1 − R²), SSR = TSS − RSS.
        const double sigma = 0.68930897879206010, rSquared = 0.64395234262665924;
        double rss = sigma * sigma * 12246, tss = rss / (1 - rSquared), ssr = tss - rss;

        Assert.Equal(tss, nb.Get<double>("anova", "TotalSumOfSquares"), 1e-12 * tss);
        Assert.Equal(rss, nb.Get<double>("anova", "ResidualSumOfSquares"), 1e-12 * rss);
        Assert.Equal(ssr, nb.Get<double>("anova", "RegressionSumOfSquares"), 1e-12 * tss);
        Assert.Equal(12, nb.Get<int>("anova", "RegressionDegreesOfFreedom"));
        Assert.Equal(12258, nb.Get<int>("anova", "TotalDegreesOfFreedom"));
        Assert.Equal(1845.6893397319413, (ssr / 12) / (rss / 12246), 1e-8);   // R's F, from R's σ̂ and R²
        Assert.Equal(1845.6893397319413, nb.Get<double>("anova", "FStatistic"), 1e-9);
    }

    [Fact]
    public void AnovaThroughTheOrigin_UsesTheUncentredTotal()
    {
        // the seed's data fitted through the origin by MathNet's QR: TSS = Σy², SSR = Σŷ², n and p degrees of freedom
        var d = SyntheticData.SeedListing(0);
        var a = Matrix<double>.Build.Dense(d.Count, 2, (i, j) => d.X[i * 2 + j]);
        var y = Vector<double>.Build.Dense(d.Y);
        var yHat = a * a.QR().Solve(y);

        Assert.Equal(y.DotProduct(y), nb.Get<double>("anovaOrigin", "TotalSumOfSquares"), 1e-12 * y.DotProduct(y));
        Assert.Equal(yHat.DotProduct(yHat), nb.Get<double>("anovaOrigin", "RegressionSumOfSquares"), 1e-10 * y.DotProduct(y));
        Assert.Equal(1000, nb.Get<int>("anovaOrigin", "TotalDegreesOfFreedom"));
        Assert.Equal(2, nb.Get<int>("anovaOrigin", "RegressionDegreesOfFreedom"));
        Assert.Equal(998, nb.Get<int>("anovaOrigin", "ResidualDegreesOfFreedom"));
    }

    [Fact]
    public void HousingPValues_CountedFromRsTStatistics()
    {
        // two-sided p-values of R's t values with 12 246 df (MathNet's Student t): 8 below 2.2e-16, 3 more below 1e-6,
        // and NEAR BAY, NEAR OCEAN above 0.05, as the text says
        double[] p = RT.Select(t => 2 * StudentT.CDF(0, 1, 12246, -Math.Abs(t))).ToArray();
        Assert.Equal(8, p.Count(v => v < 2.2e-16));
        Assert.Equal(3, p.Count(v => v >= 2.2e-16 && v < 1e-6));
        Assert.Equal(["ocean_proximity=NEAR BAY", "ocean_proximity=NEAR OCEAN"], Names.Where((_, j) => p[j] > 0.05));
        Assert.Equal(8, nb.Get<int>("tinyP"));
        Assert.Equal(3, nb.Get<int>("smallP"));
        // "< 2.2e-16" is the machine epsilon
        Assert.Equal(Math.Pow(2, -52), Math.BitIncrement(1.0) - 1.0);
    }

    [Fact]
    public void Housing_Collinearity_LongitudeAndLatitude()
    {
        // VIF = n·SE²/s² from R's standard errors and σ̂; the correlation by MathNet's Pearson on the notebook's rows
        const double sigma = 0.68930897879206010;
        Assert.Equal(18, 12259 * Math.Pow(RSe[1] / sigma, 2), 0.5);
        Assert.Equal(20, 12259 * Math.Pow(RSe[2] / sigma, 2), 0.5);
        double[] x = nb.Get<double[]>("trainZ", "X");
        int d = 12;
        var lon = Enumerable.Range(0, 12259).Select(i => x[i * d + 0]);
        var lat = Enumerable.Range(0, 12259).Select(i => x[i * d + 1]);
        double correlation = MathNet.Numerics.Statistics.Correlation.Pearson(lon, lat);
        Assert.Equal(-0.925, correlation, 0.005);
        Assert.Equal(correlation, nb.Get<double>("lonLatCorrelation"), 1e-12);
    }

    [Fact]
    public void Housing_IslandLeverageAndHc3_ComputedIndependently()
    {
        // Leverages from MathNet's thin QR of A = [1 X] (hᵢᵢ = ‖row i of Q‖²), HC3 = (AᵀA)⁻¹ Σ rᵢ²/(1 − hᵢᵢ)² aᵢaᵢᵀ (AᵀA)⁻¹
        // with MathNet's inverse and least-squares residuals: not the notebook's loop over Cov/s².
        double[] x = nb.Get<double[]>("trainZ", "X"), yz = nb.Get<double[]>("trainZ", "Y");
        int n = yz.Length, d = 12, p = 13;
        var a = Matrix<double>.Build.Dense(n, p, (i, j) => j == 0 ? 1.0 : x[i * d + j - 1]);
        var y = Vector<double>.Build.Dense(yz);
        var qr = a.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        var r = y - a * qr.Solve(y);
        var h = Enumerable.Range(0, n).Select(i => qr.Q.Row(i).DotProduct(qr.Q.Row(i))).ToArray();
        var inverse = a.TransposeThisAndMultiply(a).Inverse();
        var middle = Matrix<double>.Build.Dense(p, p);
        for (int i = 0; i < n; i++)
        {
            var ai = a.Row(i);
            middle += (r[i] * r[i] / Math.Pow(1 - h[i], 2)) * ai.OuterProduct(ai);
        }
        var hc3 = inverse * middle * inverse;
        int island = 10;
        var islandRows = Enumerable.Range(0, n).Where(i => x[i * d + island - 1] > 1).ToArray();   // standardized 1s

        Assert.Equal(4, islandRows.Length);
        Assert.Equal(4, nb.Get<int>("islandRows"));
        Assert.All(islandRows, i => Assert.Equal(0.25, h[i], 0.005));
        Assert.Equal(islandRows.Max(i => h[i]), nb.Get<double>("islandLeverage"), 1e-9);
        var robustHc3 = nb.Get<double[]>("robustHc3");
        for (int j = 0; j < p; j++) Assert.Equal(Math.Sqrt(hc3[j, j]), robustHc3[j], 1e-9 * Math.Sqrt(hc3[j, j]));
        Assert.Equal(1.6, Math.Sqrt(hc3[island, island]) / RSe[island], 0.05);   // the text's "1.6", against R's SE
        Assert.Equal(1.2, RHc0[island] / RSe[island], 0.05);                     // and R's HC0: "1.2"
        Assert.Equal(0.95, RHc0[9] / RSe[9], 0.005);                             // INLAND: below 1
        // the offset: R's estimate over the SD of a 0/1 column with 4 ones in 12 259 rows (sample SD, n − 1)
        double sd = Math.Sqrt(4.0 * (12259 - 4) / (12259.0 * 12258));
        Assert.Equal(1.7, REstimate[island] / sd, 0.05);
    }

    [Fact]
    public void HousingSandwichStandardErrors_AgreeWithR()
    {
        var robust = nb.Get<double[]>("robust");

        for (int j = 0; j < Names.Length; j++) Assert.Equal(RHc0[j], robust[j], 1e-11 * RHc0[j]);
        // the text: population 4.7×, median_income 1.7×; t of population −27 → −5.7
        Assert.Equal(4.7, RHc0[6] / RSe[6], 0.05);
        Assert.Equal(1.7, RHc0[8] / RSe[8], 0.05);
        Assert.Equal(-5.7, REstimate[6] / RHc0[6], 0.05);
        // collinearity: SE(total_bedrooms) / SE(median_income) ≈ 4.4 (R's standard errors)
        Assert.Equal(RSe[5] / RSe[8], nb.Get<double>("seRatio"), 1e-12);
    }
}
