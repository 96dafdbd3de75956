using LinReg.Data;
using LinReg.Fast;
using LinReg.Losses;
using LinReg.Models;
using LinReg.Optim;
using LinReg.Training;

namespace LinReg.Tests.Fast;

/// <summary>
/// FastSgdTrainer.TryCreate: the exception-free switch from a readable Trainer to the fast trainer. Supported pieces give
/// a fast trainer whose numbers equal the readable loop's (the reference: Trainer.Fit on a twin model with the same
/// seeds); every unsupported piece gives false and a reason naming it, never an exception.
/// </summary>
public class FastSgdTrainerSwitchTests
{
    private static readonly Dataset Data = SyntheticData.SeedListing(0);

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void TryCreate_SupportedPieces_FastTrainerGivesTheReadableNumbers(bool scratchModel, bool weightDecay)
    {
        IRegressionModel Model() => scratchModel ? new LinearRegressionScratch(2, seed: 0) : new Linear(2, seed: 0);
        IOptimizer Optimizer(IRegressionModel m) => weightDecay ? new Sgd(m.Parameters, 0.03, weightDecay: 0.01) : new ScratchSgd(m.Parameters, 0.03);
        var readableModel = Model();
        var readable = new Trainer(readableModel, new MseLoss(), Optimizer(readableModel));
        var fastModel = Model();
        var source = new Trainer(fastModel, new MseLoss(), Optimizer(fastModel));

        bool created = FastSgdTrainer.TryCreate(source, out var fast, out var reason);

        Assert.True(created, reason);
        Assert.StartsWith("Supported", reason);
        Assert.Same(fastModel, fast!.Model);
        Assert.Equal(weightDecay ? 0.01 : 0, fast.WeightDecay);
        var he = readable.Fit(new DataIter(Data, 32, shuffle: true, seed: 0), 3);
        var ha = fast.Fit(new DataIter(Data, 32, shuffle: true, seed: 0), 3);
        for (int k = 0; k < 2; k++)
            for (int j = 0; j < readableModel.Parameters[k].Length; j++)
                Assert.Equal(readableModel.Parameters[k].Value[j], fastModel.Parameters[k].Value[j], 1e-10);
        for (int e = 0; e < 3; e++) Assert.Equal(he.Epochs[e].TrainLoss, ha.Epochs[e].TrainLoss, 1e-10);
    }

    private sealed class AbsoluteLoss : ILoss
    {
        public Reduction Reduction => Reduction.Mean;
        public double Forward(ReadOnlySpan<double> yHat, ReadOnlySpan<double> y) => 0;
        public double[] Backward(ReadOnlySpan<double> yHat, ReadOnlySpan<double> y) => new double[y.Length];
    }

    private sealed class OtherModel : Module, IRegressionModel
    {
        public OtherModel() => Register(new Parameter("θ", [0.0]));
        public int Features => 2;
        public double[] Forward(Batch batch) => new double[batch.Size];
        public void Backward(Batch batch, ReadOnlySpan<double> gradOutput) { }
        public double[] Predict(Dataset data) => new double[data.Count];
    }

    public static TheoryData<string, string> Unsupported => new()
    {
        { "model", "The model is a OtherModel" },
        { "loss", "The loss is a AbsoluteLoss" },
        { "zero-grad", "ZeroGradEachStep is off" },
        { "divisor", "divides the gradient by 32" },
        { "bias-decay", "The bias is decayed (λ = 0.1)" },
        { "group-lr", "has its own learning rate (0.5)" },
        { "other-parameters", "not exactly the model's weight and bias" },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void TryCreate_UnsupportedPiece_FalseWithTheReasonAndNoException(string piece, string expectedReason)
    {
        var model = new LinearRegressionScratch(2, seed: 0);
        var other = new LinearRegressionScratch(2, seed: 1);
        Trainer trainer = piece switch
        {
            "model" => new Trainer(new OtherModel(), new SquaredLoss(), new Sgd(new OtherModel().Parameters, 0.1)),
            "loss" => new Trainer(model, new AbsoluteLoss(), new Sgd(model.Parameters, 0.1)),
            "zero-grad" => new Trainer(model, new SquaredLoss(), new Sgd(model.Parameters, 0.1)) { ZeroGradEachStep = false },
            "divisor" => new Trainer(model, new SquaredLoss(Reduction.Sum), new ScratchSgd(model.Parameters, 0.1, divisor: 32)),
            "bias-decay" => new Trainer(model, new SquaredLoss(), new Sgd(model.Parameters, 0.1, weightDecay: 0.1, decayBias: true)),
            "group-lr" => new Trainer(model, new SquaredLoss(), new Sgd([new ParameterGroup(model.Parameters, 0, learningRate: 0.5)], 0.1)),
            "other-parameters" => new Trainer(model, new SquaredLoss(), new Sgd(other.Parameters, 0.1)),
            _ => throw new ArgumentOutOfRangeException(nameof(piece)),
        };

        bool created = FastSgdTrainer.TryCreate(trainer, out var fast, out var reason);

        Assert.False(created);
        Assert.Null(fast);
        Assert.Contains(expectedReason, reason);
    }

    [Fact]
    public void TryCreate_NullTrainer_FalseWithAReason()
    {
        Assert.False(FastSgdTrainer.TryCreate(null, out var fast, out var reason));
        Assert.Null(fast);
        Assert.Contains("null", reason);
    }
}
