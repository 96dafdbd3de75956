using LinReg.Data;
using LinReg.Models;

namespace LinReg.Tests.Models;

public class ModelInputTests
{
    [Fact]
    public void Forward_WrongFeatureCount_Throws()
    {
        var batch = new Batch([1.0, 2.0, 3.0], [1.0], 3, [0]);
        Assert.Throws<ArgumentException>(() => new LinearRegressionScratch(2).Forward(batch));
        var ex = Assert.Throws<ArgumentException>(() => new Linear(2).Forward(batch));
        Assert.Contains("1×3", ex.Message);
    }

    [Fact]
    public void Backward_WrongGradientLength_Throws()
    {
        var batch = new Batch([1.0, 2.0], [1.0, 2.0], 1, [0, 1]);
        foreach (IRegressionModel m in new IRegressionModel[] { new LinearRegressionScratch(1), new Linear(1) })
        {
            var ex = Assert.Throws<ArgumentException>(() => m.Backward(batch, [1.0]));
            Assert.Contains("1 values but the batch has 2", ex.Message);
        }
    }

    [Fact]
    public void Constructors_BadInitialValues_Throw()
    {
        Assert.Throws<ArgumentException>(() => new LinearRegressionScratch([], 0));
        Assert.Throws<ArgumentException>(() => new Linear([double.NaN], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearRegressionScratch([1.0], double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Linear(0));
    }

    [Fact]
    public void SameSeed_BothImplementations_StartFromTheSameParameters()
    {
        Assert.Equal(new LinearRegressionScratch(5, seed: 9).Weight.Value, new Linear(5, seed: 9).Weight.Value);
    }

    [Fact]
    public void Predict_MatchesForwardOfAFullBatch()
    {
        var data = SyntheticData.SeedListing(1);
        var m = new Linear([2.0, -3.4], 4.2);
        Assert.Equal(m.Forward(Batch.FromDataset(data)), m.Predict(data));
        Assert.Equal(new LinearRegressionScratch([2.0, -3.4], 4.2).Predict(data), m.Predict(data), new Tolerance(1e-12));
    }

    private sealed class Tolerance(double eps) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= eps;
        public int GetHashCode(double v) => 0;
    }
}
