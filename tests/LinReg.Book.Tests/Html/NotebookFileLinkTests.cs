using System.IO.Compression;
using System.Text.RegularExpressions;
using LinReg.Book.Html;

namespace LinReg.Book.Tests.Html;

/// <summary>
/// The HTML book and the files behind it (issue 13, part 3): a notebook's relative links to repository files
/// (<c>../lib/…</c>, <c>../README.md</c>, which VS Code and Jupyter resolve from <c>notebooks/</c>) still reach those
/// files from the book's folder; each page links to its source notebook and to the executed one; the contents page
/// offers one zip of every executed notebook. The layout is the repository's, in a temporary folder: notebooks/,
/// lib/, README.md, and the book in artifacts/book/ beside the executed notebooks, as the book build writes it.
/// </summary>
public sealed partial class NotebookFileLinkTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "linreg-links-" + Guid.NewGuid().ToString("N")[..10]);
    private string Notebooks => Path.Combine(_root, "notebooks");
    private string Book => Path.Combine(_root, "artifacts", "book");

    [GeneratedRegex(@"<a\b[^>]*\bhref=""(?<url>[^""]*)""[^>]*>(?<text>.*?)</a>", RegexOptions.Singleline)]
    private static partial Regex Anchor();

    public NotebookFileLinkTests()
    {
        Directory.CreateDirectory(Path.Combine(Notebooks, "data"));
        Directory.CreateDirectory(Path.Combine(_root, "lib", "LinReg", "Data"));
        Directory.CreateDirectory(Book);
        File.WriteAllText(Path.Combine(_root, "lib", "LinReg", "Data", "DataIter.cs"), "// source");
        File.WriteAllText(Path.Combine(_root, "README.md"), "# readme");
        File.WriteAllText(Path.Combine(Notebooks, "data", "points.csv"), "x,y\n");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Writes a source notebook in notebooks/ and its executed copy in artifacts/book/; returns the executed path.</summary>
    private string Write(SyntheticBook cells, string name, params System.Text.Json.Nodes.JsonObject[] content)
    {
        var path = cells.Write(name, content);
        File.Copy(path, Path.Combine(Notebooks, name + ".ipynb"), overwrite: true);
        var executed = Path.Combine(Book, name + ".ipynb");
        File.Copy(path, executed, overwrite: true);
        return executed;
    }

    private IReadOnlyList<string> WriteBook()
    {
        using var cells = new SyntheticBook();
        return
        [
            Write(cells, "01-first", cells.Markdown("""
                # 1. First

                See [`DataIter`](../lib/LinReg/Data/DataIter.cs), the [README](../README.md#the-book), the
                [data](data/points.csv), [the next notebook](02-second.ipynb#more), [the web](https://example.org/a)
                and [this page](#first).
                """), cells.Code("var a = 1;", 1)),
            Write(cells, "02-second", cells.Markdown("# 2. Second\n\n## More\n\nBack to the [README](../README.md)."), cells.Code("var b = 2;", 1)),
        ];
    }

    private static Dictionary<string, string> Links(string html) =>
        Anchor().Matches(html).GroupBy(m => Regex.Replace(m.Groups["text"].Value, "<[^>]+>", "")).ToDictionary(g => g.Key, g => System.Net.WebUtility.HtmlDecode(g.First().Groups["url"].Value));

    [Fact]
    public void RelativeLinksOutOfTheNotebooksFolder_ReachTheSameFilesFromTheBook()
    {
        BookRenderer.Render(WriteBook(), Book, new BookRenderOptions { SourceDirectory = Notebooks });

        var links = Links(File.ReadAllText(Path.Combine(Book, "01-first.html")));
        Assert.Equal("../../lib/LinReg/Data/DataIter.cs", links["DataIter"]);
        Assert.Equal("../../README.md#the-book", links["README"]);
        Assert.Equal("../../notebooks/data/points.csv", links["data"]);
        Assert.Equal("02-second.html#more", links["the next notebook"]);
        Assert.Equal("https://example.org/a", links["the web"]);
        Assert.Equal("#first", links["this page"]);
        foreach (var url in new[] { links["DataIter"], links["README"], links["data"], links["the next notebook"] })
        {
            var file = url.Split('#')[0];
            Assert.True(File.Exists(Path.Combine(Book, file)), $"{url} does not resolve from {Book}");
        }

        Assert.Equal("../../README.md", Links(File.ReadAllText(Path.Combine(Book, "02-second.html")))["README"]);
    }

    [Fact]
    public void EachPage_LinksToItsSourceNotebook_AndOffersTheExecutedOne()
    {
        var executed = WriteBook();
        BookRenderer.Render(executed, Book, new BookRenderOptions { SourceDirectory = Notebooks });

        foreach (var name in new[] { "01-first", "02-second" })
        {
            var html = File.ReadAllText(Path.Combine(Book, name + ".html"));
            var links = Links(html);
            Assert.Equal($"../../notebooks/{name}.ipynb", links["Source notebook"]);
            Assert.Equal($"{name}.ipynb", links["Download the executed notebook"]);
            Assert.Matches($"<a class=\"executed-notebook\" href=\"{name}.ipynb\" download>", html);
            Assert.True(File.Exists(Path.Combine(Book, links["Source notebook"])));
            Assert.True(File.Exists(Path.Combine(Book, links["Download the executed notebook"])));
        }
    }

    [Fact]
    public void TheContentsPage_OffersOneZipOfEveryExecutedNotebook()
    {
        var executed = WriteBook();
        BookRenderer.Render(executed, Book, new BookRenderOptions { SourceDirectory = Notebooks });

        var links = Links(File.ReadAllText(Path.Combine(Book, "index.html")));
        Assert.Equal(BookRenderer.NotebooksArchiveFileName, links["Download every executed notebook"]);
        using var zip = ZipFile.OpenRead(Path.Combine(Book, BookRenderer.NotebooksArchiveFileName));
        Assert.Equal(executed.Select(Path.GetFileName).Order(StringComparer.Ordinal), zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            Assert.Equal(File.ReadAllText(Path.Combine(Book, entry.FullName)), reader.ReadToEnd());
        }
    }

    [Fact]
    public void WithoutASourceFolder_LinksStayAsWritten_AndNoSourceLinkIsShown()
    {
        BookRenderer.Render(WriteBook(), Book);

        var links = Links(File.ReadAllText(Path.Combine(Book, "01-first.html")));
        Assert.Equal("../lib/LinReg/Data/DataIter.cs", links["DataIter"]);
        Assert.False(links.ContainsKey("Source notebook"));
        Assert.Equal("01-first.ipynb", links["Download the executed notebook"]);
    }
}
