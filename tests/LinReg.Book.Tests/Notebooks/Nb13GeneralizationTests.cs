using LinReg.Book.Tests.Support;
using LinReg.Probability;

namespace LinReg.Book.Tests.Notebooks;

public sealed class Nb13Fixture() : BookNotebookFixture("13-generalization.ipynb");

/// <summary>
/// 13 · Generalization. The same data are drawn here with the notebook's stated generator; the fits are redone with
/// MathNet's <c>Fit.Polynomial</c> (a QR on the raw powers, not the library's standardized refined QR), the folds with a
/// Fisher–Yates shuffle written out here, and every true risk in closed form from the moments of U[−1, 1]
/// (E[x^k] = 1/(k + 1) for even k, 0 for odd k) instead of the notebook's quadrature. Learning-curve claims are checked
/// against σ²(1 − p/n) and the best line's error (4/45 + 64/175, by hand). The true f's own errors on the
/// training and development points are the mean squared noise, with f evaluated here from its coefficients.
/// </summary>
[Collection(InProcessKernelCollection.Name)]
public sealed class Nb13GeneralizationTests(Nb13Fixture nb) : IClassFixture<Nb13Fixture>
{
    private const double Sigma = 0.25;
    private static readonly double[] Truth = [1, -3, 1, 4];

    internal static (double[] X, double[] Y) Draw(int n, int seed)
    {
        var uniform = new Random(seed);
        var noise = new NormalSampler(seed + 1_000_000);
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = 2 * uniform.NextDouble() - 1;
            y[i] = 1 - 3 * x[i] + x[i] * x[i] + 4 * x[i] * x[i] * x[i] + Sigma * noise.Next();
        }
        return (x, y);
    }

    private static double[] Fit(double[] x, double[] y, int degree) =>
        degree == 0 ? [y.Average()] : MathNet.Numerics.Fit.Polynomial(x, y, degree);

    private static double Eval(double[] c, double x)
    {
        double s = 0;
        for (int j = c.Length - 1; j >= 0; j--) s = s * x + c[j];
        return s;
    }

    private static double Mse(double[] c, double[] x, double[] y) => x.Zip(y, (a, b) => (Eval(c, a) - b) * (Eval(c, a) - b)).Average();

    /// <summary>E[(ĉ(x) − f(x))²] + σ² for x ~ U[−1, 1], from the moments: Σ_jk δ_j δ_k E[x^(j+k)].</summary>
    private static double TrueRisk(double[] c)
    {
        int m = Math.Max(c.Length, Truth.Length);
        var delta = Enumerable.Range(0, m).Select(j => (j < c.Length ? c[j] : 0) - (j < Truth.Length ? Truth[j] : 0)).ToArray();
        double s = 0;
        for (int j = 0; j < m; j++)
            for (int k = 0; k < m; k++)
                if ((j + k) % 2 == 0) s += delta[j] * delta[k] / (j + k + 1);
        return s + Sigma * Sigma;
    }

    [Fact]
    public void Run_AllCells_Succeed() => Assert.False(nb.Run.Failed, nb.Run.FailureSummary);

    [Fact]
    public void CubicFit_ThreeErrors_MatchAnIndependentFitAndTheClosedFormRisk()
    {
        var (xt, yt) = Draw(30, 1);
        var (xv, yv) = Draw(30, 2);
        var c = Fit(xt, yt, 3);
        Assert.Equal(Mse(c, xt, yt), nb.Get<double>("cubicTrain"), 1e-10);
        Assert.Equal(Mse(c, xv, yv), nb.Get<double>("cubicValid"), 1e-10);
        Assert.Equal(TrueRisk(c), nb.Get<double>("cubicRisk"), 1e-10);
        // the true f's own training error on these 30 points (the generator's truth, evaluated here): 0.069, above σ²
        Assert.Equal(Mse(Truth, xt, yt), nb.Get<double>("trueFTrain"), 1e-12);
        Assert.Equal(0.069, Mse(Truth, xt, yt), 5e-4);
        // the training error is below the noise floor, the true risk above it
        Assert.True(nb.Get<double>("cubicTrain") < Sigma * Sigma && nb.Get<double>("cubicRisk") > Sigma * Sigma);
        // the fresh-sample cross-check agrees within its own standard error budget
        Assert.InRange(Math.Abs(nb.Get<double>("freshMean") - TrueRisk(c)), 0, 4 * nb.Get<double>("freshStandardError"));
    }

    [Fact]
    public void CapacitySweep_MatchesIndependentFits_TrainingFallsValidationIsUShaped()
    {
        var (xt, yt) = Draw(30, 1);
        var (xv, yv) = Draw(30, 2);
        var train = nb.Get<double[]>("trainError");
        var valid = nb.Get<double[]>("validError");
        var risk = nb.Get<double[]>("trueRisk");
        for (int k = 0; k <= 9; k++)   // raw-power QR is accurate to well below these tolerances up to degree 9
        {
            var c = Fit(xt, yt, k);
            Assert.Equal(Mse(c, xt, yt), train[k], 1e-8);
            Assert.Equal(Mse(c, xv, yv), valid[k], 1e-8);
            Assert.Equal(TrueRisk(c), risk[k], 1e-8);
        }
        // training error never rises (nested families)
        for (int k = 1; k < 16; k++) Assert.True(train[k] <= train[k - 1] * (1 + 1e-12), $"training error rose at degree {k}");
        Assert.True(train[15] < 0.5 * Sigma * Sigma);
        // U shape: minimum at the true degree; far higher at both ends; rising beyond degree 9
        int best = Array.IndexOf(valid, valid.Min());
        Assert.Equal(3, best);
        Assert.True(valid[0] > 5 * valid[best] && valid[15] > 100 * valid[best]);
        for (int k = 10; k < 16; k++) Assert.True(valid[k] > 2 * valid[best], $"degree {k}");
        Assert.True(valid[2] > valid[1] && risk[2] < risk[1]);   // "the parabola ranked below the line"
    }

    [Fact]
    public void LearningCurves_TrainingErrorMatchesSigmaSquaredOneMinusPOverN_RiskFallsToItsFloor()
    {
        var sizes = nb.Get<int[]>("sizes");
        var meanTrain = nb.Get<double[][]>("meanTrain");
        var meanRisk = nb.Get<double[][]>("meanRisk");
        var spread = nb.Get<double[]>("trainSpread");
        Assert.Equal([16, 32, 64, 128, 256, 512, 1024], sizes);
        for (int s = 0; s < sizes.Length; s++)
            Assert.InRange(meanTrain[1][s] - Sigma * Sigma * (1 - 4.0 / sizes[s]), -3.5 * spread[s], 3.5 * spread[s]);
        // degree 3 risk falls towards σ² and stays above it
        for (int s = 1; s < sizes.Length; s++) Assert.True(meanRisk[1][s] < meanRisk[1][s - 1]);
        Assert.True(meanRisk[1][^1] > Sigma * Sigma && meanRisk[1][^1] < 1.01 * Sigma * Sigma);
        // degree 1 levels off at σ² + the best line's error, 4/45 + 64/175 (even part + odd part, by hand)
        double plateau = Sigma * Sigma + 4.0 / 45 + 64.0 / 175;
        Assert.Equal(plateau, nb.Get<double>("bestLineError") + Sigma * Sigma, 1e-12);
        Assert.InRange(meanRisk[0][^1], plateau, plateau + 0.01);
        // degree 6: bad with 16 points, within 3% of the cubic from 128 on
        Assert.True(meanRisk[2][0] > 100 * meanRisk[1][0]);
        Assert.True(nb.Get<double>("median6At16") > 2 * meanRisk[1][0]);
        for (int s = 3; s < sizes.Length; s++) Assert.InRange(meanRisk[2][s] / meanRisk[1][s], 1, 1.03);
        // "degree 3 is best at every size"
        for (int s = 0; s < sizes.Length; s++) Assert.True(meanRisk[1][s] < meanRisk[0][s] && meanRisk[1][s] < meanRisk[2][s], $"n = {sizes[s]}");
    }

    [Fact]
    public void CrossValidation_ChoosesDegreeThree_TheChosenModelsTrueRiskInClosedForm()
    {
        var (xt, yt) = Draw(30, 1);
        var (xv, yv) = Draw(30, 2);
        double[] x = [.. xt, .. xv], y = [.. yt, .. yv];
        // the folds: Fisher–Yates with Random(0), cut into 5 folds of 12
        var order = Enumerable.Range(0, 60).ToArray();
        var rng = new Random(0);
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var cv = new double[10];
        for (int k = 0; k < 10; k++)
        {
            for (int f = 0; f < 5; f++)
            {
                var held = order.Skip(12 * f).Take(12).ToHashSet();
                var fitRows = Enumerable.Range(0, 60).Where(i => !held.Contains(i)).ToArray();
                var c = Fit(fitRows.Select(i => x[i]).ToArray(), fitRows.Select(i => y[i]).ToArray(), k);
                cv[k] += held.Sum(i => (Eval(c, x[i]) - y[i]) * (Eval(c, x[i]) - y[i])) / 60;
            }
        }
        var notebookCv = nb.Get<double[]>("cvError");
        for (int k = 0; k < 10; k++) Assert.Equal(cv[k], notebookCv[k], 1e-8);
        Assert.Equal(3, Array.IndexOf(cv, cv.Min()));
        Assert.Equal(3, nb.Get<int>("chosenDegree"));
        Assert.True(notebookCv.Skip(10).All(v => v > notebookCv[3]));

        var final = Fit(x, y, 3);
        Assert.Equal(TrueRisk(final), nb.Get<double>("finalRisk"), 1e-10);
        Assert.Equal(0.06737, TrueRisk(final), 1e-5);                // the number the text states
        Assert.True(nb.Get<double>("winnerCvError") < Sigma * Sigma);   // the flattering score of pitfall 4
        // ... mostly the sample's luck: the true f itself scores 0.0541 on the 60 development points
        Assert.Equal(Mse(Truth, x, y), nb.Get<double>("devNoiseMeanSquare"), 1e-12);
        Assert.Equal(0.0541, Mse(Truth, x, y), 5e-5);
    }

    [Fact]
    public void TestSet_TouchedOnceAtTheEnd_EstimatesTheTrueRisk()
    {
        var cells = nb.Run.CodeCells.ToList();
        var usingTest = cells.Where(c => c.Source.Contains("xTest", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, usingTest.Count);                                  // drawn, then used once
        Assert.Contains("Draw(1000", usingTest[0].Source);
        Assert.Contains("SquaredErrors(finalModel, xTest, yTest)", usingTest[1].Source);
        Assert.DoesNotContain(cells.Where(c => c.Number > usingTest[0].Number && c.Number < usingTest[1].Number),
            c => c.Source.Contains("yTest", StringComparison.Ordinal));

        var (xt, yt) = Draw(30, 1);
        var (xv, yv) = Draw(30, 2);
        var (xs, ys) = Draw(1000, 3);
        var final = Fit([.. xt, .. xv], [.. yt, .. yv], 3);
        Assert.Equal(Mse(final, xs, ys), nb.Get<double>("testError"), 1e-10);
        Assert.Equal(0.0709, Mse(final, xs, ys), 5e-5);                 // the number the text states
        Assert.InRange(Math.Abs(nb.Get<double>("testError") - TrueRisk(final)), 0, 3 * nb.Get<double>("testStandardError"));
    }
}
