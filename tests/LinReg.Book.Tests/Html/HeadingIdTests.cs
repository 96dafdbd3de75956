using System.Text.RegularExpressions;
using LinReg.Book.Html;
using LinReg.Book.Tests.Support;

namespace LinReg.Book.Tests.Html;

/// <summary>
/// Issue 12 §5: an id is unique per page, not per cell. Every markdown cell is its own Markdig document, so two cells
/// with a "Summary" heading both got id="summary", and a heading "Cell 3" collided with the third cell's section id.
/// </summary>
public partial class HeadingIdTests
{
    [GeneratedRegex(@"\bid\s*=\s*""(?<id>[^""]+)""")]
    private static partial Regex IdAttribute();

    /// <summary>Every id that occurs more than once on the page, with its count.</summary>
    private static List<string> DuplicateIds(string html) =>
        IdAttribute().Matches(html).GroupBy(m => m.Groups["id"].Value).Where(g => g.Count() > 1).Select(g => $"{g.Key} ×{g.Count()}").ToList();

    [Fact]
    public void Render_TwoSummaryHeadingsInDifferentCells_GetDifferentIds_AndTheFirstKeepsTheLinkTarget()
    {
        using var book = new SyntheticBook();
        var nb = book.Write("01-twice",
            book.Markdown("# Twice\n\n**In this notebook**\n- [Summary](#summary)"),
            book.Markdown("## Summary\n\nThe first."),
            book.Code("var x = 1;", 1),
            book.Markdown("## Summary\n\nThe second.\n\n## Summary\n\nThe third, in the same cell."),
            book.Markdown("## Cell 3\n\nA heading whose id would be a cell's."));

        var result = BookRenderer.Render([nb], book.OutputDir);
        var html = File.ReadAllText(result.Pages[0].Path);

        Assert.Empty(DuplicateIds(html));
        var ids = IdAttribute().Matches(html).Select(m => m.Groups["id"].Value).ToList();
        Assert.Equal(3, ids.Count(id => id.StartsWith("summary", StringComparison.Ordinal)));
        // The in-page link still reaches the first "Summary", which keeps the plain id (GitHub's rule).
        Assert.True(html.IndexOf("id=\"summary\"", StringComparison.Ordinal) < html.IndexOf("The first.", StringComparison.Ordinal));
        Assert.Contains("href=\"#summary\"", html);
        Assert.Contains("id=\"cell-3\"", html);
        Assert.Single(ids, "cell-3");
    }

    [Fact]
    public void Render_TheBooksNotebooks_EveryPageHasUniqueIds()
    {
        var notebooks = Directory.GetFiles(TestPaths.RepoNotebooks, "*.ipynb").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(notebooks);
        using var book = new SyntheticBook();

        var result = BookRenderer.Render(notebooks, book.OutputDir);

        var pages = result.Pages.Select(p => p.Path).Append(result.IndexPath).ToList();
        Assert.Equal(notebooks.Count + 1, pages.Count);
        Assert.All(pages, page => Assert.True(DuplicateIds(File.ReadAllText(page)) is { Count: 0 } d, $"{Path.GetFileName(page)} repeats ids: {string.Join(", ", DuplicateIds(File.ReadAllText(page)))}"));
    }
}
