using System.Text.RegularExpressions;
using LinReg.Data;
using LinReg.Solvers;
using Microsoft.DotNet.Interactive.Formatting;

namespace LinReg.Notebook.Tests;

/// <summary>
/// The notebooks' rich displays of the core library's inference results: <see cref="NotebookSession.Start"/> makes a
/// <see cref="RegressionSummary"/> and an <see cref="AnovaTable"/> display as HTML tables (and as their text tables in
/// plain text). Expected values: the fit's own statistics, formatted here independently (G6, F3), and the text table.
/// </summary>
public class NotebookSessionTests
{
    private static LeastSquaresResult Fit()
    {
        var data = new Dataset([1, 0.5, 2, -1, 3, 0.2, 4, 1.5, 5, -0.3, 6, 0.9, 7, 0.1], [3.1, 2.2, 6.8, 6.1, 9.9, 11.8, 13.1], 2,
            ["dose", "age<65"]);
        return LeastSquares.Fit(data);
    }

    private static string G6(double v) => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture).Replace('E', 'e'); // R writes 1e-05

    private static List<string> Cells(string html) =>
        Regex.Matches(html, "<td[^>]*>(.*?)</td>").Select(m => m.Groups[1].Value).ToList();

    [Fact]
    public void Start_SummaryDisplaysAsAnHtmlTableWithEveryNumber()
    {
        NotebookSession.Start();
        var fit = Fit();
        var summary = fit.Summary();

        string html = summary.ToDisplayString(HtmlFormatter.MimeType);

        Assert.StartsWith("<div class=\"linreg-summary\"><table", html);
        var cells = Cells(html);
        Assert.Equal(3 * 7, cells.Count); // 3 coefficients × (name + 6 numbers)
        Assert.Equal(["(Intercept)", "dose", "age&lt;65"], new[] { cells[0], cells[7], cells[14] }); // names HTML-escaped
        var se = fit.StandardErrors;
        var t = fit.TStatistics;
        var ci = fit.ConfidenceIntervals();
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(G6(fit.Coefficients[j]), cells[7 * j + 1]);
            Assert.Equal(G6(se[j]), cells[7 * j + 2]);
            Assert.Equal(t[j].ToString("F3", System.Globalization.CultureInfo.InvariantCulture), cells[7 * j + 3]);
            Assert.Equal(G6(ci[j].Lower), cells[7 * j + 5]);
            Assert.Equal(G6(ci[j].Upper), cells[7 * j + 6]);
        }
        Assert.Contains($"Residual standard error: {G6(fit.ResidualStandardError)} on 4 degrees of freedom", html);
        Assert.Contains("on 2 and 4 DF", html);
    }

    [Fact]
    public void Start_PlainTextIsTheTextTable()
    {
        NotebookSession.Start();
        var fit = Fit();

        Assert.Equal(fit.Summary().ToString(), fit.Summary().ToDisplayString(PlainTextFormatter.MimeType));
        Assert.Equal(fit.Anova.ToString(), fit.Anova.ToDisplayString(PlainTextFormatter.MimeType));
    }

    [Fact]
    public void Start_AnovaDisplaysAsAnHtmlTable()
    {
        NotebookSession.Start();
        var a = Fit().Anova;

        var cells = Cells(a.ToDisplayString(HtmlFormatter.MimeType));

        Assert.Equal(["Regression", "2", a.RegressionSumOfSquares.ToString("G7", System.Globalization.CultureInfo.InvariantCulture).Replace('E', 'e')], cells.Take(3));
        Assert.Equal("Residual", cells[6]);
        Assert.Equal("4", cells[7]);
        Assert.Equal("Total", cells[12]);
        Assert.Equal("6", cells[13]);
    }

    [Fact]
    public void Start_AfterAFormatterReset_RegistersAgain()
    {
        // The book's runner resets the formatters between notebooks; the next notebook's Start must work again.
        NotebookSession.Start();
        Formatter.ResetToDefault();
        Assert.DoesNotContain("linreg-summary", Fit().Summary().ToDisplayString(HtmlFormatter.MimeType));

        NotebookSession.Start();

        Assert.Contains("linreg-summary", Fit().Summary().ToDisplayString(HtmlFormatter.MimeType));
    }
}
