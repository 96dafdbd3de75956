using LinReg.Numerics;
using Plotly.NET;
using Plotly.NET.CSharp;
using static Plotly.NET.StyleParam;
using PChart = Plotly.NET.CSharp.Chart;

namespace LinReg.Plots;

// Data with fitted curves over it (issue 10: notebook 13's polynomial fits of several degrees).
public static partial class Charts
{
    /// <summary>
    /// Data points (markers) with curves drawn over them (lines), e.g. the training points with the polynomial fits of
    /// degree 1, 3 and 15 and the true function. A fit that overshoots wildly between or beyond the points would
    /// squash the picture, so the vertical range can be fixed: what leaves it is cut off, not rescaled.
    /// </summary>
    /// <param name="x">Horizontal coordinates of the data.</param>
    /// <param name="y">Vertical coordinates of the data, one per x.</param>
    /// <param name="curves">The curves, each evaluated on its own grid (X increasing for a smooth line).</param>
    /// <param name="name">Legend entry of the data.</param>
    /// <param name="yMin">Lower end of the vertical axis, or null (with <paramref name="yMax"/>) for plotly's choice.</param>
    /// <param name="yMax">Upper end of the vertical axis, or null (with <paramref name="yMin"/>).</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    /// <returns>Traces: the data markers, then one line per curve, in order.</returns>
    /// <exception cref="ArgumentNullException">x, y, curves, an entry of curves or its Name/X/Y is null.</exception>
    /// <exception cref="ArgumentException">the data or a curve is empty, has lengths that differ or a NaN/±∞ value;
    /// only one of yMin and yMax is given.</exception>
    /// <exception cref="ArgumentOutOfRangeException">yMin or yMax is not finite, or yMin ≥ yMax.</exception>
    public static GenericChart PointsAndCurves(IReadOnlyList<double> x, IReadOnlyList<double> y, IEnumerable<Series> curves,
        string name = "data", double? yMin = null, double? yMax = null, string title = "", string xTitle = "x", string yTitle = "y")
    {
        if (yMin.HasValue != yMax.HasValue)
            throw new ArgumentException("Give both yMin and yMax (a fixed vertical range), or neither.", yMin.HasValue ? nameof(yMax) : nameof(yMin));
        if (yMin is double lo && yMax is double hi)
        {
            Validate.Finite(lo, nameof(yMin));
            Validate.Finite(hi, nameof(yMax));
            if (!(lo < hi))
                throw new ArgumentOutOfRangeException(nameof(yMin), lo, $"yMin ({Format.Num(lo)}) must be less than yMax ({Format.Num(hi)}).");
        }
        // the same markers and lines as ScatterWithCurves (which checks the data and the curves), then the fixed range
        var chart = ScatterWithCurves(x, y, curves, name, title, xTitle, yTitle);
        return yMin is double min && yMax is double max
            ? chart.WithYAxisStyle<double, double, string>(TitleText: yTitle, MinMax: Tuple.Create(min, max))
            : chart;
    }
}
