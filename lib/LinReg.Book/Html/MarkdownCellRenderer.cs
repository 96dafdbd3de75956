using LinReg.Book.TeX;
using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace LinReg.Book.Html;

/// <summary>A formula the LaTeX converter could not fully handle.</summary>
/// <param name="Notebook">The notebook's name (file name without extension).</param>
/// <param name="Cell">The 1-based cell number.</param>
/// <param name="Formula">The LaTeX source of the formula.</param>
/// <param name="Problem">What went wrong, e.g. <c>unknown command \foo</c>.</param>
public sealed record MathProblem(string Notebook, int Cell, string Formula, string Problem);

/// <summary>Collects math problems while a page is rendered.</summary>
internal sealed class MathLog(string notebook)
{
    public readonly List<MathProblem> Problems = [];
    public int Cell { get; set; }
    public int Formulas { get; private set; }

    /// <summary>Typesets one formula. Display math is wrapped in a scrollable block: a &lt;div&gt; for math
    /// blocks, a &lt;span&gt; (styled as a block) for <c>$$…$$</c> inside a paragraph, where a div is not allowed.</summary>
    public string Convert(string latex, bool display, bool insideParagraph = false)
    {
        Formulas++;
        var r = LatexToMathML.Convert(latex, display);
        foreach (var u in r.UnknownCommands) Problems.Add(new MathProblem(notebook, Cell, latex, $"unknown command {u}"));
        foreach (var e in r.Errors) Problems.Add(new MathProblem(notebook, Cell, latex, e));
        if (!display) return r.MathML;
        var tag = insideParagraph ? "span" : "div";
        return $"<{tag} class=\"math-display\">{r.MathML}</{tag}>";
    }

    /// <summary>Records text that still holds a "$$" after parsing: math that was shown as raw LaTeX.</summary>
    public void NotTypeset(string text) =>
        Problems.Add(new MathProblem(notebook, Cell, text.Trim(), "display math not typeset: '$$' left in the text"));
}

/// <summary>The rendered HTML of one markdown cell and what the book's table of contents needs from it.</summary>
/// <param name="Html">The cell's HTML.</param>
/// <param name="FirstHeading">Plain text of the cell's first heading, or null.</param>
/// <param name="InThisNotebook">HTML of the list that follows an "In this notebook" heading/paragraph, with
/// in-page links prefixed by the page's file name; or null.</param>
internal sealed record MarkdownCellHtml(string Html, string? FirstHeading, string? InThisNotebook);

/// <summary>Markdown → HTML with Markdig (advanced extensions, math), math typeset as MathML.</summary>
internal sealed class MarkdownCellRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();
    private readonly MarkdownPipeline _pipeline = Pipeline;
    private readonly IReadOnlySet<string> _notebookNames;
    private readonly HashSet<string> _pageIds = new(StringComparer.Ordinal);

    private readonly string? _sourceDirectory;
    private readonly string? _outputDirectory;

    /// <param name="notebookNames">Names of the notebooks in the book: links to <c>name.ipynb</c> become <c>name.html</c>.</param>
    /// <param name="sourceDirectory">The source notebooks' folder, or null. A relative link to anything else (in VS Code and
    /// Jupyter relative to the notebook's folder, e.g. <c>../lib/LinReg/Data/DataIter.cs</c> or <c>../README.md</c>) is
    /// rewritten to reach the same file from <paramref name="outputDirectory"/>, where the pages are; null leaves it as written.</param>
    /// <param name="outputDirectory">The folder the pages are written to (needed with <paramref name="sourceDirectory"/>).</param>
    public MarkdownCellRenderer(IReadOnlySet<string> notebookNames, string? sourceDirectory = null, string? outputDirectory = null)
    {
        _notebookNames = notebookNames;
        if (sourceDirectory is not null && outputDirectory is null)
            throw new ArgumentException($"a source directory ({sourceDirectory}) needs the output directory the links are rewritten for (got null)", nameof(outputDirectory));
        _sourceDirectory = sourceDirectory is null ? null : Path.GetFullPath(sourceDirectory);
        _outputDirectory = outputDirectory is null ? null : Path.GetFullPath(outputDirectory);
    }

    /// <summary>
    /// Starts a page: heading ids are unique per page, not per cell (Markdig numbers duplicates within one document
    /// only, and every cell is its own document), and never equal to the cells' own ids <c>cell-1</c> … <c>cell-N</c>.
    /// A heading whose id is taken gets the first free <c>id-1</c>, <c>id-2</c>, … (GitHub's rule).
    /// </summary>
    /// <param name="cellCount">Cells on the page (their section ids are reserved).</param>
    public void BeginPage(int cellCount)
    {
        _pageIds.Clear();
        for (var i = 1; i <= cellCount; i++) _pageIds.Add($"cell-{i}");
    }

    /// <summary>The plain text of the first heading of <paramref name="markdown"/>, or null.</summary>
    public static string? FirstHeading(string markdown)
    {
        var heading = Markdown.Parse(markdown, Pipeline).Descendants<HeadingBlock>().FirstOrDefault();
        return heading is null ? null : PlainText(heading.Inline);
    }

    public MarkdownCellHtml Render(string markdown, MathLog math, string pageFile)
    {
        var doc = Markdown.Parse(JoinDisplayMathLines(markdown), _pipeline);
        foreach (var block in doc.Descendants<HeadingBlock>())
        {
            var attributes = block.GetAttributes();
            if (attributes.Id is not { Length: > 0 } id) continue;
            var unique = id;
            for (var k = 1; !_pageIds.Add(unique); k++) unique = $"{id}-{k}";
            attributes.Id = unique;
        }
        foreach (var link in doc.Descendants<LinkInline>()) link.Url = RewriteLink(link.Url);
        // A "$$" left in plain text is a display formula Markdig did not recognise: report it, never show it silently.
        foreach (var literal in doc.Descendants<LiteralInline>())
        {
            var text = literal.Content.ToString();
            if (text.Contains("$$", StringComparison.Ordinal)) math.NotTypeset(text);
        }

        var html = RenderObject(doc, math);

        var heading = doc.Descendants<HeadingBlock>().FirstOrDefault();
        var firstHeading = heading is null ? null : PlainText(heading.Inline);

        string? toc = null;
        var list = FindInThisNotebookList(doc);
        if (list is not null)
        {
            foreach (var link in list.Descendants<LinkInline>())
            {
                if (link.Url is { } u && u.StartsWith('#')) link.Url = pageFile + u;
            }
            // The list is rendered a second time for the index: its math must not be counted twice.
            toc = RenderObject(list, new MathLog("(toc)"));
        }
        return new MarkdownCellHtml(html, firstHeading, toc);
    }

    /// <summary>
    /// Markdig reads <c>$$…$$</c> inside a paragraph only when it stays on one line, while VS Code and Jupyter accept
    /// it across line breaks. A line break inside TeX is plain whitespace, so within a <c>$$…$$</c> that opens in the
    /// middle of a line (not the <c>$$</c>-alone-on-its-line block form, which Markdig handles) line breaks are
    /// replaced by spaces. Fenced code blocks and inline code spans are left untouched.
    /// </summary>
    internal static string JoinDisplayMathLines(string markdown)
    {
        if (!markdown.Contains("$$", StringComparison.Ordinal)) return markdown;
        var sb = new System.Text.StringBuilder(markdown.Length);
        bool fenced = false;
        int i = 0;
        while (i < markdown.Length)
        {
            bool lineStart = i == 0 || markdown[i - 1] == '\n';
            if (lineStart)
            {
                var trimmed = markdown.AsSpan(i).TrimStart(' ');
                if (trimmed.StartsWith("```") || trimmed.StartsWith("~~~")) fenced = !fenced;
            }
            char c = markdown[i];
            if (fenced || c != '$' && c != '`')
            {
                sb.Append(c);
                i++;
                continue;
            }
            if (c == '`')
            {
                int run = 0;
                while (i + run < markdown.Length && markdown[i + run] == '`') run++;
                int close = markdown.IndexOf(new string('`', run), i + run, StringComparison.Ordinal);
                int end = close < 0 ? i + run : close + run;
                sb.Append(markdown, i, end - i);
                i = end;
                continue;
            }
            bool opensDisplay = i + 1 < markdown.Length && markdown[i + 1] == '$';
            int lineEnd = markdown.IndexOf('\n', i);
            bool aloneOnLine = opensDisplay && markdown.AsSpan(i + 2, (lineEnd < 0 ? markdown.Length : lineEnd) - i - 2).IsWhiteSpace();
            int closing = opensDisplay && !aloneOnLine ? markdown.IndexOf("$$", i + 2, StringComparison.Ordinal) : -1;
            if (closing < 0)
            {
                sb.Append(c);
                i++;
                continue;
            }
            sb.Append("$$").Append(markdown.AsSpan(i + 2, closing - i - 2).ToString().Replace("\r\n", " ").Replace('\n', ' ')).Append("$$");
            i = closing + 2;
        }
        return sb.ToString();
    }

    private string RenderObject(MarkdownObject obj, MathLog math)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        _pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<HtmlMathInlineRenderer>(new MathInlineRenderer(math));
        renderer.ObjectRenderers.Replace<HtmlMathBlockRenderer>(new MathBlockRenderer(math));
        renderer.ObjectRenderers.Replace<CodeBlockRenderer>(new BookCodeBlockRenderer());
        renderer.Render(obj);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>
    /// A link as the page needs it: a link to a notebook of the book goes to its page; any other relative link (a source
    /// file, the README, a data file), which VS Code and Jupyter resolve from the notebook's folder, is rewritten to reach
    /// the same file from the pages' folder (when the source folder is known). Absolute URLs and in-page anchors stay.
    /// </summary>
    internal string? RewriteLink(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.StartsWith('#') || IsAbsolute(url)) return url;
        var cut = url.IndexOfAny(['#', '?']);
        var path = cut < 0 ? url : url[..cut];
        var suffix = cut < 0 ? "" : url[cut..];
        if (path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
        {
            var name = Path.GetFileNameWithoutExtension(path.Replace('\\', '/').Split('/')[^1]);
            if (_notebookNames.Contains(name)) return name + ".html" + suffix;
        }

        if (_sourceDirectory is null || _outputDirectory is null || path.Length == 0) return url;
        var target = Path.GetFullPath(Path.Combine(_sourceDirectory, Uri.UnescapeDataString(path).Replace('\\', '/')));
        var relative = Path.GetRelativePath(_outputDirectory, target).Replace('\\', '/');
        if (Path.IsPathRooted(relative)) return new Uri(target).AbsoluteUri + suffix; // another drive: no relative path exists
        return string.Join('/', relative.Split('/').Select(Uri.EscapeDataString)) + (path.EndsWith('/') ? "/" : "") + suffix;
    }

    /// <summary>Whether a link has a scheme (<c>https:</c>, <c>mailto:</c>, <c>file:</c>, …) or is protocol-relative (<c>//host</c>).</summary>
    private static bool IsAbsolute(string url)
    {
        if (url.StartsWith("//", StringComparison.Ordinal)) return true;
        var colon = url.IndexOf(':');
        if (colon <= 0) return false;
        var scheme = url[..colon];
        return char.IsAsciiLetter(scheme[0]) && scheme.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.');
    }

    /// <summary>The list after a heading or paragraph that starts with "In this notebook".</summary>
    private static ListBlock? FindInThisNotebookList(MarkdownDocument doc)
    {
        for (var i = 0; i < doc.Count; i++)
        {
            if (doc[i] is not LeafBlock { Inline: { } inline } || doc[i] is not (HeadingBlock or ParagraphBlock)) continue;
            if (!PlainText(inline).TrimStart().StartsWith("In this notebook", StringComparison.OrdinalIgnoreCase)) continue;
            for (var j = i + 1; j < doc.Count; j++)
            {
                if (doc[j] is ListBlock l) return l;
                if (doc[j] is HeadingBlock) break;
            }
        }
        return null;
    }

    /// <summary>The text of inlines without markup (math keeps its LaTeX source).</summary>
    internal static string PlainText(ContainerInline? inline)
    {
        if (inline is null) return "";
        var sb = new System.Text.StringBuilder();
        foreach (var child in inline)
        {
            switch (child)
            {
                case LiteralInline lit: sb.Append(lit.Content.ToString()); break;
                case CodeInline code: sb.Append(code.Content); break;
                case MathInline m: sb.Append(m.Content.ToString()); break;
                case LineBreakInline: sb.Append(' '); break;
                case HtmlEntityInline ent: sb.Append(ent.Transcoded.ToString()); break;
                case ContainerInline c: sb.Append(PlainText(c)); break;
            }
        }
        return sb.ToString().Trim();
    }

    private sealed class MathInlineRenderer(MathLog math) : HtmlObjectRenderer<MathInline>
    {
        protected override void Write(HtmlRenderer renderer, MathInline obj) =>
            renderer.Write(math.Convert(obj.Content.ToString(), obj.DelimiterCount >= 2, insideParagraph: true));
    }

    /// <summary>
    /// A code block inside a markdown cell, boxed like a code cell (<c>pre.code</c>): C# highlighted by the same Roslyn
    /// highlighter as the code cells, a <c>diff</c> block with its added and removed lines marked, any other language
    /// (the chapter's Python) as plain escaped text.
    /// </summary>
    private sealed class BookCodeBlockRenderer : HtmlObjectRenderer<CodeBlock>
    {
        protected override void Write(HtmlRenderer renderer, CodeBlock obj)
        {
            var lines = obj.Lines.Lines.Take(obj.Lines.Count).Select(l => l.Slice.ToString()).ToList();
            var code = string.Join("\n", lines);
            var language = (obj as FencedCodeBlock)?.Info?.Trim().ToLowerInvariant() ?? "";
            string body = language switch
            {
                "csharp" or "cs" or "c#" => CSharpHighlighter.Highlight(code),
                "diff" => string.Join("\n", lines.Select(DiffLine)),
                _ => HtmlText.Escape(code),
            };
            var cls = language.Length > 0 ? $" class=\"language-{HtmlText.Escape(language)}\"" : "";
            renderer.EnsureLine();
            renderer.Write($"<pre class=\"code\"><code{cls}>{body}</code></pre>");
            renderer.WriteLine();
        }

        private static string DiffLine(string line) =>
            line.StartsWith('+') ? $"<span class=\"diff-add\">{HtmlText.Escape(line)}</span>"
            : line.StartsWith('-') ? $"<span class=\"diff-del\">{HtmlText.Escape(line)}</span>"
            : HtmlText.Escape(line);
    }

    private sealed class MathBlockRenderer(MathLog math) : HtmlObjectRenderer<MathBlock>
    {
        protected override void Write(HtmlRenderer renderer, MathBlock obj)
        {
            renderer.EnsureLine();
            renderer.Write(math.Convert(obj.Lines.ToString(), display: true));
            renderer.WriteLine();
        }
    }
}
