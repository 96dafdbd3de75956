using LinReg.Data;

namespace LinReg.Tests.Data;

public class SplitAndStandardizerTests
{
    [Fact]
    public void TrainValidationTest_PartitionsTheRowsBySeed()
    {
        var x = Enumerable.Range(0, 100).Select(i => (double)i).ToArray();
        var data = new Dataset(x, x, 1);
        var (tr, va, te) = Split.TrainValidationTest(data, 0.2, 0.1, seed: 4);
        Assert.Equal((70, 20, 10), (tr.Count, va.Count, te.Count));
        var all = tr.Y.Concat(va.Y).Concat(te.Y).Order().ToArray();
        Assert.Equal(x, all);   // disjoint and complete
        var (tr2, _, _) = Split.TrainValidationTest(data, 0.2, 0.1, seed: 4);
        Assert.Equal(tr.Y, tr2.Y);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void TrainValidation_BadFraction_Throws(double f)
    {
        var data = new Dataset(new double[10], new double[10], 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => Split.TrainValidation(data, f, 0));
    }

    [Fact]
    public void Standardizer_FittedOnTrain_AppliesTrainStatisticsToOtherData()
    {
        var train = Dataset.FromRows([[1.0, 10.0], [3.0, 10.0]], [0.0, 0.0]);
        var other = Dataset.FromRows([[5.0, 12.0]], [0.0]);
        var s = Standardizer.Fit(train);
        Assert.Equal([2.0, 10.0], s.Mean);
        Assert.Equal([1.0, 1.0], s.Scale);     // population std of {1,3} is 1; column 1 is constant → 1
        Assert.Equal([1], s.ConstantColumns);
        Assert.Equal([3.0, 2.0], s.Transform(other).X);   // (5−2)/1, (12−10)/1 — NOT refitted on 'other'
        var t = s.Transform(train);
        Assert.Equal([-1.0, 0.0, 1.0, 0.0], t.X);
    }

    [Fact]
    public void Standardizer_ToOriginalUnits_GivesTheSamePredictions()
    {
        var data = SyntheticData.Linear([3.0, -1.0], 2.0, 50, 0.0, seed: 1);
        var s = Standardizer.Fit(data);
        var z = s.Transform(data);
        double[] wz = [0.7, -0.3];
        double bz = 0.4;
        var (w, b) = s.ToOriginalUnits(wz, bz);
        for (int i = 0; i < data.Count; i++)
        {
            double pz = bz + wz[0] * z.X[2 * i] + wz[1] * z.X[2 * i + 1];
            double px = b + w[0] * data.X[2 * i] + w[1] * data.X[2 * i + 1];
            Assert.Equal(pz, px, 12);
        }
    }

    [Fact]
    public void Standardizer_WrongFeatureCount_Throws()
    {
        var s = Standardizer.Fit(Dataset.FromRows([[1.0, 2.0]], [0.0]));
        var ex = Assert.Throws<ArgumentException>(() => s.Transform(Dataset.FromRows([[1.0]], [0.0])));
        Assert.Contains("2 features", ex.Message);
    }
}
