using LinReg.Models;
using LinReg.Optim;

namespace LinReg.Tests.Optim;

public class SgdTests
{
    [Fact]
    public void Step_WeightDecay_DecaysWeightsButNotBias()
    {
        // p ← p − η(∇p + λp) with ∇ = 0: w ← (1 − ηλ)w; the bias (its own group) is left alone.
        var model = new LinearRegressionScratch([2.0, -4.0], 3.0);
        var sgd = new Sgd(model.Parameters, learningRate: 0.1, weightDecay: 0.5);
        sgd.Step();
        Assert.Equal(2.0 * 0.95, model.Weight.Value[0], 15);
        Assert.Equal(-4.0 * 0.95, model.Weight.Value[1], 15);
        Assert.Equal(3.0, model.Bias.Value[0]);
    }

    [Fact]
    public void Step_DecayBias_DecaysBiasToo()
    {
        var model = new LinearRegressionScratch([2.0], 3.0);
        new Sgd(model.Parameters, 0.1, weightDecay: 0.5, decayBias: true).Step();
        Assert.Equal(3.0 * 0.95, model.Bias.Value[0], 15);
    }

    [Fact]
    public void Step_GroupLearningRate_OverridesTheGlobalOne()
    {
        var model = new LinearRegressionScratch([1.0], 1.0);
        model.Weight.Grad[0] = 1;
        model.Bias.Grad[0] = 1;
        var sgd = new Sgd([new ParameterGroup([model.Weight]), new ParameterGroup([model.Bias], learningRate: 0.5)], 0.1);
        sgd.Step();
        Assert.Equal(0.9, model.Weight.Value[0], 15);
        Assert.Equal(0.5, model.Bias.Value[0], 15);
    }

    [Fact]
    public void ScratchSgd_DivisorBatchSize_ShrinksTheStep()
    {
        // "averaging twice": the Mean loss already divided by |B|; dividing again makes the step |B| times smaller.
        var a = new LinearRegressionScratch([1.0], 0.0);
        var b = new LinearRegressionScratch([1.0], 0.0);
        a.Weight.Grad[0] = b.Weight.Grad[0] = -5;
        new ScratchSgd(a.Parameters, 0.1).Step();
        new ScratchSgd(b.Parameters, 0.1, divisor: 2).Step();
        Assert.Equal(0.5, a.Weight.Value[0] - 1, 15);
        Assert.Equal(0.25, b.Weight.Value[0] - 1, 15);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_BadLearningRate_ThrowsQuotingIt(double lr)
    {
        var model = new LinearRegressionScratch([1.0], 0.0);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(model.Parameters, lr));
        Assert.Contains("learning rate", ex.Message);
        Assert.Contains(double.IsNaN(lr) ? "NaN" : double.IsInfinity(lr) ? "∞" : lr.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScratchSgd(model.Parameters, lr));
    }

    [Fact]
    public void Constructor_NegativeWeightDecay_Throws()
    {
        var model = new LinearRegressionScratch([1.0], 0.0);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(model.Parameters, 0.1, weightDecay: -1));
        Assert.Contains("-1", ex.Message);
    }

    [Fact]
    public void Constructor_NoParameters_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Sgd(Array.Empty<Parameter>(), 0.1));
        Assert.Throws<ArgumentException>(() => new ScratchSgd(Array.Empty<Parameter>(), 0.1));
    }
}
