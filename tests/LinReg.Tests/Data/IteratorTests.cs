using LinReg.Data;

namespace LinReg.Tests.Data;

public class IteratorTests
{
    private static Dataset Small(int n, int d = 2)
    {
        var x = new double[n * d];
        for (int k = 0; k < x.Length; k++) x[k] = k;
        return new Dataset(x, Enumerable.Range(0, n).Select(i => (double)i).ToArray(), d);
    }

    [Fact]
    public void DataIterAndDataLoader_SameSeed_YieldIdenticalBatchesEveryEpoch()
    {
        var data = SyntheticData.SeedListing(0);
        var a = new DataIter(data, 32, seed: 7);
        var b = new DataLoader(data, 32, seed: 7);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            var ea = a.ToList();
            var eb = b.ToList();
            Assert.Equal(ea.Count, eb.Count);
            for (int k = 0; k < ea.Count; k++)
            {
                Assert.Equal(ea[k].Indices, eb[k].Indices);
                Assert.Equal(ea[k].X, eb[k].X);
                Assert.Equal(ea[k].Y, eb[k].Y);
            }
        }
    }

    [Fact]
    public void DataIter_OneEpoch_IsAPermutationWithAPartialLastBatch()
    {
        var it = new DataIter(Small(1000), 32, seed: 3);
        var batches = it.ToList();
        Assert.Equal(32, batches.Count);                         // ⌈1000/32⌉
        Assert.All(batches.Take(31), b => Assert.Equal(32, b.Size));
        Assert.Equal(1000 - 31 * 32, batches[^1].Size);          // 8
        var seen = batches.SelectMany(b => b.Indices).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 1000), seen);
        Assert.Equal(32, it.BatchesPerEpoch);
    }

    [Fact]
    public void DataIter_RowsTravelWithTheirTargets()
    {
        var data = Small(50, 3);
        foreach (var b in new DataIter(data, 7, seed: 1))
            for (int k = 0; k < b.Size; k++)
            {
                int i = b.Indices[k];
                Assert.Equal(data.Y[i], b.Y[k]);
                Assert.Equal(data.Row(i).ToArray(), b.X.AsSpan(k * 3, 3).ToArray());
            }
    }

    [Fact]
    public void DataIter_DropLast_SkipsThePartialBatch()
    {
        var batches = new DataIter(Small(1000), 32, seed: 3, dropLast: true).ToList();
        Assert.Equal(31, batches.Count);
        Assert.All(batches, b => Assert.Equal(32, b.Size));
        Assert.Equal(31, new DataLoader(Small(1000), 32, dropLast: true).Count());
    }

    [Fact]
    public void DataIter_NoShuffle_KeepsFileOrder()
    {
        var order = new DataIter(Small(10), 4, shuffle: false).SelectMany(b => b.Indices).ToArray();
        Assert.Equal(Enumerable.Range(0, 10), order);
    }

    [Fact]
    public void DataIter_SuccessiveEpochs_HaveDifferentOrders()
    {
        var it = new DataIter(Small(100), 100, seed: 5);
        var e1 = it.Single().Indices;
        var e2 = it.Single().Indices;
        Assert.NotEqual(e1, e2);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Constructors_NonPositiveBatchSize_Throw(int batchSize)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new DataIter(Small(10), batchSize));
        Assert.Contains(batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
        Assert.Equal("batchSize", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(Small(10), batchSize));
    }

    [Fact]
    public void Constructors_DropLastWithBatchLargerThanData_Throw()
    {
        Assert.Throws<ArgumentException>(() => new DataIter(Small(10), 11, dropLast: true));
        Assert.Throws<ArgumentException>(() => new DataLoader(Small(10), 11, dropLast: true));
    }
}
