using LinReg.Numerics;
using LinReg.Training;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using static Plotly.NET.StyleParam;

namespace LinReg.Plots;

/// <summary>
/// A loss chart that is displayed once in a notebook cell and redrawn IN PLACE while training runs.
/// <para>Use: <c>var live = new LiveLossChart(); var history = trainer.Fit(loader, 5, observer: live); live.Complete();</c>
/// Pass it as the trainer's observer (it implements <see cref="ITrainingObserver"/>), or feed it with
/// <see cref="Add"/>. The first point displays the chart (or call <see cref="Show"/> first); later points update
/// that same output, at most once per <c>minInterval</c> and/or every <c>updateEvery</c> points; then call
/// <see cref="Complete"/> (or <see cref="Dispose"/>) to draw the final state — the observer cannot know which
/// epoch is the last one, so this final update is the caller's job. Training may continue afterwards (more points,
/// another <see cref="Complete"/>).</para>
/// <para>Why not <c>display(x).Update(y)</c>: in this .NET Interactive build the handle returned by <c>display</c>
/// carries a different display id from the output actually shown, so updates never replace it. This class publishes
/// both the <see cref="DisplayedValueProduced"/> and every <see cref="DisplayedValueUpdated"/> itself, through
/// <see cref="KernelInvocationContext.Current"/>, with one display id (<see cref="DisplayId"/>).</para>
/// <para>Outside a kernel (no <see cref="KernelInvocationContext.Current"/>: tests, console programs) it only
/// collects the points; <see cref="ToChart"/> and <see cref="Points"/> still work, and <see cref="Complete"/> hands
/// the chart to <see cref="CompletedOutsideKernel"/> when that is set (the book's exported apps write it to an HTML
/// file there).</para>
/// <para>The HTML is <see cref="ChartHtml.ToNotebookHtml"/> (offline: it draws with the plotly.js the notebook's
/// setup loaded) with the div id <see cref="DivId"/> (deterministic: <c>linreg-live-</c> + the id given to the
/// constructor, or a per-process counter), so executed notebooks do not change from run to run. Thread-safe.</para>
/// </summary>
public sealed class LiveLossChart : ITrainingObserver, IDisposable
{
    private static int _counter;

    private readonly object _gate = new();
    private readonly List<string> _seriesOrder = [];
    private readonly Dictionary<string, List<(double X, double Y)>> _series = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _minInterval;
    private readonly int _updateEvery;
    private readonly LossAxis _axis;
    private readonly bool _logY;
    private readonly double? _reference;
    private readonly string _referenceName;
    private readonly string _title;
    private readonly string _yTitle;

    private KernelInvocationContext? _shownIn;
    private long _lastRender;
    private int _pendingPoints;
    private bool _dirty;
    private long _stepsSeen;

    /// <summary>Creates the live chart (nothing is displayed until the first point or <see cref="Show"/>).</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="axis"><see cref="LossAxis.Step"/> (default): the minibatch loss at every step (x = global step),
    /// and each epoch's mean train loss and validation loss at the step count reached at the end of the epoch.
    /// <see cref="LossAxis.Epoch"/>: only the epoch losses, x = 0-based epoch; steps are ignored.</param>
    /// <param name="logY">Logarithmic loss axis (every loss must be &gt; 0).</param>
    /// <param name="reference">A horizontal reference line, e.g. the closed-form loss, or null.</param>
    /// <param name="referenceName">Legend entry of the reference line.</param>
    /// <param name="minInterval">Redraw at most this often; null = 250 ms; <see cref="TimeSpan.Zero"/> = every point;
    /// <see cref="Timeout.InfiniteTimeSpan"/> = never because of time (then only <paramref name="updateEvery"/> and
    /// <see cref="Complete"/> redraw).</param>
    /// <param name="updateEvery">Also redraw after this many new points (0 = off).</param>
    /// <param name="id">Suffix of the div id (<c>linreg-live-{id}</c>): letters, digits, '-' or '_'. Null = a
    /// per-process counter. Give distinct ids to live charts of different cells of one notebook.</param>
    /// <param name="timeProvider">Clock for the throttle; null = <see cref="TimeProvider.System"/>.</param>
    /// <param name="yTitle">Vertical axis title: "loss" unless the chart tracks something else (a distance, an error).</param>
    /// <exception cref="ArgumentNullException">title, referenceName or yTitle is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">axis undefined; minInterval negative (other than infinite);
    /// updateEvery &lt; 0; reference not finite, or ≤ 0 with logY.</exception>
    /// <exception cref="ArgumentException">id has characters other than letters, digits, '-' and '_'.</exception>
    public LiveLossChart(string title = "Training loss", LossAxis axis = LossAxis.Step, bool logY = false,
        double? reference = null, string referenceName = "closed form", TimeSpan? minInterval = null,
        int updateEvery = 0, string? id = null, TimeProvider? timeProvider = null, string yTitle = "loss")
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(referenceName);
        ArgumentNullException.ThrowIfNull(yTitle);
        if (axis is not (LossAxis.Epoch or LossAxis.Step))
            throw new ArgumentOutOfRangeException(nameof(axis), axis, $"axis must be LossAxis.Epoch or LossAxis.Step, got {(int)axis}.");
        var interval = minInterval ?? TimeSpan.FromMilliseconds(250);
        if (interval < TimeSpan.Zero && interval != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(minInterval), interval, $"minInterval must be ≥ 0 (or Timeout.InfiniteTimeSpan), got {interval}.");
        if (updateEvery < 0)
            throw new ArgumentOutOfRangeException(nameof(updateEvery), updateEvery, $"updateEvery must be ≥ 0 (0 = off), got {updateEvery}.");
        if (reference is double r)
        {
            Validate.Finite(r, nameof(reference));
            if (logY && !(r > 0))
                throw new ArgumentOutOfRangeException(nameof(reference), r, $"reference is {Format.Num(r)}, but a logarithmic axis needs a value > 0.");
        }
        string suffix = id ?? Interlocked.Increment(ref _counter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (suffix.Length == 0 || !suffix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"id \"{id}\" must be non-empty and use only letters, digits, '-' or '_'.", nameof(id));
        DivId = "linreg-live-" + suffix;
        _title = title;
        _axis = axis;
        _logY = logY;
        _reference = reference;
        _referenceName = referenceName;
        _minInterval = interval;
        _updateEvery = updateEvery;
        _time = timeProvider ?? TimeProvider.System;
        _yTitle = yTitle;
    }

    /// <summary>
    /// Where <see cref="Complete"/> sends the chart when there is no kernel to display it in: null (the default: tests
    /// and console programs only collect the points), or an action such as the exported apps' display host, which
    /// writes the final chart to an HTML file and prints its path. Set once at a program's start.
    /// </summary>
    public static Action<LiveLossChart>? CompletedOutsideKernel { get; set; }

    /// <summary>The id of the chart's div in the displayed HTML (stable across runs).</summary>
    public string DivId { get; }

    /// <summary>The display id shared by the displayed output and all its updates; null until shown in a kernel.</summary>
    public string? DisplayId { get; private set; }

    /// <summary>How many <see cref="DisplayedValueUpdated"/> events were sent (0 outside a kernel).</summary>
    public int UpdateCount { get; private set; }

    /// <summary>Names of the series, in the order their first point arrived.</summary>
    public IReadOnlyList<string> SeriesNames
    {
        get { lock (_gate) return _seriesOrder.ToArray(); }
    }

    /// <summary>A copy of the points of one series, in the order they were added.</summary>
    /// <param name="series">A name from <see cref="SeriesNames"/>.</param>
    /// <returns>The (x, y) points.</returns>
    /// <exception cref="ArgumentNullException">series is null.</exception>
    /// <exception cref="KeyNotFoundException">no such series (the message lists the known ones).</exception>
    public IReadOnlyList<(double X, double Y)> Points(string series)
    {
        ArgumentNullException.ThrowIfNull(series);
        lock (_gate)
        {
            if (!_series.TryGetValue(series, out var points))
                throw new KeyNotFoundException($"No series \"{series}\"; known: {string.Join(", ", _seriesOrder.Select(s => $"\"{s}\""))}.");
            return points.ToArray();
        }
    }

    /// <summary>Adds one point (x, y) to a series and redraws if the throttle allows.</summary>
    /// <param name="x">Horizontal coordinate (step, epoch, …); finite.</param>
    /// <param name="y">The loss; finite (and &gt; 0 with a logarithmic axis).</param>
    /// <param name="series">Series name (legend entry).</param>
    /// <exception cref="ArgumentNullException">series is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">x or y is NaN/±∞, or y ≤ 0 with a logarithmic axis.</exception>
    public void Add(double x, double y, string series = "loss")
    {
        ArgumentNullException.ThrowIfNull(series);
        Validate.Finite(x, nameof(x));
        Validate.Finite(y, nameof(y));
        if (_logY && !(y > 0))
            throw new ArgumentOutOfRangeException(nameof(y), y, $"y is {Format.Num(y)}, but this chart has a logarithmic axis and needs y > 0.");
        lock (_gate)
        {
            if (!_series.TryGetValue(series, out var points))
            {
                points = [];
                _series[series] = points;
                _seriesOrder.Add(series);
            }
            points.Add((x, y));
            _dirty = true;
            _pendingPoints++;
            if (DisplayId is null)
            {
                ShowLocked();
                return;
            }
            bool byCount = _updateEvery > 0 && _pendingPoints >= _updateEvery;
            bool byTime = _minInterval != Timeout.InfiniteTimeSpan && _time.GetElapsedTime(_lastRender) >= _minInterval;
            if (byCount || byTime) UpdateLocked();
        }
    }

    /// <summary>Receives a step: with <see cref="LossAxis.Step"/>, adds (GlobalStep, Loss) to "minibatch loss".</summary>
    /// <param name="step">The step's metrics.</param>
    /// <exception cref="ArgumentNullException">step is null.</exception>
    public void OnStep(StepMetrics step)
    {
        ArgumentNullException.ThrowIfNull(step);
        lock (_gate) _stepsSeen = Math.Max(_stepsSeen, step.GlobalStep + 1);
        if (_axis == LossAxis.Step) Add(step.GlobalStep, step.Loss, "minibatch loss");
    }

    /// <summary>
    /// Receives an epoch: adds the epoch's mean train loss ("epoch mean (train)" / "train") and its validation loss
    /// ("validation") when present, at x = steps completed so far (<see cref="LossAxis.Step"/>) or x = Epoch
    /// (<see cref="LossAxis.Epoch"/>). It cannot know whether this is the last epoch: call <see cref="Complete"/>.
    /// </summary>
    /// <param name="epoch">The epoch's metrics.</param>
    /// <exception cref="ArgumentNullException">epoch is null.</exception>
    public void OnEpoch(EpochMetrics epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        double x;
        lock (_gate) x = _axis == LossAxis.Step ? _stepsSeen : epoch.Epoch;
        Add(x, epoch.TrainLoss, _axis == LossAxis.Step ? "epoch mean (train)" : "train");
        if (epoch.ValidationLoss is double v) Add(x, v, "validation");
    }

    /// <summary>Displays the chart now (empty if there are no points yet), if running in a kernel and not shown yet.</summary>
    public void Show()
    {
        lock (_gate)
        {
            if (DisplayId is null) ShowLocked();
        }
    }

    /// <summary>
    /// Draws the final state: sends one last update if points arrived since the last redraw (or displays the chart
    /// if it was never shown). Call it after training; more points may follow (call it again then). Outside a kernel,
    /// hands the chart to <see cref="CompletedOutsideKernel"/> if that is set.
    /// </summary>
    public void Complete()
    {
        bool outside;
        lock (_gate)
        {
            if (DisplayId is null) ShowLocked();
            else if (_dirty) UpdateLocked();
            outside = DisplayId is null;
        }
        if (outside) CompletedOutsideKernel?.Invoke(this);
    }

    /// <summary>Same as <see cref="Complete"/> (so <c>using var live = new LiveLossChart();</c> also works).</summary>
    public void Dispose() => Complete();

    /// <summary>A fresh Plotly.NET chart of the current points (safe to modify or display).</summary>
    /// <returns>The chart: one trace per series, plus the reference line if any.</returns>
    public GenericChart ToChart()
    {
        lock (_gate) return BuildLocked();
    }

    /// <summary>The HTML the notebook shows for the current points (div id <see cref="DivId"/>).</summary>
    /// <returns>An HTML fragment (div + script drawing with the notebook's plotly.js, see <see cref="ChartHtml.ToNotebookHtml"/>).</returns>
    public string ToHtml()
    {
        lock (_gate) return ChartHtml.ToNotebookHtml(BuildLocked(), DivId);
    }

    private GenericChart BuildLocked()
    {
        var series = new List<(string, double[], double[], Mode)>();
        foreach (var name in _seriesOrder)
        {
            var points = _series[name];
            var mode = name == "minibatch loss" ? Mode.Lines : Mode.Lines_Markers;
            series.Add((name, points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), mode));
        }
        string xTitle = _axis == LossAxis.Step ? "step" : "epoch";
        if (series.Count == 0)
        {
            // Nothing yet: an empty chart with the right titles (the reference line has no x-range to span yet).
            var empty = Plotly.NET.CSharp.Chart.Scatter<double, double, string>(Array.Empty<double>(), Array.Empty<double>(), Mode.Lines, Name: "loss");
            return Charts.Finish(empty, _title, xTitle, _yTitle, logY: _logY);
        }
        return Charts.LossChart(series, _logY, _reference, _referenceName, _title, xTitle, _yTitle);
    }

    private void ShowLocked()
    {
        var context = KernelInvocationContext.Current;
        if (context is null || context.IsComplete) return; // not in a kernel: just collect
        var chart = BuildLocked();
        var displayId = Guid.NewGuid().ToString("N");
        context.Publish(new DisplayedValueProduced(chart, context.Command, Formatted(chart), displayId));
        DisplayId = displayId;
        _shownIn = context;
        MarkRendered();
    }

    private void UpdateLocked()
    {
        var context = KernelInvocationContext.Current;
        if (context is null || context.IsComplete) context = _shownIn is { IsComplete: false } shown ? shown : null;
        if (context is null || DisplayId is null) return; // no kernel to talk to: keep collecting
        var chart = BuildLocked();
        context.Publish(new DisplayedValueUpdated(chart, DisplayId, context.Command, Formatted(chart)));
        UpdateCount++;
        MarkRendered();
    }

    private FormattedValue[] Formatted(GenericChart chart) =>
        [new FormattedValue(HtmlFormatter.MimeType, ChartHtml.ToNotebookHtml(chart, DivId))];

    private void MarkRendered()
    {
        _lastRender = _time.GetTimestamp();
        _pendingPoints = 0;
        _dirty = false;
    }
}
