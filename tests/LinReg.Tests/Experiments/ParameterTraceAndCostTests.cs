using LinReg.Experiments;
using LinReg.Data;
using LinReg.Losses;
using LinReg.Models;
using LinReg.Optim;
using LinReg.Training;

namespace LinReg.Tests.Experiments;

public class ParameterTraceAndCostTests
{
    [Fact]
    public void ParameterTrace_WorkedExample1_RecordsStartAndEveryStep()
    {
        // worked example 1: from w = 1, b = 0 one step with η = 0.1 gives w = 1.5, b = 0.2
        var model = new LinearRegressionScratch([1.0], 0.0);
        var trace = new ParameterTrace(model);
        var data = new Dataset([1, 3], [2, 6], 1);
        new Trainer(model, new SquaredLoss(), new ScratchSgd(model.Parameters, 0.1)).Fit(new DataIter(data, 2, shuffle: false), 2, observer: trace);
        Assert.Equal(3, trace.Count);
        Assert.Equal(1.0, trace.Weights[0][0]);
        Assert.Equal(1.5, trace.Weights[1][0], 12);
        Assert.Equal(0.2, trace.Biases[1], 12);
        Assert.Equal(new[] { 1.0, 1.5 }, trace.Weight(0)[..2].Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void StepsToReach_HandPath_FindsFirstStepWithinTolerance()
    {
        var model = new LinearRegressionScratch([4.0], 0.0);
        var trace = new ParameterTrace(model);
        foreach (double w in new[] { 2.0, 1.0, 0.5, 0.25 })
        {
            model.Weight.Value[0] = w;
            trace.OnStep(new StepMetrics(0, 0, 0, 1, 0, 0.1));
        }
        // distances to w* = 0: 4, 2, 1, 0.5, 0.25 → ≤ 0.1·4 first at k = 4
        Assert.Equal(4, trace.StepsToReach([0.0], 0.0, 0.1));
        Assert.Null(trace.StepsToReach([0.0], 0.0, 0.01));
        Assert.Equal([4.0, 2, 1, 0.5, 0.25], trace.DistancesTo([0.0], 0.0));
        Assert.Throws<ArgumentException>(() => trace.StepsToReach([0.0, 1.0], 0, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => trace.StepsToReach([0.0], 0, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => trace.Weight(1));
    }

    [Fact]
    public void CostModel_SmallCase_MatchesHandCount()
    {
        // n = 10, d = 2 → p = 3: Gram 10·3·4/2 = 60, Xᵀy 30, Cholesky 27/6 = 4.5, solves 9 → 103.5
        Assert.Equal(103.5, CostModel.NormalEquationMultiplyAdds(10, 2), 12);
        // epoch with |B| = 4: 2·10·2 + 10 + ⌈10/4⌉·3 = 40 + 10 + 9 = 59
        Assert.Equal(59, CostModel.SgdEpochMultiplyAdds(10, 2, 4), 12);
        Assert.Equal(72, CostModel.GramMatrixBytes(2));
    }

    [Fact]
    public void CostModel_Ratio_GrowsAboutLinearlyInD()
    {
        double Ratio(long d) => CostModel.NormalEquationMultiplyAdds(100_000, d) / CostModel.SgdEpochMultiplyAdds(100_000, d, 32);
        // leading terms n·d²/2 against 2·n·d → ratio ≈ d/4
        Assert.InRange(Ratio(400) / 100, 0.95, 1.1);
        Assert.InRange(Ratio(800) / Ratio(400), 1.9, 2.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => CostModel.NormalEquationMultiplyAdds(0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => CostModel.SgdEpochMultiplyAdds(10, 3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CostModel.GramMatrixBytes(-1));
    }
}

public class LossRecorderTests
{
    [Fact]
    public void LossRecorder_EveryTwoSteps_RecordsFullDataLossAndFractionalEpochs()
    {
        var data = SyntheticData.SeedListing(0);
        var model = new LinearRegressionScratch(2, seed: 0);
        var trainer = new Trainer(model, new SquaredLoss(), new Sgd(model.Parameters, 0.03));
        var seen = new List<LossRecord>();
        var rec = new LossRecorder(trainer, data, 2, seen.Add);
        trainer.Fit(new DataIter(data, 100, shuffle: true, seed: 1), 2, observer: rec);
        Assert.Equal(10, rec.Records.Count);                      // 20 steps, every 2nd
        Assert.Equal(rec.Records, seen);                          // the callback saw every record
        Assert.Equal(0.2, rec.Records[0].Epochs, 12);             // 200 of 1000 examples
        Assert.Equal(2.0, rec.Records[^1].Epochs, 12);
        Assert.Equal(trainer.Evaluate(data), rec.Records[^1].Loss, 15);   // the last record is the final model
        for (int k = 1; k < rec.Records.Count; k++) Assert.True(rec.Records[k].ComputeTime >= rec.Records[k - 1].ComputeTime);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LossRecorder(trainer, data, 0));
        Assert.Throws<ArgumentException>(() => new LossRecorder(trainer, new Dataset([1, 2, 3], [1], 3), 1));
    }
}
