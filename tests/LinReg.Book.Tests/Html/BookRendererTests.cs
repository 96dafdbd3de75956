using System.Text.RegularExpressions;
using LinReg.Book.Html;

namespace LinReg.Book.Tests.Html;

/// <summary>Rendering a small synthetic executed book: files, links, offline-ness, outputs.</summary>
public partial class BookRendererTests
{
    [GeneratedRegex(@"\b(?:href|src)\s*=\s*""(?<url>[^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex UrlAttribute();

    [GeneratedRegex(@"\bid\s*=\s*""(?<id>[^""]+)""")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[""']?\s*(?:https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteScriptOrLink();

    [Fact]
    public void Render_StandardBook_WritesIndexPagesCssAndOnePlotlyJs()
    {
        using var book = new SyntheticBook();
        var result = BookRenderer.Render(book.WriteStandardBook(), book.OutputDir);

        var files = Directory.GetFiles(book.OutputDir).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal).ToList();
        Assert.Equal(["01-sgd-by-hand.html", "02-normal-equation.html", "book.css", BookRenderer.NotebooksArchiveFileName, "index.html", "plotly.min.js"], files);
        Assert.Equal(Path.Combine(result.OutputDirectory, "index.html"), result.IndexPath);
        Assert.Equal(["01-sgd-by-hand", "02-normal-equation"], result.Pages.Select(p => p.Notebook));
        Assert.Equal("2.28.0", result.PlotlyJsVersion);
        Assert.True(new FileInfo(result.PlotlyJsPath).Length > 3_000_000);
        Assert.Empty(result.MathProblems);
        Assert.Empty(result.Warnings);
        Assert.Equal(2, result.Pages[0].Charts);
        Assert.Equal(0, result.Pages[1].Charts);
    }

    [Fact]
    public void Render_StandardBook_EveryLinkResolvesToAFileAndAnchor()
    {
        using var book = new SyntheticBook();
        BookRenderer.Render(book.WriteStandardBook(), book.OutputDir);

        var pages = Directory.GetFiles(book.OutputDir, "*.html");
        var checkedLinks = 0;
        foreach (var page in pages)
        {
            var html = File.ReadAllText(page);
            foreach (Match m in UrlAttribute().Matches(html))
            {
                var url = System.Net.WebUtility.HtmlDecode(m.Groups["url"].Value);
                if (url.StartsWith("data:", StringComparison.Ordinal)) continue;
                Assert.DoesNotContain("://", url);
                var hash = url.IndexOf('#');
                var file = hash < 0 ? url : url[..hash];
                var target = file.Length == 0 ? page : Path.Combine(book.OutputDir, file);
                Assert.True(File.Exists(target), $"{Path.GetFileName(page)} links to missing '{url}'");
                if (hash >= 0)
                {
                    var ids = IdAttribute().Matches(File.ReadAllText(target)).Select(x => x.Groups["id"].Value).ToHashSet();
                    Assert.True(ids.Contains(url[(hash + 1)..]), $"{Path.GetFileName(page)} links to missing anchor '{url}'");
                }
                checkedLinks++;
            }
        }
        Assert.True(checkedLinks > 10, $"only {checkedLinks} links were checked");
    }

    [Fact]
    public void Render_StandardBook_HasNoRemoteScriptsOrStylesheets()
    {
        using var book = new SyntheticBook();
        BookRenderer.Render(book.WriteStandardBook(), book.OutputDir);
        foreach (var page in Directory.GetFiles(book.OutputDir, "*.html"))
        {
            var html = File.ReadAllText(page);
            Assert.DoesNotMatch(RemoteScriptOrLink(), html);
            Assert.Empty(PlotlyOffline.NetworkReferences(html));
            // The CDN addresses of Plotly.NET's notebook HTML are gone too (not only neutralised by the shim).
            Assert.DoesNotContain("cdn.plot.ly", html);
            Assert.DoesNotContain("cdnjs", html);
        }
        Assert.DoesNotContain("http", File.ReadAllText(Path.Combine(book.OutputDir, "book.css")));
    }

    [Fact]
    public void Render_PageWithCharts_LoadsPlotlyOnceWithTheShim_AndKeepsTheChartDivs()
    {
        using var book = new SyntheticBook();
        BookRenderer.Render(book.WriteStandardBook(), book.OutputDir);
        var html = File.ReadAllText(Path.Combine(book.OutputDir, "01-sgd-by-hand.html"));
        Assert.Single(Regex.Matches(html, "<script src=\"plotly.min.js\""));
        Assert.Contains(PlotlyOffline.RequireShim, html);
        Assert.True(html.IndexOf("plotly.min.js", StringComparison.Ordinal) < html.IndexOf(PlotlyOffline.RequireShim, StringComparison.Ordinal));
        Assert.Contains($"id=\"{PlotlyFixtures.FormatterDivId}\"", html);
        Assert.Contains($"id=\"{PlotlyFixtures.NoReferenceDivId}\"", html);
        Assert.Contains($"Plotly.newPlot('{PlotlyFixtures.FormatterDivId}'", html);

        var noCharts = File.ReadAllText(Path.Combine(book.OutputDir, "02-normal-equation.html"));
        Assert.DoesNotContain("plotly.min.js", noCharts);
    }

    [Fact]
    public void Render_StandardBook_IndexHasBookTitleNotebookTitlesAndInThisNotebookLists()
    {
        using var book = new SyntheticBook();
        var result = BookRenderer.Render(book.WriteStandardBook(), book.OutputDir);
        var index = File.ReadAllText(result.IndexPath);
        Assert.Contains("<title>Linear Regression and Training Loops \u2014 an interactive C# textbook</title>", index);
        Assert.Contains("<a href=\"01-sgd-by-hand.html\">1. One SGD update by hand</a>", index);
        Assert.Contains("<a href=\"02-normal-equation.html\">2. The normal equation</a>", index);
        // "In this notebook" items, with in-page anchors made to point into the notebook's page.
        Assert.Contains("href=\"01-sgd-by-hand.html#the-update-rule\"", index);
        Assert.Contains("Checking the answer in code", index);
        Assert.Contains("Solving <math", index);
        Assert.Equal(["1. One SGD update by hand", "2. The normal equation"], result.Pages.Select(p => p.Title));
    }

    [Fact]
    public void Render_StandardBook_PagesLinkPrevContentsNext()
    {
        using var book = new SyntheticBook();
        BookRenderer.Render(book.WriteStandardBook(), book.OutputDir);
        var first = File.ReadAllText(Path.Combine(book.OutputDir, "01-sgd-by-hand.html"));
        var second = File.ReadAllText(Path.Combine(book.OutputDir, "02-normal-equation.html"));
        Assert.Contains("<span class=\"prev disabled\">", first);
        Assert.Contains("rel=\"next\" href=\"02-normal-equation.html\"", first);
        Assert.Contains("rel=\"prev\" href=\"01-sgd-by-hand.html\"", second);
        Assert.Contains("<span class=\"next disabled\">", second);
        Assert.Contains("<a class=\"contents\" href=\"index.html\">", first);
        Assert.Contains("<header class=\"book-nav\">", second);
        // Links between notebooks point at the pages.
        Assert.Contains("href=\"02-normal-equation.html\"", first);
        Assert.Contains("href=\"01-sgd-by-hand.html#the-update-rule\"", second);
    }

    [Fact]
    public void Render_StandardBook_TypesetsMathAsMathML()
    {
        using var book = new SyntheticBook();
        var result = BookRenderer.Render(book.WriteStandardBook(), book.OutputDir);
        var html = File.ReadAllText(Path.Combine(book.OutputDir, "01-sgd-by-hand.html"));
        Assert.Contains("<div class=\"math-display\"><math display=\"block\"", html);
        Assert.Contains("<munder><mo>∑</mo>", html);
        Assert.DoesNotContain("$$", html);
        Assert.DoesNotContain(@"\frac", html.Replace("application/x-tex\">", "").Split("<annotation").First());
        Assert.Equal(6, result.Pages[0].Formulas);
    }

    [Fact]
    public void Render_StandardBook_HighlightsCodeAndRendersEachOutputKind()
    {
        using var book = new SyntheticBook();
        BookRenderer.Render(book.WriteStandardBook(), book.OutputDir);
        var html = File.ReadAllText(Path.Combine(book.OutputDir, "01-sgd-by-hand.html"));
        Assert.Contains("<span class=\"tok-dir\">#r &quot;nuget: Plotly.NET, 6.0.0&quot;</span>", html);
        Assert.Contains("<span class=\"tok-kw\">var</span>", html);
        Assert.Contains("<span class=\"prompt\">[1]</span>", html);
        // Streams: consecutive chunks merged, stderr distinct, ANSI codes removed.
        Assert.Contains("<div class=\"output stream stdout\"><pre>n = 2\ndone\n</pre></div>", html);
        Assert.Contains("<div class=\"output stream stderr\"><pre>warning: slow\n</pre></div>", html);
        // Richest mime type: text/html inserted as is when present …
        Assert.Contains("<div class=\"output result html\"><div class=\"dni-plaintext\"><pre>1.7</pre></div></div>", html);
        // … text/plain escaped otherwise.
        Assert.Contains("<div class=\"output result plain\"><pre>&lt;b&gt;not bold&lt;/b&gt;</pre></div>", html);
        // Errors: red block with ename and evalue.
        Assert.Contains("<div class=\"output error\"><div class=\"error-head\"><span class=\"ename\">System.InvalidOperationException</span>: <span class=\"evalue\">boom</span>", html);
        Assert.DoesNotContain("\u001b", html);
    }

    [Fact]
    public void Render_ImagesJsonAndCarriageReturns_AreShownTheWayAFrontEndShowsThem()
    {
        using var book = new SyntheticBook();
        var nb = book.Write("01-outputs", book.Markdown("# Outputs"),
            book.Code("progress", 1, SyntheticBook.Stream("stdout", "epoch 1\repoch 2\repoch 3\n")),
            book.Code("image", 2, SyntheticBook.Display(("image/png", "iVBORw0KGgo=\n"), ("text/plain", "<image>"))),
            book.Code("json", 3, SyntheticBook.Display(("text/markdown", "**bold** and $x^2$"), ("text/plain", "md"))));
        var result = BookRenderer.Render([nb], book.OutputDir);
        var html = File.ReadAllText(result.Pages[0].Path);
        Assert.Contains("<pre>epoch 3\n</pre>", html);
        Assert.Contains("<img alt=\"output image\" src=\"data:image/png;base64,iVBORw0KGgo=\">", html);
        Assert.Contains("<strong>bold</strong> and <math", html);
        Assert.Equal(1, result.Pages[0].Formulas);
    }

    [Fact]
    public void Render_SameChartShownTwice_WarnsAboutTheDuplicateId()
    {
        using var book = new SyntheticBook();
        var chart = SyntheticBook.Display(("text/html", PlotlyFixtures.NoReferenceChartHtml));
        var nb = book.Write("01-twice", book.Markdown("# Twice"), book.Code("a", 1, chart), book.Code("b", 2, chart.DeepClone().AsObject()));
        var result = BookRenderer.Render([nb], book.OutputDir);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("01-twice, cell 3", warning);
        Assert.Contains(PlotlyFixtures.NoReferenceDivId, warning);
    }

    [Fact]
    public void Render_UnknownLatex_IsRecordedWithNotebookAndCell()
    {
        using var book = new SyntheticBook();
        var nb = book.Write("01-x", book.Markdown("# T"), book.Markdown("Oops $\\foo x$ and $$\\frac{1}{2$$"));
        var result = BookRenderer.Render([nb], book.OutputDir);
        Assert.Equal(2, result.MathProblems.Count);
        Assert.Equal(new MathProblem("01-x", 2, "\\foo x", "unknown command \\foo"), result.MathProblems[0]);
        Assert.Equal(("01-x", 2), (result.MathProblems[1].Notebook, result.MathProblems[1].Cell));
        Assert.Contains("missing '}'", result.MathProblems[1].Problem);
    }

    [Fact]
    public void Render_NotebookWithoutHeading_UsesItsNameAsTitle()
    {
        using var book = new SyntheticBook();
        var nb = book.Write("03-untitled", book.Code("1", 1));
        var result = BookRenderer.Render([nb], book.OutputDir);
        Assert.Equal("03-untitled", result.Pages[0].Title);
    }

    [Fact]
    public void Render_RunTwice_ReplacesFilesAndLeavesNoTemporaries()
    {
        using var book = new SyntheticBook();
        var paths = book.WriteStandardBook();
        BookRenderer.Render(paths, book.OutputDir);
        BookRenderer.Render(paths, book.OutputDir);
        Assert.Empty(Directory.GetFiles(book.OutputDir, "*.tmp"));
        Assert.Equal(6, Directory.GetFiles(book.OutputDir).Length); // two pages, index, css, plotly.js, the notebooks archive
    }

    [Fact]
    public void Render_EmptyList_ThrowsArgumentException()
    {
        using var book = new SyntheticBook();
        var ex = Assert.Throws<ArgumentException>(() => BookRenderer.Render([], book.OutputDir));
        Assert.Equal("executedNotebookPaths", ex.ParamName);
    }

    [Fact]
    public void Render_TwoNotebooksWithTheSameName_ThrowsArgumentExceptionNamingBoth()
    {
        using var book = new SyntheticBook();
        var a = book.Write("01-a", book.Markdown("# A"));
        var other = Path.Combine(book.Root, "other");
        Directory.CreateDirectory(other);
        var b = Path.Combine(other, "01-a.ipynb");
        File.Copy(a, b);
        var ex = Assert.Throws<ArgumentException>(() => BookRenderer.Render([a, b], book.OutputDir));
        Assert.Contains(a, ex.Message);
        Assert.Contains(b, ex.Message);
    }

    [Fact]
    public void Render_MissingNotebook_ThrowsFileNotFoundAndWritesNothing()
    {
        using var book = new SyntheticBook();
        var missing = Path.Combine(book.NotebookDir, "nope.ipynb");
        var ex = Assert.Throws<FileNotFoundException>(() => BookRenderer.Render([missing], book.OutputDir));
        Assert.Contains(missing, ex.Message);
        Assert.False(Directory.Exists(book.OutputDir));
    }

    [Fact]
    public void Render_MalformedNotebook_ThrowsInvalidDataNamingTheFileAndWritesNothing()
    {
        using var book = new SyntheticBook();
        var bad = Path.Combine(book.NotebookDir, "bad.ipynb");
        File.WriteAllText(bad, "{ \"cells\": [ { \"cell_type\": ");
        var ex = Assert.Throws<InvalidDataException>(() => BookRenderer.Render([bad], book.OutputDir));
        Assert.Contains(bad, ex.Message);
        Assert.False(Directory.Exists(book.OutputDir));

        File.WriteAllText(bad, "{ \"nbformat\": 4, \"cells\": [ { \"cell_type\": \"widget\" } ] }");
        ex = Assert.Throws<InvalidDataException>(() => BookRenderer.Render([bad], book.OutputDir));
        Assert.Contains("cell 1", ex.Message);
        Assert.Contains("widget", ex.Message);

        File.WriteAllText(bad, "{ \"nbformat\": 3, \"cells\": [] }");
        ex = Assert.Throws<InvalidDataException>(() => BookRenderer.Render([bad], book.OutputDir));
        Assert.Contains("nbformat 3", ex.Message);
        Assert.False(Directory.Exists(book.OutputDir));
    }

    [Fact]
    public void Render_PlotlyNetMissing_ThrowsFileNotFoundSayingHowToRestore_AndWritesNothing()
    {
        using var book = new SyntheticBook();
        var paths = book.WriteStandardBook();
        var options = new BookRenderOptions { PlotlyNetDllPath = Path.Combine(book.Root, "no", "Plotly.NET.dll") };
        var ex = Assert.Throws<FileNotFoundException>(() => BookRenderer.Render(paths, book.OutputDir, options));
        Assert.Contains("dotnet restore", ex.Message);
        Assert.Contains(options.PlotlyNetDllPath, ex.Message);
        Assert.False(Directory.Exists(book.OutputDir));
    }
}
