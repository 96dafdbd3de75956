using System.Globalization;
using System.Net;
using System.Text;
using LinReg.Solvers;

namespace LinReg.Notebook;

/// <summary>
/// HTML tables for the inference results of the core library (which knows nothing of notebooks): a
/// <see cref="RegressionSummary"/> in the layout of R's summary(lm), and an <see cref="AnovaTable"/> in NIST's. The
/// numbers are the ones the text tables print (same rounding), so a reader sees the same table in either form.
/// <see cref="NotebookSession.Start"/> registers them as the notebooks' displays.
/// </summary>
internal static class InferenceHtml
{
    private const string Table = "border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:0.85em;margin:0.3em 0";
    private const string Num = "text-align:right;padding:0.1em 0.5em;border-bottom:1px solid #ddd;white-space:nowrap";
    private const string Head = "text-align:right;padding:0.1em 0.5em;border-bottom:2px solid #888;white-space:nowrap";
    private const string Name = "text-align:left;padding:0.1em 0.5em;border-bottom:1px solid #ddd;white-space:nowrap;font-family:monospace";

    internal static string Summary(RegressionSummary s)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        int p = s.Coefficients.Count;
        string lo = ((1 - s.Level) / 2).ToString("0.0##", inv), hi = (1 - (1 - s.Level) / 2).ToString("0.0##", inv);
        sb.Append("<div class=\"linreg-summary\">");
        sb.Append(inv, $"<table style=\"{Table}\"><caption style=\"text-align:left;font-weight:bold\">Least squares ({E(s.Method)}): n = {s.Observations}, p = {p} coefficient{(p == 1 ? "" : "s")}{(s.FitIntercept ? "" : " (no intercept)")}</caption>");
        sb.Append("<thead><tr>");
        foreach (var h in new[] { "", "Estimate", "Std. Error", "t value", "Pr(&gt;|t|)", "[" + lo, hi + "]" })
            sb.Append(inv, $"<th style=\"{Head}\">{h}</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var c in s.Coefficients)
        {
            sb.Append(inv, $"<tr><td style=\"{Name}\">{E(c.Name)}</td>");
            foreach (var v in RegressionSummary.FormatCells(c))
                sb.Append(inv, $"<td style=\"{Num}\">{E(v)}</td>");
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table><p style=\"margin:0.3em 0\">");
        sb.Append(inv, $"Residual standard error: {RegressionSummary.FormatNumber(s.ResidualStandardError)} on {s.ResidualDegreesOfFreedom} degrees of freedom<br>");
        sb.Append(inv, $"Multiple R²: {RegressionSummary.FormatNumber(s.RSquared, 5)}, adjusted R²: {RegressionSummary.FormatNumber(s.AdjustedRSquared, 5)}");
        if (s.Anova is { } a)
        {
            string f = double.IsPositiveInfinity(a.FStatistic) ? "Inf" : RegressionSummary.FormatNumber(a.FStatistic, 5);
            sb.Append(inv, $"<br>F-statistic: {f} on {a.RegressionDegreesOfFreedom} and {a.ResidualDegreesOfFreedom} DF, p-value: {E(RegressionSummary.FormatPValue(a.FPValue))}");
        }
        if (s.ResidualStandardError == 0) sb.Append("<br>Note: an exact fit (RSS = 0): every standard error is 0, so t and p are degenerate.");
        sb.Append("</p></div>");
        return sb.ToString();
    }

    internal static string Anova(AnovaTable a)
    {
        var inv = CultureInfo.InvariantCulture;
        static string N(double v) => double.IsPositiveInfinity(v) ? "Infinity" : RegressionSummary.FormatNumber(v, 7);
        var sb = new StringBuilder();
        sb.Append(inv, $"<table class=\"linreg-anova\" style=\"{Table}\"><thead><tr>");
        foreach (var h in new[] { "Source", "df", "Sum of squares", "Mean square", "F statistic", "p-value" })
            sb.Append(inv, $"<th style=\"{Head}\">{h}</th>");
        sb.Append("</tr></thead><tbody>");
        sb.Append(inv, $"<tr><td style=\"{Name}\">Regression</td><td style=\"{Num}\">{a.RegressionDegreesOfFreedom}</td><td style=\"{Num}\">{N(a.RegressionSumOfSquares)}</td><td style=\"{Num}\">{N(a.RegressionMeanSquare)}</td><td style=\"{Num}\">{N(a.FStatistic)}</td><td style=\"{Num}\">{E(RegressionSummary.FormatPValue(a.FPValue))}</td></tr>");
        sb.Append(inv, $"<tr><td style=\"{Name}\">Residual</td><td style=\"{Num}\">{a.ResidualDegreesOfFreedom}</td><td style=\"{Num}\">{N(a.ResidualSumOfSquares)}</td><td style=\"{Num}\">{N(a.ResidualMeanSquare)}</td><td style=\"{Num}\"></td><td style=\"{Num}\"></td></tr>");
        sb.Append(inv, $"<tr><td style=\"{Name}\">{(a.Centered ? "Total" : "Total (uncentred)")}</td><td style=\"{Num}\">{a.TotalDegreesOfFreedom}</td><td style=\"{Num}\">{N(a.TotalSumOfSquares)}</td><td style=\"{Num}\"></td><td style=\"{Num}\"></td><td style=\"{Num}\"></td></tr>");
        sb.Append("</tbody></table>");
        return sb.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
