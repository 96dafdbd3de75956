using LinReg.Solvers;
using Plotly.NET;
using static Plotly.NET.StyleParam;
using PChart = Plotly.NET.CSharp.Chart;

namespace LinReg.Plots;

/// <summary>
/// Charts of confidence intervals: the picture behind "95% of such intervals cover the truth".
/// Taught in notebook 16 · How sure are we?
/// </summary>
public static class IntervalCharts
{
    private static readonly Color Covers = Color.fromString("rgba(31, 119, 180, 1.0)");
    private static readonly Color Misses = Color.fromString("rgba(214, 39, 40, 1.0)");
    private static readonly Color Truth = Color.fromString("rgba(80, 80, 80, 1.0)");

    /// <summary>
    /// One horizontal bar per repeated experiment (experiment k at height k, from 1): its interval [lower, upper], blue
    /// when it contains <paramref name="truth"/>, red when it misses; a dashed vertical line at the truth. The legend
    /// counts the misses.
    /// </summary>
    /// <param name="intervals">The intervals, one per experiment (at least one).</param>
    /// <param name="truth">The true value (finite).</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title (the parameter).</param>
    /// <param name="yTitle">Vertical axis title.</param>
    /// <returns>Traces, in order: one line per interval (legend shown on the first covering and the first missing
    /// one), then the truth line (named "true value").</returns>
    /// <exception cref="ArgumentNullException"><paramref name="intervals"/> or a title is null.</exception>
    /// <exception cref="ArgumentException">No intervals, or an end that is NaN/±∞ or a lower end above the upper one
    /// (the message names the index).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="truth"/> is NaN or ±∞.</exception>
    public static GenericChart Coverage(IReadOnlyList<ConfidenceInterval> intervals, double truth,
        string title = "Confidence intervals and the truth", string xTitle = "value", string yTitle = "experiment")
    {
        ArgumentNullException.ThrowIfNull(intervals);
        if (intervals.Count == 0) throw new ArgumentException("intervals is empty; give at least one.", nameof(intervals));
        Validate.Finite(truth, nameof(truth));
        int misses = 0;
        for (int k = 0; k < intervals.Count; k++)
        {
            var ci = intervals[k];
            if (!double.IsFinite(ci.Lower) || !double.IsFinite(ci.Upper) || ci.Lower > ci.Upper)
                throw new ArgumentException(
                    $"intervals[{k}] = [{Numerics.Format.Num(ci.Lower)}, {Numerics.Format.Num(ci.Upper)}] is not a finite interval with lower ≤ upper.",
                    nameof(intervals));
            if (!ci.Contains(truth)) misses++;
        }
        var traces = new List<GenericChart>();
        bool coverLegend = false, missLegend = false;
        for (int k = 0; k < intervals.Count; k++)
        {
            var ci = intervals[k];
            bool covers = ci.Contains(truth);
            bool legend = covers ? !coverLegend : !missLegend;
            if (covers) coverLegend = true;
            else missLegend = true;
            string name = covers ? $"covers the truth ({intervals.Count - misses})" : $"misses ({misses})";
            traces.Add(PChart.Scatter<double, double, string>([ci.Lower, ci.Upper], [k + 1.0, k + 1.0], Mode.Lines, Name: name,
                ShowLegend: legend, LineColor: covers ? Covers : Misses, LineWidth: 3.0));
        }
        traces.Add(PChart.Scatter<double, double, string>([truth, truth], [0.5, intervals.Count + 0.5], Mode.Lines, Name: "true value",
            LineDash: DrawingStyle.Dash, LineColor: Truth));
        return Charts.Finish(PChart.Combine(traces), title, xTitle, yTitle);
    }
}
