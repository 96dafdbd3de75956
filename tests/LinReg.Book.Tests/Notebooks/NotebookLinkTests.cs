using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LinReg.Book.Runner;
using LinReg.Book.Tests.Support;

namespace LinReg.Book.Tests.Notebooks;

/// <summary>
/// Every relative link in the notebooks' markdown — the "Library calls used here" boxes point at the source files,
/// the footers at the neighbouring notebooks, the text at data READMEs — resolves to an existing file, read from
/// the notebooks' folder as VS Code and Jupyter read it. A failure lists every broken link, not just the first.
/// </summary>
public sealed partial class NotebookLinkTests
{
    [Fact]
    public void MarkdownLinks_RelativeToTheNotebooksFolder_AllResolve()
    {
        var broken = new List<string>();
        int checkedLinks = 0;
        foreach (var path in TestPaths.BookNotebooks())
        {
            foreach (var (cell, target) in RelativeLinks(path))
            {
                checkedLinks++;
                string file = target.Split('#')[0];
                string resolved = Path.GetFullPath(Path.Combine(TestPaths.RepoNotebooks, Uri.UnescapeDataString(file)));
                if (!File.Exists(resolved) && !Directory.Exists(resolved))
                    broken.Add($"{Path.GetFileName(path)}, markdown cell {cell}: ({target}) → {Path.GetRelativePath(TestPaths.RepoRoot, resolved)} does not exist");
            }
        }

        Assert.True(checkedLinks > 0 || TestPaths.BookNotebooks().Count == 0, "no relative links found: is the link pattern right?");
        Assert.True(broken.Count == 0, $"{broken.Count} broken link(s):\n" + string.Join("\n", broken));
    }

    [Fact]
    public void RelativeLinks_FindsMarkdownLinksButNotUrlsAnchorsOrCode()
    {
        // the extractor itself, on a known text
        const string text = "See [a](../lib/A.cs) and [b](02-x.ipynb#top), not [c](https://example.org/x), " +
                            "not [d](#here), not `[e](in-code.cs)`, and ![f](img.png).";
        Assert.Equal(["../lib/A.cs", "02-x.ipynb#top", "img.png"], Links(text));
    }

    private static IEnumerable<(int Cell, string Target)> RelativeLinks(string notebookPath)
    {
        var cells = JsonNode.Parse(File.ReadAllText(notebookPath))!["cells"]!.AsArray();
        for (int i = 0; i < cells.Count; i++)
        {
            if ((string?)cells[i]!["cell_type"] != "markdown") continue;
            string source = SourceNotebook.ReadMultilineString(cells[i]!["source"]) ?? "";
            foreach (var target in Links(source)) yield return (i + 1, target);
        }
    }

    private static List<string> Links(string markdown)
    {
        string withoutCode = InlineCode().Replace(FencedCode().Replace(markdown, ""), "");
        return MarkdownLink().Matches(withoutCode)
            .Select(m => m.Groups["target"].Value)
            .Where(t => !t.StartsWith('#') && !t.Contains("://", StringComparison.Ordinal) && !t.StartsWith("mailto:", StringComparison.Ordinal))
            .ToList();
    }

    [GeneratedRegex(@"\[[^\]]*\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex("```.*?```", RegexOptions.Singleline)]
    private static partial Regex FencedCode();

    [GeneratedRegex("`[^`\n]*`")]
    private static partial Regex InlineCode();
}
