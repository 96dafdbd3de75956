using CsCheck;
using LinReg.Data;
using LinReg.Losses;
using LinReg.Metrics;
using LinReg.Models;

namespace LinReg.Tests.Losses;

/// <summary>
/// The Huber loss ℓ(r) = ½r² for |r| ≤ δ, δ(|r| − ½δ) beyond (r = ŷ − y; PyTorch's nn.HuberLoss). Expected values:
/// hand arithmetic, central finite differences of Forward (an independent numerical derivative), and the two limits
/// δ → ∞ (the ½-squared loss) and δ → 0 (δ times the absolute loss).
/// </summary>
public class HuberLossTests
{
    [Fact]
    public void Forward_ByHand_QuadraticInsideLinearOutside()
    {
        // δ = 1, r = ŷ − y = (0.5, −2, 3): ℓ = (½·0.25, 1·(2 − ½), 1·(3 − ½)) = (0.125, 1.5, 2.5), Σ = 4.125
        double[] yHat = [1.5, 0, 3], y = [1, 2, 0];
        Assert.Equal(4.125, new HuberLoss(1.0, Reduction.Sum).Forward(yHat, y), 15);
        Assert.Equal(4.125 / 3, new HuberLoss(1.0, Reduction.Mean).Forward(yHat, y), 15);
        // δ = 2: all three inside except r = 3: (0.125, 2, 2·(3 − 1)) = 6.125
        Assert.Equal(6.125, new HuberLoss(2.0, Reduction.Sum).Forward(yHat, y), 15);
    }

    [Fact]
    public void Backward_ByHand_IsTheResidualClippedToPlusMinusDelta()
    {
        double[] yHat = [1.5, 0, 3], y = [1, 2, 0];
        Assert.Equal([0.5, -1, 1], new HuberLoss(1.0, Reduction.Sum).Backward(yHat, y));
        Assert.Equal([0.5 / 3, -1.0 / 3, 1.0 / 3], new HuberLoss(1.0, Reduction.Mean).Backward(yHat, y));
    }

    private static readonly Gen<(double[] YHat, double[] Y, double Delta)> Problems =
        from n in Gen.Int[1, 10]
        from yHat in Gen.Double[-5, 5].Array[n]
        from y in Gen.Double[-5, 5].Array[n]
        from delta in Gen.Double[0.05, 4]
        select (yHat, y, delta);

    [Fact]
    public void Backward_RandomInputs_MatchesCentralFiniteDifferencesOfForward()
    {
        const double h = 1e-6;
        Problems.Sample(p =>
        {
            // the loss has a kink in its second derivative at |r| = δ; keep every residual at least 10h away from it
            if (p.YHat.Zip(p.Y, (a, b) => Math.Abs(Math.Abs(a - b) - p.Delta)).Min() < 10 * h) return;
            foreach (var reduction in new[] { Reduction.Mean, Reduction.Sum })
            {
                var loss = new HuberLoss(p.Delta, reduction);
                double[] analytic = loss.Backward(p.YHat, p.Y);
                for (int i = 0; i < p.YHat.Length; i++)
                {
                    double[] plus = (double[])p.YHat.Clone(), minus = (double[])p.YHat.Clone();
                    plus[i] += h;
                    minus[i] -= h;
                    double numeric = (loss.Forward(plus, p.Y) - loss.Forward(minus, p.Y)) / (2 * h);
                    // ℓ is piecewise quadratic/linear, so the central difference is exact up to rounding (≈ ε·|L|/h)
                    Assert.True(Math.Abs(numeric - analytic[i]) < 1e-8 * (1 + Math.Abs(analytic[i])),
                        $"δ = {p.Delta}, {reduction}, i = {i}: analytic {analytic[i]}, numeric {numeric}");
                }
            }
        }, iter: 300, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void ModelGradients_ThroughTheHuberLoss_MatchFiniteDifferences()
    {
        // the chain rule of the models with this loss: GradientCheck nudges each parameter and re-evaluates the loss
        double[] x = [0, 1, 2, 3, 4, 5], y = [0.3, 1.2, 9.0, 2.9, -4.0, 5.1];   // two residuals far outside δ = 1
        var batch = new Batch(x, y, 1, [0, 1, 2, 3, 4, 5]);
        foreach (var model in new IRegressionModel[] { new LinearRegressionScratch([0.9], 0.2), new Linear([0.9], 0.2) })
        {
            var rows = GradientCheck.Compare(model, new HuberLoss(1.0), batch, 1e-6);
            Assert.All(rows, r => Assert.True(r.RelativeError < 1e-7, $"{model.GetType().Name}: {r}"));
        }
    }

    [Fact]
    public void LargeDelta_IsTheHalvedSquaredLoss()
    {
        double[] yHat = [1.5, 0, 3, -7], y = [1, 2, 0, 4];   // largest |r| = 11
        var huber = new HuberLoss(100.0);
        var squared = new SquaredLoss(Reduction.Mean, halved: true);
        Assert.Equal(squared.Forward(yHat, y), huber.Forward(yHat, y), 14);
        Assert.Equal(squared.Backward(yHat, y), huber.Backward(yHat, y));
    }

    [Fact]
    public void SmallDelta_IsDeltaTimesTheAbsoluteLossMinusAConstant()
    {
        // with every |r| > δ: ℓ = δ|r| − ½δ², so L/δ = mean |r| − ½δ: the least-absolute-deviations loss, shifted
        double[] yHat = [1.5, 0, 3, -7], y = [1, 2, 0, 4];
        const double delta = 0.01;
        double meanAbs = yHat.Zip(y, (a, b) => Math.Abs(a - b)).Average();
        Assert.Equal(meanAbs - delta / 2, new HuberLoss(delta).Forward(yHat, y) / delta, 12);
    }

    [Fact]
    public void AtTheThreshold_ValueAndSlopeAreContinuous()
    {
        const double delta = 1.5, tiny = 1e-12;
        var loss = new HuberLoss(delta, Reduction.Sum);
        double Value(double r) => loss.Forward([r], [0]);
        double Slope(double r) => loss.Backward([r], [0])[0];
        Assert.Equal(0.5 * delta * delta, Value(delta), 15);              // both pieces give ½δ² there
        Assert.Equal(Value(delta - tiny), Value(delta + tiny), 10);
        Assert.Equal(Slope(delta - tiny), Slope(delta + tiny), 10);
        Assert.Equal(-delta, Slope(-delta - 5), 15);                       // beyond: the slope is ±δ
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_DeltaNotAFinitePositiveNumber_ThrowsNamingIt(double delta)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new HuberLoss(delta));
        Assert.Equal("delta", ex.ParamName);
        Assert.Contains("δ", ex.Message);
    }

    [Fact]
    public void Constructor_UndefinedReduction_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new HuberLoss(1.0, (Reduction)7));
        Assert.Equal("reduction", ex.ParamName);
    }

    [Fact]
    public void ForwardAndBackward_MismatchedOrEmpty_ThrowQuotingTheLengths()
    {
        var loss = new HuberLoss();
        Assert.Contains("ŷ has 2 values but y has 3", Assert.Throws<ArgumentException>(() => loss.Forward([1, 2], [1, 2, 3])).Message);
        Assert.Contains("ŷ has 2 values but y has 3", Assert.Throws<ArgumentException>(() => loss.Backward([1, 2], [1, 2, 3])).Message);
        Assert.Throws<ArgumentException>(() => loss.Forward([], []));
    }

    [Fact]
    public void ToString_StatesDeltaAndReduction()
    {
        Assert.Equal("HuberLoss(δ = 1.5, Mean)", new HuberLoss(1.5).ToString());
    }
}
