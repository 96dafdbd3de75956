using LinReg.Losses;
using LinReg.Metrics;

namespace LinReg.Tests.Metrics;

public class MetricsTests
{
    // Hand-computed: ŷ = (1, 3, 5), y = (2, 3, 7): r = (−1, 0, −2); MSE = 5/3; MAE = 1; ȳ = 4, SS_tot = 4+1+9 = 14.
    private static readonly double[] YHat = [1, 3, 5];
    private static readonly double[] Y = [2, 3, 7];

    [Fact]
    public void Metrics_HandExample_MatchHandComputation()
    {
        Assert.Equal([-1.0, 0.0, -2.0], RegressionMetrics.Residuals(YHat, Y));
        Assert.Equal(5.0 / 3, RegressionMetrics.Mse(YHat, Y), 15);
        Assert.Equal(Math.Sqrt(5.0 / 3), RegressionMetrics.Rmse(YHat, Y), 15);
        Assert.Equal(1.0, RegressionMetrics.Mae(YHat, Y), 15);
        Assert.Equal(1 - 5.0 / 14, RegressionMetrics.R2(YHat, Y), 15);
    }

    [Fact]
    public void MeanBaseline_OnItsTrainingData_HasRSquaredZero()
    {
        var b = MeanBaseline.Fit(Y);
        Assert.Equal(4.0, b.Value);
        Assert.Equal(0.0, RegressionMetrics.R2(b.Predict(3), Y), 15);
    }

    [Fact]
    public void Metrics_BadInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Mse([1.0], [1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Mse([], []));
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Mse([double.NaN], [1.0]));
        var ex = Assert.Throws<ArgumentException>(() => RegressionMetrics.R2([1.0, 2.0], [3.0, 3.0]));
        Assert.Contains("undefined", ex.Message);
        Assert.Throws<ArgumentException>(() => MeanBaseline.Fit([]));
    }

    [Fact]
    public void Losses_MismatchedOrEmpty_Throw()
    {
        foreach (ILoss loss in new ILoss[] { new SquaredLoss(), new MseLoss(halved: true) })
        {
            var ex = Assert.Throws<ArgumentException>(() => loss.Forward([1.0, 2.0], [1.0]));
            Assert.Contains("2", ex.Message);
            Assert.Throws<ArgumentException>(() => loss.Backward([], []));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => new SquaredLoss((Reduction)7));
    }

    [Fact]
    public void MseLoss_NotHalved_IsTwiceTheHalvedLossAndGradient()
    {
        // PyTorch's nn.MSELoss has no ½: value and gradient are exactly twice the book's convention.
        double[] yHat = [1, 3], y = [2, 6];
        Assert.Equal(2 * new MseLoss(halved: true).Forward(yHat, y), new MseLoss(halved: false).Forward(yHat, y), 15);
        Assert.Equal(new MseLoss(halved: true).Backward(yHat, y).Select(v => 2 * v), new MseLoss(halved: false).Backward(yHat, y));
        Assert.Equal(5.0, new SquaredLoss(halved: false).Forward(yHat, y), 15);   // (1 + 9)/2
    }

    [Fact]
    public void MseLoss_Default_IsPyTorchsMseLossWithoutTheHalf()
    {
        // By hand, as torch.nn.MSELoss() defines it: r = ŷ − y = (2, −1); L = (4 + 1)/2 = 2.5; ∂L/∂ŷ = 2r/n = (2, −1).
        double[] yHat = [3, 0], y = [1, 1];
        var loss = new MseLoss();
        Assert.False(loss.Halved);
        Assert.Equal(Reduction.Mean, loss.Reduction);
        Assert.Equal(2.5, loss.Forward(yHat, y), 15);
        Assert.Equal([2.0, -1.0], loss.Backward(yHat, y));
    }

    [Fact]
    public void CentralDifference_Quadratic_IsExactUpToRounding()
    {
        // f(x) = x₀² + 3x₀x₁: ∇f = (2x₀ + 3x₁, 3x₀) — closed form.
        var g = GradientCheck.CentralDifference(x => x[0] * x[0] + 3 * x[0] * x[1], [1.5, -2.0], 1e-4);
        Assert.Equal(2 * 1.5 + 3 * -2.0, g[0], 8);
        Assert.Equal(3 * 1.5, g[1], 8);
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.CentralDifference(x => 0, [1.0], 0));
    }
}
