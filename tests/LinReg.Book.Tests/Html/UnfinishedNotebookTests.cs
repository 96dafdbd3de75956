using LinReg.Book.Html;

namespace LinReg.Book.Tests.Html;

/// <summary>
/// With <see cref="BookRenderOptions.OmitUnfinished"/> (what the book build uses) a notebook that did not finish gets
/// no page: the contents page lists it, unlinked, with where it stopped, and a page left by an earlier build goes.
/// </summary>
public class UnfinishedNotebookTests
{
    [Fact]
    public void Render_OmitUnfinished_NotebookWithAnErrorOutput_HasNoPage_IndexSaysWhere_StalePageRemoved()
    {
        using var book = new SyntheticBook();
        var paths = book.WriteStandardBook(); // 01-sgd-by-hand's cell 8 ends in an error output
        BookRenderer.Render(paths, book.OutputDir);
        Assert.True(File.Exists(Path.Combine(book.OutputDir, "01-sgd-by-hand.html")));

        var result = BookRenderer.Render(paths, book.OutputDir, new BookRenderOptions { OmitUnfinished = true });

        Assert.Equal(["02-normal-equation"], result.Pages.Select(p => p.Notebook));
        var unfinished = Assert.Single(result.Unfinished);
        Assert.Equal(("01-sgd-by-hand", "1. One SGD update by hand"), (unfinished.Notebook, unfinished.Title));
        Assert.Equal("cell 8: System.InvalidOperationException: boom", unfinished.Reason);
        Assert.False(File.Exists(Path.Combine(book.OutputDir, "01-sgd-by-hand.html")));
        var index = File.ReadAllText(result.IndexPath);
        Assert.DoesNotContain("href=\"01-sgd-by-hand.html", index);
        Assert.Contains("01-sgd-by-hand did not finish when the book was built, so it has no page: cell 8: System.InvalidOperationException: boom", index);
        // The remaining page links to no missing page: its neighbour is gone from the navigation.
        var second = File.ReadAllText(result.Pages[0].Path);
        Assert.DoesNotContain("href=\"01-sgd-by-hand.html", second);
    }

    [Fact]
    public void Render_OmitUnfinished_CodeCellNeverExecuted_CountsAsUnfinished()
    {
        using var book = new SyntheticBook();
        var cell = book.Code("var later = 2;", 1);
        cell["execution_count"] = null;
        var nb = book.Write("01-stopped", book.Markdown("# Stopped"), book.Code("var a = 1;", 1), cell);

        var result = BookRenderer.Render([nb], book.OutputDir, new BookRenderOptions { OmitUnfinished = true });

        Assert.Empty(result.Pages);
        Assert.Equal("cell 3 was not run", Assert.Single(result.Unfinished).Reason);
        Assert.Contains("<span class=\"next disabled\">", File.ReadAllText(result.IndexPath));
    }
}
