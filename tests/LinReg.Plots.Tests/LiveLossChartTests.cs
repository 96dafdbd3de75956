using LinReg.Training;
using static LinReg.Plots.Tests.ChartJson;

namespace LinReg.Plots.Tests;

/// <summary>The live chart outside a kernel: it must collect silently (tests and console programs use it too).</summary>
public class LiveLossChartTests
{
    [Fact]
    public void OutsideKernel_CollectsPointsWithoutDisplaying()
    {
        var live = new LiveLossChart(id: "t1");
        live.Show();
        for (int s = 0; s < 5; s++) live.OnStep(new StepMetrics(0, s, s, 32, 1.0 / (s + 1), 0.03));
        live.OnEpoch(new EpochMetrics(0, 0.5, 0.6, TimeSpan.Zero));
        live.Complete();

        Assert.Null(live.DisplayId);
        Assert.Equal(0, live.UpdateCount);
        Assert.Equal(["minibatch loss", "epoch mean (train)", "validation"], live.SeriesNames);
        Assert.Equal([0.0, 1, 2, 3, 4], live.Points("minibatch loss").Select(p => p.X));
        Assert.Equal(1.0 / 3, live.Points("minibatch loss")[2].Y);
        // the epoch point sits at the number of steps completed (5), not at the last step index
        Assert.Equal([(5.0, 0.5)], live.Points("epoch mean (train)"));
        Assert.Equal([(5.0, 0.6)], live.Points("validation"));
    }

    [Fact]
    public void Complete_OutsideKernelWithAHook_HandsTheChartToIt_WithoutAHook_Nothing()
    {
        var live = new LiveLossChart(id: "hook");
        live.Add(0, 2.0);
        live.Add(1, 1.0);
        var received = new List<LiveLossChart>();
        LiveLossChart.CompletedOutsideKernel = c => { lock (received) if (ReferenceEquals(c, live)) received.Add(c); };
        try
        {
            live.Complete();
            live.Add(2, 0.5);
            live.Complete();
        }
        finally
        {
            LiveLossChart.CompletedOutsideKernel = null;
        }
        live.Complete(); // no hook: nothing happens

        Assert.Equal(2, received.Count);
        Assert.Equal([(0.0, 2.0), (1.0, 1.0), (2.0, 0.5)], received[^1].Points("loss"));
        Assert.Null(live.DisplayId);
    }

    [Fact]
    public void EpochAxis_IgnoresStepsAndPlotsAgainstTheEpoch()
    {
        var live = new LiveLossChart(axis: LossAxis.Epoch, id: "t2");
        live.OnStep(new StepMetrics(0, 0, 0, 32, 9.0, 0.03));
        live.OnEpoch(new EpochMetrics(0, 0.5, null, TimeSpan.Zero));
        live.OnEpoch(new EpochMetrics(1, 0.25, null, TimeSpan.Zero));

        Assert.Equal(["train"], live.SeriesNames);
        Assert.Equal([(0.0, 0.5), (1.0, 0.25)], live.Points("train"));
    }

    [Fact]
    public void ToChart_HasEverySeriesAndTheReferenceLine()
    {
        var live = new LiveLossChart(reference: 0.01, id: "t3");
        live.Add(0, 1.0, "train");
        live.Add(1, 0.5, "train");
        live.Add(1, 0.7, "validation");

        var traces = Traces(live.ToChart());
        Assert.Equal(["train", "validation", "closed form"], traces.Select(t => Str(t, "name")));
        Assert.Equal([1.0, 0.5], Doubles(traces[0], "y"));
        Assert.Equal([0.01, 0.01], Doubles(traces[2], "y"));
        Assert.Equal([0.0, 1.0], Doubles(traces[2], "x"));
    }

    [Fact]
    public void YTitle_DefaultsToLoss_AndNamesWhatTheChartTracks()
    {
        var plain = new LiveLossChart(id: "t-y1");
        plain.Add(0, 1.0);
        var distance = new LiveLossChart(logY: true, id: "t-y2", yTitle: "max |θ − θ*|");
        distance.Add(0, 1.0);
        distance.Add(1, 0.1);

        Assert.Equal("loss", AxisTitle(Layout(plain.ToChart()), "yaxis"));
        Assert.Equal("max |θ − θ*|", AxisTitle(Layout(distance.ToChart()), "yaxis"));
        Assert.Throws<ArgumentNullException>(() => new LiveLossChart(yTitle: null!));
    }

    [Fact]
    public void ToHtml_IsDeterministicAndUsesTheStableDivId()
    {
        string Render()
        {
            var live = new LiveLossChart(id: "same");
            live.Add(0, 1.0);
            live.Add(1, 0.5);
            return live.ToHtml();
        }

        var a = Render();
        Assert.Contains("<div id=\"linreg-live-same\">", a);
        Assert.Equal(a, Render());
    }

    [Fact]
    public void DefaultIds_AreDistinctPerInstance()
    {
        Assert.NotEqual(new LiveLossChart().DivId, new LiveLossChart().DivId);
    }

    [Fact]
    public void EmptyChart_RendersWithoutPoints()
    {
        var live = new LiveLossChart(id: "empty");
        Assert.Empty(live.SeriesNames);
        Assert.Contains("linreg-live-empty", live.ToHtml());
    }

    [Fact]
    public void Add_BadPoint_ThrowsNamingTheArgument()
    {
        var live = new LiveLossChart(logY: true, id: "t4");
        Assert.Equal("y", Assert.Throws<ArgumentOutOfRangeException>(() => live.Add(0, double.NaN)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentOutOfRangeException>(() => live.Add(double.PositiveInfinity, 1)).ParamName);
        var log = Assert.Throws<ArgumentOutOfRangeException>(() => live.Add(0, 0));
        Assert.Contains("y is 0", log.Message);
        Assert.Throws<ArgumentNullException>(() => live.Add(0, 1, null!));
        Assert.Contains("No series \"nope\"", Assert.Throws<KeyNotFoundException>(() => live.Points("nope")).Message);
    }

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        Assert.Equal("minInterval", Assert.Throws<ArgumentOutOfRangeException>(() => new LiveLossChart(minInterval: TimeSpan.FromSeconds(-1))).ParamName);
        Assert.Equal("updateEvery", Assert.Throws<ArgumentOutOfRangeException>(() => new LiveLossChart(updateEvery: -1)).ParamName);
        Assert.Equal("id", Assert.Throws<ArgumentException>(() => new LiveLossChart(id: "a b")).ParamName);
        Assert.Equal("reference", Assert.Throws<ArgumentOutOfRangeException>(() => new LiveLossChart(logY: true, reference: 0)).ParamName);
        Assert.Equal("axis", Assert.Throws<ArgumentOutOfRangeException>(() => new LiveLossChart(axis: (LossAxis)7)).ParamName);
        _ = new LiveLossChart(minInterval: Timeout.InfiniteTimeSpan, id: "ok");
    }
}
