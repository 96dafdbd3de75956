using LinReg.Data;
using LinReg.Metrics;
using LinReg.Probability;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Tests.Probability;

public class MaximumLikelihoodTests
{
    /// <summary>Least squares by MathNet's own QR of [X 1] — independent of the library's solvers.</summary>
    private static double[] QrLeastSquares(Dataset data)
    {
        int n = data.Count, d = data.Features;
        var a = Matrix<double>.Build.Dense(n, d + 1, (i, j) => j < d ? data.X[i * d + j] : 1.0);
        return a.QR().Solve(Vector<double>.Build.Dense(data.Y)).ToArray();
    }

    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(2, 0.01)]
    [InlineData(3, 3.0)]
    public void FitGaussian_SyntheticData_EqualsLeastSquaresTo1e8AndSigmaIsRssOverN(int seed, double noise)
    {
        var data = SyntheticData.Linear([2.0, -3.4, 0.7], 4.2, 300, noise, seed);
        var mle = MaximumLikelihood.FitGaussian(data);
        double[] ls = QrLeastSquares(data);
        for (int j = 0; j < 3; j++) Assert.Equal(ls[j], mle.Weights[j], 8);
        Assert.Equal(ls[3], mle.Bias, 8);
        double rss = 0;
        for (int i = 0; i < data.Count; i++)
        {
            double r = ls[3] - data.Y[i];
            for (int j = 0; j < 3; j++) r += data.X[i * 3 + j] * ls[j];
            rss += r * r;
        }
        // the MLE of σ² is RSS/n (divisor n, not n − p): relative agreement to 1e-8
        Assert.InRange(Math.Abs(mle.Sigma * mle.Sigma - rss / data.Count) / (rss / data.Count), 0, 1e-8);
        Assert.InRange(mle.Sigma / noise, 0.85, 1.15);   // σ̂ estimates the generator's σ
    }

    [Fact]
    public void GaussianObjective_RandomPoint_GradientMatchesFiniteDifferences()
    {
        var data = SyntheticData.Linear([1.0, -2.0], 0.5, 50, 0.3, 4);
        double[] theta = [0.3, -1.1, 0.2, Math.Log(0.8)];
        var (_, g) = MaximumLikelihood.GaussianObjective(data, theta);
        double[] fd = GradientCheck.CentralDifference(t => MaximumLikelihood.GaussianObjective(data, t).Value, theta, 1e-6);
        for (int k = 0; k < theta.Length; k++) Assert.Equal(fd[k], g[k], 7);
    }

    [Fact]
    public void GaussianObjective_TimesN_EqualsNllOfResiduals()
    {
        var data = SyntheticData.Linear([1.0], 0.5, 20, 0.3, 4);
        double[] theta = [0.9, 0.4, Math.Log(0.5)];
        var r = Enumerable.Range(0, 20).Select(i => 0.9 * data.X[i] + 0.4 - data.Y[i]).ToArray();
        Assert.Equal(GaussianNoise.NegativeLogLikelihood(r, 0.5), 20 * MaximumLikelihood.GaussianObjective(data, theta).Value, 10);
    }

    [Fact]
    public void FitLaplace_Data_IsLadFitWithMeanAbsoluteResidualScale()
    {
        var data = SyntheticData.Linear([1.5], 0.5, 40, 1.0, 9);
        var fit = MaximumLikelihood.FitLaplace(data);
        var lad = LeastAbsoluteDeviations.Fit(data);
        Assert.Equal(lad.Weights, fit.Weights);
        Assert.Equal(lad.SumAbsoluteResiduals / 40, fit.Scale, 12);
        // ŝ maximizes the likelihood for these residuals
        var r = lad.Residuals(data);
        Assert.True(fit.NegativeLogLikelihood < LaplaceNoise.NegativeLogLikelihood(r, fit.Scale * 1.02));
        Assert.True(fit.NegativeLogLikelihood < LaplaceNoise.NegativeLogLikelihood(r, fit.Scale * 0.98));
    }

    [Fact]
    public void MaximumLikelihood_BadInput_Throws()
    {
        var data = SyntheticData.Linear([1.0], 0.5, 10, 0.3, 4);
        var ex = Assert.Throws<ArgumentException>(() => MaximumLikelihood.GaussianObjective(data, [1.0, 2.0]));
        Assert.Contains("3", ex.Message);
        Assert.Throws<ArgumentException>(() => MaximumLikelihood.GaussianObjective(data, [1.0, double.NaN, 0]));
        var constant = new Dataset([1, 2, 3], [5, 5, 5], 1);
        var c = Assert.Throws<ArgumentException>(() => MaximumLikelihood.FitGaussian(constant));
        Assert.Contains("5", c.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => MaximumLikelihood.FitGaussian(data, gradientTolerance: 0));
    }
}
