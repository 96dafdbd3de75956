using LinReg.Book.Html;
using LinReg.Book.Tests.Support;

namespace LinReg.Book.Tests.Html;

/// <summary>
/// A code block inside a markdown cell (notebook 12 quotes notebook 06's training cell and shows the one-line change
/// as a diff; 04–06 quote the chapter's Python) is boxed like a code cell. Before, Markdig's default renderer wrote a
/// bare &lt;pre&gt; that the book's style left unboxed and unhighlighted (found by a reader of the HTML book).
/// </summary>
public class MarkdownCodeBlockTests
{
    private static string RenderOneMarkdownCell(string markdown)
    {
        using var book = new SyntheticBook();
        var nb = book.Write("01-blocks", book.Markdown("# Blocks"), book.Markdown(markdown));
        var result = BookRenderer.Render([nb], book.OutputDir);
        return File.ReadAllText(result.Pages[0].Path);
    }

    [Fact]
    public void CSharpBlock_IsBoxedAndHighlightedLikeACodeCell()
    {
        var html = RenderOneMarkdownCell("Before:\n\n```csharp\nvar model = new Mlp(1, 16, 1, seed: 0); // the only change\n```\n");

        Assert.Contains("<pre class=\"code\"><code class=\"language-csharp\">", html);
        Assert.Contains("<span class=\"tok-kw\">var</span>", html);
        Assert.Contains("<span class=\"tok-com\">// the only change</span>", html);
    }

    [Fact]
    public void DiffBlock_MarksAddedAndRemovedLines_AndEscapesThem()
    {
        var html = RenderOneMarkdownCell("```diff\n-var model = new Linear(1);\n+var model = new Mlp(1, 16, 1, seed: 0);\n Trainer t = new(model, loss, opt);\n```\n");

        Assert.Contains("<span class=\"diff-del\">-var model = new Linear(1);</span>", html);
        Assert.Contains("<span class=\"diff-add\">+var model = new Mlp(1, 16, 1, seed: 0);</span>", html);
        Assert.Contains("\n Trainer t = new(model, loss, opt);", html);
    }

    [Fact]
    public void PythonBlock_IsBoxedAndEscaped_NotHighlightedAsCSharp()
    {
        var html = RenderOneMarkdownCell("```python\nif a < b and c > d:\n    pass\n```\n");

        Assert.Contains("<pre class=\"code\"><code class=\"language-python\">if a &lt; b and c &gt; d:\n    pass</code></pre>", html);
        Assert.DoesNotContain("tok-kw", html.Substring(html.IndexOf("language-python", StringComparison.Ordinal)));
    }
}
