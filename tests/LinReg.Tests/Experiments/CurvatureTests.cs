using LinReg.Experiments;
using LinReg.Data;
using LinReg.Losses;
using LinReg.Models;
using LinReg.Optim;
using LinReg.Training;

namespace LinReg.Tests.Experiments;

public class CurvatureTests
{
    [Fact]
    public void Of_WorkedExample1Batch_IsTheHandHessianWithEigenvalues3PlusMinus2Sqrt2()
    {
        // x = (1, 3): H = (1/2)[[1+9, 1+3], [1+3, 2]] = [[5, 2], [2, 1]]; λ = 3 ± 2√2
        var c = Curvature.Of(new Dataset([1, 3], [2, 6], 1));
        Assert.Equal(5, c.Hessian[0, 0], 14);
        Assert.Equal(2, c.Hessian[0, 1], 14);
        Assert.Equal(1, c.Hessian[1, 1], 14);
        Assert.Equal(3 - 2 * Math.Sqrt(2), c.Min, 12);
        Assert.Equal(3 + 2 * Math.Sqrt(2), c.Max, 12);
        Assert.Equal(2 / (3 + 2 * Math.Sqrt(2)), c.MaxStableLearningRate, 12);
        Assert.Equal(2 / 6.0, c.OptimalLearningRate, 12);
    }

    private static (int? Steps, double Final) GradientDescent(Dataset data, double lr, int steps)
    {
        var ls = LinReg.Solvers.LeastSquares.Fit(data);
        var model = new LinearRegressionScratch(new double[data.Features], 0);
        var trace = new ParameterTrace(model);
        var trainer = new Trainer(model, new SquaredLoss(), new Sgd(model.Parameters, lr));
        try { trainer.Fit(new DataIter(data, data.Count, shuffle: false), steps, observer: trace); }
        catch (TrainingDivergedException) { return (null, double.PositiveInfinity); }
        return (trace.StepsToReach(ls.Weights, ls.Bias, 1e-6), trace.DistancesTo(ls.Weights, ls.Bias)[^1]);
    }

    [Fact]
    public void MaxStableLearningRate_FullBatchGradientDescent_ConvergesBelowDivergesAbove()
    {
        var data = SyntheticData.Linear([2.0, -0.34], 4.2, 200, 0.1, 1);
        var c = Curvature.Of(data);
        Assert.True(GradientDescent(data, 0.98 * c.MaxStableLearningRate, 3000).Final < 1e-3);
        Assert.True(GradientDescent(data, 1.02 * c.MaxStableLearningRate, 3000).Final > 1);
    }

    [Fact]
    public void PredictedSteps_IllConditionedData_MatchesMeasuredGradientDescent()
    {
        // x₂ in units 10× smaller than x₁'s: λ_max/λ_min ≈ 100
        var raw = SyntheticData.Linear([2.0, -3.4], 4.2, 500, 0.1, 2);
        var data = new Dataset(raw.X.Select((v, k) => k % 2 == 1 ? 10 * v : v).ToArray(), raw.Y, 2);
        var c = Curvature.Of(data);
        Assert.InRange(c.ConditionNumber, 70, 140);
        double lr = c.OptimalLearningRate;
        int measured = GradientDescent(data, lr, 5000).Steps!.Value;
        double predicted = c.PredictedSteps(lr, 1e-6);
        Assert.InRange(measured, 0.8 * predicted, predicted);   // the prediction is an upper bound, nearly attained
        Assert.Equal(double.PositiveInfinity, c.PredictedSteps(2.5 * c.MaxStableLearningRate, 1e-6));
    }

    [Fact]
    public void Curvature_BadInput_Throws()
    {
        var c = Curvature.Of(new Dataset([1, 3], [2, 6], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.ContractionFactor(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.PredictedSteps(0.1, 1));
        var flat = Curvature.Of(new Dataset([1, 1, 1], [1, 2, 3], 1));   // x duplicates the bias column
        Assert.Equal(double.PositiveInfinity, flat.ConditionNumber);
    }
}
