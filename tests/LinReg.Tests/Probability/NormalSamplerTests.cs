using LinReg.Data;
using LinReg.Probability;
using MathNet.Numerics.Distributions;

namespace LinReg.Tests.Probability;

/// <summary>
/// The standard-normal sampler behind every synthetic dataset of the book. Notebook 04 finds the sample variance of
/// one column 3.3 standard errors away from 1 and points here: over many draws and many seeds the sampler has the
/// distribution it claims. Expected values: MathNet's normal CDF (Kolmogorov–Smirnov), and the sampling distribution
/// of a sample variance, (s² − 1)/√(2/n) ≈ 𝒩(0, 1).
/// </summary>
public class NormalSamplerTests
{
    [Fact]
    public void ManyDraws_FollowTheStandardNormal_KolmogorovSmirnov()
    {
        // the 1% critical value of the KS distance for n = 200,000 is ≈ 1.63/√n = 0.0036
        const int n = 200_000;
        var x = new double[n];
        var sampler = new NormalSampler(1);
        for (int i = 0; i < n; i++) x[i] = sampler.Next();
        Array.Sort(x);
        double ks = 0;
        for (int i = 0; i < n; i++)
        {
            double f = Normal.CDF(0, 1, x[i]);
            ks = Math.Max(ks, Math.Max(Math.Abs(f - (double)i / n), Math.Abs(f - (double)(i + 1) / n)));
        }
        Assert.InRange(ks, 0, 0.0036);
        Assert.Equal(0, x.Average(), 0.01);                                     // 3 standard errors: 3/√n ≈ 0.007
        Assert.Equal(1, x.Average(v => v * v), 0.01);                           // 3·√(2/n) ≈ 0.0095
    }

    [Fact]
    public void SampleVariancesOverManySeeds_SpreadLikeTheTheorySays()
    {
        // 400 seeds × 1000 draws: z = (s² − 1)/√(2/n) should have mean ≈ 0 and standard deviation ≈ 1
        // (standard errors over 400 values: 0.05 for the mean, 0.035 for the sd; we allow 3 of them)
        const int seeds = 400, n = 1000;
        var z = new double[seeds];
        for (int seed = 0; seed < seeds; seed++)
        {
            var sampler = new NormalSampler(seed);
            var v = new double[n];
            for (int i = 0; i < n; i++) v[i] = sampler.Next();
            double mean = v.Average();
            double s2 = v.Sum(t => (t - mean) * (t - mean)) / n;
            z[seed] = (s2 - 1) / Math.Sqrt(2.0 / n);
        }
        double zMean = z.Average();
        double zSd = Math.Sqrt(z.Sum(t => (t - zMean) * (t - zMean)) / (seeds - 1));
        Assert.InRange(zMean, -0.15, 0.15);
        Assert.InRange(zSd, 0.9, 1.1);
        // and a 3.3-standard-error variance is rare, as it should be: P(|z| > 3.3) ≈ 0.001, so at most a few of 400
        Assert.InRange(z.Count(t => Math.Abs(t) > 3.3), 0, 3);
    }

    [Fact]
    public void TheListingsFirstColumn_IsThe3Point3StandardErrorSurpriseNotebook04Reports()
    {
        // SyntheticData draws x row by row, so x₁ is every other draw of NormalSampler(0)
        var data = SyntheticData.SeedListing(0);
        double[] x1 = data.Column(0);
        double mean = x1.Average();
        double s2 = x1.Sum(t => (t - mean) * (t - mean)) / x1.Length;
        double z = (s2 - 1) / Math.Sqrt(2.0 / x1.Length);
        Assert.InRange(z, 3.2, 3.4);
    }

    [Fact]
    public void SameSeed_SameNumbers_DifferentSeed_DifferentNumbers()
    {
        double[] Draw(int seed) { var s = new NormalSampler(seed); return Enumerable.Range(0, 10).Select(_ => s.Next()).ToArray(); }
        Assert.Equal(Draw(7), Draw(7));
        Assert.NotEqual(Draw(7), Draw(8));
    }
}
