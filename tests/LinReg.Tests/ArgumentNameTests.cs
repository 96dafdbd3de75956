using LinReg.Data;
using LinReg.Fast;
using LinReg.Losses;
using LinReg.Metrics;
using LinReg.Models;
using LinReg.Optim;
using LinReg.Solvers;

namespace LinReg.Tests;

/// <summary>
/// Every argument exception names the parameter the caller actually passed (<see cref="ArgumentException.ParamName"/>
/// is what an IDE and a reader of the stack trace go by). Each case here was reported under another name once: an
/// internal helper's own parameter, a property setter's implicit "value", or a name that did not exist at all.
/// </summary>
public class ArgumentNameTests
{
    private static string? ParamName(Action call) => Assert.ThrowsAny<ArgumentException>(call).ParamName;

    private static readonly Dataset Four = new([1, 2, 3, 4], [1, 2, 3, 4], 1);

    [Fact]
    public void Models_NegativeInitStd_NameInitStd()
    {
        Assert.Equal("initStd", ParamName(() => new LinearRegressionScratch(2, seed: 0, initStd: -1)));
        Assert.Equal("initStd", ParamName(() => new Linear(2, seed: 0, initStd: -1)));
    }

    [Fact]
    public void Optimizers_NonPositiveLearningRateInConstructor_NameLearningRate()
    {
        var model = new LinearRegressionScratch(1);
        Assert.Equal("learningRate", ParamName(() => new ScratchSgd(model.Parameters, learningRate: -0.1)));
        Assert.Equal("learningRate", ParamName(() => new Sgd(model.Parameters, learningRate: 0)));
        Assert.Equal("learningRate", ParamName(() => new Sgd([new ParameterGroup(model.Parameters)], learningRate: double.NaN)));
        Assert.Equal("learningRate", ParamName(() => new FastSgdTrainer(model, new SquaredLoss(), learningRate: -1)));
    }

    [Fact]
    public void Optimizers_NonPositiveLearningRateThroughTheSetter_NameTheSettersValue()
    {
        // A property setter's only parameter is its implicit `value` (the .NET convention for setters).
        var model = new LinearRegressionScratch(1);
        Assert.Equal("value", ParamName(() => new ScratchSgd(model.Parameters, 0.1).LearningRate = -1));
        Assert.Equal("value", ParamName(() => new Sgd(model.Parameters, 0.1).LearningRate = 0));
        Assert.Equal("value", ParamName(() => new FastSgdTrainer(model, new SquaredLoss(), 0.1).LearningRate = -1));
    }

    [Fact]
    public void Split_BadFractions_NameTheFraction()
    {
        Assert.Equal("validationFraction", ParamName(() => Split.TrainValidation(Four, 1.5, seed: 0)));
        Assert.Equal("validationFraction", ParamName(() => Split.TrainValidationTest(Four, 0, 0.25, seed: 0)));
        Assert.Equal("testFraction", ParamName(() => Split.TrainValidationTest(Four, 0.5, 0.6, seed: 0)));
    }

    [Fact]
    public void ResidualDiagnostics_BadSequences_NameTheSequence()
    {
        Assert.Equal("residuals", ParamName(() => ResidualDiagnostics.Binned([1.0, 2.0], [0.0, double.NaN], 1)));
        Assert.Equal("x", ParamName(() => ResidualDiagnostics.Binned([1.0, double.NaN], [0.0, 0.0], 1)));
        Assert.Equal("fitted", ParamName(() => ResidualDiagnostics.SpreadRatio([1.0, 2.0, 3.0], [0.0, 1.0], 0.5)));
        Assert.Equal("residuals", ParamName(() => ResidualDiagnostics.CurvatureCorrelation([1.0, 2.0], [])));
        Assert.Equal("b", ParamName(() => ResidualDiagnostics.Correlation([1.0, 2.0], [0.0, double.PositiveInfinity])));
    }

    [Fact]
    public void RegressionMetrics_NonFinitePrediction_NamesYHat()
    {
        Assert.Equal("yHat", ParamName(() => RegressionMetrics.Mse([double.NaN], [1.0])));
    }

    [Fact]
    public void CsvTable_UnknownColumn_NamesTheArgumentThatNamedIt()
    {
        var table = CsvTable.Parse(new StringReader("a,y\n1,2\n3,4\n"));
        Assert.Equal("target", ParamName(() => table.ToDataset("nope")));
        Assert.Equal("categorical", ParamName(() => table.ToDataset("y", categorical: ["nope"])));
        Assert.Equal("exclude", ParamName(() => table.ToDataset("y", exclude: ["nope"])));
        Assert.Equal("name", ParamName(() => table.Column("nope")));
    }

    [Fact]
    public void Models_DataWithOtherFeatureCount_NameTheBatchOrDataset()
    {
        var batch = Batch.FromDataset(new Dataset([1, 2, 3, 4], [1, 2], 2));
        var data = new Dataset([1, 2, 3, 4], [1, 2], 2);
        foreach (IRegressionModel model in new IRegressionModel[] { new LinearRegressionScratch(3), new Linear(3) })
        {
            Assert.Equal("batch", ParamName(() => model.Forward(batch)));
            Assert.Equal("batch", ParamName(() => model.Backward(batch, [1.0, 1.0])));
            Assert.Equal("data", ParamName(() => model.Predict(data)));
        }
    }

    [Fact]
    public void LeastSquares_EmptyOrColumnlessArray_NamesX()
    {
        Assert.Equal("x", ParamName(() => LeastSquares.Fit(new double[0, 2], [])));
        Assert.Equal("x", ParamName(() => LeastSquares.Fit(new double[3, 0], [1.0, 2.0, 3.0], fitIntercept: false)));
    }
}
