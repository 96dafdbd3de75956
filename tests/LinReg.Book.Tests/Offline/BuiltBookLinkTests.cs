using System.IO.Compression;
using System.Text.RegularExpressions;
using LinReg.Book.Html;
using Xunit.Abstractions;

namespace LinReg.Book.Tests.Offline;

/// <summary>
/// The HTML book the build writes (<see cref="ExecutedBook"/>): every relative link of every page reaches a file —
/// the notebooks' links to the library's sources and the README included, which resolve from <c>notebooks/</c> in
/// VS Code and Jupyter and must be rewritten for the book's folder — and every page links its source and executed
/// notebook; the contents page's zip holds every executed notebook.
/// </summary>
[Collection(ExecutedBookCollection.Name)]
public sealed partial class BuiltBookLinkTests(ExecutedBook book, ITestOutputHelper output)
{
    [GeneratedRegex(@"<a\b[^>]*\bhref=""(?<url>[^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex Href();

    [Fact]
    public void EveryRelativeLinkOfEveryPage_ReachesAFile_AndEveryPageLinksItsNotebooks()
    {
        book.AssertBuilt();
        var problems = new List<string>();
        int outside = 0, total = 0;
        foreach (var page in Directory.GetFiles(book.Directory, "*.html").Order(StringComparer.Ordinal))
        {
            var html = File.ReadAllText(page);
            var name = Path.GetFileName(page);
            foreach (Match m in Href().Matches(html))
            {
                var url = System.Net.WebUtility.HtmlDecode(m.Groups["url"].Value);
                if (url.StartsWith('#') || Regex.IsMatch(url, "^[a-zA-Z][a-zA-Z0-9+.-]*:")) continue;
                total++;
                var file = Uri.UnescapeDataString(url.Split('#', '?')[0]);
                var target = Path.GetFullPath(Path.Combine(book.Directory, file));
                if (!target.StartsWith(book.Directory, StringComparison.Ordinal)) outside++;
                if (!File.Exists(target) && !Directory.Exists(target)) problems.Add($"{name}: '{url}' does not resolve ({target})");
            }

            if (name == "index.html") continue;
            var notebook = Path.GetFileNameWithoutExtension(page);
            if (!html.Contains($"class=\"source-notebook\" href=\"", StringComparison.Ordinal)) problems.Add($"{name}: no link to its source notebook");
            if (!html.Contains($"class=\"executed-notebook\" href=\"{notebook}.ipynb\" download>", StringComparison.Ordinal)) problems.Add($"{name}: no download of its executed notebook");
        }

        output.WriteLine($"{total} relative links checked, {outside} of them to repository files outside the book's folder");
        Assert.True(outside > 0, "no link leaves the book's folder: the notebooks' links to the library would not have been checked");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void TheArchive_HoldsEveryExecutedNotebook()
    {
        book.AssertBuilt();
        var zipPath = Path.Combine(book.Directory, BookRenderer.NotebooksArchiveFileName);
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(book.Notebooks.Select(Path.GetFileName).Order(StringComparer.Ordinal), zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        Assert.All(zip.Entries, e => Assert.Equal(new FileInfo(Path.Combine(book.Directory, e.FullName)).Length, e.Length));
        output.WriteLine($"{BookRenderer.NotebooksArchiveFileName}: {zip.Entries.Count} notebooks, {new FileInfo(zipPath).Length / 1e6:F1} MB (uncompressed {zip.Entries.Sum(e => e.Length) / 1e6:F1} MB)");
    }
}
