using LinReg.Probability;
using MathNet.Numerics.Distributions;

namespace LinReg.Tests.Probability;

public class NoiseModelTests
{
    [Theory]
    [InlineData(0.0, 0.0, 1.0)]
    [InlineData(1.3, -0.2, 0.5)]
    [InlineData(-4.0, 1.0, 2.0)]
    public void GaussianDensity_AnyPoint_MatchesMathNetNormalPdf(double x, double mean, double std)
    {
        // independent implementation: MathNet.Numerics.Distributions.Normal
        Assert.Equal(Normal.PDF(mean, std, x), GaussianNoise.Density(x, mean, std), 14);
    }

    [Fact]
    public void GaussianNll_HandResiduals_EqualsMinusSumOfLogDensities()
    {
        double[] r = [0.5, -1.0, 2.0, 0.0];
        double sigma = 1.5;
        double expected = -r.Sum(v => Math.Log(Normal.PDF(0, sigma, v)));
        Assert.Equal(expected, GaussianNoise.NegativeLogLikelihood(r, sigma), 12);
    }

    [Fact]
    public void GaussianMleVariance_HandResiduals_IsMeanSquareAndMinimizesNll()
    {
        double[] r = [1, -1, 2];   // Σr² = 6, n = 3 → σ̂² = 2
        Assert.Equal(2.0, GaussianNoise.MleVariance(r), 15);
        double s = Math.Sqrt(2.0);
        double at = GaussianNoise.NegativeLogLikelihood(r, s);
        Assert.True(at < GaussianNoise.NegativeLogLikelihood(r, s * 1.01));
        Assert.True(at < GaussianNoise.NegativeLogLikelihood(r, s * 0.99));
    }

    [Theory]
    [InlineData(0.0, 0.0, 1.0)]
    [InlineData(2.5, 1.0, 0.7)]
    [InlineData(-3.0, 0.5, 2.0)]
    public void LaplaceDensity_AnyPoint_MatchesMathNetLaplacePdf(double x, double location, double scale)
    {
        Assert.Equal(new Laplace(location, scale).Density(x), LaplaceNoise.Density(x, location, scale), 14);
    }

    [Fact]
    public void LaplaceNllAndScale_HandResiduals_MatchDefinition()
    {
        double[] r = [1, -3, 2];   // Σ|r| = 6 → ŝ = 2; NLL = 3·log 4 + 6/2
        Assert.Equal(2.0, LaplaceNoise.MleScale(r), 15);
        Assert.Equal(3 * Math.Log(4) + 3, LaplaceNoise.NegativeLogLikelihood(r, 2.0), 13);
        double expected = -r.Sum(v => Math.Log(new Laplace(0, 2.0).Density(v)));
        Assert.Equal(expected, LaplaceNoise.NegativeLogLikelihood(r, 2.0), 12);
    }

    [Fact]
    public void LaplaceSampler_ManyDraws_FollowTheLaplaceDistribution()
    {
        // Kolmogorov–Smirnov distance to MathNet's Laplace CDF; the 1% critical value for n = 20000 is ≈ 1.63/√n = 0.0115.
        const int n = 20000;
        const double s = 1.7;
        var x = new double[n];
        new LaplaceSampler(5).Fill(x, s);
        Array.Sort(x);
        var laplace = new Laplace(0, s);
        double ks = 0;
        for (int i = 0; i < n; i++)
        {
            double f = laplace.CumulativeDistribution(x[i]);
            ks = Math.Max(ks, Math.Max(Math.Abs(f - (double)i / n), Math.Abs(f - (double)(i + 1) / n)));
        }
        Assert.InRange(ks, 0, 0.0115);
        Assert.Equal(s, x.Average(Math.Abs), 1);                        // E|x| = s
        Assert.InRange(x.Average(v => v * v) / (2 * s * s), 0.95, 1.05);  // Var = 2s²
    }

    [Fact]
    public void LaplaceSampler_SameSeed_SameNumbers()
    {
        var a = new double[5];
        var b = new double[5];
        new LaplaceSampler(3).Fill(a, 1);
        new LaplaceSampler(3).Fill(b, 1);
        Assert.Equal(a, b);
    }

    [Fact]
    public void NoiseModels_BadInput_ThrowNamingTheValue()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => GaussianNoise.Density(0, 0, -1));
        Assert.Contains("-1", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianNoise.NegativeLogLikelihood([1.0], 0));
        Assert.Throws<ArgumentException>(() => GaussianNoise.MleVariance([]));
        var nan = Assert.Throws<ArgumentException>(() => GaussianNoise.MleVariance([1.0, double.NaN]));
        Assert.Contains("residuals[1] is NaN", nan.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => LaplaceNoise.Density(0, 0, 0));
        Assert.Throws<ArgumentException>(() => LaplaceNoise.MleScale([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LaplaceSampler(1).Next(double.PositiveInfinity));
    }
}
