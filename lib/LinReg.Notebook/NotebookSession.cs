using LinReg.Solvers;
using Microsoft.DotNet.Interactive.Formatting;

namespace LinReg.Notebook;

/// <summary>
/// What a notebook of the book sets up once, at its start: today, the rich displays of the core library's results —
/// a <see cref="RegressionSummary"/> (from <c>fit.Summary()</c>) and an <see cref="AnovaTable"/> show as HTML tables,
/// with their text tables beside them for plain-text clients. The core library stays free of notebook code; the
/// displays live here.
/// Taught in notebook 16 · How sure are we? (and meant to be called by the shared setup of every notebook).
/// </summary>
public static class NotebookSession
{
    /// <summary>
    /// Registers the displays with .NET Interactive's formatter. Safe to call more than once, and needed again after
    /// <c>Formatter.ResetToDefault()</c> (which the book's runner calls between notebooks).
    /// </summary>
    public static void Start()
    {
        Formatter.Register<RegressionSummary>(s => InferenceHtml.Summary(s), HtmlFormatter.MimeType);
        Formatter.Register<RegressionSummary>(s => s.ToString(), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(RegressionSummary), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
        Formatter.Register<AnovaTable>(a => InferenceHtml.Anova(a), HtmlFormatter.MimeType);
        Formatter.Register<AnovaTable>(a => a.ToString(), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(AnovaTable), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
    }
}
