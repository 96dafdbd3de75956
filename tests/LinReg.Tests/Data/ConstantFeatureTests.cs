using LinReg.Data;
using LinReg.Models;

namespace LinReg.Tests.Data;

public class ConstantFeatureTests
{
    [Fact]
    public void Append_TwoByTwo_AddsAColumnOfOnesAndKeepsTargets()
    {
        // Expected layout written out by hand: rows (1, 2) and (3, 4) become (1, 2, 1) and (3, 4, 1).
        var data = new Dataset([1.0, 2.0, 3.0, 4.0], [5.0, 6.0], 2, ["a", "b"]);
        var aug = ConstantFeature.Append(data);
        Assert.Equal(3, aug.Features);
        Assert.Equal([1.0, 2.0, 1.0, 3.0, 4.0, 1.0], aug.X);
        Assert.Equal([5.0, 6.0], aug.Y);
        Assert.Equal(["a", "b", "1"], aug.FeatureNames);
    }

    [Fact]
    public void Append_WeightsWithBiasLast_PredictLikeTheSeparateBias()
    {
        // x̃ᵀ(w, b) = xᵀw + b: a separate-bias model and a zero-bias model on the augmented data agree.
        var data = SyntheticData.Linear([2.0, -3.4], 4.2, 50, 0.1, seed: 3);
        var separate = new LinearRegressionScratch([0.7, -1.1], 0.3);
        var absorbed = new LinearRegressionScratch([0.7, -1.1, 0.3], 0.0);
        var p1 = separate.Predict(data);
        var p2 = absorbed.Predict(ConstantFeature.Append(data));
        for (int i = 0; i < p1.Length; i++) Assert.Equal(p1[i], p2[i], 14);
    }

    [Fact]
    public void Append_CustomValue_IsUsed()
    {
        var aug = ConstantFeature.Append(new Dataset([1.0], [2.0], 1), value: 2.5, name: "c");
        Assert.Equal([1.0, 2.5], aug.X);
        Assert.Equal("c", aug.FeatureNames[1]);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Append_BadValue_ThrowsNamingTheValue(double value)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ConstantFeature.Append(new Dataset([1.0], [2.0], 1), value));
        Assert.Equal("value", ex.ParamName);
        Assert.Contains("got", ex.Message);
    }

    [Fact]
    public void Append_NullData_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => ConstantFeature.Append(null!));
    }
}
