using LinReg.Training;
using Plotly.NET.CSharp;
using static LinReg.Plots.Tests.ChartJson;

namespace LinReg.Plots.Tests;

public class ChartsTests
{
    // ---------------------------------------------------------------- loss curves

    [Fact]
    public void LossCurve_TrainAndValidation_TwoLineTracesWithTheGivenData()
    {
        var chart = Charts.LossCurve([0, 1, 2], [3.0, 2.0, 1.0], validation: [3.5, 2.5, 1.5]);

        var traces = Traces(chart);
        Assert.Equal(2, traces.Length);
        Assert.All(traces, t => Assert.Equal("scatter", Str(t, "type")));
        Assert.All(traces, t => Assert.Equal("lines+markers", Str(t, "mode")));
        Assert.Equal(["train", "validation"], traces.Select(t => Str(t, "name")));
        Assert.Equal([0.0, 1, 2], Doubles(traces[0], "x"));
        Assert.Equal([3.0, 2, 1], Doubles(traces[0], "y"));
        Assert.Equal([3.5, 2.5, 1.5], Doubles(traces[1], "y"));
    }

    [Fact]
    public void LossCurve_Reference_AddsDashedHorizontalLineAcrossTheXRange()
    {
        var chart = Charts.LossCurve([1, 2, 5], [3.0, 2.0, 1.0], reference: 0.5, referenceName: "closed form");

        var traces = Traces(chart);
        Assert.Equal(2, traces.Length);
        var line = traces[1];
        Assert.Equal("closed form", Str(line, "name"));
        Assert.Equal("lines", Str(line, "mode"));
        Assert.Equal([1.0, 5.0], Doubles(line, "x")); // min..max of x
        Assert.Equal([0.5, 0.5], Doubles(line, "y"));
        Assert.Equal("dash", line.GetProperty("line").GetProperty("dash").GetString());
    }

    [Fact]
    public void LossCurve_TitlesAndLogY_AreInTheLayout()
    {
        var chart = Charts.LossCurve([0, 1], [1.0, 0.1], logY: true, title: "My loss", xTitle: "epoch k", yTitle: "L");

        var layout = Layout(chart);
        Assert.Equal("My loss", layout.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("epoch k", AxisTitle(layout, "xaxis"));
        Assert.Equal("L", AxisTitle(layout, "yaxis"));
        Assert.Equal("log", layout.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.False(layout.GetProperty("xaxis").TryGetProperty("type", out _));
    }

    [Fact]
    public void LossCurve_LinearY_HasNoLogAxis()
    {
        var layout = Layout(Charts.LossCurve([0, 1], [1.0, 0.0]));
        Assert.False(layout.GetProperty("yaxis").TryGetProperty("type", out _));
    }

    [Fact]
    public void LossCurve_LogYWithZeroLoss_ThrowsNamingIndexAndValue()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Charts.LossCurve([0, 1, 2], [1.0, 0.0, 0.5], logY: true));
        Assert.Equal("train", ex.ParamName);
        Assert.Contains("train[1] is 0", ex.Message);
    }

    [Fact]
    public void LossCurve_MismatchedLengths_ThrowsQuotingBothLengths()
    {
        var ex = Assert.Throws<ArgumentException>(() => Charts.LossCurve([0, 1, 2], [1.0, 0.5]));
        Assert.Equal("train", ex.ParamName);
        Assert.Contains("train has 2 values but x has 3", ex.Message);

        var ex2 = Assert.Throws<ArgumentException>(() => Charts.LossCurve([0, 1], [1.0, 0.5], validation: [1.0]));
        Assert.Equal("validation", ex2.ParamName);
        Assert.Contains("validation has 1 values but x has 2", ex2.Message);
    }

    [Fact]
    public void LossCurve_EmptyOrNaN_ThrowsNamingTheArgument()
    {
        var empty = Assert.Throws<ArgumentException>(() => Charts.LossCurve([], []));
        Assert.Equal("x", empty.ParamName);
        Assert.Contains("x is empty", empty.Message);

        var nan = Assert.Throws<ArgumentException>(() => Charts.LossCurve([0, 1], [1.0, double.NaN]));
        Assert.Equal("train", nan.ParamName);
        Assert.Contains("train[1] is NaN", nan.Message);

        var inf = Assert.Throws<ArgumentException>(() => Charts.LossCurve([0, double.PositiveInfinity], [1.0, 2.0]));
        Assert.Contains("x[1] is +∞", inf.Message);

        Assert.Throws<ArgumentNullException>(() => Charts.LossCurve(null!, [1.0]));
        var badRef = Assert.Throws<ArgumentOutOfRangeException>(() => Charts.LossCurve([0, 1], [1.0, 2.0], reference: double.NaN));
        Assert.Equal("reference", badRef.ParamName);
    }

    [Fact]
    public void LossCurve_EpochMetrics_XIsTheEpochAndValidationOnlyWhereGiven()
    {
        EpochMetrics[] epochs =
        [
            new(0, 0.9, 1.0, TimeSpan.Zero),
            new(1, 0.5, null, TimeSpan.Zero),
            new(2, 0.2, 0.3, TimeSpan.Zero),
        ];

        var traces = Traces(Charts.LossCurve(epochs, reference: 0.1));

        Assert.Equal(["train", "validation", "closed form"], traces.Select(t => Str(t, "name")));
        Assert.Equal([0.0, 1, 2], Doubles(traces[0], "x"));
        Assert.Equal([0.9, 0.5, 0.2], Doubles(traces[0], "y"));
        Assert.Equal([0.0, 2], Doubles(traces[1], "x"));
        Assert.Equal([1.0, 0.3], Doubles(traces[1], "y"));
    }

    [Fact]
    public void LossCurve_StepMetrics_XIsTheGlobalStep()
    {
        StepMetrics[] steps = [new(0, 0, 0, 2, 4.0, 0.1), new(0, 1, 1, 2, 3.0, 0.1), new(1, 0, 2, 2, 2.0, 0.1)];

        var traces = Traces(Charts.LossCurve(steps));

        var t = Assert.Single(traces);
        Assert.Equal("minibatch loss", Str(t, "name"));
        Assert.Equal("lines", Str(t, "mode"));
        Assert.Equal([0.0, 1, 2], Doubles(t, "x"));
        Assert.Equal([4.0, 3, 2], Doubles(t, "y"));
    }

    [Fact]
    public void LossCurve_EmptyMetrics_Throw()
    {
        Assert.Equal("epochs", Assert.Throws<ArgumentException>(() => Charts.LossCurve(Array.Empty<EpochMetrics>())).ParamName);
        Assert.Equal("steps", Assert.Throws<ArgumentException>(() => Charts.LossCurve(Array.Empty<StepMetrics>())).ParamName);
    }

    // ---------------------------------------------------------------- residuals

    [Fact]
    public void ResidualsVsFitted_NoCategories_MarkersPlusZeroLineOverTheFittedRange()
    {
        var chart = Charts.ResidualsVsFitted([2.6, 5.2, 1.0], [-0.4, 0.2, 0.1]);

        var traces = Traces(chart);
        Assert.Equal(2, traces.Length);
        Assert.Equal("markers", Str(traces[0], "mode"));
        Assert.Equal([2.6, 5.2, 1.0], Doubles(traces[0], "x"));
        Assert.Equal([-0.4, 0.2, 0.1], Doubles(traces[0], "y"));
        var zero = traces[1];
        Assert.Equal("zero", Str(zero, "name"));
        Assert.Equal("lines", Str(zero, "mode"));
        Assert.Equal([1.0, 5.2], Doubles(zero, "x"));
        Assert.Equal([0.0, 0.0], Doubles(zero, "y"));
    }

    [Fact]
    public void ResidualsVsFitted_Categories_OneTracePerCategoryInOrderOfFirstAppearance()
    {
        var chart = Charts.ResidualsVsFitted([1, 2, 3, 4], [0.1, -0.2, 0.3, -0.4], categories: ["b", "a", "b", "a"]);

        var traces = Traces(chart);
        Assert.Equal(["b", "a", "zero"], traces.Select(t => Str(t, "name")));
        Assert.Equal([1.0, 3.0], Doubles(traces[0], "x"));
        Assert.Equal([0.1, 0.3], Doubles(traces[0], "y"));
        Assert.Equal([2.0, 4.0], Doubles(traces[1], "x"));
        Assert.Equal([-0.2, -0.4], Doubles(traces[1], "y"));
    }

    [Fact]
    public void ResidualsVsFitted_BadInput_ThrowsNamingTheArgument()
    {
        var ex = Assert.Throws<ArgumentException>(() => Charts.ResidualsVsFitted([1, 2, 3], [0.1, 0.2]));
        Assert.Equal("residuals", ex.ParamName);
        Assert.Contains("residuals has 2 values but fitted has 3", ex.Message);

        var cats = Assert.Throws<ArgumentException>(() => Charts.ResidualsVsFitted([1, 2], [0.1, 0.2], categories: ["a"]));
        Assert.Equal("categories", cats.ParamName);

        var nullCat = Assert.Throws<ArgumentException>(() => Charts.ResidualsVsFitted([1, 2], [0.1, 0.2], categories: ["a", null!]));
        Assert.Contains("categories[1] is null", nullCat.Message);

        var nan = Assert.Throws<ArgumentException>(() => Charts.ResidualsVsFitted([1, double.NaN], [0.1, 0.2]));
        Assert.Contains("fitted[1] is NaN", nan.Message);
    }

    [Fact]
    public void ResidualHistogram_OneHistogramTraceOfTheResiduals()
    {
        var chart = Charts.ResidualHistogram([-0.4, 0.2, 0.1, 0.0], bins: 5);

        var t = Assert.Single(Traces(chart));
        Assert.Equal("histogram", Str(t, "type"));
        Assert.Equal([-0.4, 0.2, 0.1, 0.0], Doubles(t, "x"));
        Assert.Equal(5, t.GetProperty("nbinsx").GetInt32());
        Assert.False(Assert.Single(Traces(Charts.ResidualHistogram([1.0]))).TryGetProperty("nbinsx", out _));
    }

    [Fact]
    public void ResidualHistogram_BadInput_Throws()
    {
        Assert.Equal("bins", Assert.Throws<ArgumentOutOfRangeException>(() => Charts.ResidualHistogram([1.0], bins: 0)).ParamName);
        Assert.Contains("residuals[0] is -∞", Assert.Throws<ArgumentException>(() => Charts.ResidualHistogram([double.NegativeInfinity])).Message);
        Assert.Contains("residuals is empty", Assert.Throws<ArgumentException>(() => Charts.ResidualHistogram([])).Message);
    }

    // ---------------------------------------------------------------- scatter with fitted lines

    [Fact]
    public void Scatter_WorkedExample1_PointsAndTheLinesBeforeAndAfterTheStep()
    {
        // Worked example 1 of the seed: points (1, 2), (3, 6); line before the step w = 1, b = 0, after it w = 1.5,
        // b = 0.2. By hand: before ŷ(1) = 1, ŷ(3) = 3; after ŷ(1) = 1.7, ŷ(3) = 4.7.
        var chart = Charts.Scatter([1, 3], [2, 6], lines: [new FittedLine(1, 0, "before"), new FittedLine(1.5, 0.2)]);

        var traces = Traces(chart);
        Assert.Equal(3, traces.Length);
        Assert.Equal("markers", Str(traces[0], "mode"));
        Assert.Equal([1.0, 3.0], Doubles(traces[0], "x"));
        Assert.Equal([2.0, 6.0], Doubles(traces[0], "y"));
        Assert.Equal("before", Str(traces[1], "name"));
        Assert.Equal([1.0, 3.0], Doubles(traces[1], "y"));
        Assert.Equal("ŷ = 1.5·x + 0.2", Str(traces[2], "name"));
        var after = Doubles(traces[2], "y");
        Assert.Equal(1.7, after[0], 12);
        Assert.Equal(4.7, after[1], 12);
    }

    [Fact]
    public void Scatter_LineRange_UsesLineFromAndLineTo()
    {
        var traces = Traces(Charts.Scatter([1, 3], [2, 6], lines: [new FittedLine(2, 1)], lineFrom: 0, lineTo: 4));
        Assert.Equal([0.0, 4.0], Doubles(traces[1], "x"));
        Assert.Equal([1.0, 9.0], Doubles(traces[1], "y"));
    }

    [Fact]
    public void Scatter_BadInput_Throws()
    {
        Assert.Contains("y has 1 values but x has 2", Assert.Throws<ArgumentException>(() => Charts.Scatter([1, 2], [1])).Message);
        Assert.Equal("lineFrom", Assert.Throws<ArgumentException>(() => Charts.Scatter([1, 2], [1, 2], [new FittedLine(1, 0)], lineFrom: 3, lineTo: 1)).ParamName);
        Assert.Equal("lines[0].Slope", Assert.Throws<ArgumentOutOfRangeException>(() => Charts.Scatter([1, 2], [1, 2], [new FittedLine(double.NaN, 0)])).ParamName);
    }

    // ---------------------------------------------------------------- loss surface

    [Fact]
    public void LossSurfaceContour_Function_RowsAreBiasesColumnsAreWeights()
    {
        // L(w, b) = w + 10·b makes the orientation visible: plotly's z[row][col] must be L(w = x[col], b = y[row]).
        var chart = Charts.LossSurfaceContour([0, 1, 2], [0, 1], (w, b) => w + 10 * b);

        var contour = Assert.Single(Traces(chart));
        Assert.Equal("contour", Str(contour, "type"));
        Assert.Equal([0.0, 1, 2], Doubles(contour, "x"));
        Assert.Equal([0.0, 1], Doubles(contour, "y"));
        var z = Matrix(contour, "z");
        Assert.Equal([0.0, 1, 2], z[0]);
        Assert.Equal([10.0, 11, 12], z[1]);
    }

    [Fact]
    public void LossSurfaceContour_Paths_OneLinesAndMarkersTracePerPath()
    {
        OptimizerPath[] paths =
        [
            new("SGD η = 0.1", [1.0, 1.5, 1.71], [0.0, 0.2, 0.28]),
            OptimizerPath.From("GD", [(0.0, 0.0), (0.5, 0.5)]),
        ];

        var traces = Traces(Charts.LossSurfaceContour([0, 1, 2], [0, 1], (w, b) => w * w + b * b, paths));

        Assert.Equal(3, traces.Length);
        Assert.Equal(["loss", "SGD η = 0.1", "GD"], traces.Select(t => Str(t, "name")));
        Assert.All(traces.Skip(1), t => Assert.Equal("lines+markers", Str(t, "mode")));
        Assert.Equal([1.0, 1.5, 1.71], Doubles(traces[1], "x"));
        Assert.Equal([0.0, 0.2, 0.28], Doubles(traces[1], "y"));
        Assert.Equal([0.0, 0.5], Doubles(traces[2], "y"));
    }

    [Fact]
    public void LossSurfaceContour_LevelsColorBarAndLegend()
    {
        var chart = Charts.LossSurfaceContour([0, 1], [0, 1], (w, b) => w + b, [new OptimizerPath("p", [0.0], [0.0])],
            levels: 30, zTitle: "log₁₀ loss");

        var traces = Traces(chart);
        Assert.Equal(30, traces[0].GetProperty("ncontours").GetInt32());
        Assert.Equal("log₁₀ loss", traces[0].GetProperty("colorbar").GetProperty("title").GetProperty("text").GetString());
        Assert.True(traces[1].GetProperty("showlegend").GetBoolean()); // a single path still gets its legend entry
        Assert.Equal("h", Layout(chart).GetProperty("legend").GetProperty("orientation").GetString());
        Assert.Equal("levels", Assert.Throws<ArgumentOutOfRangeException>(() => Charts.LossSurfaceContour([0, 1], [0, 1], (w, b) => 0, levels: 0)).ParamName);
    }

    [Fact]
    public void LossSurfaceContour_Matrix_SameChartAsTheFunction()
    {
        double[] ws = [0, 1, 2], bs = [0, 1];
        var z = new double[3, 2];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 2; j++)
                z[i, j] = ws[i] + 10 * bs[j];

        var fromMatrix = Matrix(Assert.Single(Traces(Charts.LossSurfaceContour(ws, bs, z))), "z");
        var fromFunction = Matrix(Assert.Single(Traces(Charts.LossSurfaceContour(ws, bs, (w, b) => w + 10 * b))), "z");
        Assert.Equal(fromFunction, fromMatrix);
    }

    [Fact]
    public void LossSurfaceContour_EqualAspect_AnchorsYScaleToX()
    {
        var yaxis = Layout(Charts.LossSurfaceContour([0, 1], [0, 1], (w, b) => w + b, equalAspect: true)).GetProperty("yaxis");
        Assert.Equal("x", yaxis.GetProperty("scaleanchor").GetString());
        Assert.Equal(1.0, yaxis.GetProperty("scaleratio").GetDouble());

        var plain = Layout(Charts.LossSurfaceContour([0, 1], [0, 1], (w, b) => w + b)).GetProperty("yaxis");
        Assert.False(plain.TryGetProperty("scaleanchor", out _));
    }

    [Fact]
    public void LossSurfaceContour_BadInput_ThrowsNamingWhatAndWhere()
    {
        var shape = Assert.Throws<ArgumentException>(() => Charts.LossSurfaceContour([0, 1, 2], [0, 1], new double[2, 3]));
        Assert.Equal("z", shape.ParamName);
        Assert.Contains("z is 2×3 but must be |wGrid|×|bGrid| = 3×2", shape.Message);

        var nan = Assert.Throws<ArgumentException>(() => Charts.LossSurfaceContour([0, 1], [0, 1], (w, b) => w == 1 && b == 0 ? double.NaN : 0));
        Assert.Equal("loss", nan.ParamName);
        Assert.Contains("loss(w = 1, b = 0) is NaN", nan.Message);

        var grid = Assert.Throws<ArgumentException>(() => Charts.LossSurfaceContour([0, 2, 1], [0, 1], (w, b) => 0));
        Assert.Equal("wGrid", grid.ParamName);
        Assert.Contains("wGrid[1] = 2 and wGrid[2] = 1", grid.Message);

        Assert.Equal("bGrid", Assert.Throws<ArgumentException>(() => Charts.LossSurfaceContour([0, 1], [0], (w, b) => 0)).ParamName);

        var path = Assert.Throws<ArgumentException>(() =>
            Charts.LossSurfaceContour([0, 1], [0, 1], (w, b) => 0, [new OptimizerPath("p", [1.0, 2.0], [1.0])]));
        Assert.Equal("paths[0].B", path.ParamName);
        Assert.Contains("paths[0].B has 1 values but paths[0].W has 2", path.Message);
    }

    // ---------------------------------------------------------------- lines and bars

    [Fact]
    public void Lines_SeveralSeriesAndLogAxes()
    {
        var chart = Charts.Lines([new Series("½(ŷ−y)²", [1, 2], [0.5, 2]), new Series("(ŷ−y)²", [1, 2], [1, 4])],
            markers: true, logX: true, logY: true, xTitle: "d", yTitle: "seconds");

        var traces = Traces(chart);
        Assert.Equal(["½(ŷ−y)²", "(ŷ−y)²"], traces.Select(t => Str(t, "name")));
        Assert.All(traces, t => Assert.Equal("lines+markers", Str(t, "mode")));
        Assert.Equal([1.0, 4.0], Doubles(traces[1], "y"));
        var layout = Layout(chart);
        Assert.Equal("log", layout.GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Equal("log", layout.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal("d", AxisTitle(layout, "xaxis"));
    }

    [Fact]
    public void LogAxes_LabelPowersOfTenAsPowers_NotWithSiPrefixes()
    {
        // plotly.js's default exponent format labels 1e-8 as "10n" and 1e-4 as "100µ" (SI prefixes); a maths text
        // wants 10⁻⁸. The layout must ask for "power" on every log axis, and leave linear axes alone.
        var lines = Layout(Charts.Lines([new Series("a", [1e-8, 1e2], [1e-4, 1])], logX: true, logY: true));
        Assert.Equal("power", lines.GetProperty("xaxis").GetProperty("exponentformat").GetString());
        Assert.Equal("power", lines.GetProperty("yaxis").GetProperty("exponentformat").GetString());

        var loss = Layout(Charts.LossCurve([0, 1], [1.0, 1e-6], logY: true));
        Assert.Equal("power", loss.GetProperty("yaxis").GetProperty("exponentformat").GetString());
        Assert.False(loss.GetProperty("xaxis").TryGetProperty("exponentformat", out _));

        var live = new LiveLossChart(axis: LossAxis.Epoch, logY: true);
        live.Add(1, 1e-3, "train");
        Assert.Equal("power", Layout(live.ToChart()).GetProperty("yaxis").GetProperty("exponentformat").GetString());
    }

    [Fact]
    public void Lines_XTicks_PutTheTicksAtTheGivenValues()
    {
        double[] sizes = [16, 32, 64, 128, 256, 512, 1024];
        var xaxis = Layout(Charts.Lines([new Series("a", sizes, sizes)], logX: true, xTicks: sizes)).GetProperty("xaxis");

        Assert.Equal("array", xaxis.GetProperty("tickmode").GetString());
        Assert.Equal(sizes, Doubles(xaxis, "tickvals"));
        Assert.Equal(["16", "32", "64", "128", "256", "512", "1024"], Strings(xaxis, "ticktext"));
    }

    [Fact]
    public void Lines_BadXTicks_ThrowNamingTheArgument()
    {
        var empty = Assert.Throws<ArgumentException>(() => Charts.Lines([new Series("a", [1, 2], [1, 2])], xTicks: []));
        Assert.Equal("xTicks", empty.ParamName);
        var zero = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Charts.Lines([new Series("a", [1, 2], [1, 2])], logX: true, xTicks: [0, 1]));
        Assert.Equal("xTicks", zero.ParamName);
        Assert.Contains("xTicks[0] is 0", zero.Message);
    }

    [Fact]
    public void Line_LogXWithZero_ThrowsNamingTheSeries()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Charts.Line([0, 1], [1, 2], logX: true));
        Assert.Equal("series[0].X", ex.ParamName);
        Assert.Contains("series[0].X[0] is 0", ex.Message);
        Assert.Contains("series is empty", Assert.Throws<ArgumentException>(() => Charts.Lines([])).Message);
    }

    [Fact]
    public void Bars_Grouped_OneBarTracePerSeriesOverTheCategories()
    {
        var chart = Charts.Bars(["Longley", "Filip"], [new BarSeries("QR", [14.6, 7.6]), new BarSeries("normal eq.", [8.0, 1.0])]);

        var traces = Traces(chart);
        Assert.Equal(2, traces.Length);
        Assert.All(traces, t => Assert.Equal("bar", Str(t, "type")));
        Assert.Equal(["Longley", "Filip"], Strings(traces[0], "x"));
        Assert.Equal([14.6, 7.6], Doubles(traces[0], "y"));
        Assert.Equal("normal eq.", Str(traces[1], "name"));
    }

    [Fact]
    public void Bars_BadInput_Throws()
    {
        Assert.Contains("categories[1] = \"a\" appears twice", Assert.Throws<ArgumentException>(() => Charts.Bars(["a", "a"], [1.0, 2.0])).Message);
        var len = Assert.Throws<ArgumentException>(() => Charts.Bars(["a", "b"], [1.0]));
        Assert.Equal("series[0].Values", len.ParamName);
        Assert.Contains("series[0].Values has 1 values but categories has 2", len.Message);
        Assert.Contains("series[0].Values[0] is NaN", Assert.Throws<ArgumentException>(() => Charts.Bars(["a"], [double.NaN])).Message);
    }

    // ---------------------------------------------------------------- freshness

    [Fact]
    public void Builders_CopyTheirInputs_LaterChangesToTheArraysDoNotLeakIn()
    {
        double[] x = [0, 1], y = [2, 1];
        var chart = Charts.LossCurve(x, y);
        x[0] = 99;
        y[1] = -5;
        Assert.Equal([0.0, 1], Doubles(Traces(chart)[0], "x"));
        Assert.Equal([2.0, 1], Doubles(Traces(chart)[0], "y"));
    }

    [Fact]
    public void Builders_ReturnIndependentCharts_StylingOneLeavesTheOtherAlone()
    {
        var a = Charts.LossCurve([0, 1], [2.0, 1.0]);
        var b = Charts.LossCurve([0, 1], [2.0, 1.0]);
        a.WithSize(100, 100); // Plotly.NET.CSharp's With* mutate the chart they are called on
        Assert.Equal(Charts.Width, Layout(b).GetProperty("width").GetInt32());
        Assert.Equal(100, Layout(a).GetProperty("width").GetInt32());
    }
}
