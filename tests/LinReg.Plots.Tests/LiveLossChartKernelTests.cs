using LinReg.Training;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Plotly.NET;
using static LinReg.Plots.Tests.ChartJson;

namespace LinReg.Plots.Tests;

/// <summary>
/// The live chart inside a real (in-process) C# kernel, as a notebook runs it: the submission #r's the built
/// LinReg.dll and LinReg.Plots.dll, and the test reads the kernel's events — what VS Code / Jupyter receive.
/// The trap being guarded against: an update whose display id differs from the shown output's id is not applied
/// in place by the front end.
/// </summary>
public class LiveLossChartKernelTests
{
    private static string References =>
        $"#r \"{typeof(StepMetrics).Assembly.Location}\"\n#r \"{typeof(LiveLossChart).Assembly.Location}\"\nusing LinReg.Plots;\nusing LinReg.Training;\n";

    private static async Task<KernelCommandResult> Submit(Kernel kernel, string code)
    {
        var result = await kernel.SendAsync(new SubmitCode(code));
        var failed = result.Events.OfType<CommandFailed>().FirstOrDefault();
        Assert.True(failed is null, $"the submission failed: {failed?.Message}");
        return result;
    }

    private static string Html(DisplayEvent e) => Assert.Single(e.FormattedValues, f => f.MimeType == "text/html").Value;

    [Fact]
    public async Task Fit_CountThrottle_UpdatesCarryTheShownDisplayIdAndTheLastHasAllPoints()
    {
        using var kernel = new CSharpKernel();
        // 5 epochs × 19 steps = 95 steps + 5 epoch means = 100 points. The first point displays the chart; then every
        // 10 points redraw (points 11, 21, …, 91 → 9 updates); Complete() draws the 9 left → 10 updates in all.
        var result = await Submit(kernel, References + """
            var live = new LiveLossChart(minInterval: System.Threading.Timeout.InfiniteTimeSpan, updateEvery: 10, id: "kernel-count");
            long g = 0;
            for (int e = 0; e < 5; e++)
            {
                for (int s = 0; s < 19; s++, g++) live.OnStep(new StepMetrics(e, s, g, 32, 1.0 / (g + 1), 0.03));
                live.OnEpoch(new EpochMetrics(e, 0.5 / (e + 1), null, TimeSpan.Zero));
            }
            live.Complete();
            live.UpdateCount
            """);

        var produced = Assert.Single(result.Events.OfType<DisplayedValueProduced>());
        var updates = result.Events.OfType<DisplayedValueUpdated>().ToList();
        Assert.False(string.IsNullOrEmpty(produced.ValueId));
        Assert.Equal(10, updates.Count);
        Assert.All(updates, u => Assert.Equal(produced.ValueId, u.ValueId));
        Assert.True(updates.Count < 95, "updates are throttled: fewer redraws than steps");
        Assert.Equal(10, Assert.Single(result.Events.OfType<ReturnValueProduced>()).Value);

        // every output is the same div, so the front end replaces it in place and the executed notebook is stable
        Assert.All(updates.Cast<DisplayEvent>().Prepend(produced), e => Assert.Contains("<div id=\"linreg-live-kernel-count\">", Html(e)));

        // the first display shows the first point only; the final update holds all 95 steps and 5 epoch means
        var first = Traces(Assert.IsType<GenericChart>(produced.Value, exactMatch: false));
        Assert.Equal([0.0], Doubles(Assert.Single(first), "x"));
        var last = Traces(Assert.IsType<GenericChart>(updates[^1].Value, exactMatch: false));
        var steps = Assert.Single(last, t => Str(t, "name") == "minibatch loss");
        Assert.Equal(Enumerable.Range(0, 95).Select(i => (double)i), Doubles(steps, "x"));
        Assert.Equal(1.0 / 95, Doubles(steps, "y")[^1]);
        var epochs = Assert.Single(last, t => Str(t, "name") == "epoch mean (train)");
        Assert.Equal([19.0, 38, 57, 76, 95], Doubles(epochs, "x"));
        Assert.Contains("[0.0,1.0,2.0,3.0", Html(updates[^1])); // the HTML the front end gets has the data too
    }

    [Fact]
    public async Task TrainerFit_SeedListingWithDefaultThrottle_DrawsEveryStepInOneOutput()
    {
        using var kernel = new CSharpKernel();
        // The seed's listing (n = 1000, batch 32, lr 0.03, 5 epochs) with the live chart as the trainer's observer,
        // as notebook 05 does it; the default throttle (250 ms) decides how many redraws happen, so only bounds are fixed.
        var result = await Submit(kernel, References + """
            var data = LinReg.Data.SyntheticData.SeedListing(seed: 0);
            var model = new LinReg.Models.Linear(2);
            var trainer = new Trainer(model, new LinReg.Losses.MseLoss(halved: true), new LinReg.Optim.Sgd(model.Parameters, 0.03));
            var live = new LiveLossChart(id: "kernel-fit");
            var history = trainer.Fit(new LinReg.Data.DataLoader(data, 32, shuffle: true, seed: 0), 5, observer: live);
            live.Complete();
            """);
        Assert.True(kernel.TryGetValue<TrainingHistory>("history", out var history));

        var produced = Assert.Single(result.Events.OfType<DisplayedValueProduced>());
        var updates = result.Events.OfType<DisplayedValueUpdated>().ToList();
        Assert.Equal(5 * 32, history.Steps.Count); // ⌈1000/32⌉ = 32 minibatches per epoch
        Assert.InRange(updates.Count, 1, history.Steps.Count - 1);
        Assert.All(updates, u => Assert.Equal(produced.ValueId, u.ValueId));
        var last = Traces(Assert.IsType<GenericChart>(updates[^1].Value, exactMatch: false));
        var steps = Assert.Single(last, t => Str(t, "name") == "minibatch loss");
        Assert.Equal(history.Steps.Select(s => (double)s.GlobalStep), Doubles(steps, "x"));
        Assert.Equal(history.Steps.Select(s => s.Loss), Doubles(steps, "y"));
        var epochs = Assert.Single(last, t => Str(t, "name") == "epoch mean (train)");
        Assert.Equal(history.Epochs.Select(e => e.TrainLoss), Doubles(epochs, "y"));
    }

    [Fact]
    public async Task Add_TimeThrottle_RedrawsAtMostEveryMinInterval()
    {
        using var kernel = new CSharpKernel();
        // A fake clock advancing 100 ms per step with the default 250 ms throttle: shown at t = 100 ms, redrawn at
        // t = 400, 700, …, 2800 ms (9 times), and Complete() draws the last two points → 10 updates for 30 steps.
        var result = await Submit(kernel, References + """
            class FakeClock : TimeProvider
            {
                public long Ticks;
                public override long GetTimestamp() => Ticks;
                public override long TimestampFrequency => TimeSpan.TicksPerSecond;
            }
            var clock = new FakeClock();
            var live = new LiveLossChart(id: "kernel-time", timeProvider: clock);
            for (int s = 0; s < 30; s++)
            {
                clock.Ticks += TimeSpan.FromMilliseconds(100).Ticks;
                live.OnStep(new StepMetrics(0, s, s, 32, 1.0 / (s + 1), 0.03));
            }
            live.Complete();
            """);

        var produced = Assert.Single(result.Events.OfType<DisplayedValueProduced>());
        var updates = result.Events.OfType<DisplayedValueUpdated>().ToList();
        Assert.Equal(10, updates.Count);
        Assert.All(updates, u => Assert.Equal(produced.ValueId, u.ValueId));
        var last = Traces(Assert.IsType<GenericChart>(updates[^1].Value, exactMatch: false));
        Assert.Equal(30, Doubles(Assert.Single(last), "x").Length);
    }

    [Fact]
    public async Task Complete_InALaterCell_UpdatesTheOutputOfTheFirstCell()
    {
        using var kernel = new CSharpKernel();
        var first = await Submit(kernel, References + """
            var live = new LiveLossChart(minInterval: System.Threading.Timeout.InfiniteTimeSpan, id: "kernel-cells");
            for (int s = 0; s < 20; s++) live.Add(s, 1.0 / (s + 1), "train");
            """);
        var second = await Submit(kernel, "live.Add(20, 0.01, \"train\");\nlive.Complete();");

        var produced = Assert.Single(first.Events.OfType<DisplayedValueProduced>());
        Assert.Empty(first.Events.OfType<DisplayedValueUpdated>()); // infinite interval, no count: nothing until Complete
        Assert.Empty(second.Events.OfType<DisplayedValueProduced>()); // no second chart
        var update = Assert.Single(second.Events.OfType<DisplayedValueUpdated>());
        Assert.Equal(produced.ValueId, update.ValueId);
        Assert.Equal(21, Doubles(Assert.Single(Traces(Assert.IsType<GenericChart>(update.Value, exactMatch: false))), "x").Length);
    }

    [Fact]
    public async Task Show_BeforeTraining_DisplaysAnEmptyChartOnce()
    {
        using var kernel = new CSharpKernel();
        var result = await Submit(kernel, References + """
            var live = new LiveLossChart(minInterval: TimeSpan.Zero, id: "kernel-show");
            live.Show();
            live.Show();
            live.Add(0, 1.0);
            live.Add(1, 0.5);
            live.Complete();
            """);

        var produced = Assert.Single(result.Events.OfType<DisplayedValueProduced>());
        var updates = result.Events.OfType<DisplayedValueUpdated>().ToList();
        Assert.Equal(2, updates.Count); // minInterval 0: every point redraws; Complete has nothing left to draw
        Assert.All(updates, u => Assert.Equal(produced.ValueId, u.ValueId));
    }
}
