using LinReg.Numerics;
using LinReg.Training;
using Plotly.NET;
using Plotly.NET.CSharp;
using static Plotly.NET.StyleParam;
using CoreChart = Plotly.NET.Chart;
using PChart = Plotly.NET.CSharp.Chart;

namespace LinReg.Plots;

/// <summary>
/// Plotly.NET chart builders for the book. Every call returns a NEW <see cref="GenericChart"/> built from private
/// copies of the inputs (Plotly.NET's <c>With*</c>/<c>Combine</c> mutate the charts they are given, so charts are
/// never shared or reused). Inputs are checked at the door: null → <see cref="ArgumentNullException"/>; empty,
/// mismatched lengths or a NaN/±∞ value → <see cref="ArgumentException"/> naming the argument, the index and the value.
/// Display a chart by making it the last expression of a notebook cell (Plotly.NET.Interactive formats it), or
/// render it with <see cref="ChartHtml"/>. Used in every notebook, from 01 · The model and the loss on.
/// </summary>
public static partial class Charts
{
    /// <summary>Default size of the non-square charts, in pixels.</summary>
    internal const int Width = 720, Height = 440;

    private static readonly Color ReferenceColor = Color.fromString("rgba(80, 80, 80, 1.0)");

    // ------------------------------------------------------------------ loss curves

    /// <summary>
    /// Loss curve: the training loss (and optionally a validation loss) against x, lines with markers, plus an
    /// optional horizontal reference line, e.g. the loss of the closed-form least-squares solution, which gradient
    /// training should approach from above.
    /// </summary>
    /// <param name="x">Horizontal coordinates (epochs or steps), one per training loss.</param>
    /// <param name="train">Training loss at each x.</param>
    /// <param name="validation">Validation loss at each x (same length as <paramref name="x"/>), or null.</param>
    /// <param name="logY">Logarithmic loss axis (every loss must then be &gt; 0).</param>
    /// <param name="reference">Height of a dashed horizontal reference line spanning min(x)..max(x), or null.</param>
    /// <param name="referenceName">Legend entry of the reference line.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    /// <returns>Traces, in order: train, [validation], [reference].</returns>
    /// <exception cref="ArgumentNullException">x or train is null.</exception>
    /// <exception cref="ArgumentException">an input is empty, lengths differ, or a value is NaN/±∞.</exception>
    /// <exception cref="ArgumentOutOfRangeException">logY and a loss (or the reference) ≤ 0; reference not finite.</exception>
    public static GenericChart LossCurve(IReadOnlyList<double> x, IReadOnlyList<double> train,
        IReadOnlyList<double>? validation = null, bool logY = false, double? reference = null,
        string referenceName = "closed form", string title = "Loss", string xTitle = "epoch", string yTitle = "loss")
    {
        var xs = Validate.Values(x, nameof(x));
        var tr = Validate.Values(train, nameof(train));
        Validate.SameLength(xs.Length, nameof(x), tr.Length, nameof(train));
        var series = new List<(string, double[], double[], Mode)> { ("train", xs, tr, Mode.Lines_Markers) };
        if (validation is not null)
        {
            var va = Validate.Values(validation, nameof(validation));
            Validate.SameLength(xs.Length, nameof(x), va.Length, nameof(validation));
            series.Add(("validation", xs, va, Mode.Lines_Markers));
        }
        return LossChart(series, logY, reference, referenceName, title, xTitle, yTitle);
    }

    /// <summary>
    /// Loss per epoch from a trainer's epoch metrics: x = <see cref="EpochMetrics.Epoch"/> (0-based, as the seed's
    /// listing prints it), y = <see cref="EpochMetrics.TrainLoss"/>, plus the validation loss of the epochs that have one.
    /// </summary>
    /// <param name="epochs">The epochs, e.g. <c>history.Epochs</c>.</param>
    /// <param name="logY">Logarithmic loss axis.</param>
    /// <param name="reference">Height of a horizontal reference line (e.g. the closed-form loss), or null.</param>
    /// <param name="referenceName">Legend entry of the reference line.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>Traces: train, [validation], [reference].</returns>
    /// <exception cref="ArgumentNullException">epochs is null.</exception>
    /// <exception cref="ArgumentException">no epochs, or a loss is NaN/±∞.</exception>
    /// <exception cref="ArgumentOutOfRangeException">logY and a loss ≤ 0.</exception>
    public static GenericChart LossCurve(IReadOnlyList<EpochMetrics> epochs, bool logY = false, double? reference = null,
        string referenceName = "closed form", string title = "Loss per epoch")
    {
        ArgumentNullException.ThrowIfNull(epochs);
        if (epochs.Count == 0) throw new ArgumentException("epochs is empty; train for at least one epoch first.", nameof(epochs));
        var series = EpochSeries(epochs, e => e.Epoch);
        return LossChart(series, logY, reference, referenceName, title, "epoch", "loss");
    }

    /// <summary>
    /// Minibatch loss per optimizer step: x = <see cref="StepMetrics.GlobalStep"/>, y = <see cref="StepMetrics.Loss"/>
    /// (L_B measured before the step's update). Noisy by nature: each point is one minibatch.
    /// </summary>
    /// <param name="steps">The steps, e.g. <c>history.Steps</c>.</param>
    /// <param name="logY">Logarithmic loss axis.</param>
    /// <param name="reference">Height of a horizontal reference line, or null.</param>
    /// <param name="referenceName">Legend entry of the reference line.</param>
    /// <param name="title">Chart title.</param>
    /// <returns>Traces: minibatch loss, [reference].</returns>
    /// <exception cref="ArgumentNullException">steps is null.</exception>
    /// <exception cref="ArgumentException">no steps, or a loss is NaN/±∞.</exception>
    /// <exception cref="ArgumentOutOfRangeException">logY and a loss ≤ 0.</exception>
    public static GenericChart LossCurve(IReadOnlyList<StepMetrics> steps, bool logY = false, double? reference = null,
        string referenceName = "closed form", string title = "Minibatch loss per step")
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0) throw new ArgumentException("steps is empty; train for at least one step first.", nameof(steps));
        var series = new List<(string, double[], double[], Mode)> { StepSeries(steps) };
        return LossChart(series, logY, reference, referenceName, title, "step", "loss");
    }

    /// <summary>
    /// Loss curve of a whole training run. <see cref="LossAxis.Epoch"/>: as <see cref="LossCurve(IReadOnlyList{EpochMetrics}, bool, double?, string, string)"/>.
    /// <see cref="LossAxis.Step"/>: the minibatch loss at every step, with the epoch means (and validation losses)
    /// drawn at the step count reached at the end of their epoch (1 + the epoch's last global step).
    /// </summary>
    /// <param name="history">What <c>Trainer.Fit</c> returned.</param>
    /// <param name="axis">Epochs or steps on the horizontal axis.</param>
    /// <param name="logY">Logarithmic loss axis.</param>
    /// <param name="reference">Height of a horizontal reference line (e.g. the closed-form loss), or null.</param>
    /// <param name="referenceName">Legend entry of the reference line.</param>
    /// <param name="title">Chart title; null picks one from the axis.</param>
    /// <returns>A fresh chart.</returns>
    /// <exception cref="ArgumentNullException">history is null.</exception>
    /// <exception cref="ArgumentException">the history has no epochs (Epoch) or no steps (Step), or a loss is NaN/±∞.</exception>
    /// <exception cref="ArgumentOutOfRangeException">logY and a loss ≤ 0; axis is not a defined value.</exception>
    public static GenericChart LossCurve(TrainingHistory history, LossAxis axis = LossAxis.Epoch, bool logY = false,
        double? reference = null, string referenceName = "closed form", string? title = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        switch (axis)
        {
            case LossAxis.Epoch:
                return LossCurve(history.Epochs, logY, reference, referenceName, title ?? "Loss per epoch");
            case LossAxis.Step:
            {
                if (history.Steps.Count == 0)
                    throw new ArgumentException("history has no steps; train for at least one step first.", nameof(history));
                var series = new List<(string, double[], double[], Mode)> { StepSeries(history.Steps) };
                var endOfEpoch = new Dictionary<int, long>();
                foreach (var s in history.Steps) endOfEpoch[s.Epoch] = s.GlobalStep + 1;
                var known = history.Epochs.Where(e => endOfEpoch.ContainsKey(e.Epoch)).ToList();
                if (known.Count > 0)
                {
                    foreach (var (name, xs, ys, _) in EpochSeries(known, e => endOfEpoch[e.Epoch]))
                        series.Add((name == "train" ? "epoch mean (train)" : name, xs, ys, Mode.Lines_Markers));
                }
                return LossChart(series, logY, reference, referenceName, title ?? "Training loss", "step", "loss");
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(axis), axis, $"axis must be LossAxis.Epoch or LossAxis.Step, got {(int)axis}.");
        }
    }

    private static (string, double[], double[], Mode) StepSeries(IReadOnlyList<StepMetrics> steps)
    {
        var xs = new double[steps.Count];
        var ys = new double[steps.Count];
        for (int i = 0; i < xs.Length; i++)
        {
            var s = steps[i] ?? throw new ArgumentException($"steps[{i}] is null.", nameof(steps));
            xs[i] = s.GlobalStep;
            ys[i] = s.Loss;
        }
        Validate.Values(ys, "steps.Loss");
        return ("minibatch loss", xs, ys, Mode.Lines);
    }

    private static List<(string, double[], double[], Mode)> EpochSeries(IReadOnlyList<EpochMetrics> epochs, Func<EpochMetrics, double> x)
    {
        for (int i = 0; i < epochs.Count; i++)
            if (epochs[i] is null) throw new ArgumentException($"epochs[{i}] is null.", nameof(epochs));
        var xs = epochs.Select(x).ToArray();
        var train = Validate.Values(epochs.Select(e => e.TrainLoss).ToArray(), "epochs.TrainLoss");
        var result = new List<(string, double[], double[], Mode)> { ("train", xs, train, Mode.Lines_Markers) };
        var withValidation = epochs.Where(e => e.ValidationLoss.HasValue).ToList();
        if (withValidation.Count > 0)
        {
            var vx = withValidation.Select(x).ToArray();
            var vy = Validate.Values(withValidation.Select(e => e.ValidationLoss!.Value).ToArray(), "epochs.ValidationLoss");
            result.Add(("validation", vx, vy, Mode.Lines_Markers));
        }
        return result;
    }

    /// <summary>Builds the loss chart from already validated series (each x/y pair the same length).</summary>
    internal static GenericChart LossChart(IReadOnlyList<(string Name, double[] X, double[] Y, Mode Mode)> series, bool logY,
        double? reference, string referenceName, string title, string xTitle, string yTitle)
    {
        ArgumentNullException.ThrowIfNull(referenceName);
        var traces = new List<GenericChart>();
        foreach (var (name, xs, ys, mode) in series)
        {
            if (logY) Validate.PositiveForLog(ys, name == "validation" ? "validation" : "train");
            traces.Add(Trace(xs, ys, mode, name));
        }
        if (reference is double r)
        {
            Validate.Finite(r, nameof(reference));
            if (logY && !(r > 0))
                throw new ArgumentOutOfRangeException(nameof(reference), r, $"reference is {Format.Num(r)}, but a logarithmic axis needs a value > 0.");
            double lo = series.Min(s => s.X.Min()), hi = series.Max(s => s.X.Max());
            traces.Add(Trace([lo, hi], [r, r], Mode.Lines, referenceName, dashed: true));
        }
        return Finish(PChart.Combine(traces), title, xTitle, yTitle, logY: logY);
    }

    // ------------------------------------------------------------------ residual diagnostics

    /// <summary>
    /// Residuals against fitted values, markers, with a dashed zero line spanning min..max of the fitted values. A
    /// linear model looks adequate when the cloud is centred on zero with no visible structure (curvature, a funnel,
    /// or offsets between categories).
    /// </summary>
    /// <param name="fitted">Fitted values ŷᵢ.</param>
    /// <param name="residuals">Residuals, one per fitted value (state the sign convention in the axis title; the
    /// seed uses rᵢ = ŷᵢ − yᵢ).</param>
    /// <param name="categories">Optional category label per point: one marker trace per distinct label, in order of
    /// first appearance (to see whether residuals differ by category).</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    /// <returns>Traces: the residual marker trace(s), then the zero line (named "zero").</returns>
    /// <exception cref="ArgumentNullException">fitted or residuals is null.</exception>
    /// <exception cref="ArgumentException">empty, lengths differ, a value is NaN/±∞, or a category label is null.</exception>
    public static GenericChart ResidualsVsFitted(IReadOnlyList<double> fitted, IReadOnlyList<double> residuals,
        IReadOnlyList<string>? categories = null, string title = "Residuals vs fitted",
        string xTitle = "fitted value ŷ", string yTitle = "residual")
    {
        var f = Validate.Values(fitted, nameof(fitted));
        var r = Validate.Values(residuals, nameof(residuals));
        Validate.SameLength(f.Length, nameof(fitted), r.Length, nameof(residuals));
        var traces = new List<GenericChart>();
        if (categories is null)
        {
            traces.Add(Trace(f, r, Mode.Markers, "residuals"));
        }
        else
        {
            Validate.SameLength(f.Length, nameof(fitted), categories.Count, nameof(categories));
            var order = new List<string>();
            var groups = new Dictionary<string, (List<double> X, List<double> Y)>(StringComparer.Ordinal);
            for (int i = 0; i < f.Length; i++)
            {
                string c = categories[i] ?? throw new ArgumentException($"categories[{i}] is null; every point needs a label.", nameof(categories));
                if (!groups.TryGetValue(c, out var g))
                {
                    g = ([], []);
                    groups[c] = g;
                    order.Add(c);
                }
                g.X.Add(f[i]);
                g.Y.Add(r[i]);
            }
            foreach (var c in order) traces.Add(Trace(groups[c].X.ToArray(), groups[c].Y.ToArray(), Mode.Markers, c));
        }
        traces.Add(Trace([f.Min(), f.Max()], [0.0, 0.0], Mode.Lines, "zero", dashed: true));
        return Finish(PChart.Combine(traces), title, xTitle, yTitle);
    }

    /// <summary>
    /// Histogram of residuals (counts per bin). Roughly bell-shaped and centred on zero is what the Gaussian noise
    /// model y = xᵀw + b + ε, ε ~ N(0, σ²) predicts.
    /// </summary>
    /// <param name="residuals">The residuals.</param>
    /// <param name="bins">Maximum number of bins (plotly's nbinsx), or null to let plotly.js choose.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    /// <returns>One histogram trace.</returns>
    /// <exception cref="ArgumentNullException">residuals is null.</exception>
    /// <exception cref="ArgumentException">empty, or a value is NaN/±∞.</exception>
    /// <exception cref="ArgumentOutOfRangeException">bins ≤ 0.</exception>
    public static GenericChart ResidualHistogram(IReadOnlyList<double> residuals, int? bins = null,
        string title = "Residuals", string xTitle = "residual", string yTitle = "count")
    {
        var r = Validate.Values(residuals, nameof(residuals));
        if (bins is int b && b <= 0)
            throw new ArgumentOutOfRangeException(nameof(bins), b, $"bins must be > 0, got {b}.");
        var chart = bins is int n
            ? PChart.Histogram<double, double, string>(X: r, Name: "residuals", NBinsX: n)
            : PChart.Histogram<double, double, string>(X: r, Name: "residuals");
        return Finish(chart, title, xTitle, yTitle);
    }

    // ------------------------------------------------------------------ data and fitted lines

    /// <summary>
    /// Scatter of the data (markers) with optional straight lines ŷ = w·x + b over it — e.g. the two points of
    /// worked example 1 with the line before the SGD step (w = 1, b = 0) and after it (w = 1.5, b = 0.2).
    /// </summary>
    /// <param name="x">Feature values.</param>
    /// <param name="y">Targets, one per feature value.</param>
    /// <param name="lines">Lines to draw (each a 2-point line trace), or null.</param>
    /// <param name="lineFrom">Left end of the lines; null = min(x).</param>
    /// <param name="lineTo">Right end of the lines; null = max(x).</param>
    /// <param name="name">Legend entry of the data.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    /// <returns>Traces: the data markers, then one line per entry of <paramref name="lines"/>.</returns>
    /// <exception cref="ArgumentNullException">x or y is null, or an entry of lines is null.</exception>
    /// <exception cref="ArgumentException">empty, lengths differ, a value is NaN/±∞, or lineFrom ≥ lineTo.</exception>
    /// <exception cref="ArgumentOutOfRangeException">a line's slope/intercept or lineFrom/lineTo is not finite.</exception>
    public static GenericChart Scatter(IReadOnlyList<double> x, IReadOnlyList<double> y, IEnumerable<FittedLine>? lines = null,
        double? lineFrom = null, double? lineTo = null, string name = "data", string title = "",
        string xTitle = "x", string yTitle = "y")
    {
        var xs = Validate.Values(x, nameof(x));
        var ys = Validate.Values(y, nameof(y));
        Validate.SameLength(xs.Length, nameof(x), ys.Length, nameof(y));
        ArgumentNullException.ThrowIfNull(name);
        var traces = new List<GenericChart> { Trace(xs, ys, Mode.Markers, name) };
        if (lines is not null)
        {
            double lo = lineFrom ?? xs.Min(), hi = lineTo ?? xs.Max();
            Validate.Finite(lo, nameof(lineFrom));
            Validate.Finite(hi, nameof(lineTo));
            if (lineFrom.HasValue || lineTo.HasValue)
            {
                if (!(lo < hi))
                    throw new ArgumentException($"lineFrom ({Format.Num(lo)}) must be less than lineTo ({Format.Num(hi)}).", nameof(lineFrom));
            }
            int k = 0;
            foreach (var line in lines)
            {
                if (line is null) throw new ArgumentNullException(nameof(lines), $"lines[{k}] is null.");
                Validate.Finite(line.Slope, $"lines[{k}].Slope");
                Validate.Finite(line.Intercept, $"lines[{k}].Intercept");
                traces.Add(Trace([lo, hi], [line.Slope * lo + line.Intercept, line.Slope * hi + line.Intercept], Mode.Lines, line.DisplayName));
                k++;
            }
        }
        return Finish(PChart.Combine(traces), title, xTitle, yTitle);
    }

    /// <summary>
    /// Scatter of the data (markers) with curves over it, each given by its points — e.g. a straight line and a
    /// network's predictions on a grid of x, against the data they were fitted to.
    /// </summary>
    /// <param name="x">Feature values.</param>
    /// <param name="y">Targets, one per feature value.</param>
    /// <param name="curves">The curves, each drawn as a line through its points in the given order (sort X first).</param>
    /// <param name="name">Legend entry of the data.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    /// <returns>Traces: the data markers, then one line per curve.</returns>
    /// <exception cref="ArgumentNullException">x, y, curves, a curve, or its Name/X/Y is null.</exception>
    /// <exception cref="ArgumentException">x or a curve is empty, x and y or a curve's X and Y differ in length, or a value is NaN/±∞.</exception>
    public static GenericChart ScatterWithCurves(IReadOnlyList<double> x, IReadOnlyList<double> y, IEnumerable<Series> curves,
        string name = "data", string title = "", string xTitle = "x", string yTitle = "y")
    {
        var xs = Validate.Values(x, nameof(x));
        var ys = Validate.Values(y, nameof(y));
        Validate.SameLength(xs.Length, nameof(x), ys.Length, nameof(y));
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentNullException.ThrowIfNull(name);
        var traces = new List<GenericChart> { Trace(xs, ys, Mode.Markers, name) };
        int k = 0;
        foreach (var c in curves)
        {
            if (c is null) throw new ArgumentNullException(nameof(curves), $"curves[{k}] is null.");
            ArgumentNullException.ThrowIfNull(c.Name, $"curves[{k}].Name");
            var cx = Validate.Values(c.X, $"curves[{k}].X");
            var cy = Validate.Values(c.Y, $"curves[{k}].Y");
            Validate.SameLength(cx.Length, $"curves[{k}].X", cy.Length, $"curves[{k}].Y");
            traces.Add(Trace(cx, cy, Mode.Lines, c.Name));
            k++;
        }
        return Finish(PChart.Combine(traces), title, xTitle, yTitle);
    }

    // ------------------------------------------------------------------ loss surface

    /// <summary>
    /// Filled contour plot of a loss surface L(w, b) over a grid, with optimizer paths drawn on top (lines with
    /// markers). Elongated contours show why unscaled features make gradient descent zigzag.
    /// </summary>
    /// <param name="wGrid">Weights along the horizontal axis, strictly increasing, ≥ 2 values.</param>
    /// <param name="bGrid">Biases along the vertical axis, strictly increasing, ≥ 2 values.</param>
    /// <param name="loss">L(w, b), evaluated at every grid point (|wGrid|·|bGrid| calls); must be finite.</param>
    /// <param name="paths">Optimizer paths to overlay, or null.</param>
    /// <param name="equalAspect">One unit of w as long as one unit of b on screen (so the contours' true shape shows).</param>
    /// <param name="levels">Roughly how many contour levels (plotly's ncontours), or null for plotly's choice. A
    /// quadratic bowl crowds its levels far from the minimum: more levels, or plotting log L (pass
    /// <c>(w, b) =&gt; Math.Log10(L(w, b))</c> and <c>zTitle: "log₁₀ loss"</c>), show the valley.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    /// <param name="zTitle">Colour bar title.</param>
    /// <returns>Traces: the contour (z[j][i] = L(wGrid[i], bGrid[j]), plotly's row = b), then one per path (legend
    /// above the plot, clear of the colour bar).</returns>
    /// <exception cref="ArgumentNullException">a grid or loss is null, or a path is null.</exception>
    /// <exception cref="ArgumentException">a grid has &lt; 2 values, is not increasing or not finite; the loss is NaN/±∞
    /// somewhere (the message names w and b); a path is empty, its W and B differ in length or hold NaN/±∞.</exception>
    /// <exception cref="ArgumentOutOfRangeException">levels ≤ 0.</exception>
    public static GenericChart LossSurfaceContour(IReadOnlyList<double> wGrid, IReadOnlyList<double> bGrid,
        Func<double, double, double> loss, IEnumerable<OptimizerPath>? paths = null, bool equalAspect = false,
        int? levels = null, string title = "Loss surface", string xTitle = "w", string yTitle = "b", string zTitle = "loss")
    {
        var ws = Validate.Grid(wGrid, nameof(wGrid));
        var bs = Validate.Grid(bGrid, nameof(bGrid));
        ArgumentNullException.ThrowIfNull(loss);
        var rows = new double[bs.Length][];
        for (int j = 0; j < bs.Length; j++)
        {
            rows[j] = new double[ws.Length];
            for (int i = 0; i < ws.Length; i++)
            {
                double z = loss(ws[i], bs[j]);
                if (!double.IsFinite(z))
                    throw new ArgumentException($"loss(w = {Format.Num(ws[i])}, b = {Format.Num(bs[j])}) is {Format.Num(z)}; the loss must be finite on the whole grid.", nameof(loss));
                rows[j][i] = z;
            }
        }
        return Contour(ws, bs, rows, paths, equalAspect, levels, title, xTitle, yTitle, zTitle);
    }

    /// <summary>
    /// Filled contour plot of precomputed loss values with optimizer paths on top.
    /// </summary>
    /// <param name="wGrid">Weights along the horizontal axis, strictly increasing, ≥ 2 values.</param>
    /// <param name="bGrid">Biases along the vertical axis, strictly increasing, ≥ 2 values.</param>
    /// <param name="z">Loss values, shape |wGrid| × |bGrid|: z[i, j] = L(wGrid[i], bGrid[j]) (first index = w).</param>
    /// <param name="paths">Optimizer paths to overlay, or null.</param>
    /// <param name="equalAspect">One unit of w as long as one unit of b on screen.</param>
    /// <param name="levels">Roughly how many contour levels, or null for plotly's choice.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    /// <param name="zTitle">Colour bar title.</param>
    /// <returns>Traces: the contour, then one per path.</returns>
    /// <exception cref="ArgumentNullException">a grid, z or a path is null.</exception>
    /// <exception cref="ArgumentException">z's shape is not |wGrid| × |bGrid|; z[i, j] is NaN/±∞; a grid or path is invalid
    /// (see <see cref="LossSurfaceContour(IReadOnlyList{double}, IReadOnlyList{double}, Func{double, double, double}, IEnumerable{OptimizerPath}?, bool, int?, string, string, string, string)"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">levels ≤ 0.</exception>
    public static GenericChart LossSurfaceContour(IReadOnlyList<double> wGrid, IReadOnlyList<double> bGrid, double[,] z,
        IEnumerable<OptimizerPath>? paths = null, bool equalAspect = false, int? levels = null,
        string title = "Loss surface", string xTitle = "w", string yTitle = "b", string zTitle = "loss")
    {
        var ws = Validate.Grid(wGrid, nameof(wGrid));
        var bs = Validate.Grid(bGrid, nameof(bGrid));
        ArgumentNullException.ThrowIfNull(z);
        if (z.GetLength(0) != ws.Length || z.GetLength(1) != bs.Length)
            throw new ArgumentException(
                $"z is {z.GetLength(0)}×{z.GetLength(1)} but must be |wGrid|×|bGrid| = {ws.Length}×{bs.Length} (z[i, j] = L(wGrid[i], bGrid[j])).", nameof(z));
        Guard.AllFinite(System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref z[0, 0], z.Length), ws.Length, bs.Length, nameof(z));
        var rows = new double[bs.Length][];
        for (int j = 0; j < bs.Length; j++)
        {
            rows[j] = new double[ws.Length];
            for (int i = 0; i < ws.Length; i++) rows[j][i] = z[i, j];
        }
        return Contour(ws, bs, rows, paths, equalAspect, levels, title, xTitle, yTitle, zTitle);
    }

    private static GenericChart Contour(double[] ws, double[] bs, double[][] rows, IEnumerable<OptimizerPath>? paths,
        bool equalAspect, int? levels, string title, string xTitle, string yTitle, string zTitle)
    {
        ArgumentNullException.ThrowIfNull(zTitle);
        if (levels is int l && l <= 0)
            throw new ArgumentOutOfRangeException(nameof(levels), l, $"levels must be > 0, got {l}.");
        // Plotly.NET's ColorBar.init has no C# optional arguments; set the one property on the dynamic object.
        var colorBar = new ColorBar();
        colorBar.SetProperty("title", new Dictionary<string, object> { ["text"] = zTitle });
        var contour = levels is int n
            ? PChart.Contour<double, double, double, string>(rows, Name: "loss", X: ws, Y: bs, ColorBar: colorBar, NContours: n)
            : PChart.Contour<double, double, double, string>(rows, Name: "loss", X: ws, Y: bs, ColorBar: colorBar);
        var traces = new List<GenericChart> { contour };
        if (paths is not null)
        {
            int k = 0;
            foreach (var path in paths)
            {
                if (path is null) throw new ArgumentNullException(nameof(paths), $"paths[{k}] is null.");
                ArgumentNullException.ThrowIfNull(path.Name, $"paths[{k}].Name");
                var pw = Validate.Values(path.W, $"paths[{k}].W");
                var pb = Validate.Values(path.B, $"paths[{k}].B");
                Validate.SameLength(pw.Length, $"paths[{k}].W", pb.Length, $"paths[{k}].B");
                traces.Add(PChart.Scatter<double, double, string>(pw, pb, Mode.Lines_Markers, Name: path.Name, ShowLegend: true));
                k++;
            }
        }
        var chart = Finish(PChart.Combine(traces), title, xTitle, yTitle, width: 640, height: 600);
        // The legend's default place (right, x = 1.02) is where the colour bar is: put it above the plot instead.
        chart = chart.WithLegendStyle(Orientation: Orientation.Horizontal, X: 0.0, Y: 1.02, YAnchor: YAnchorPosition.Bottom);
        if (equalAspect)
        {
            // Plotly.NET.CSharp's WithYAxisStyle has no scaleanchor; set it on the (fresh) layout's y axis object.
            var layout = GenericChart.getLayout(chart);
            var yaxis = (DynamicObj.DynamicObj)layout.GetPropertyValue("yaxis");
            yaxis.SetProperty("scaleanchor", "x");
            yaxis.SetProperty("scaleratio", 1.0);
        }
        return chart;
    }

    // ------------------------------------------------------------------ miscellaneous

    /// <summary>A single line (with markers by default), e.g. solve time against d.</summary>
    /// <param name="x">Horizontal coordinates.</param>
    /// <param name="y">Vertical coordinates, one per x.</param>
    /// <param name="name">Legend entry.</param>
    /// <param name="markers">Draw markers at the points as well as the line.</param>
    /// <param name="logX">Logarithmic horizontal axis (x must be &gt; 0).</param>
    /// <param name="logY">Logarithmic vertical axis (y must be &gt; 0).</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    /// <returns>One scatter trace.</returns>
    /// <exception cref="ArgumentNullException">x or y is null.</exception>
    /// <exception cref="ArgumentException">empty, lengths differ, a value is NaN/±∞.</exception>
    /// <exception cref="ArgumentOutOfRangeException">a log axis and a value ≤ 0.</exception>
    public static GenericChart Line(IReadOnlyList<double> x, IReadOnlyList<double> y, string name = "", bool markers = true,
        bool logX = false, bool logY = false, string title = "", string xTitle = "x", string yTitle = "y")
        => Lines([new Series(name, x, y)], markers, logX, logY, title, xTitle, yTitle);

    /// <summary>Several named lines on one chart, e.g. the loss with and without the ½.</summary>
    /// <param name="series">The lines; each X and Y the same length.</param>
    /// <param name="markers">Draw markers at the points as well as the lines.</param>
    /// <param name="logX">Logarithmic horizontal axis.</param>
    /// <param name="logY">Logarithmic vertical axis.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    /// <param name="xTicks">Optional: the horizontal tick positions, labelled with their values (e.g. a log grid
    /// 16, 32, …, 1024, which plotly.js would otherwise label 2, 5, 100, …); null lets plotly.js choose.</param>
    /// <returns>One scatter trace per series, in order.</returns>
    /// <exception cref="ArgumentNullException">series, an entry, or its Name/X/Y is null.</exception>
    /// <exception cref="ArgumentException">no series, or a series is empty, has lengths that differ or a NaN/±∞ value;
    /// xTicks is empty or has a NaN/±∞ value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">a log axis and a value (or an xTicks value) ≤ 0.</exception>
    public static GenericChart Lines(IEnumerable<Series> series, bool markers = false, bool logX = false, bool logY = false,
        string title = "", string xTitle = "x", string yTitle = "y", IReadOnlyList<double>? xTicks = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        double[]? ticks = xTicks is null ? null : Validate.Values(xTicks, nameof(xTicks));
        if (ticks is not null && logX) Validate.PositiveForLog(ticks, nameof(xTicks));
        var traces = new List<GenericChart>();
        int k = 0;
        foreach (var s in series)
        {
            if (s is null) throw new ArgumentNullException(nameof(series), $"series[{k}] is null.");
            ArgumentNullException.ThrowIfNull(s.Name, $"series[{k}].Name");
            var xs = Validate.Values(s.X, $"series[{k}].X");
            var ys = Validate.Values(s.Y, $"series[{k}].Y");
            Validate.SameLength(xs.Length, $"series[{k}].X", ys.Length, $"series[{k}].Y");
            if (logX) Validate.PositiveForLog(xs, $"series[{k}].X");
            if (logY) Validate.PositiveForLog(ys, $"series[{k}].Y");
            traces.Add(Trace(xs, ys, markers ? Mode.Lines_Markers : Mode.Lines, s.Name));
            k++;
        }
        if (k == 0) throw new ArgumentException("series is empty; give at least one line.", nameof(series));
        var chart = Finish(PChart.Combine(traces), title, xTitle, yTitle, logX, logY);
        if (ticks is not null)
        {
            var axis = AxisOf(chart, "xaxis");
            axis.SetProperty("tickmode", "array");
            axis.SetProperty("tickvals", ticks);
            axis.SetProperty("ticktext", ticks.Select(Format.Num).ToArray());
        }
        return chart;
    }

    /// <summary>Vertical bars, one per category.</summary>
    /// <param name="categories">Labels along the horizontal axis (distinct).</param>
    /// <param name="values">One bar height per category.</param>
    /// <param name="name">Legend entry.</param>
    /// <param name="logY">Logarithmic vertical axis (values must be &gt; 0).</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    /// <returns>One bar trace.</returns>
    /// <exception cref="ArgumentNullException">categories, a label, or values is null.</exception>
    /// <exception cref="ArgumentException">empty, lengths differ, duplicate labels, a value is NaN/±∞.</exception>
    /// <exception cref="ArgumentOutOfRangeException">logY and a value ≤ 0.</exception>
    public static GenericChart Bars(IReadOnlyList<string> categories, IReadOnlyList<double> values, string name = "",
        bool logY = false, string title = "", string xTitle = "", string yTitle = "")
        => Bars(categories, [new BarSeries(name, values)], logY, title, xTitle, yTitle);

    /// <summary>Grouped vertical bars: one group per category, one bar per series (e.g. LRE per dataset and solver).</summary>
    /// <param name="categories">Labels along the horizontal axis (distinct).</param>
    /// <param name="series">The bar sets; each has one value per category.</param>
    /// <param name="logY">Logarithmic vertical axis (values must be &gt; 0).</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    /// <returns>One bar trace per series, in order.</returns>
    /// <exception cref="ArgumentNullException">categories, a label, series or an entry is null.</exception>
    /// <exception cref="ArgumentException">no categories or series, duplicate labels, a series' length differs from the
    /// number of categories, a value is NaN/±∞.</exception>
    /// <exception cref="ArgumentOutOfRangeException">logY and a value ≤ 0.</exception>
    public static GenericChart Bars(IReadOnlyList<string> categories, IEnumerable<BarSeries> series, bool logY = false,
        string title = "", string xTitle = "", string yTitle = "")
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        if (categories.Count == 0) throw new ArgumentException("categories is empty; at least one is needed.", nameof(categories));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < categories.Count; i++)
        {
            var c = categories[i] ?? throw new ArgumentNullException(nameof(categories), $"categories[{i}] is null.");
            if (!seen.Add(c)) throw new ArgumentException($"categories[{i}] = \"{c}\" appears twice; labels must be distinct.", nameof(categories));
        }
        var cats = categories.ToArray();
        var traces = new List<GenericChart>();
        int k = 0;
        foreach (var s in series)
        {
            if (s is null) throw new ArgumentNullException(nameof(series), $"series[{k}] is null.");
            ArgumentNullException.ThrowIfNull(s.Name, $"series[{k}].Name");
            var v = Validate.Values(s.Values, $"series[{k}].Values");
            Validate.SameLength(cats.Length, nameof(categories), v.Length, $"series[{k}].Values");
            if (logY) Validate.PositiveForLog(v, $"series[{k}].Values");
            traces.Add(PChart.Column<double, string, string>(v, Keys: cats, Name: s.Name));
            k++;
        }
        if (k == 0) throw new ArgumentException("series is empty; give at least one set of bars.", nameof(series));
        return Finish(PChart.Combine(traces), title, xTitle, yTitle, logY: logY);
    }

    // ------------------------------------------------------------------ shared pieces

    internal static GenericChart Trace(double[] x, double[] y, Mode mode, string name, bool dashed = false)
        => dashed
            ? PChart.Scatter<double, double, string>(x, y, mode, Name: name, LineDash: DrawingStyle.Dash, LineColor: ReferenceColor)
            : PChart.Scatter<double, double, string>(x, y, mode, Name: name);

    internal static GenericChart Finish(GenericChart chart, string title, string xTitle, string yTitle,
        bool logX = false, bool logY = false, int width = Width, int height = Height)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(xTitle);
        ArgumentNullException.ThrowIfNull(yTitle);
        chart = logX
            ? chart.WithXAxisStyle<double, double, string>(TitleText: xTitle, AxisType: AxisType.Log)
            : chart.WithXAxisStyle<double, double, string>(TitleText: xTitle);
        chart = logY
            ? chart.WithYAxisStyle<double, double, string>(TitleText: yTitle, AxisType: AxisType.Log)
            : chart.WithYAxisStyle<double, double, string>(TitleText: yTitle);
        // plotly.js labels a log axis' powers of ten with SI prefixes by default (1e-8 as "10n", 1e-4 as "100µ");
        // a maths text wants 10⁻⁸.
        if (logX) AxisOf(chart, "xaxis").SetProperty("exponentformat", "power");
        if (logY) AxisOf(chart, "yaxis").SetProperty("exponentformat", "power");
        chart = chart.WithSize(width, height);
        return title.Length == 0 ? chart : CoreChart.withTitle(title, null).Invoke(chart);
    }

    /// <summary>The chart's own axis object ("xaxis" or "yaxis", set by <see cref="Finish"/>), to add what the
    /// C# axis-style call cannot set.</summary>
    private static DynamicObj.DynamicObj AxisOf(GenericChart chart, string name)
    {
        var axis = GenericChart.getLayout(chart).TryGetTypedPropertyValue<Plotly.NET.LayoutObjects.LinearAxis>(name);
        return axis?.Value ?? throw new InvalidOperationException($"the chart has no {name} to style.");
    }
}
