using System.Text.Json.Nodes;
using LinReg.Book.Html;
using Xunit.Abstractions;

namespace LinReg.Book.Tests.Html;

/// <summary>
/// A real browser (Debian's chromium, headless, networking disabled) opens a rendered page from file:// and finds
/// the Plotly charts drawn (plotly's SVG inside each chart div) and the math typeset (MathML elements with a size,
/// fractions stacked). The optional prerequisite: `apt-get install chromium`; with CI=true a missing browser fails.
/// </summary>
public class BrowserRenderingTests(ITestOutputHelper output)
{
    private const string Measure = """
        new Promise(resolve => {
          const t0 = Date.now();
          (function check() {
            const charts = [...document.querySelectorAll('.output.chart')];
            const drawn = charts.filter(c => {
              const svg = c.querySelector('.js-plotly-plot .main-svg');
              if (!svg) return false;
              const r = svg.getBoundingClientRect();
              return r.width > 0 && r.height > 0;
            });
            if ((charts.length > 0 && drawn.length === charts.length) || Date.now() - t0 > 20000) {
              const maths = [...document.querySelectorAll('math')];
              const frac = document.querySelector('.math-display mfrac');
              let fracStacked = false;
              if (frac && frac.children.length === 2) {
                fracStacked = frac.children[0].getBoundingClientRect().bottom <= frac.children[1].getBoundingClientRect().top + 1;
              }
              const svgIn = id => { const d = document.getElementById(id); return !!(d && d.querySelector('.main-svg')); };
              resolve({
                charts: charts.length,
                drawn: drawn.length,
                formatterChart: svgIn('FORMATTER_ID'),
                noReferenceChart: svgIn('NOREF_ID'),
                traces: charts.map(c => c.querySelectorAll('.scatterlayer .trace').length),
                plotlyVersion: (window.Plotly && window.Plotly.version) || null,
                maths: maths.length,
                mathElements: maths.filter(m => typeof MathMLElement !== 'undefined' && m instanceof MathMLElement).length,
                sizedMaths: maths.filter(m => { const r = m.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length,
                fracStacked,
                stickyHeader: getComputedStyle(document.querySelector('.book-nav')).position,
              });
            } else setTimeout(check, 100);
          })();
        })
        """;

    [ChromiumFact]
    public async Task RenderedPage_OpenedFromFileWithoutNetwork_DrawsChartsAndTypesetsMath()
    {
        var chromium = HeadlessChromium.FindExecutable()
            ?? throw new Xunit.Sdk.XunitException("CI=true but chromium is not installed: `apt-get install -y chromium` (see README)");

        using var book = new SyntheticBook();
        var result = BookRenderer.Render(book.WriteStandardBook(), book.OutputDir);
        var page = result.Pages[0].Path;

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var browser = await HeadlessChromium.LaunchAsync(chromium, cts.Token);
        await browser.NavigateAsync(new Uri(page).AbsoluteUri, cts.Token);
        var m = (await browser.EvaluateAsync(
            Measure.Replace("FORMATTER_ID", PlotlyFixtures.FormatterDivId).Replace("NOREF_ID", PlotlyFixtures.NoReferenceDivId),
            cts.Token))!.AsObject();
        output.WriteLine(m.ToJsonString());

        var shot = Path.Combine(AppContext.BaseDirectory, "html-book-screenshot.png");
        await File.WriteAllBytesAsync(shot, await browser.ScreenshotAsync(cts.Token), cts.Token);
        output.WriteLine($"screenshot: {shot}");

        // Both chart forms (Plotly.NET.Interactive's require.js output and a direct Plotly.newPlot) are drawn.
        Assert.Equal(2, (int)m["charts"]!);
        Assert.Equal(2, (int)m["drawn"]!);
        Assert.True((bool)m["formatterChart"]!);
        Assert.True((bool)m["noReferenceChart"]!);
        Assert.Equal([1, 1], m["traces"]!.AsArray().Select(t => (int)t!));
        Assert.Equal("2.28.0", (string?)m["plotlyVersion"]);

        // Math: every formula is a native MathML element with a size; a display fraction is really stacked.
        Assert.Equal(result.Pages[0].Formulas, (int)m["maths"]!);
        Assert.Equal((int)m["maths"]!, (int)m["mathElements"]!);
        Assert.Equal((int)m["maths"]!, (int)m["sizedMaths"]!);
        Assert.True((bool)m["fracStacked"]!);
        Assert.Equal("sticky", (string?)m["stickyHeader"]);

        // Nothing tried the network, and no script failed.
        Assert.All(browser.Requests, url => Assert.True(url.StartsWith("file:", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), $"the page requested {url}"));
        Assert.Contains(browser.Requests, url => url.EndsWith("/plotly.min.js", StringComparison.Ordinal));
        Assert.Empty(browser.Exceptions);
    }

    [ChromiumFact]
    public async Task IndexPage_OpenedFromFile_ShowsTheTableOfContentsWithMath()
    {
        var chromium = HeadlessChromium.FindExecutable()
            ?? throw new Xunit.Sdk.XunitException("CI=true but chromium is not installed: `apt-get install -y chromium` (see README)");

        using var book = new SyntheticBook();
        var result = BookRenderer.Render(book.WriteStandardBook(), book.OutputDir);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var browser = await HeadlessChromium.LaunchAsync(chromium, cts.Token);
        await browser.NavigateAsync(new Uri(result.IndexPath).AbsoluteUri, cts.Token);
        var m = (await browser.EvaluateAsync("""
            ({
              entries: document.querySelectorAll('ol.toc > li').length,
              links: [...document.querySelectorAll('ol.toc > li > a')].map(a => a.textContent),
              maths: [...document.querySelectorAll('math')].filter(x => x.getBoundingClientRect().width > 0).length,
            })
            """, cts.Token))!.AsObject();
        output.WriteLine(m.ToJsonString());

        Assert.Equal(2, (int)m["entries"]!);
        Assert.Equal(["1. One SGD update by hand", "2. The normal equation"], m["links"]!.AsArray().Select(x => (string)x!));
        Assert.Equal(2, (int)m["maths"]!); // ∇_w L_B and w* = … in the "In this notebook" lists
        Assert.All(browser.Requests, url => Assert.StartsWith("file:", url));
        Assert.Empty(browser.Exceptions);
    }
}
