using LinReg.Book.Tests.Support;
using LinReg.Data;
using LinReg.Probability;   // NormalSampler lives in LinReg.Data or LinReg.Probability, depending on the layout
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Book.Tests.Notebooks;

public sealed class Nb07Fixture() : BookNotebookFixture("07-noise-and-likelihood.ipynb");

/// <summary>
/// 07 · Noise and likelihood. Expected values: the hand calculation on the seed's worked example 2 (σ̂² = 0.1,
/// −log p = log(0.2π) + 1), least squares recomputed here with MathNet's QR (the maximum-likelihood fit must equal it to
/// 1e-8, and σ̂² = RSS/n), the asymptotic relative efficiencies of least absolute deviations (2 under Laplace noise,
/// 2/π under Gaussian noise) and the linearity of least squares in y (an outlier pushed 10× further moves it 10× more).
/// </summary>
[Collection(InProcessKernelCollection.Name)]
public sealed class Nb07NoiseAndLikelihoodTests(Nb07Fixture nb) : IClassFixture<Nb07Fixture>
{
    [Fact]
    public void Run_AllCells_Succeed() => Assert.False(nb.Run.Failed, nb.Run.FailureSummary);

    [Fact]
    public void WorkedExample2_AsAMaximumLikelihoodFit_MatchesTheHandCalculation()
    {
        // r = (−0.4, 0.2): σ̂² = (0.16 + 0.04)/2 = 0.1; −log p = (2/2)·log(2π·0.1) + 0.2/(2·0.1)
        Assert.Equal(0.1, nb.Get<double>("sigma2We2"), 12);
        Assert.Equal(Math.Log(0.2 * Math.PI) + 1, nb.Get<double>("nllWe2"), 12);
        Assert.Equal(0.535292, nb.Get<double>("nllWe2"), 6);   // the value the text quotes
        // w = 2.5: r = (−0.5, 0), σ̂² = 0.125: log(0.25π) + 1 — larger
        Assert.Equal(Math.Log(0.25 * Math.PI) + 1, nb.Get<double>("nllOther"), 12);
        Assert.True(nb.Get<double>("nllOther") > nb.Get<double>("nllWe2"));
    }

    [Fact]
    public void GaussianMaximumLikelihood_EqualsLeastSquaresTo1e8_AndSigmaSquaredIsRssOverN()
    {
        var data = SyntheticData.Linear([2.0, -3.4], 4.2, 200, 0.5, 7);
        var a = Matrix<double>.Build.Dense(200, 3, (i, j) => j < 2 ? data.X[i * 2 + j] : 1.0);
        var y = Vector<double>.Build.Dense(data.Y);
        var theta = a.QR().Solve(y);
        var r = a * theta - y;
        var w = nb.Get<double[]>("mle", "Weights");
        Assert.Equal(theta[0], w[0], 8);
        Assert.Equal(theta[1], w[1], 8);
        Assert.Equal(theta[2], nb.Get<double>("mle", "Bias"), 8);
        Assert.InRange(nb.Get<double>("mleVsLeastSquares"), 0, 1e-8);
        double rssOverN = r.DotProduct(r) / 200;
        Assert.InRange(Math.Abs(nb.Get<double>("sigma2Mle") / rssOverN - 1), 0, 1e-8);
        Assert.Equal(r.DotProduct(r) / 197, nb.Get<double>("sigma2Unbiased"), 10);
        // the prose: this draw's RSS/n (MathNet QR above) is 0.292, above σ² = 0.25, while E[RSS/n] = σ²(n − p)/n
        // (the closed form, written out) is 0.24625
        Assert.Equal(0.292, rssOverN, 0.0005);
        Assert.Equal(0.25 * 197 / 200, nb.Get<double>("expectedRssOverN"), 12);
        // the profile's grid minimum is σ̂ up to half a grid step (0.005)
        Assert.InRange(Math.Abs(nb.Get<double>("sigmaAtGridMinimum") - Math.Sqrt(rssOverN)), 0, 0.0025);
    }

    [Fact]
    public void LossChoice_WinnerFlipsWithTheNoise_NearTheAsymptoticEfficiencies()
    {
        // asymptotic OLS/LAD slope-variance ratios: 2 for Laplace, 2/π ≈ 0.64 for Gaussian (n = 100: below 2)
        Assert.InRange(nb.Get<double>("efficiencyLaplace"), 1.2, 2.6);
        Assert.InRange(nb.Get<double>("efficiencyGauss"), 0.45, 0.85);
    }

    [Fact]
    public void Outlier_MovesLeastSquaresLinearly_LadNotAtAll()
    {
        double ols = nb.Get<double>("olsShift"), olsWorse = nb.Get<double>("olsShiftWorse");
        Assert.True(ols > 0.3, $"least-squares slope shift {ols}");
        Assert.Equal(10.0, olsWorse / ols, 9);   // least squares is linear in y
        Assert.InRange(nb.Get<double>("ladShift"), 0, 1e-12);
        Assert.InRange(nb.Get<double>("ladShiftWorse"), 0, 1e-12);
        Assert.True(nb.Get<double>("scaleWithWorseOutlier") > nb.Get<double>("scaleWithOutlier"));
        // a point that crosses the LAD line moves it a little, and pushing it further moves it no more
        Assert.Equal(-0.012, nb.Get<double>("crossShift"), 0.001);
        Assert.Equal(nb.Get<double>("crossShift"), nb.Get<double>("crossShiftWorse"), 12);
        var residuals = nb.Get<double[]>("ladCleanResiduals");
        Assert.True(residuals[29] > 0 && residuals[28] < 0, "point 29 below the clean LAD line, point 28 above");
        // the chart's two nearly coinciding lines: least squares on the clean data by MathNet QR, against the LAD slope
        double[] xo = nb.Get<double[]>("xo"), yo = nb.Get<double[]>("yo");
        var a = Matrix<double>.Build.Dense(xo.Length, 2, (i, j) => j == 0 ? xo[i] : 1.0);
        double olsCleanSlope = a.QR().Solve(Vector<double>.Build.Dense(yo))[0];
        Assert.Equal(1.488, olsCleanSlope, 0.0005);
        double ladOutlierSlope = nb.Get<double[]>("ladOutlier", "Weights")[0];
        Assert.InRange(Math.Abs(ladOutlierSlope - olsCleanSlope), 0, 0.02);
    }

    [Fact]
    public void SigmaDerivative_OfTheNegativeLogLikelihood_IsNOverSigmaMinusRssOverSigmaCubed()
    {
        // −log p(σ) = (n/2)·log(2πσ²) + Σr²/(2σ²), written here; its derivative is n/σ − Σr²/σ³ (not its negative)
        double[] r = [-0.4, 0.2];
        double Nll(double s) => r.Length / 2.0 * Math.Log(2 * Math.PI * s * s) + r.Sum(v => v * v) / (2 * s * s);
        foreach (double s in new[] { 0.2, 0.5, 1.0 })
        {
            double numeric = (Nll(s + 1e-6) - Nll(s - 1e-6)) / 2e-6;
            Assert.Equal(r.Length / s - r.Sum(v => v * v) / Math.Pow(s, 3), numeric, 6);
        }
        Assert.Equal(-15.0, (Nll(0.2 + 1e-6) - Nll(0.2 - 1e-6)) / 2e-6, 6);   // the text's number at σ = 0.2
    }

    [Fact]
    public void Huber_LeastSquaresOnCleanData_OutlierPullsWithForceDelta()
    {
        // First-order conditions of the Huber fit, written here: Σ clip(rᵢ, −2, 2)·(xᵢ, 1) = 0 at the trained line.
        var noise = new NormalSampler(3);
        double[] x = Enumerable.Range(0, 30).Select(i => i / 3.0).ToArray();
        double[] y = x.Select(v => 1.5 * v + 0.5 + 0.5 * noise.Next()).ToArray();
        foreach (var (name, push) in new[] { ("huberClean", 0.0), ("huberOutlier", -40.0), ("huberWorse", -400.0) })
        {
            double w = nb.Get<double[]>(name, "Weight.Value")[0], b = nb.Get<double[]>(name, "Bias.Value")[0];
            double[] t = (double[])y.Clone();
            t[^1] += push;
            double[] clipped = x.Select((v, i) => Math.Clamp(w * v + b - t[i], -2, 2)).ToArray();
            Assert.Equal(0, clipped.Sum(), 9);
            Assert.Equal(0, clipped.Zip(x, (c, v) => c * v).Sum(), 9);
        }
        double clean = nb.Get<double[]>("huberClean", "Weight.Value")[0];
        double outlier = nb.Get<double[]>("huberOutlier", "Weight.Value")[0];
        Assert.Equal(nb.Get<double[]>("olsClean", "Weights")[0], clean, 9);          // no clean residual beyond δ
        Assert.Equal(0.018, clean - outlier, 0.001);
        Assert.Equal(outlier, nb.Get<double[]>("huberWorse", "Weight.Value")[0], 9);
    }
}
