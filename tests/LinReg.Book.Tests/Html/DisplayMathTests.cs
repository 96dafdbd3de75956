using LinReg.Book.Html;
using LinReg.Book.Tests.Support;

namespace LinReg.Book.Tests.Html;

/// <summary>
/// Display math written as <c>$$…$$</c> across line breaks inside a paragraph: VS Code and Jupyter typeset it, Markdig
/// alone does not (it showed as raw LaTeX in notebook 03). The page must typeset it, and anything left untypeset must
/// be reported as a math problem, never shown silently.
/// </summary>
public class DisplayMathTests
{
    private const string MultiLine =
        "Then:\n\n$$A^\\top A\\,\\theta^* = A^\\top y, \\qquad A^\\top A = \\begin{bmatrix} n & s \\\\ s & q\\end{bmatrix},\n\\qquad c = d.$$\n\nNext.";

    [Fact]
    public void Render_DisplayMathAcrossLines_IsTypesetAsOneFormula()
    {
        using var book = new SyntheticBook();
        var nb = book.Write("01-m", book.Markdown("# M"), book.Markdown(MultiLine));
        var result = BookRenderer.Render([nb], book.OutputDir);
        Assert.Empty(result.MathProblems);
        var html = File.ReadAllText(Path.Combine(book.OutputDir, "01-m.html"));
        Assert.DoesNotContain("$$", html);
        Assert.Contains("<mtable", html);                                  // the bmatrix became a MathML table
        Assert.Contains("\\begin{bmatrix}", html);                          // …and its source is kept as the annotation
        Assert.Equal(1, result.Pages[0].Formulas);
    }

    [Fact]
    public void JoinDisplayMathLines_LeavesBlocksCodeAndDollarsAlone()
    {
        const string block = "$$\na = b\n$$";
        const string fence = "```\n$$a\nb$$\n```";
        const string code = "`$$a\nb$$` costs $5 and $6";
        Assert.Equal(block, MarkdownCellRenderer.JoinDisplayMathLines(block));
        Assert.Equal(fence, MarkdownCellRenderer.JoinDisplayMathLines(fence));
        Assert.Equal(code, MarkdownCellRenderer.JoinDisplayMathLines(code));
        Assert.Equal("x $$a b$$ y", MarkdownCellRenderer.JoinDisplayMathLines("x $$a\nb$$ y"));
    }

    [Fact]
    public void Render_UnclosedDisplayMath_IsReportedNotShownSilently()
    {
        using var book = new SyntheticBook();
        var nb = book.Write("01-u", book.Markdown("# U"), book.Markdown("Broken: $$a = b\n\nand the paragraph ends."));
        var problem = Assert.Single(BookRenderer.Render([nb], book.OutputDir).MathProblems);
        Assert.Equal(("01-u", 2), (problem.Notebook, problem.Cell));
        Assert.Contains("not typeset", problem.Problem);
    }

    [Fact]
    public void Render_TheBooksNotebooks_HaveNoMathProblems()
    {
        // The source notebooks (no outputs needed): every formula of the real book typesets cleanly.
        var notebooks = Directory.GetFiles(TestPaths.RepoNotebooks, "*.ipynb").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(notebooks);
        using var book = new SyntheticBook();
        var result = BookRenderer.Render(notebooks, book.OutputDir);
        Assert.True(result.MathProblems.Count == 0,
            string.Join("\n", result.MathProblems.Select(p => $"{p.Notebook} cell {p.Cell}: {p.Problem}: {p.Formula}")));
    }
}
