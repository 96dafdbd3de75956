using LinReg.Experiments;
using LinReg.Data;
using LinReg.Losses;
using LinReg.Models;

namespace LinReg.Tests.Experiments;

public class GradientNoiseTests
{
    private static int[][] Subsets(int n, int k)
    {
        var result = new List<int[]>();
        void Rec(int start, List<int> cur)
        {
            if (cur.Count == k) { result.Add(cur.ToArray()); return; }
            for (int i = start; i < n; i++) { cur.Add(i); Rec(i + 1, cur); cur.RemoveAt(cur.Count - 1); }
        }
        Rec(0, []);
        return result.ToArray();
    }

    [Fact]
    public void Gradient_WorkedExample1_IsMinus5AndMinus2AndLeavesGradsUntouched()
    {
        // the seed's worked example 1: batch (1, 2), (3, 6); w = 1, b = 0 → ∇w = −5, ∇b = −2
        var model = new LinearRegressionScratch([1.0], 0.0);
        model.Weight.Grad[0] = 123;   // must survive
        var data = new Dataset([1, 3], [2, 6], 1);
        double[] g = GradientNoise.FullGradient(model, new SquaredLoss(), data);
        Assert.Equal([-5.0, -2.0], g);
        Assert.Equal(123, model.Weight.Grad[0]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(6)]
    public void ExpectedSquaredDeviation_SmallData_EqualsTheAverageOverEveryPossibleBatch(int batchSize)
    {
        // Enumerating all C(6, |B|) batches gives E‖g_B − g‖² exactly, independently of the closed form.
        var data = SyntheticData.Linear([1.0, -2.0], 0.5, 6, 1.0, 3);
        var model = new Linear([0.3, 0.1], -0.2);
        var loss = new MseLoss(halved: true);
        double[] g = GradientNoise.FullGradient(model, loss, data);
        var subsets = Subsets(6, batchSize);
        double exact = subsets.Average(s =>
        {
            double[] gb = GradientNoise.Gradient(model, loss, Batch.FromDataset(data.Subset(s)));
            return gb.Zip(g, (a, b) => (a - b) * (a - b)).Sum();
        });
        Assert.Equal(exact, GradientNoise.ExpectedSquaredDeviation(model, loss, data, batchSize), 12);
        // and the minibatch gradient is unbiased: the average over all batches is the full gradient
        for (int k = 0; k < g.Length; k++)
            Assert.Equal(g[k], subsets.Average(s => GradientNoise.Gradient(model, loss, Batch.FromDataset(data.Subset(s)))[k]), 12);
    }

    [Fact]
    public void Sample_ManyDraws_MeanSquaredDeviationMatchesTheClosedForm()
    {
        var data = SyntheticData.SeedListing(0);
        var model = new LinearRegressionScratch([0.0, 0.0], 0.0);
        var loss = new SquaredLoss();
        foreach (int b in new[] { 1, 10, 100 })
        {
            var s = GradientNoise.Sample(model, loss, data, b, 4000, seed: b);
            double expected = GradientNoise.ExpectedSquaredDeviation(model, loss, data, b);
            Assert.InRange(s.MeanSquaredDeviation / expected, 0.93, 1.07);   // Monte-Carlo error ≈ 2–3% with 4000 draws
        }
    }

    [Fact]
    public void Sample_BatchIsWholeDataset_HasNoNoise()
    {
        var data = SyntheticData.SeedListing(0);
        var model = new LinearRegressionScratch([0.0, 0.0], 0.0);
        var s = GradientNoise.Sample(model, new SquaredLoss(), data, data.Count, 3, seed: 1);
        Assert.All(s.SquaredDeviations, v => Assert.InRange(v, 0, 1e-24));
        Assert.All(s.Cosines, c => Assert.Equal(1.0, c, 12));
        Assert.Equal(0, GradientNoise.ExpectedSquaredDeviation(model, new SquaredLoss(), data, data.Count));
    }

    [Fact]
    public void SampleSummaries_HandCosines_AreComputedAsDefined()
    {
        var s = new GradientNoiseSample(2, [1.0, -0.5, 0.5, 0.0], [1, 2, 3, 6], [1.0]);
        Assert.Equal(0.25, s.MeanCosine, 15);
        Assert.Equal(0.25, s.FractionUphill, 15);
        Assert.Equal(3.0, s.MeanSquaredDeviation, 15);
        Assert.Equal(-0.5, s.CosineQuantile(0), 15);
        Assert.Equal(0.25, s.CosineQuantile(0.5), 15);   // between 0 and 0.5
        Assert.Equal(1.0, s.CosineQuantile(1), 15);
    }

    [Fact]
    public void Cosine_HandVectors_MatchesDefinition()
    {
        Assert.Equal(0.0, GradientNoise.Cosine([1.0, 0.0], [0.0, 2.0]), 15);
        Assert.Equal(-1.0, GradientNoise.Cosine([1.0, 1.0], [-2.0, -2.0]), 15);
        Assert.Equal(3 / 5.0, GradientNoise.Cosine([3.0, 4.0], [1.0, 0.0]), 15);
    }

    [Fact]
    public void GradientNoise_BadInput_Throws()
    {
        var data = SyntheticData.SeedListing(0);
        var model = new LinearRegressionScratch([0.0, 0.0], 0.0);
        var sum = Assert.Throws<ArgumentException>(() => GradientNoise.Sample(model, new SquaredLoss(Reduction.Sum), data, 10, 5, 0));
        Assert.Contains("Sum", sum.Message);
        var big = Assert.Throws<ArgumentOutOfRangeException>(() => GradientNoise.Sample(model, new SquaredLoss(), data, 1001, 5, 0));
        Assert.Contains("1001", big.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientNoise.Sample(model, new SquaredLoss(), data, 10, 0, 0));
        Assert.Throws<ArgumentException>(() => GradientNoise.Cosine([0.0, 0.0], [1.0, 0.0]));
        Assert.Throws<ArgumentException>(() => GradientNoise.Cosine([1.0], [1.0, 0.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientNoiseSample(1, [1.0], [0.0], [1.0]).CosineQuantile(1.5));
        // at the exact optimum of noise-free data the full gradient is 0: nothing to compare with
        var exact = new Dataset([1, 2, 3], [2, 4, 6], 1);
        Assert.Throws<ArgumentException>(() => GradientNoise.Sample(new LinearRegressionScratch([2.0], 0.0), new SquaredLoss(), exact, 1, 2, 0));
    }
}
