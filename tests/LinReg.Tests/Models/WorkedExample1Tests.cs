using LinReg.Data;
using LinReg.Losses;
using LinReg.Models;
using LinReg.Optim;

namespace LinReg.Tests.Models;

/// <summary>
/// The seed's worked example 1, one SGD update by hand: batch (1, 2), (3, 6); w = 1, b = 0; η = 0.1;
/// L_B = 1/(2|B|) Σ (ŷ − y)². Expected numbers are the seed's hand calculation.
/// </summary>
public class WorkedExample1Tests
{
    // Through the general contract: a model's weight is its parameter that is not a bias, its bias the one that is.
    private static Parameter Weight(IRegressionModel m) => m.Parameters.Single(p => !p.IsBias);

    private static Parameter Bias(IRegressionModel m) => m.Parameters.Single(p => p.IsBias);

    private static Batch TheBatch() => new([1.0, 3.0], [2.0, 6.0], 1, [0, 1]);

    public static TheoryData<string> Implementations => new() { "scratch", "mathnet" };

    private static IRegressionModel Make(string kind) =>
        kind == "scratch" ? new LinearRegressionScratch([1.0], 0.0) : new Linear([1.0], 0.0);

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Forward_WorkedExample1_PredictsOneAndThree(string kind)
    {
        var yHat = Make(kind).Forward(TheBatch());
        Assert.Equal([1.0, 3.0], yHat);   // seed: ŷ₁ = 1, ŷ₂ = 3
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Backward_WorkedExample1_GivesSeedGradients(string kind)
    {
        var model = Make(kind);
        var batch = TheBatch();
        var loss = new SquaredLoss(Reduction.Mean);
        var yHat = model.Forward(batch);
        var residuals = LinReg.Metrics.RegressionMetrics.Residuals(yHat, batch.Y);
        Assert.Equal([-1.0, -3.0], residuals);                  // seed: r = (−1, −3)
        model.Backward(batch, loss.Backward(yHat, batch.Y));
        Assert.Equal(-5.0, Weight(model).Grad[0], 15);           // seed: ∇w = −5
        Assert.Equal(-2.0, Bias(model).Grad[0], 15);             // seed: ∇b = −2
        Assert.Equal(2.5, loss.Forward(yHat, batch.Y), 15);     // 1/(2·2)·(1 + 9) = 2.5
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void SgdStep_WorkedExample1_GivesWOnePointFiveBZeroPointTwo(string kind)
    {
        var model = Make(kind);
        var batch = TheBatch();
        var loss = new SquaredLoss(Reduction.Mean);
        var opt = kind == "scratch" ? (IOptimizer)new ScratchSgd(model.Parameters, 0.1) : new Sgd(model.Parameters, 0.1);
        opt.ZeroGrad();
        var yHat = model.Forward(batch);
        model.Backward(batch, loss.Backward(yHat, batch.Y));
        opt.Step();
        Assert.Equal(1.5, Weight(model).Value[0], 15);   // seed: w_new = 1 − 0.1(−5)
        Assert.Equal(0.2, Bias(model).Value[0], 15);     // seed: b_new = 0 − 0.1(−2)
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Backward_TwiceWithoutZeroGrad_AccumulatesTwiceTheGradient(string kind)
    {
        var model = Make(kind);
        var batch = TheBatch();
        var loss = new SquaredLoss();
        var g = loss.Backward(model.Forward(batch), batch.Y);
        model.Backward(batch, g);
        model.Backward(batch, g);
        Assert.Equal(-10.0, Weight(model).Grad[0], 14);   // 2 × (−5)
        Assert.Equal(-4.0, Bias(model).Grad[0], 14);      // 2 × (−2)
        model.ZeroGrad();
        Assert.Equal(0.0, Weight(model).Grad[0]);
        Assert.Equal(0.0, Bias(model).Grad[0]);
    }

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Backward_SumReduction_ScalesGradientByBatchSize(string kind)
    {
        var batch = TheBatch();
        var mean = Make(kind);
        var sum = Make(kind);
        mean.Backward(batch, new SquaredLoss(Reduction.Mean).Backward(mean.Forward(batch), batch.Y));
        sum.Backward(batch, new SquaredLoss(Reduction.Sum).Backward(sum.Forward(batch), batch.Y));
        Assert.Equal(batch.Size * Weight(mean).Grad[0], Weight(sum).Grad[0], 14);
        Assert.Equal(batch.Size * Bias(mean).Grad[0], Bias(sum).Grad[0], 14);
    }
}
