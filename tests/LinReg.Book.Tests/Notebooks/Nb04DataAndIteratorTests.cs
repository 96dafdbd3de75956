using LinReg.Book.Tests.Support;

namespace LinReg.Book.Tests.Notebooks;

public sealed class Nb04Fixture() : BookNotebookFixture("04-data-and-the-iterator.ipynb");

/// <summary>
/// 04 · Data and the iterator. Expected values: the distribution the seed's listing specifies (E y = 4.2,
/// Var y = 2² + 3.4² + 0.01², noise sd 0.01), the arithmetic 1000 = 31·32 + 8, and a Fisher–Yates shuffle written
/// here independently of the library.
/// </summary>
[Collection(InProcessKernelCollection.Name)]
public sealed class Nb04DataAndIteratorTests(Nb04Fixture nb) : IClassFixture<Nb04Fixture>
{
    [Fact]
    public void Run_AllCells_Succeed() => Assert.False(nb.Run.Failed, nb.Run.FailureSummary);

    [Fact]
    public void SeedData_StatisticsMatchTheListingsDistribution()
    {
        // sampling error: sd(ȳ) ≈ 3.94/√1000 ≈ 0.12, sd(s²) ≈ 15.56·√(2/1000) ≈ 0.7; allow about 3 of them
        Assert.Equal(4.2, nb.Get<double>("meanY"), 0.4);
        Assert.Equal(4 + 11.56 + 0.0001, nb.Get<double>("varY"), 2.1);
        Assert.Equal(0.01, nb.Get<double>("noiseSd"), 0.001);
        // the text: x₁'s sample variance 1.146 is 3.3 standard errors (√(2/n)) above 1, two-sided p ≈ 0.001
        // (normal tail computed here with MathNet's distribution, not the notebook's erfc)
        double z = nb.Get<double>("zVarianceX1");
        Assert.Equal(3.3, z, 0.05);
        Assert.Equal(2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -Math.Abs(z)), nb.Get<double>("pVarianceX1"), 12);
        Assert.Equal(0.001, nb.Get<double>("pVarianceX1"), 0.0005);
    }

    [Fact]
    public void FreshData_NewEveryEpoch_ReplayedBySeed()
    {
        Assert.NotEqual(nb.Get<double[]>("epochA1"), nb.Get<double[]>("epochA2"));
        Assert.Equal(nb.Get<double[]>("epochA1"), nb.Get<double[]>("epochB1"));
        Assert.Equal(nb.Get<double[]>("epochA2"), nb.Get<double[]>("epochB2"));
        // epoch e of seed 5 is the listing's generator with seed 5·1000 + e (e from 0), regenerated here
        Assert.Equal(LinReg.Data.SyntheticData.SeedListing(5001).Y[..32], nb.Get<double[]>("epochA2"));
    }

    [Fact]
    public void ToyIterator_IsAFisherYatesShuffleSliced()
    {
        // Fisher–Yates over 0..9 with Random(42), sliced in 4, 4, 2 — written here, not taken from the notebook
        int[] order = Enumerable.Range(0, 10).ToArray();
        var rng = new Random(42);
        for (int i = 9; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        int[][] expected = [order[..4], order[4..8], order[8..]];

        var iterBatches = nb.Get<List<int[]>>("iterBatches");
        Assert.Equal(3, iterBatches.Count);
        for (int k = 0; k < 3; k++) Assert.Equal(expected[k], iterBatches[k]);
    }

    [Fact]
    public void ListingSetting_32BatchesTheLastOf8_EachExampleOncePerEpoch()
    {
        var sizes = nb.Get<int[]>("sizes");
        Assert.Equal(32, sizes.Length);                     // ⌈1000/32⌉
        Assert.All(sizes[..^1], s => Assert.Equal(32, s));
        Assert.Equal(1000 - 31 * 32, sizes[^1]);            // 8
        Assert.True(nb.Get<bool>("eachOnce"));
        Assert.InRange(nb.Get<int>("samePosition"), 0, 6);  // two independent permutations share ≈ 1 position
        Assert.Equal(31, nb.Get<int[]>("dropSizes").Length);
    }

    [Fact]
    public void DataIterAndDataLoader_SameBatchesForTheSameSeed()
    {
        Assert.Equal(96, nb.Get<int>("batchesCompared"));
        Assert.Equal(0, nb.Get<int>("differences"));
    }

    [Fact]
    public void NoShuffle_OrderedData_BatchMeansClimbShuffledOnesStayNearTheMean()
    {
        var ordered = nb.Get<double[]>("ordered");
        var shuffled = nb.Get<double[]>("shuffled");
        Assert.Equal(32, ordered.Length);
        for (int k = 1; k < ordered.Length; k++) Assert.True(ordered[k] > ordered[k - 1], $"batch {k} of sorted data");
        Assert.True(ordered[^1] - ordered[0] > 15);
        // the 31 full shuffled batches: mean within 4 sd(ȳ_B) = 4·3.94/√32 ≈ 2.8 of the overall mean
        double meanY = nb.Get<double>("meanY");
        Assert.All(shuffled[..^1], m => Assert.InRange(m, meanY - 2.8, meanY + 2.8));
    }

    [Fact]
    public void Exercises_PrintHintsNotAnswers()
    {
        var output = string.Concat(nb.Run.CodeCells.Where(c => c.Source.Contains("Check.Answer", StringComparison.Ordinal)).Select(c => c.StandardOutput));
        Assert.Contains("✘ Exercise 4.1 not yet", output);
        Assert.Contains("✘ Exercise 4.2 not yet", output);
        Assert.DoesNotContain("160", output);
    }
}
