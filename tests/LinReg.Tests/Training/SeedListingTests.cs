using LinReg.Data;
using LinReg.Losses;
using LinReg.Models;
using LinReg.Optim;
using LinReg.Training;

namespace LinReg.Tests.Training;

/// <summary>
/// The seed's code listing: n = 1000, d = 2, w = (2, −3.4), b = 4.2, noise 0.01, batch 32, lr 0.03, 5 epochs.
/// The truth is known because the data are synthetic: the loop must recover it.
/// The listing's loss is PyTorch's nn.MSELoss, mean (ŷ − y)² WITHOUT the ½, so it is reproduced with halved: false;
/// with the ½ the gradient (and so the step at lr 0.03) is half as large and 160 steps do not get within 0.01.
/// </summary>
public class SeedListingTests
{
    private const int Seed = 0;

    private static TrainingHistory Train(IRegressionModel model, bool concise)
    {
        var data = SyntheticData.SeedListing(Seed);
        IEnumerable<Batch> batches = concise ? new DataLoader(data, 32, shuffle: true, seed: Seed) : new DataIter(data, 32, shuffle: true, seed: Seed);
        ILoss loss = concise ? new MseLoss(halved: false) : new SquaredLoss(halved: false);
        IOptimizer opt = concise ? new Sgd(model.Parameters, 0.03) : new ScratchSgd(model.Parameters, 0.03);
        return new Trainer(model, loss, opt).Fit(batches, epochs: 5);
    }

    [Fact]
    public void Fit_SeedListing_LossFallsAndRecoversTheTruthWithin001()
    {
        var model = new LinearRegressionScratch(2, seed: Seed);
        var history = Train(model, concise: false);
        Assert.Equal(5, history.Epochs.Count);
        Assert.Equal(32 * 5, history.Steps.Count);   // ⌈1000/32⌉ = 32 batches per epoch
        for (int e = 1; e < 5; e++) Assert.True(history.Epochs[e].TrainLoss < history.Epochs[e - 1].TrainLoss, $"epoch {e} loss did not fall");
        Assert.InRange(model.Weight.Value[0], 2.0 - 0.01, 2.0 + 0.01);
        Assert.InRange(model.Weight.Value[1], -3.4 - 0.01, -3.4 + 0.01);
        Assert.InRange(model.Bias.Value[0], 4.2 - 0.01, 4.2 + 0.01);
        // with noise σ = 0.01 the best achievable mean (ŷ − y)² is ≈ σ² = 1e-4
        Assert.InRange(history.Epochs[^1].TrainLoss, 0, 1e-3);
    }

    [Fact]
    public void Fit_SeedListingWithTheHalf_NeedsTwiceTheLearningRateToMatch()
    {
        // ½(ŷ − y)² has half the gradient of (ŷ − y)²: at lr 0.06 it takes exactly the steps the listing takes at 0.03.
        var halved = new LinearRegressionScratch(2, seed: Seed);
        var data = SyntheticData.SeedListing(Seed);
        new Trainer(halved, new SquaredLoss(), new ScratchSgd(halved.Parameters, 0.06)).Fit(new DataIter(data, 32, seed: Seed), 5);
        var listing = new LinearRegressionScratch(2, seed: Seed);
        Train(listing, concise: false);
        for (int j = 0; j < 2; j++) Assert.Equal(listing.Weight.Value[j], halved.Weight.Value[j], 1e-12);
        Assert.Equal(listing.Bias.Value[0], halved.Bias.Value[0], 1e-12);
    }

    [Fact]
    public void Fit_SeedListing_ScratchAndConciseAgreeTo1e12()
    {
        var scratch = new LinearRegressionScratch(2, seed: Seed);
        var concise = new Linear(2, seed: Seed);
        var hs = Train(scratch, concise: false);
        var hc = Train(concise, concise: true);
        for (int j = 0; j < 2; j++) Assert.Equal(scratch.Weight.Value[j], concise.Weight.Value[j], 1e-12);
        Assert.Equal(scratch.Bias.Value[0], concise.Bias.Value[0], 1e-12);
        for (int e = 0; e < 5; e++) Assert.Equal(hs.Epochs[e].TrainLoss, hc.Epochs[e].TrainLoss, 1e-12);
    }

    [Fact]
    public void Fit_ObserverAndValidation_ReportEveryStepAndEpoch()
    {
        var (train, valid) = Split.TrainValidation(SyntheticData.SeedListing(Seed), 0.2, Seed);
        var model = new Linear(2, seed: Seed);
        int steps = 0, epochs = 0;
        var observer = new DelegateObserver(_ => steps++, _ => epochs++);
        var h = new Trainer(model, new MseLoss(halved: true), new Sgd(model.Parameters, 0.03)).Fit(new DataLoader(train, 32, seed: 1), 3, valid, observer);
        Assert.Equal(h.Steps.Count, steps);
        Assert.Equal(3, epochs);
        Assert.All(h.Epochs, e => Assert.NotNull(e.ValidationLoss));
        Assert.True(h.Epochs[^1].ValidationLoss < h.Epochs[0].ValidationLoss);
    }

    [Fact]
    public void Fit_HugeLearningRate_ThrowsDivergedNamingEpochStepAndRate()
    {
        var model = new LinearRegressionScratch(2, seed: Seed);
        var trainer = new Trainer(model, new SquaredLoss(), new Sgd(model.Parameters, 50.0));
        var ex = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(new DataIter(SyntheticData.SeedListing(Seed), 32, seed: Seed), 5));
        Assert.Equal(50.0, ex.LearningRate);
        Assert.Contains($"epoch {ex.Epoch}, step {ex.Step}", ex.Message);
        Assert.Contains("learning rate 50", ex.Message);
        Assert.False(double.IsFinite(ex.Loss));
        Assert.Equal(ex.History.Steps.Count, ex.Epoch * 32 + ex.Step);
    }

    [Fact]
    public void Fit_WithoutZeroGrad_GradientAccumulatesAndTheRunIsWorse()
    {
        // Without zero_grad the update at step t uses Σ_{s≤t} ∇L_s: the steps keep growing.
        var good = new LinearRegressionScratch(2, seed: Seed);
        var bad = new LinearRegressionScratch(2, seed: Seed);
        var data = SyntheticData.SeedListing(Seed);
        var hGood = new Trainer(good, new SquaredLoss(), new Sgd(good.Parameters, 0.03)).Fit(new DataIter(data, 32, seed: Seed), 5);
        var badTrainer = new Trainer(bad, new SquaredLoss(), new Sgd(bad.Parameters, 0.03)) { ZeroGradEachStep = false };
        // The accumulated gradient acts like momentum with no friction: the parameters oscillate around the optimum
        // instead of settling, so after 5 epochs the loss is still orders of magnitude above the correct run's.
        double badLoss;
        try { badLoss = badTrainer.Fit(new DataIter(data, 32, seed: Seed), 5).Epochs[^1].TrainLoss; }
        catch (TrainingDivergedException) { badLoss = double.PositiveInfinity; }
        Assert.True(badLoss > 100 * hGood.Epochs[^1].TrainLoss, $"no-zero-grad loss {badLoss} vs {hGood.Epochs[^1].TrainLoss}");
    }
}
