using System.Globalization;
using LinReg.Probability;
using LinReg.Data;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Notebook.Tests;

/// <summary>
/// The answers of the exercises of notebooks 07–11, each derived here independently of the answer table (hand
/// arithmetic written out, a closed form, or a computation that does not use the library routine the notebook uses),
/// then fed to the reader's check, which must say "correct"; a nearby wrong value must not.
/// </summary>
public class Exercises07To11Tests
{
    private static string Verdict(string id, double value) => Check.Verdict(Exercises.ById[id], value);

    private static string Verdict(string id, IReadOnlyList<double> values) => Check.Verdict(Exercises.ById[id], values);

    private static void AssertCorrect(string id, double value) => Assert.Equal($"✔ Exercise {id} correct", Verdict(id, value));

    private static void AssertWrong(string id, double value) => Assert.StartsWith($"✘ Exercise {id}", Verdict(id, value));

    // ------------------------------------------------------------------ 07

    /// <summary>Ternary search for the minimum of a convex (unimodal) function on [lo, hi] — no closed form used.</summary>
    private static double ArgMin(Func<double, double> f, double lo, double hi)
    {
        for (int k = 0; k < 300; k++)
        {
            double a = lo + (hi - lo) / 3, b = hi - (hi - lo) / 3;
            if (f(a) < f(b)) hi = b; else lo = a;
        }
        return (lo + hi) / 2;
    }

    [Fact]
    public void Answer_07_1_And_07_2_ScaleEstimates_MinimizeTheirNegativeLogLikelihoods()
    {
        double[] r = [1, -2, 2, -1];
        // −log p as a function of the variance v = σ² (convex in v near the optimum region used here) and of s
        double GaussNll(double v) => r.Sum(e => 0.5 * Math.Log(2 * Math.PI * v) + e * e / (2 * v));
        double LaplaceNll(double s) => r.Sum(e => Math.Log(2 * s) + Math.Abs(e) / s);
        double variance = ArgMin(GaussNll, 0.5, 10), scale = ArgMin(LaplaceNll, 0.2, 10);
        AssertCorrect("7.1", variance);
        AssertWrong("7.1", 10.0 / 3);   // dividing by n − 1
        AssertCorrect("7.2", scale);
        AssertWrong("7.2", Math.Sqrt(2.5));
    }

    [Fact]
    public void Answer_07_3_BiasOnlyFits_ByMinimizingEachLoss()
    {
        double[] y = [1, 2, 3, 10, 100];
        double gauss = ArgMin(b => y.Sum(v => (b - v) * (b - v)), 0, 100);
        double laplace = ArgMin(b => y.Sum(v => Math.Abs(b - v)), 0, 100);
        Assert.Equal("✔ Exercise 7.3 correct", Verdict("7.3", [gauss, laplace]));
        Assert.StartsWith("✘ Exercise 7.3", Verdict("7.3", [laplace, gauss]));   // swapped
    }

    // ------------------------------------------------------------------ 08

    [Fact]
    public void Answer_08_1_VarianceForSingleExamples_ByHandArithmetic()
    {
        // per-example gradients (rᵢxᵢ, rᵢ) at w = 1, b = 0 for x = (1, 3, 2, 0), y = (2, 6, 1, 1)
        double[] x = [1, 3, 2, 0], y = [2, 6, 1, 1];
        var grads = x.Zip(y, (xi, yi) => (W: (xi - yi) * xi, B: xi - yi)).ToArray();
        double gw = grads.Average(q => q.W), gb = grads.Average(q => q.B);
        double variance = grads.Average(q => (q.W - gw) * (q.W - gw) + (q.B - gb) * (q.B - gb));   // each batch of 1 equally likely
        AssertCorrect("8.1", variance);
        AssertWrong("8.1", 6.5);   // the |B| = 2 value
    }

    [Fact]
    public void Answer_08_2_VarianceRatio_ByMonteCarloOnAFixedPopulation()
    {
        // a population of 1000 numbers; draw batches without replacement many times and compare the variances of the
        // batch means at |B| = 10 and 100 (the ratio does not depend on the population)
        var rng = new Random(8);
        double[] pop = Enumerable.Range(0, 1000).Select(_ => rng.NextDouble()).ToArray();
        double popMean = pop.Average();
        double Var(int b, int draws)
        {
            var idx = Enumerable.Range(0, 1000).ToArray();
            double s = 0;
            for (int t = 0; t < draws; t++)
            {
                double sum = 0;
                for (int k = 0; k < b; k++)
                {
                    int j = k + rng.Next(1000 - k);
                    (idx[k], idx[j]) = (idx[j], idx[k]);
                    sum += pop[idx[k]];
                }
                double e = sum / b - popMean;
                s += e * e;
            }
            return s / draws;
        }
        double ratio = Var(10, 200_000) / Var(100, 200_000);
        Assert.InRange(ratio, 10.6, 11.4);   // Monte-Carlo error ≈ 0.5%; 10 (no correction) is excluded
        AssertCorrect("8.2", Math.Round(ratio));
        AssertWrong("8.2", 10);
    }

    [Fact]
    public void Answer_08_3_EtaForTheSameFloor_BySolvingTheFloorEquation()
    {
        static double Floor(double eta, int b) => 11 * eta * 0.25 / (4.0 * b);
        // bisection on η for Floor(η, 1) = Floor(0.03, 64)
        double lo = 0, hi = 0.03, target = Floor(0.03, 64);
        for (int k = 0; k < 200; k++) { double mid = (lo + hi) / 2; if (Floor(mid, 1) < target) lo = mid; else hi = mid; }
        AssertCorrect("8.3", (lo + hi) / 2);
        AssertWrong("8.3", 0.03 / 8);   // scaling with √|B| instead of |B|
        // the question allows 3 significant digits: the rounded value passes, the next one up does not
        double eta = (lo + hi) / 2;
        AssertCorrect("8.3", double.Parse(eta.ToString("G3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        AssertWrong("8.3", 4.70e-4);
    }

    // ------------------------------------------------------------------ 09

    [Fact]
    public void Answer_09_1_LimitingIntercept_ByNumericalIntegration()
    {
        // the population line minimizes ∫ (a + bx − f(x))² dx/4 on [−2, 2]; by symmetry b = 2 and a = mean of 1 + 0.8x²,
        // computed here with the midpoint rule instead of E[x²] = 4/3
        const int m = 200_000;
        double mean = 0;
        for (int k = 0; k < m; k++)
        {
            double x = -2 + 4 * (k + 0.5) / m;
            mean += (1 + 0.8 * x * x) / m;
        }
        AssertCorrect("9.1", mean);
        AssertWrong("9.1", 1.0);   // the generator's intercept
    }

    [Fact]
    public void Answer_09_2_CommonSlope_BySimulationWithManyExamples()
    {
        // 200 000 examples of case 4 (noise-free, so only the slope mix is measured), fit ŷ = w x + v g + b by MathNet QR
        const int m = 200_000;
        var rng = new Random(9);
        var a = Matrix<double>.Build.Dense(m, 3);
        var y = Vector<double>.Build.Dense(m);
        for (int i = 0; i < m; i++)
        {
            double x = -2 + 4 * rng.NextDouble(), g = rng.NextDouble() < 0.5 ? 1 : 0;
            a[i, 0] = x; a[i, 1] = g; a[i, 2] = 1;
            y[i] = 1 + 2 * x + g * (1.5 - 2 * x);
        }
        double slope = a.QR().Solve(y)[0];
        Assert.Equal(1.0, slope, 1);
        AssertCorrect("9.2", Math.Round(slope, 1));
        AssertWrong("9.2", 2.0);
    }

    [Fact]
    public void Answer_09_3_FanFactor_FromSampledStandardDeviations()
    {
        // sd of exp(0.5 + 0.6x + 0.25ε) at x = 3 over that at x = 0, with the same 100 000 draws of ε
        var normal = new NormalSampler(3);
        var eps = new double[100_000];
        normal.Fill(eps);
        double Sd(double x)
        {
            var v = eps.Select(e => Math.Exp(0.5 + 0.6 * x + 0.25 * e)).ToArray();
            double mu = v.Average();
            return Math.Sqrt(v.Average(t => (t - mu) * (t - mu)));
        }
        double factor = Sd(3) / Sd(0);   // identical draws: the ratio is exp(1.8) up to rounding
        AssertCorrect("9.3", factor);
        AssertWrong("9.3", 3.0);
    }

    // ------------------------------------------------------------------ 10

    private static string HousingCsv()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "LinRegNotebooks.sln"))) dir = Path.GetDirectoryName(dir);
        return Path.Combine(dir ?? throw new InvalidOperationException("repository root not found"), "data", "housing", "housing.csv");
    }

    /// <summary>The notebook's training set: DropRows, y in $100k, 60/20/20 split with seed 42.</summary>
    private static Dataset HousingTrain()
    {
        var loaded = CsvTable.Load(HousingCsv()).ToDataset("median_house_value", ["ocean_proximity"], MissingValuePolicy.DropRows);
        var data = loaded.Data.WithTargets(loaded.Data.Y.Select(v => v / 100_000).ToArray());
        return Split.TrainValidationTest(data, 0.2, 0.2, seed: 42).Train;
    }

    [Fact]
    public void Answer_10_1_ImputedBedrooms_IsTheMeanOfThePresentCellsParsedByHand()
    {
        // parse the CSV with string.Split (no quoted fields in this file), independently of CsvTable
        var lines = File.ReadLines(HousingCsv()).ToArray();
        int col = Array.IndexOf(lines[0].Split(','), "total_bedrooms");
        var present = lines.Skip(1).Select(l => l.Split(',')[col]).Where(v => v.Length > 0)
            .Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(20640 - 207, present.Length);
        AssertCorrect("10.1", present.Average());
        AssertWrong("10.1", present.Sum() / 20640);   // dividing by all rows is the classic slip
    }

    [Fact]
    public void Answer_10_1_TheValueAsTheLoadReportPrintsIt_IsAccepted()
    {
        // The question says "read it from the load report", which prints the value with 6 significant digits. The
        // expected text is built here from the hand-parsed mean, and the reader's answer is parsed back from the
        // report's own line, so a report that rounds differently fails too.
        var lines = File.ReadLines(HousingCsv()).ToArray();
        int col = Array.IndexOf(lines[0].Split(','), "total_bedrooms");
        double mean = lines.Skip(1).Select(l => l.Split(',')[col]).Where(v => v.Length > 0)
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).Average();
        string rounded = mean.ToString("G6", CultureInfo.InvariantCulture);
        Assert.Equal("537.871", rounded);
        string report = CsvTable.Load(HousingCsv()).ToDataset("median_house_value", ["ocean_proximity"], MissingValuePolicy.ImputeMean).Report.ToString();
        string marker = "total_bedrooms imputed with ";
        int at = report.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, report);
        string printed = new(report[(at + marker.Length)..].TakeWhile(c => char.IsDigit(c) || c == '.').ToArray());
        Assert.Equal(rounded, printed);
        AssertCorrect("10.1", double.Parse(printed, CultureInfo.InvariantCulture));
        AssertCorrect("10.1", 537.87);                    // two decimals, as a reader might copy it
        AssertWrong("10.1", 537.9);                       // wrong in the 4th significant digit
        AssertWrong("10.1", 538);                         // rounded to whole bedrooms: too coarse for the question
    }

    [Fact]
    public void Answer_10_2_InlandMeanTrainingResidual_IsZeroByOrthogonality()
    {
        var train = HousingTrain();
        var z = Standardizer.Fit(train).Transform(train);
        int n = z.Count, d = z.Features;
        var a = Matrix<double>.Build.Dense(n, d + 1, (i, j) => j < d ? z.X[i * d + j] : 1.0);
        var y = Vector<double>.Build.Dense(z.Y);
        var r = a * a.QR().Solve(y) - y;                   // MathNet's QR, not the library's solvers
        int inland = Array.IndexOf(train.FeatureNames.ToArray(), "ocean_proximity=INLAND");
        double mean = Enumerable.Range(0, n).Where(i => train.X[i * d + inland] == 1).Average(i => r[i]);
        Assert.Equal(0, mean, 10);
        AssertCorrect("10.2", mean);
        AssertWrong("10.2", 0.1);
    }

    [Fact]
    public void Answer_10_3_LargestSafeEtaForAnIslandMinibatch_FromTheTrainingColumn()
    {
        var train = HousingTrain();
        int island = Array.IndexOf(train.FeatureNames.ToArray(), "ocean_proximity=ISLAND");
        double[] column = train.Column(island);
        double mu = column.Average();
        double s = Math.Sqrt(column.Average(v => (v - mu) * (v - mu)));   // population std, as the Standardizer
        double zIsland = (1 - mu) / s;
        Assert.InRange(zIsland, 50, 60);
        double eta = 2 / (zIsland * zIsland / 32);
        AssertCorrect("10.3", Math.Round(eta, 4));
        AssertWrong("10.3", 0.01);
    }

    // ------------------------------------------------------------------ 11

    [Fact]
    public void Answer_11_1_LargestSafeBatchForASumLoss_FromTheHessianEigenvalues()
    {
        // λmax of H = X̃ᵀX̃/n computed with MathNet's eigen-decomposition directly (not the library's Curvature).
        var data = SyntheticData.SeedListing(0);
        var xt = Matrix<double>.Build.Dense(data.Count, 3, (i, j) => j < 2 ? data.X[i * 2 + j] : 1.0);
        double lambdaMax = (xt.TransposeThisAndMultiply(xt) / data.Count).Evd(Symmetricity.Symmetric).EigenValues.Max(z => z.Real);
        int largest = 0;
        while (0.03 * (largest + 1) < 2 / lambdaMax) largest++;
        AssertCorrect("11.1", largest);
        AssertWrong("11.1", largest + 1);
        AssertWrong("11.1", 64);
    }

    [Fact]
    public void Answer_11_2_StepWithTheBufferOfTwoBackwardPasses()
    {
        // residuals at w = 1, b = 0: (1 − 2, 3 − 6) = (−1, −3); ∇w = (1/2)(−1·1 − 3·3) = −5; buffer = −10; w = 1 − 0.1·(−10)
        double gradW = 0.5 * ((1 * 1.0 - 2) * 1 + (1 * 3.0 - 6) * 3);
        double w = 1 - 0.1 * (2 * gradW);
        Assert.Equal(2.0, w, 15);
        AssertCorrect("11.2", w);
        AssertWrong("11.2", 1.5);   // the step with zeroing
    }

    [Fact]
    public void Answer_11_3_StepsForKappa100_ByIteratingTheContraction()
    {
        // iterate ρᵏ until ≤ 1e-4 instead of using logarithms
        double rho = (100.0 - 1) / (100.0 + 1), e = 1;
        int k = 0;
        while (e > 1e-4) { e *= rho; k++; }
        AssertCorrect("11.3", k);
        AssertWrong("11.3", k - 1);
    }
}
