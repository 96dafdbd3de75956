using LinReg.Probability;
using LinReg.Data;
using LinReg.Fast;
using LinReg.Losses;
using LinReg.Models;
using LinReg.Optim;
using LinReg.Training;

namespace LinReg.Tests.Fast;

/// <summary>
/// The fast SGD path against the readable one. The reference numbers come from the from-scratch loop
/// (Trainer + LinearRegressionScratch + SquaredLoss + Sgd + DataIter), which the seed-listing tests check against the
/// known truth: the fast path must reproduce them to 1e-10 with the same seed.
/// </summary>
public class FastSgdTrainerTests
{
    private const int Seed = 0;

    private static (LinearRegressionScratch Model, TrainingHistory History) Reference(Dataset data, ILoss loss, int batch, double lr,
        int epochs, double weightDecay = 0, bool shuffle = true, bool dropLast = false, Dataset? validation = null)
    {
        var model = new LinearRegressionScratch(data.Features, seed: Seed);
        var h = new Trainer(model, loss, new Sgd(model.Parameters, lr, weightDecay))
            .Fit(new DataIter(data, batch, shuffle, Seed, dropLast), epochs, validation);
        return (model, h);
    }

    private static void AssertSame(IRegressionModel expected, TrainingHistory he, IRegressionModel actual, TrainingHistory ha, double tol = 1e-10)
    {
        // through the general contract: the parameters in order, weight then bias
        Assert.Equal(expected.Parameters.Count, actual.Parameters.Count);
        for (int k = 0; k < expected.Parameters.Count; k++)
            for (int j = 0; j < expected.Parameters[k].Length; j++)
                Assert.Equal(expected.Parameters[k].Value[j], actual.Parameters[k].Value[j], tol);
        Assert.Equal(he.Epochs.Count, ha.Epochs.Count);
        for (int e = 0; e < he.Epochs.Count; e++)
        {
            Assert.Equal(he.Epochs[e].TrainLoss, ha.Epochs[e].TrainLoss, tol);
            Assert.Equal(he.Epochs[e].ValidationLoss.HasValue, ha.Epochs[e].ValidationLoss.HasValue);
            if (he.Epochs[e].ValidationLoss is { } v) Assert.Equal(v, ha.Epochs[e].ValidationLoss!.Value, tol);
        }
        Assert.Equal(he.Steps.Count, ha.Steps.Count);
        for (int s = 0; s < he.Steps.Count; s++)
        {
            Assert.Equal(he.Steps[s].Loss, ha.Steps[s].Loss, tol);
            Assert.Equal(he.Steps[s].BatchSize, ha.Steps[s].BatchSize);
            Assert.Equal(he.Steps[s].Epoch, ha.Steps[s].Epoch);
            Assert.Equal(he.Steps[s].Step, ha.Steps[s].Step);
        }
    }

    [Theory]
    [InlineData(false, Reduction.Mean)]   // the seed's listing: nn.MSELoss, mean (ŷ − y)², no ½
    [InlineData(true, Reduction.Mean)]    // the book's ½(ŷ − y)², mean
    [InlineData(true, Reduction.Sum)]
    public void Fit_SeedListing_SameNumbersAsTrainerTo1e10(bool halved, Reduction reduction)
    {
        var data = SyntheticData.SeedListing(Seed);
        double lr = reduction == Reduction.Sum ? 0.001 : 0.03;
        var (reference, hr) = Reference(data, new SquaredLoss(reduction, halved), 32, lr, 5);

        var fast = new LinearRegressionScratch(2, seed: Seed);
        var hf = new FastSgdTrainer(fast, new SquaredLoss(reduction, halved), lr).Fit(new DataIter(data, 32, seed: Seed), 5);

        AssertSame(reference, hr, fast, hf);
        Assert.Equal(5 * 32, hf.Steps.Count);
        // and the listing's truth (w = (2, −3.4), b = 4.2) is recovered as the readable loop recovers it
        if (!halved && reduction == Reduction.Mean)
        {
            Assert.InRange(fast.Weight.Value[0], 1.99, 2.01);
            Assert.InRange(fast.Weight.Value[1], -3.41, -3.39);
            Assert.InRange(fast.Bias.Value[0], 4.19, 4.21);
        }
    }

    [Fact]
    public void Fit_ConcisePiecesDataLoaderAndLinear_SameNumbersAsConciseTrainer()
    {
        var data = SyntheticData.SeedListing(Seed);
        var concise = new Linear(2, seed: Seed);
        var hc = new Trainer(concise, new MseLoss(halved: false), new Sgd(concise.Parameters, 0.03))
            .Fit(new DataLoader(data, 32, seed: Seed), 5);

        var fast = new Linear(2, seed: Seed);
        var hf = new FastSgdTrainer(fast, new MseLoss(halved: false), 0.03).Fit(new DataLoader(data, 32, seed: Seed), 5);

        AssertSame(concise, hc, fast, hf);
    }

    [Theory]
    [InlineData(37, 16)]    // 37 = 4·8 + 4 + 1: every SIMD width and the scalar tail
    [InlineData(100, 32)]   // the benchmark's shape (12·8 + 4)
    [InlineData(3, 7)]      // narrower than a vector; n = 500 is not a multiple of 7 (partial last batch)
    public void Fit_WiderData_SameNumbersAsTrainerTo1e10(int d, int batch)
    {
        var rng = new NormalSampler(3);
        var trueW = new double[d];
        rng.Fill(trueW);
        var data = SyntheticData.Linear(trueW, 0.5, 500, 0.1, seed: 4);
        var valid = SyntheticData.Linear(trueW, 0.5, 100, 0.1, seed: 5);
        var (reference, hr) = Reference(data, new SquaredLoss(), batch, 0.03, 3, validation: valid);

        var fast = new LinearRegressionScratch(d, seed: Seed);
        var hf = new FastSgdTrainer(fast, new SquaredLoss(), 0.03).Fit(new DataIter(data, batch, seed: Seed), 3, valid);

        AssertSame(reference, hr, fast, hf);
        Assert.All(hf.Epochs, e => Assert.NotNull(e.ValidationLoss));
    }

    [Fact]
    public void Fit_WeightDecayNoShuffleDropLast_SameNumbersAsSgd()
    {
        var data = SyntheticData.SeedListing(Seed);
        var (reference, hr) = Reference(data, new SquaredLoss(), 64, 0.05, 4, weightDecay: 0.1, shuffle: false, dropLast: true);

        var fast = new LinearRegressionScratch(2, seed: Seed);
        var hf = new FastSgdTrainer(fast, new SquaredLoss(), 0.05, weightDecay: 0.1)
            .Fit(new DataIter(data, 64, shuffle: false, seed: Seed, dropLast: true), 4);

        AssertSame(reference, hr, fast, hf);
        Assert.Equal(4 * 15, hf.Steps.Count);   // ⌊1000/64⌋ = 15 full batches per epoch
    }

    [Fact]
    public void Fit_TwoCallsOnOneIterator_ContinueTheSameShuffleSequence()
    {
        // The iterator's generator persists across epochs AND calls, for both paths.
        var data = SyntheticData.SeedListing(Seed);
        var reference = new LinearRegressionScratch(2, seed: Seed);
        var iterR = new DataIter(data, 32, seed: 9);
        var trainer = new Trainer(reference, new SquaredLoss(), new Sgd(reference.Parameters, 0.03));
        trainer.Fit(iterR, 1);
        var hr = trainer.Fit(iterR, 1);

        var fast = new LinearRegressionScratch(2, seed: Seed);
        var iterF = new DataIter(data, 32, seed: 9);
        var ft = new FastSgdTrainer(fast, new SquaredLoss(), 0.03);
        ft.Fit(iterF, 1);
        var hf = ft.Fit(iterF, 1);

        AssertSame(reference, hr, fast, hf);
    }

    [Fact]
    public void Fit_Gradients_LeftAsAfterTheLastStepLikeTrainer()
    {
        var data = SyntheticData.SeedListing(Seed);
        var (reference, _) = Reference(data, new SquaredLoss(), 32, 0.03, 2);
        var fast = new LinearRegressionScratch(2, seed: Seed);
        new FastSgdTrainer(fast, new SquaredLoss(), 0.03).Fit(new DataIter(data, 32, seed: Seed), 2);
        for (int j = 0; j < 2; j++) Assert.Equal(reference.Weight.Grad[j], fast.Weight.Grad[j], 1e-12);
        Assert.Equal(reference.Bias.Grad[0], fast.Bias.Grad[0], 1e-12);
    }

    [Fact]
    public void Fit_Observer_ReceivesEveryStepAndEpoch()
    {
        var data = SyntheticData.SeedListing(Seed);
        int steps = 0, epochs = 0;
        var model = new LinearRegressionScratch(2, seed: Seed);
        var ft = new FastSgdTrainer(model, new SquaredLoss(), 0.03) { RecordSteps = false };
        var h = ft.Fit(new DataIter(data, 100, seed: Seed), 3, observer: new DelegateObserver(_ => steps++, _ => epochs++));
        Assert.Equal(30, steps);
        Assert.Equal(3, epochs);
        Assert.Empty(h.Steps);        // not recorded, but still observed
        Assert.Equal(3, h.Epochs.Count);
    }

    [Fact]
    public void Fit_HugeLearningRate_ThrowsDivergedAtTheSameStepAsTrainer()
    {
        var data = SyntheticData.SeedListing(Seed);
        var reference = new LinearRegressionScratch(2, seed: Seed);
        var er = Assert.Throws<TrainingDivergedException>(() =>
            new Trainer(reference, new SquaredLoss(), new Sgd(reference.Parameters, 50.0)).Fit(new DataIter(data, 32, seed: Seed), 5));

        var fast = new LinearRegressionScratch(2, seed: Seed);
        var ef = Assert.Throws<TrainingDivergedException>(() =>
            new FastSgdTrainer(fast, new SquaredLoss(), 50.0).Fit(new DataIter(data, 32, seed: Seed), 5));

        Assert.Equal(er.Epoch, ef.Epoch);
        Assert.Equal(er.Step, ef.Step);
        Assert.Contains("learning rate 50", ef.Message);
    }

    [Fact]
    public void Fit_RecordStepsOff_AllocatesNothingPerMinibatch()
    {
        // The same 20 000 rows for 2 epochs, once in batches of 8 (5 000 minibatches) and once in batches of 2 000
        // (20). What does not depend on the number of minibatches (the permutation, the gradient buffer, the history,
        // a stopwatch, and the odd kilobyte the runtime allocates on this thread, e.g. when a method is re-jitted) is the
        // same in both and cancels in the difference. One object per minibatch (24 bytes at least) would make the
        // difference ≥ 24 × 4 980 ≈ 120 KB; the bound, 8 bytes per extra minibatch, is a third of that.
        var rng = new NormalSampler(1);
        var w = new double[20];
        rng.Fill(w);
        var data = SyntheticData.Linear(w, 1, 20_000, 0.1, seed: 2);

        long AllocatedFor(int batchSize)
        {
            var model = new LinearRegressionScratch(20, seed: Seed);
            var ft = new FastSgdTrainer(model, new SquaredLoss(), 0.01) { RecordSteps = false };
            ft.Fit(new DataIter(data, batchSize, seed: Seed), 1);   // JIT warm-up
            long before = GC.GetAllocatedBytesForCurrentThread();
            ft.Fit(new DataIter(data, batchSize, seed: Seed), 2);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        AllocatedFor(8);
        AllocatedFor(2_000);
        long small = AllocatedFor(8), large = AllocatedFor(2_000);
        int extraMinibatches = 2 * (20_000 / 8 - 20_000 / 2_000);

        Assert.True(small - large < 8L * extraMinibatches,
            $"{small} bytes for 2 epochs in batches of 8, {large} in batches of 2 000: {(small - large) / (double)extraMinibatches:F1} bytes per extra minibatch");
    }

    [Fact]
    public void Evaluate_Matches_TrainerEvaluate()
    {
        var data = SyntheticData.SeedListing(Seed);
        var model = new LinearRegressionScratch([1.5, -2.0], 3.0);
        double expected = new Trainer(model, new SquaredLoss(), new Sgd(model.Parameters, 0.1)).Evaluate(data);
        Assert.Equal(expected, new FastSgdTrainer(model, new SquaredLoss(), 0.1).Evaluate(data), 1e-12);
    }

    private sealed class AbsoluteLoss : ILoss
    {
        public Reduction Reduction => Reduction.Mean;
        public double Forward(ReadOnlySpan<double> yHat, ReadOnlySpan<double> y) => 0;
        public double[] Backward(ReadOnlySpan<double> yHat, ReadOnlySpan<double> y) => new double[y.Length];
    }

    [Fact]
    public void Constructor_BadArguments_ThrowStandardExceptionsNamingThem()
    {
        var model = new LinearRegressionScratch(2, seed: Seed);
        var ex = Assert.Throws<ArgumentException>(() => new FastSgdTrainer(model, new AbsoluteLoss(), 0.1));
        Assert.Equal("loss", ex.ParamName);
        Assert.Contains("AbsoluteLoss", ex.Message);
        var lr = Assert.Throws<ArgumentOutOfRangeException>(() => new FastSgdTrainer(model, new SquaredLoss(), -0.1));
        Assert.Contains("-0.1", lr.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FastSgdTrainer(model, new SquaredLoss(), 0.1, weightDecay: -1));
        Assert.Throws<ArgumentNullException>(() => new FastSgdTrainer((LinearRegressionScratch)null!, new SquaredLoss(), 0.1));
    }

    [Fact]
    public void Fit_BadArguments_ThrowStandardExceptionsNamingThem()
    {
        var data = SyntheticData.SeedListing(Seed);
        var ft = new FastSgdTrainer(new LinearRegressionScratch(3, seed: Seed), new SquaredLoss(), 0.1);
        var features = Assert.Throws<ArgumentException>(() => ft.Fit(new DataIter(data, 32), 1));
        Assert.Contains("3 weights but the data has 2 features", features.Message);
        var ok = new FastSgdTrainer(new LinearRegressionScratch(2, seed: Seed), new SquaredLoss(), 0.1);
        var epochs = Assert.Throws<ArgumentOutOfRangeException>(() => ok.Fit(new DataIter(data, 32), 0));
        Assert.Equal("epochs", epochs.ParamName);
        Assert.Throws<ArgumentNullException>(() => ok.Fit((DataIter)null!, 1));
    }
}
