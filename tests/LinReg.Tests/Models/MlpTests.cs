using LinReg.Data;
using LinReg.Losses;
using LinReg.Models;
using LinReg.Optim;
using LinReg.Training;

namespace LinReg.Tests.Models;

/// <summary>
/// The MLP's contract beyond its gradients (see <see cref="MlpGradientPropertyTests"/>): a case computed by hand,
/// accumulation into the gradient buffers, identical hidden units staying identical, determinism for a seed, the
/// He/Xavier variances measured on large layers, the training loop of the linear models running it unchanged, and
/// bad input.
/// </summary>
public class MlpTests
{
    private static Batch BatchOf(double[] x, double[] y, int features = 1) =>
        new(x, y, features, Enumerable.Range(0, y.Length).ToArray());

    /// <summary>
    /// One ReLU unit with w₁ = 1, b₁ = 0, w₂ = 1, b₂ = 0 is the identity for x &gt; 0 and 0 for x &lt; 0. Batch
    /// x = (1, 2, −1), y = (2, 2, 0), the ½-squared loss averaged over the batch. By hand:
    /// z = (1, 2, −1), a = (1, 2, 0), ŷ = (1, 2, 0), r = ŷ − y = (−1, 0, 0), L = (½·1)/3 = 1/6, g = r/3 = (−1/3, 0, 0);
    /// ∂L/∂b₂ = Σg = −1/3; ∂L/∂w₂ = Σ g·a = −1/3; δ = g·w₂·φ′(z) = (−1/3, 0, 0) (φ′(−1) = 0);
    /// ∂L/∂w₁ = Σ δ·x = −1/3; ∂L/∂b₁ = Σ δ = −1/3. One SGD step with η = 0.3 adds 0.1 to every parameter.
    /// </summary>
    [Fact]
    public void OneReluUnit_IdentityLikeCase_MatchesTheHandComputation()
    {
        var net = new Mlp(new double[,] { { 1 } }, [0.0], [1.0], 0.0, Activation.ReLU);
        var batch = BatchOf([1, 2, -1], [2, 2, 0]);
        var loss = new SquaredLoss(Reduction.Mean);
        double[] yHat = net.Forward(batch);
        Assert.Equal([1.0, 2.0, 0.0], yHat);
        Assert.Equal(1.0 / 6, loss.Forward(yHat, batch.Y), 15);
        net.Backward(batch, loss.Backward(yHat, batch.Y));
        foreach (var p in net.Parameters) Assert.Equal(-1.0 / 3, p.Grad[0], 15);

        new Sgd(net.Parameters, learningRate: 0.3).Step();
        Assert.Equal(1.1, net.HiddenWeight.Value[0], 15);
        Assert.Equal(0.1, net.HiddenBias.Value[0], 15);
        Assert.Equal(1.1, net.OutputWeight.Value[0], 15);
        Assert.Equal(0.1, net.OutputBias.Value[0], 15);
    }

    /// <summary>
    /// One tanh unit, w₁ = 1, b₁ = 0, w₂ = 2, b₂ = 0.5, one example x = 0.5, y = 1, ½-squared loss. By hand with
    /// t = tanh 0.5: ŷ = 0.5 + 2t, r = ŷ − 1, ∂L/∂b₂ = r, ∂L/∂w₂ = r·t, ∂L/∂b₁ = r·2·(1 − t²), ∂L/∂w₁ = r·2·(1 − t²)·0.5.
    /// (Exercise 12.2 asks for ∂L/∂w₁.)
    /// </summary>
    [Fact]
    public void OneTanhUnit_OneExample_MatchesTheChainRuleByHand()
    {
        var net = new Mlp(new double[,] { { 1 } }, [0.0], [2.0], 0.5, Activation.Tanh);
        var batch = BatchOf([0.5], [1]);
        var loss = new SquaredLoss(Reduction.Mean);
        double t = Math.Tanh(0.5), r = 0.5 + 2 * t - 1;
        double[] yHat = net.Forward(batch);
        Assert.Equal(0.5 + 2 * t, yHat[0], 15);
        net.Backward(batch, loss.Backward(yHat, batch.Y));
        Assert.Equal(r * 2 * (1 - t * t) * 0.5, net.HiddenWeight.Grad[0], 15);
        Assert.Equal(r * 2 * (1 - t * t), net.HiddenBias.Grad[0], 15);
        Assert.Equal(r * t, net.OutputWeight.Grad[0], 15);
        Assert.Equal(r, net.OutputBias.Grad[0], 15);
    }

    [Fact]
    public void Backward_CalledTwiceWithoutZeroGrad_AccumulatesTwiceTheGradient_ZeroGradClearsIt()
    {
        var data = SyntheticData.Linear([1.0, -2.0, 0.5], 0.3, 20, 0.1, seed: 4);
        var batch = Batch.FromDataset(data);
        var loss = new SquaredLoss();
        foreach (var activation in new[] { Activation.Tanh, Activation.ReLU })
        {
            var net = new Mlp(3, 4, activation, seed: 2);
            net.Backward(batch, loss.Backward(net.Forward(batch), batch.Y));
            var once = net.Parameters.Select(p => (double[])p.Grad.Clone()).ToArray();
            Assert.Contains(once, g => g.Any(v => v != 0));
            net.Backward(batch, loss.Backward(net.Forward(batch), batch.Y));
            for (int i = 0; i < once.Length; i++)
                for (int k = 0; k < once[i].Length; k++)
                    Assert.Equal(2 * once[i][k], net.Parameters[i].Grad[k], 14);
            net.ZeroGrad();
            Assert.All(net.Parameters, p => Assert.All(p.Grad, v => Assert.Equal(0.0, v)));
        }
    }

    [Fact]
    public void Backward_DoesNotChangeTheParametersOrTheForwardPass()
    {
        var data = SyntheticData.Linear([1.0, -2.0], 0.3, 10, 0.1, seed: 5);
        var batch = Batch.FromDataset(data);
        var net = new Mlp(2, 3, Activation.Tanh, seed: 1);
        var before = net.Parameters.Select(p => (double[])p.Value.Clone()).ToArray();
        double[] yHat = net.Forward(batch);
        net.Backward(batch, new SquaredLoss().Backward(yHat, batch.Y));
        for (int i = 0; i < before.Length; i++) Assert.Equal(before[i], net.Parameters[i].Value);
        Assert.Equal(yHat, net.Forward(batch));
        Assert.Equal(yHat, net.Predict(data));
    }

    /// <summary>Largest difference between any hidden unit's (W₁ row, b₁, w₂) and unit 0's.</summary>
    private static double SpreadAcrossUnits(Mlp net)
    {
        int d = net.Features;
        double spread = 0;
        for (int k = 1; k < net.Hidden; k++)
        {
            for (int j = 0; j < d; j++) spread = Math.Max(spread, Math.Abs(net.HiddenWeight.Value[k * d + j] - net.HiddenWeight.Value[j]));
            spread = Math.Max(spread, Math.Abs(net.HiddenBias.Value[k] - net.HiddenBias.Value[0]));
            spread = Math.Max(spread, Math.Abs(net.OutputWeight.Value[k] - net.OutputWeight.Value[0]));
        }
        return spread;
    }

    private static void Train(Mlp net, Dataset data, int epochs = 5) =>
        new Trainer(net, new MseLoss(), new Sgd(net.Parameters, learningRate: 0.05))
            .Fit(new DataLoader(data, batchSize: 8, shuffle: true, seed: 3), epochs);

    [Theory]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.ReLU)]
    public void ZeroInitialization_OnlyTheOutputBiasEverMoves(Activation activation)
    {
        var data = SyntheticData.Linear([1.0, -2.0, 0.5], 0.3, 64, 0.1, seed: 6);
        var net = new Mlp(3, 5, activation, seed: 0, init: WeightInit.Zeros);
        Train(net, data);
        // φ(0) = 0 for both activations: a = 0, so ∂L/∂w₂ = Aᵀg = 0; w₂ = 0, so δ = 0 and ∂L/∂W₁ = ∂L/∂b₁ = 0
        Assert.All(net.HiddenWeight.Value, v => Assert.Equal(0.0, v));
        Assert.All(net.HiddenBias.Value, v => Assert.Equal(0.0, v));
        Assert.All(net.OutputWeight.Value, v => Assert.Equal(0.0, v));
        Assert.NotEqual(0.0, net.OutputBias.Value[0]);
        Assert.Equal(0.0, SpreadAcrossUnits(net));
    }

    [Theory]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.ReLU)]
    public void IdenticalNonzeroInitialization_UnitsMoveButStayExactlyIdentical(Activation activation)
    {
        var data = SyntheticData.Linear([1.0, -2.0, 0.5], 0.3, 64, 0.1, seed: 6);
        int h = 5;
        var w1 = new double[h, 3];
        for (int k = 0; k < h; k++) { w1[k, 0] = 0.3; w1[k, 1] = -0.2; w1[k, 2] = 0.1; }
        var net = new Mlp(w1, Enumerable.Repeat(0.1, h).ToArray(), Enumerable.Repeat(0.4, h).ToArray(), 0.0, activation);
        Train(net, data);
        Assert.NotEqual(0.3, net.HiddenWeight.Value[0]);      // they trained …
        Assert.Equal(0.0, SpreadAcrossUnits(net));            // … in lockstep: exactly the same numbers

        // the control: a random start gives different units, which stay different
        var random = new Mlp(3, h, activation, seed: 0);
        Train(random, data);
        Assert.True(SpreadAcrossUnits(random) > 0.01);
    }

    [Fact]
    public void SameSeed_SameNetworkAndSameTraining_OtherSeed_OtherNetwork()
    {
        var data = SyntheticData.Linear([1.0, -2.0], 0.3, 40, 0.1, seed: 7);
        var a = new Mlp(2, 6, Activation.ReLU, seed: 11);
        var b = new Mlp(2, 6, Activation.ReLU, seed: 11);
        var c = new Mlp(2, 6, Activation.ReLU, seed: 12);
        for (int i = 0; i < 4; i++) Assert.Equal(a.Parameters[i].Value, b.Parameters[i].Value);
        Assert.NotEqual(a.HiddenWeight.Value, c.HiddenWeight.Value);
        Train(a, data);
        Train(b, data);
        for (int i = 0; i < 4; i++) Assert.Equal(a.Parameters[i].Value, b.Parameters[i].Value);
    }

    private static double SampleVariance(double[] v) => v.Average(x => x * x);   // mean 0 is known

    [Theory]
    [InlineData(Activation.ReLU, WeightInit.Auto, 2.0 / 40, 2.0 / 5000)]          // He: 2/fan_in
    [InlineData(Activation.Tanh, WeightInit.Auto, 2.0 / (40 + 5000), 2.0 / (5000 + 1))]   // Xavier: 2/(fan_in + fan_out)
    [InlineData(Activation.Tanh, WeightInit.HeNormal, 2.0 / 40, 2.0 / 5000)]
    [InlineData(Activation.ReLU, WeightInit.XavierNormal, 2.0 / (40 + 5000), 2.0 / (5000 + 1))]
    public void Initialization_DrawsWithTheStatedVariance(Activation activation, WeightInit init, double hiddenVariance, double outputVariance)
    {
        var net = new Mlp(40, 5000, activation, seed: 1, init);
        // 200,000 draws: the sample variance's relative sd is √(2/200000) ≈ 0.3%; 5,000 draws: 2%. Allow 5 sd.
        Assert.Equal(1, SampleVariance(net.HiddenWeight.Value) / hiddenVariance, 0.016);
        Assert.Equal(1, SampleVariance(net.OutputWeight.Value) / outputVariance, 0.1);
        Assert.Equal(0, Math.Abs(net.HiddenWeight.Value.Average()) / Math.Sqrt(hiddenVariance), 0.02);
        Assert.All(net.HiddenBias.Value, v => Assert.Equal(0.0, v));
        Assert.Equal(0.0, net.OutputBias.Value[0]);
        Assert.Equal(init == WeightInit.Auto ? (activation == Activation.ReLU ? WeightInit.HeNormal : WeightInit.XavierNormal) : init, net.Init);
    }

    [Fact]
    public void Parameters_FourSeparateOnes_BiasesMarked_SoWeightDecaySkipsThem()
    {
        var net = new Mlp(3, 4);
        Assert.Equal(["hidden.weight", "hidden.bias", "output.weight", "output.bias"], net.Parameters.Select(p => p.Name));
        Assert.Equal([12, 4, 4, 1], net.Parameters.Select(p => p.Length));
        Assert.Equal([false, true, false, true], net.Parameters.Select(p => p.IsBias));
        var sgd = new Sgd(net.Parameters, 0.1, weightDecay: 0.01);
        Assert.Equal(2, sgd.Groups.Count);
        Assert.Equal([net.HiddenWeight, net.OutputWeight], sgd.Groups[0].Parameters);
        Assert.Equal(0.01, sgd.Groups[0].WeightDecay);
        Assert.Equal([net.HiddenBias, net.OutputBias], sgd.Groups[1].Parameters);
        Assert.Equal(0.0, sgd.Groups[1].WeightDecay);
    }

    [Fact]
    public void TheLinearModelsLoop_TrainsTheMlp_AndItFitsACurveNoLineCan()
    {
        // y = x² on [−1, 1]: the best line is the constant E[x²] = 1/3, with MSE Var(x²) = 1/5 − 1/9 = 4/45 ≈ 0.089
        var rng = new Random(5);
        double[] x = Enumerable.Range(0, 256).Select(_ => 2 * rng.NextDouble() - 1).ToArray();
        var data = new Dataset(x, x.Select(v => v * v).ToArray(), 1);
        var net = new Mlp(1, 8, Activation.Tanh, seed: 0);
        var history = new Trainer(net, new MseLoss(), new Sgd(net.Parameters, learningRate: 0.1))
            .Fit(new DataLoader(data, batchSize: 16, shuffle: true, seed: 0), epochs: 300);
        double mse = data.Y.Zip(net.Predict(data), (y, p) => (p - y) * (p - y)).Average();
        Assert.True(mse < 0.1 * 4 / 45, $"MSE {mse}");
        Assert.True(history.Epochs[^1].TrainLoss < history.Epochs[0].TrainLoss / 5);
    }

    [Fact]
    public void BadArguments_ThrowNamingTheArgumentAndTheValue()
    {
        var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => new Mlp(0, 3));
        Assert.Equal("features", e1.ParamName);
        Assert.Contains("got 0", e1.Message);
        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => new Mlp(2, -1));
        Assert.Equal("hidden", e2.ParamName);
        Assert.Contains("got -1", e2.Message);
        var e3 = Assert.Throws<ArgumentOutOfRangeException>(() => new Mlp(2, 3, (Activation)7));
        Assert.Equal("activation", e3.ParamName);
        Assert.Contains("got 7", e3.Message);
        var e4 = Assert.Throws<ArgumentOutOfRangeException>(() => new Mlp(2, 3, Activation.Tanh, 0, (WeightInit)9));
        Assert.Equal("init", e4.ParamName);
        var e5 = Assert.Throws<ArgumentOutOfRangeException>(() => Mlp.Variance(WeightInit.Auto, 3, 4));
        Assert.Equal("init", e5.ParamName);
        Assert.Equal("fanIn", Assert.Throws<ArgumentOutOfRangeException>(() => Mlp.Variance(WeightInit.HeNormal, 0, 4)).ParamName);
    }

    [Fact]
    public void BadGivenParameters_ThrowNamingTheArgumentAndTheShapes()
    {
        var e1 = Assert.Throws<ArgumentException>(() => new Mlp(new double[2, 3], [0.0], [1.0, 1.0], 0));
        Assert.Equal("hiddenBias", e1.ParamName);
        Assert.Contains("1 values", e1.Message);
        Assert.Contains("h = 2", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => new Mlp(new double[2, 3], [0.0, 0.0], [1.0], 0));
        Assert.Equal("outputWeight", e2.ParamName);
        var e3 = Assert.Throws<ArgumentException>(() => new Mlp(new double[0, 3], [], [], 0));
        Assert.Equal("hiddenWeight", e3.ParamName);
        Assert.Contains("0×3", e3.Message);
        var w = new double[2, 2];
        w[1, 0] = double.NaN;
        var e4 = Assert.Throws<ArgumentException>(() => new Mlp(w, [0.0, 0.0], [1.0, 1.0], 0));
        Assert.Equal("hiddenWeight", e4.ParamName);
        Assert.Contains("row 1, column 0", e4.Message);
        Assert.Equal("hiddenBias", Assert.Throws<ArgumentException>(() => new Mlp(new double[1, 1], [double.PositiveInfinity], [1.0], 0)).ParamName);
        Assert.Equal("outputBias", Assert.Throws<ArgumentOutOfRangeException>(() => new Mlp(new double[1, 1], [0.0], [1.0], double.NaN)).ParamName);
        Assert.Throws<ArgumentNullException>(() => new Mlp(null!, [0.0], [1.0], 0));
    }

    [Fact]
    public void DataOfAnotherShape_ThrowsNamingTheBatchOrTheDataset()
    {
        var net = new Mlp(3, 2);
        var batch = BatchOf([1, 2, 3, 4], [1, 2], features: 2);
        var e1 = Assert.Throws<ArgumentException>(() => net.Forward(batch));
        Assert.Equal("batch", e1.ParamName);
        Assert.Contains("d = 3 inputs but the data has 2 features", e1.Message);
        Assert.Equal("batch", Assert.Throws<ArgumentException>(() => net.Backward(batch, [1.0, 1.0])).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentException>(() => net.Predict(new Dataset([1, 2], [1], 2))).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentException>(() => net.HiddenActivations(new Dataset([1, 2], [1], 2))).ParamName);
        var good = BatchOf([1, 2, 3, 4, 5, 6], [1, 2], features: 3);
        var e2 = Assert.Throws<ArgumentException>(() => net.Backward(good, [1.0]));
        Assert.Equal("gradOutput", e2.ParamName);
        Assert.Contains("1 values but the batch has 2", e2.Message);
    }

    [Fact]
    public void HiddenActivations_AreTheActivationOfTheHiddenLayer()
    {
        var net = new Mlp(new double[,] { { 1, -1 }, { 0.5, 2 } }, [0.0, -1.0], [1.0, 1.0], 0, Activation.ReLU);
        var a = net.HiddenActivations(new Dataset([1, 2, 3, -1], [0, 0], 2));
        // example (1, 2): z = (1 − 2, 0.5 + 4 − 1) = (−1, 3.5); example (3, −1): z = (4, 1.5 − 2 − 1) = (4, −1.5)
        Assert.Equal([0.0, 3.5, 4.0, 0.0], a);
        Assert.Equal("Mlp(in=2, hidden=2, ReLU, out=1): 9 parameters", net.ToString());
    }
}
