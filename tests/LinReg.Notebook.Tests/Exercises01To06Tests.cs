using LinReg.Data;
using LinReg.Losses;
using LinReg.Models;
using LinReg.Optim;
using LinReg.Training;

namespace LinReg.Notebook.Tests;

/// <summary>
/// The answers of the exercises of notebooks 01–06, each derived here independently of the answer table (by hand
/// arithmetic written out, a closed form, or by running the library the way the exercise asks the reader to), then
/// fed to the reader's check, which must say "correct".
/// </summary>
public class Exercises01To06Tests
{
    private static string Verdict(string id, double value) => Check.Verdict(Exercises.ById[id], value);

    private static string Verdict(string id, IReadOnlyList<double> values) => Check.Verdict(Exercises.ById[id], values);

    private static void AssertCorrect(string id, double value) => Assert.Equal($"✔ Exercise {id} correct", Verdict(id, value));

    private static void AssertWrong(string id, double value) => Assert.StartsWith($"✘ Exercise {id} not yet", Verdict(id, value));

    // ------------------------------------------------------------------ 01

    [Fact]
    public void Answer_01_1_PredictionForOnes_IsRight()
    {
        // ŷ = 1·2 + 1·(−3.4) + 4.2 (hand: 2 − 3.4 + 4.2 = 2.8)
        double yHat = 1 * 2.0 + 1 * -3.4 + 4.2;
        Assert.Equal(2.8, yHat, 12);
        AssertCorrect("1.1", yHat);
    }

    [Fact]
    public void Answer_01_2_HalfLossAtTwo_IsRight()
    {
        // residuals at w = 2: (2 − 3, 4 − 5) = (−1, −1); L = (1 + 1)/(2·2) = 0.5
        double[] x = [1, 2], y = [3, 5];
        double loss = x.Zip(y, (a, b) => (2 * a - b) * (2 * a - b)).Sum() / (2 * x.Length);
        Assert.Equal(0.5, loss, 15);
        AssertCorrect("1.2", loss);
    }

    [Fact]
    public void Answer_01_3_BestConstant_IsTheMeanAndMinimizesTheRisk()
    {
        double[] y = [-1, 8, 8.5, -3];
        double mean = y.Average();                     // (−1 + 8 + 8.5 − 3)/4 = 3.125
        double Risk(double b) => y.Sum(t => 0.5 * (b - t) * (b - t)) / y.Length;
        Assert.True(Risk(mean) < Risk(mean + 1e-3) && Risk(mean) < Risk(mean - 1e-3));
        AssertCorrect("1.3", mean);
    }

    // ------------------------------------------------------------------ 02 (02.1 and 02.2 are in CheckTests)

    [Fact]
    public void Answer_02_3_LearningRateForMseLoss_GivesTheSameFirstStep()
    {
        // nn.MSELoss gradient: (2/|B|) Σ rᵢxᵢ = −10, (2/|B|) Σ rᵢ = −4. η' must give 1 − η'(−10) = 1.5 → η' = 0.05.
        double gradW = 2.0 / 2 * ((1 * 1 - 2) * 1 + (1 * 3 - 6) * 3);
        double gradB = 2.0 / 2 * ((1 * 1 - 2) + (1 * 3 - 6));
        double eta = (1.5 - 1) / -gradW;
        Assert.Equal(0.2, 0 - eta * gradB, 12);        // the same η' also gives b = 0.2
        AssertCorrect("2.3", eta);
    }

    [Fact]
    public void Answer_02_4_SumReduction_TakesAStepTwiceAsLong()
    {
        // with the library: SquaredLoss(Sum) on the worked example, one ScratchSgd step at η = 0.1
        var batch = new Batch([1.0, 3.0], [2.0, 6.0], 1, [0, 1]);
        var model = new LinearRegressionScratch([1.0], 0.0);
        var loss = new SquaredLoss(Reduction.Sum);
        var sgd = new ScratchSgd(model.Parameters, 0.1);
        sgd.ZeroGrad();
        model.Backward(batch, loss.Backward(model.Forward(batch), batch.Y));
        sgd.Step();
        Assert.Equal(2.0, model.Weight.Value[0], 12);  // by hand: ∇w = (−1)(1) + (−3)(3) = −10, w = 1 + 1 = 2
        AssertCorrect("2.4", model.Weight.Value[0]);
    }

    [Fact]
    public void Answer_02_5_LargestStableRate_SeparatesConvergenceFromDivergence()
    {
        // Hessian of L_B: (1/|B|)[[Σx², Σx], [Σx, |B|]] = [[5, 2], [2, 1]]; λmax = 3 + √8; η* = 2/λmax.
        double trace = 6, det = 1;
        double lambdaMax = trace / 2 + Math.Sqrt(trace * trace / 4 - det);
        double etaStar = 2 / lambdaMax;
        AssertCorrect("2.5", etaStar);

        // and it is the boundary: full-batch GD just below converges, just above diverges
        static double LossAfter(double eta, int steps)
        {
            double w = 1, b = 0;
            for (int k = 0; k < steps; k++)
            {
                double r1 = w * 1 + b - 2, r2 = w * 3 + b - 6;
                double gw = (r1 * 1 + r2 * 3) / 2, gb = (r1 + r2) / 2;
                w -= eta * gw;
                b -= eta * gb;
            }
            return (Math.Pow(w * 1 + b - 2, 2) + Math.Pow(w * 3 + b - 6, 2)) / 4;
        }
        Assert.True(LossAfter(etaStar * 0.95, 2000) < 1e-6);
        Assert.True(LossAfter(etaStar * 1.05, 2000) > 1e6);
    }

    // ------------------------------------------------------------------ 03 (03.1 and 03.2 are in CheckTests)

    [Fact]
    public void Answer_03_3_MinimumLoss_OfWorkedExample2()
    {
        // w* = 13/5; residuals (2.6 − 3, 5.2 − 5) = (−0.4, 0.2); L = (0.16 + 0.04)/(2·2) = 0.05
        double w = 13.0 / 5;
        double loss = (Math.Pow(w * 1 - 3, 2) + Math.Pow(w * 2 - 5, 2)) / 4;
        Assert.Equal(0.05, loss, 12);
        AssertCorrect("3.3", loss);
    }

    // ------------------------------------------------------------------ 04

    [Fact]
    public void Answer_04_1_BatchesAndLastSize_MatchTheLoader()
    {
        // 1000 = 15·64 + 40 → 16 batches, the last of 40; and the library's loader agrees
        var loader = new DataLoader(SyntheticData.SeedListing(0), 64, shuffle: true, seed: 0);
        var sizes = loader.Select(b => b.Size).ToArray();
        Assert.Equal(16, sizes.Length);
        Assert.Equal(40, sizes[^1]);
        Assert.Equal($"✔ Exercise 4.1 correct", Verdict("4.1", [sizes.Length, sizes[^1]]));
    }

    [Fact]
    public void Answer_04_2_StepsOfTheListing_CountedByTheTrainer()
    {
        var data = SyntheticData.SeedListing(0);
        var model = new Linear(2, 0);
        var history = new Trainer(model, new MseLoss(halved: true), new Sgd(model.Parameters, 0.03)).Fit(new DataLoader(data, 32, seed: 0), 5);
        Assert.Equal(5 * 32, history.Steps.Count);   // ⌈1000/32⌉ = 32 per epoch
        AssertCorrect("4.2", history.Steps.Count);
    }

    // ------------------------------------------------------------------ 05

    [Fact]
    public void Answer_05_1_PredictedFactorAtPoint01()
    {
        // 0.99^64 = e^(64·ln 0.99) ≈ e^(−0.6432) ≈ 0.5256 → 1/0.5256 ≈ 1.90
        double factor = 1 / Math.Pow(1 - 0.01, 64);
        Assert.Equal(1.90, factor, 0.01);
        AssertCorrect("5.1", Math.Round(factor, 2));
        AssertCorrect("5.1", factor);
        Assert.StartsWith("✘", Verdict("5.1", 1 / Math.Pow(1 - 0.03, 64)));   // η = 0.03's factor is not it
    }

    /// <summary>Notebooks 05 and 06 train on 1000 of 1250 examples from the listing's generator (250 held out).</summary>
    private static Dataset TrainingSetOf05And06() =>
        Split.TrainValidation(SyntheticData.Linear([2.0, -3.4], 4.2, 1250, 0.01, seed: 0), 0.2, seed: 0).Train;

    [Fact]
    public void Answer_05_2_EpochsUntilWithin001_CountedByTraining()
    {
        var data = TrainingSetOf05And06();
        var model = new LinearRegressionScratch(2, 0);
        var trainer = new Trainer(model, new SquaredLoss(), new ScratchSgd(model.Parameters, 0.03));
        var iter = new DataIter(data, 32, shuffle: true, seed: 0);
        int epochs = 0;
        double err;
        do
        {
            trainer.Fit(iter, 1);
            epochs++;
            err = new[] { model.Weight.Value[0] - 2, model.Weight.Value[1] + 3.4, model.Bias.Value[0] - 4.2 }.Max(Math.Abs);
        } while (err >= 0.01 && epochs < 100);
        AssertCorrect("5.2", epochs);
    }

    [Fact]
    public void Answer_05_4_StepsForAThousandfoldShrink_ByIteratingTheFactor()
    {
        // multiply by 0.97 until the distance is ≤ 1/1000 of where it started (no logarithms)
        int steps = 0;
        for (double distance = 1; distance > 1e-3; distance *= 1 - 0.03) steps++;
        Assert.InRange(steps, 220, 235);
        AssertCorrect("5.4", steps);
        AssertWrong("5.4", steps - 1);
    }

    // ------------------------------------------------------------------ 06

    [Fact]
    public void Answer_06_1_LargestErrorWithTheHalfLoss()
    {
        var data = TrainingSetOf05And06();
        var net = new Linear(2, 0);
        new Trainer(net, new MseLoss(halved: true), new Sgd(net.Parameters, 0.03)).Fit(new DataLoader(data, 32, seed: 0), 5);
        double err = new[] { net.Weight.Value[0] - 2, net.Weight.Value[1] + 3.4, net.Bias.Value[0] - 4.2 }.Max(Math.Abs);
        AssertCorrect("6.1", Math.Round(err, 3));
        AssertCorrect("6.1", err);
    }

    [Fact]
    public void Answer_06_2_WeightDecayMakesTwoGroups()
    {
        var net = new Linear(2, 0);
        var sgd = new Sgd(net.Parameters, 0.03, weightDecay: 0.1);
        Assert.Contains(sgd.Groups, g => g.WeightDecay == 0.1 && g.Parameters.Single() == net.Weight);
        Assert.Contains(sgd.Groups, g => g.WeightDecay == 0 && g.Parameters.Single() == net.Bias);
        AssertCorrect("6.2", sgd.Groups.Count);
    }

    [Fact]
    public void Answer_06_4_LearningRateForASummedLoss_ReproducesTheListingWithFullBatches()
    {
        // With dropLast every minibatch has 32 examples: the Sum loss at η/32 must take exactly the Mean loss's steps.
        var data = TrainingSetOf05And06();
        double eta = 0.03 / 32;
        var mean = new Linear(2, 0);
        var sum = new Linear(2, 0);
        new Trainer(mean, new MseLoss(Reduction.Mean, halved: false), new Sgd(mean.Parameters, 0.03))
            .Fit(new DataLoader(data, 32, shuffle: true, seed: 0, dropLast: true), 5);
        new Trainer(sum, new MseLoss(Reduction.Sum, halved: false), new Sgd(sum.Parameters, eta))
            .Fit(new DataLoader(data, 32, shuffle: true, seed: 0, dropLast: true), 5);
        for (int j = 0; j < 2; j++) Assert.Equal(mean.Weight.Value[j], sum.Weight.Value[j], 12);
        Assert.Equal(mean.Bias.Value[0], sum.Bias.Value[0], 12);
        AssertCorrect("6.4", eta);
        AssertWrong("6.4", 0.03 * 32);   // the wrong direction
    }

    [Fact]
    public void Table_Notebooks01To06_EveryExerciseOfTheNotebooksIsRegistered()
    {
        // the ids the notebooks call Check.Answer with
        string[] used = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.2", "3.3",
            "4.1", "4.2", "5.1", "5.2", "6.1", "6.2"];
        foreach (var id in used) Assert.True(Exercises.ById.ContainsKey(id), $"exercise {id} is not registered");
    }
}
