using LinReg.Data;

namespace LinReg.Tests.Data;

public class DatasetTests
{
    [Fact]
    public void Constructor_MismatchedShapes_ThrowsQuotingSizes()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Dataset(new double[200], new double[99], 2));
        Assert.Contains("200", ex.Message);
        Assert.Contains("99", ex.Message);
        Assert.Throws<ArgumentException>(() => Dataset.FromRows([[1.0, 2.0], [3.0]], [1.0, 2.0]));
        var ex2 = Assert.Throws<ArgumentException>(() => Dataset.FromMatrix(new double[100, 3], new double[99]));
        Assert.Contains("X has 100 rows but y has 99 values", ex2.Message);
    }

    [Fact]
    public void Constructor_Empty_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Dataset([], [], 2));
        Assert.Contains("empty", ex.Message);
        Assert.Throws<ArgumentException>(() => Dataset.FromRows([], []));
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+∞")]
    [InlineData(double.NegativeInfinity, "-∞")]
    public void Constructor_NonFiniteFeature_NamesRowAndColumn(double bad, string shown)
    {
        var x = new double[4 * 3];
        x[2 * 3 + 1] = bad;
        var ex = Assert.Throws<ArgumentException>(() => new Dataset(x, new double[4], 3));
        Assert.Contains($"X[row 2, column 1] is {shown}", ex.Message);
    }

    [Fact]
    public void Constructor_NonFiniteTarget_NamesElement()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Dataset(new double[3], [0, double.NaN, 0], 1));
        Assert.Contains("y[1] is NaN", ex.Message);
    }

    [Fact]
    public void Constructor_NonPositiveFeatures_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dataset([], [1.0], 0));
    }

    [Fact]
    public void SeedListing_HasTheSeedsShapeAndNoiseLevel()
    {
        var data = SyntheticData.SeedListing(0);
        Assert.Equal(1000, data.Count);
        Assert.Equal(2, data.Features);
        // The noise is y − (Xw + b): its mean ≈ 0 and std ≈ 0.01 (within sampling error for n = 1000).
        var noise = Enumerable.Range(0, 1000).Select(i => data.Y[i] - (2.0 * data.X[2 * i] - 3.4 * data.X[2 * i + 1] + 4.2)).ToArray();
        double mean = noise.Average();
        double std = Math.Sqrt(noise.Select(e => (e - mean) * (e - mean)).Average());
        Assert.InRange(mean, -0.002, 0.002);
        Assert.InRange(std, 0.009, 0.011);
        // X ~ N(0, 1): column means ≈ 0, variances ≈ 1 (5 standard errors)
        for (int j = 0; j < 2; j++)
        {
            var c = data.Column(j);
            Assert.InRange(c.Average(), -0.16, 0.16);
            Assert.InRange(c.Select(v => v * v).Average(), 0.8, 1.2);
        }
    }

    [Fact]
    public void SeedListing_SameSeedSameNumbers_DifferentSeedDifferentNumbers()
    {
        Assert.Equal(SyntheticData.SeedListing(3).Y, SyntheticData.SeedListing(3).Y);
        Assert.NotEqual(SyntheticData.SeedListing(3).Y, SyntheticData.SeedListing(4).Y);
    }

    [Fact]
    public void Linear_BadArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => SyntheticData.Linear([], 0, 10, 0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticData.Linear([1.0], 0, 0, 0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticData.Linear([1.0], 0, 10, -0.1, 0));
        Assert.Throws<ArgumentException>(() => SyntheticData.Linear([double.NaN], 0, 10, 0.1, 0));
    }
}
