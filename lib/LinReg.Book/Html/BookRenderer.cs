using System.IO.Compression;
using System.Text;

namespace LinReg.Book.Html;

/// <summary>Options of <see cref="BookRenderer.Render(IReadOnlyList{string}, string, BookRenderOptions)"/>.</summary>
public sealed record BookRenderOptions
{
    /// <summary>The book's title on the index page and in every page title.</summary>
    public string Title { get; init; } = BookRenderer.DefaultTitle;

    /// <summary>Plotly.NET.dll to take plotly.js from; null = the NuGet global packages folder
    /// (<see cref="PlotlyOffline.DefaultPlotlyNetDllPath"/>).</summary>
    public string? PlotlyNetDllPath { get; init; }

    /// <summary>
    /// Give no page to a notebook that did not finish (a code cell with an error output, or a non-empty code cell
    /// that was not executed): the contents page lists it, unlinked, with the reason, and a page of it left in the
    /// output folder by an earlier build is deleted. The book build sets this; default false renders every notebook
    /// as it is (errors shown in red).
    /// </summary>
    public bool OmitUnfinished { get; init; }

    /// <summary>
    /// The folder of the source notebooks (the book build: <c>notebooks/</c>), or null. When set, each page links to its
    /// source notebook there, and the notebooks' relative links to other files (<c>../lib/LinReg/Data/DataIter.cs</c>,
    /// <c>../README.md</c>, which VS Code and Jupyter resolve from the notebook's folder) are rewritten to reach the same
    /// files from the output folder (from <c>artifacts/book/</c>: <c>../../lib/LinReg/Data/DataIter.cs</c>). When null,
    /// such links are left as written.
    /// </summary>
    public string? SourceDirectory { get; init; }
}

/// <summary>A notebook that did not finish and so has no page (<see cref="BookRenderOptions.OmitUnfinished"/>).</summary>
/// <param name="Notebook">The notebook's name (file name without extension).</param>
/// <param name="Title">Its title (first markdown heading, else its name).</param>
/// <param name="Reason">Where it stopped, e.g. <c>cell 7: KernelProcessEnded: the kernel's process exited with exit code 0 while the cell ran.</c></param>
public sealed record UnfinishedNotebook(string Notebook, string Title, string Reason);

/// <summary>One written notebook page.</summary>
/// <param name="Notebook">The notebook's name (file name without extension).</param>
/// <param name="Title">The page title: the notebook's first markdown heading (else its name).</param>
/// <param name="Path">The full path of the written <c>.html</c> file.</param>
/// <param name="Charts">How many Plotly charts the page shows.</param>
/// <param name="Formulas">How many formulas were typeset.</param>
public sealed record BookPage(string Notebook, string Title, string Path, int Charts, int Formulas);

/// <summary>What <see cref="BookRenderer"/> wrote and what it could not render perfectly.</summary>
/// <param name="OutputDirectory">The folder written into.</param>
/// <param name="IndexPath">The table of contents page.</param>
/// <param name="Pages">One entry per notebook, in book order.</param>
/// <param name="PlotlyJsPath">The single local plotly.js every chart uses.</param>
/// <param name="PlotlyJsVersion">Its version (from the resource name in Plotly.NET.dll).</param>
/// <param name="MathProblems">Unknown LaTeX commands and malformed formulas (shown in red on the pages).</param>
/// <param name="Warnings">Other things worth a look: outputs with network references, unrenderable outputs.</param>
/// <param name="Unfinished">Notebooks given no page because they did not finish (only with <see cref="BookRenderOptions.OmitUnfinished"/>).</param>
public sealed record BookRenderResult(
    string OutputDirectory,
    string IndexPath,
    IReadOnlyList<BookPage> Pages,
    string PlotlyJsPath,
    string PlotlyJsVersion,
    IReadOnlyList<MathProblem> MathProblems,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<UnfinishedNotebook> Unfinished);

/// <summary>
/// Builds the HTML book from executed notebooks: an index page with the table of contents, one page per notebook
/// (markdown with MathML math, highlighted C#, outputs, offline Plotly charts), one stylesheet and one plotly.js.
/// The result is readable from <c>file://</c> with no network.
/// </summary>
public static class BookRenderer
{
    /// <summary>The archive of every executed notebook that the contents page offers for download.</summary>
    public const string NotebooksArchiveFileName = "executed-notebooks.zip";

    /// <summary>The book's default title.</summary>
    public const string DefaultTitle = "Linear Regression and Training Loops \u2014 an interactive C# textbook";

    /// <summary>Renders the book with default options.</summary>
    /// <param name="executedNotebookPaths">Executed nbformat 4 notebooks, in book order.</param>
    /// <param name="outputDirectory">Folder to write into (created if missing; files of the same names are replaced).</param>
    /// <returns>What was written.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">No notebooks, an empty path, or two notebooks with the same file name.</exception>
    /// <exception cref="FileNotFoundException">A notebook, or Plotly.NET.dll (the source of plotly.js), is missing.</exception>
    /// <exception cref="InvalidDataException">A notebook is not valid nbformat 4 JSON.</exception>
    public static BookRenderResult Render(IReadOnlyList<string> executedNotebookPaths, string outputDirectory) =>
        Render(executedNotebookPaths, outputDirectory, new BookRenderOptions());

    /// <summary>Renders the book.</summary>
    /// <param name="executedNotebookPaths">Executed nbformat 4 notebooks, in book order.</param>
    /// <param name="outputDirectory">Folder to write into (created if missing; files of the same names are replaced).</param>
    /// <param name="options">Title and where plotly.js comes from.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">No notebooks, an empty path, or two notebooks with the same file name.</exception>
    /// <exception cref="FileNotFoundException">A notebook, or Plotly.NET.dll (the source of plotly.js), is missing.</exception>
    /// <exception cref="InvalidDataException">A notebook is not valid nbformat 4 JSON.</exception>
    public static BookRenderResult Render(IReadOnlyList<string> executedNotebookPaths, string outputDirectory, BookRenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(executedNotebookPaths);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        ArgumentNullException.ThrowIfNull(options);
        if (executedNotebookPaths.Count == 0)
            throw new ArgumentException("there are no notebooks to render (got an empty list)", nameof(executedNotebookPaths));
        if (string.IsNullOrWhiteSpace(outputDirectory))
            throw new ArgumentException($"output directory must not be empty, got '{outputDirectory}'", nameof(outputDirectory));
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in executedNotebookPaths)
        {
            if (string.IsNullOrWhiteSpace(p))
                throw new ArgumentException($"a notebook path is empty: '{p}'", nameof(executedNotebookPaths));
            var name = Path.GetFileNameWithoutExtension(p);
            if (name.Equals("index", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"a notebook named 'index' would overwrite the contents page: '{p}'", nameof(executedNotebookPaths));
            if (!seen.TryAdd(name, p))
                throw new ArgumentException($"two notebooks have the same name '{name}': '{seen[name]}' and '{p}'", nameof(executedNotebookPaths));
        }

        // Everything that can fail is read first, so a failure writes nothing.
        var notebooks = executedNotebookPaths.Select(NotebookDocument.Load).ToList();
        var plotly = PlotlyOffline.ExtractPlotlyJs(options.PlotlyNetDllPath);

        var unfinishedReasons = notebooks.ToDictionary(n => n.Name, n => options.OmitUnfinished ? UnfinishedReason(n) : null);
        var finished = notebooks.Where(n => unfinishedReasons[n.Name] is null).ToList();
        var names = new HashSet<string>(finished.Select(n => n.Name), StringComparer.Ordinal);
        var outDir = Path.GetFullPath(outputDirectory);
        var markdown = new MarkdownCellRenderer(names, options.SourceDirectory, outDir);
        var rendered = finished.Select(nb => RenderNotebook(nb, markdown, FileLinks(nb, options.SourceDirectory, outDir))).ToList();
        var unfinished = notebooks
            .Where(n => unfinishedReasons[n.Name] is not null)
            .Select(n => new UnfinishedNotebook(n.Name, Title(n), unfinishedReasons[n.Name]!))
            .ToList();

        Directory.CreateDirectory(outDir);
        var pages = new List<BookPage>();
        for (var i = 0; i < rendered.Count; i++)
        {
            var r = rendered[i];
            var prev = i > 0 ? rendered[i - 1] : null;
            var next = i + 1 < rendered.Count ? rendered[i + 1] : null;
            var path = Path.Combine(outDir, r.File);
            AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(PageHtml(r, prev, next, options.Title)));
            pages.Add(new BookPage(r.Name, r.Title, path, r.Charts, r.Formulas));
        }
        foreach (var u in unfinished)
        {
            // A page from an earlier build would show results this build could not reproduce.
            File.Delete(Path.Combine(outDir, u.Notebook + ".html"));
        }
        AtomicFile.WriteAllBytes(Path.Combine(outDir, BookAssets.CssFileName), Encoding.UTF8.GetBytes(BookAssets.Css));
        var plotlyPath = Path.Combine(outDir, PlotlyOffline.FileName);
        AtomicFile.WriteAllBytes(plotlyPath, plotly.Content);
        var archive = WriteNotebooksArchive(executedNotebookPaths, Path.Combine(outDir, NotebooksArchiveFileName));
        var indexPath = Path.Combine(outDir, "index.html");
        var entries = notebooks.Select(n => (rendered.FirstOrDefault(r => r.Name == n.Name), unfinished.FirstOrDefault(u => u.Notebook == n.Name))).ToList();
        AtomicFile.WriteAllBytes(indexPath, Encoding.UTF8.GetBytes(IndexHtml(entries, rendered.FirstOrDefault(), options.Title, archive)));

        return new BookRenderResult(
            outDir, indexPath, pages, plotlyPath, plotly.Version,
            rendered.SelectMany(r => r.MathProblems).ToList(),
            rendered.SelectMany(r => r.Warnings).ToList(),
            unfinished);
    }

    /// <summary>
    /// Why an executed notebook did not finish, or null when it did: the first code cell with an error output (as the
    /// runner records a failure, a time-out or the end of the kernel's process), else the first non-empty code cell
    /// without an execution count.
    /// </summary>
    internal static string? UnfinishedReason(NotebookDocument notebook)
    {
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.Kind != CellKind.Code) continue;
            if (cell.Outputs.FirstOrDefault(o => o.OutputType == "error") is { } error)
            {
                var value = (error.ErrorValue ?? "").Split('\n')[0].Trim();
                if (value.Length > 200) value = value[..199] + "\u2026";
                return $"cell {i + 1}: {error.ErrorName}: {value}";
            }
            if (cell.ExecutionCount is null && !string.IsNullOrWhiteSpace(cell.Source))
            {
                return $"cell {i + 1} was not run";
            }
        }
        return null;
    }

    /// <summary>The notebook's title without rendering it: its first markdown heading, else its name.</summary>
    private static string Title(NotebookDocument nb)
    {
        foreach (var cell in nb.Cells.Where(c => c.Kind == CellKind.Markdown))
        {
            if (MarkdownCellRenderer.FirstHeading(cell.Source) is { } heading) return heading;
        }
        return nb.Name;
    }

    private sealed record RenderedNotebook(
        string Name, string File, string Title, string? InThisNotebook, string Body, int Charts, int Formulas,
        IReadOnlyList<MathProblem> MathProblems, IReadOnlyList<string> Warnings, NotebookFileLinks Links);

    /// <summary>A page's links to its notebook: the source (null when unknown) and the executed one, relative to the page.</summary>
    private sealed record NotebookFileLinks(string? Source, string Executed, long ExecutedBytes);

    private static NotebookFileLinks FileLinks(NotebookDocument nb, string? sourceDirectory, string outDir)
    {
        static string Rel(string from, string to) => string.Join('/', Path.GetRelativePath(from, to).Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));
        var source = sourceDirectory is null ? null : Path.Combine(Path.GetFullPath(sourceDirectory), nb.Name + ".ipynb");
        return new NotebookFileLinks(
            source is not null && File.Exists(source) ? Rel(outDir, source) : null,
            Rel(outDir, Path.GetFullPath(nb.Path)),
            new FileInfo(nb.Path).Length);
    }

    /// <summary>Writes every executed notebook into one zip (at its root, by file name); returns its size in bytes.</summary>
    private static long WriteNotebooksArchive(IReadOnlyList<string> executedNotebookPaths, string zipPath)
    {
        var temp = zipPath + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            using (var zip = ZipFile.Open(temp, ZipArchiveMode.Create))
            {
                foreach (var path in executedNotebookPaths)
                {
                    zip.CreateEntryFromFile(path, Path.GetFileName(path), CompressionLevel.Optimal);
                }
            }

            File.Move(temp, zipPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }

        return new FileInfo(zipPath).Length;
    }

    private static RenderedNotebook RenderNotebook(NotebookDocument nb, MarkdownCellRenderer markdown, NotebookFileLinks links)
    {
        var file = nb.Name + ".html";
        var math = new MathLog(nb.Name);
        markdown.BeginPage(nb.Cells.Count);
        var outputs = new OutputRenderer(markdown);
        string? title = null, inThis = null;
        var body = new StringBuilder();
        for (var i = 0; i < nb.Cells.Count; i++)
        {
            var cell = nb.Cells[i];
            math.Cell = i + 1;
            var where = $"{nb.Name}, cell {i + 1}";
            switch (cell.Kind)
            {
                case CellKind.Markdown:
                {
                    var md = markdown.Render(cell.Source, math, file);
                    title ??= md.FirstHeading;
                    inThis ??= md.InThisNotebook;
                    body.Append("<section class=\"cell markdown\" id=\"cell-").Append(i + 1).Append("\">\n")
                        .Append(md.Html).Append("</section>\n");
                    break;
                }
                case CellKind.Code:
                {
                    body.Append("<section class=\"cell code\" id=\"cell-").Append(i + 1).Append("\">\n<div class=\"input\">");
                    if (cell.ExecutionCount is { } n) body.Append("<span class=\"prompt\">[").Append(n).Append("]</span>");
                    body.Append("<pre class=\"code\"><code class=\"language-csharp\">")
                        .Append(CSharpHighlighter.Highlight(cell.Source.TrimEnd()))
                        .Append("</code></pre></div>\n");
                    if (cell.Outputs.Count > 0)
                    {
                        var html = outputs.Render(cell.Outputs, math, file, where);
                        if (html.Length > 0) body.Append("<div class=\"outputs\">\n").Append(html).Append("</div>\n");
                    }
                    body.Append("</section>\n");
                    break;
                }
                default:
                    body.Append("<section class=\"cell raw\" id=\"cell-").Append(i + 1).Append("\"><pre>")
                        .Append(HtmlText.Escape(cell.Source)).Append("</pre></section>\n");
                    break;
            }
        }
        return new RenderedNotebook(nb.Name, file, title ?? nb.Name, inThis, body.ToString(), outputs.Charts, math.Formulas,
            math.Problems, outputs.Warnings, links);
    }

    private static string E(string s) => HtmlText.Escape(s);

    private static string Head(string title, bool plotly)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<meta name=\"generator\" content=\"LinReg.Book\">\n")
          .Append("<title>").Append(E(title)).Append("</title>\n")
          .Append("<link rel=\"stylesheet\" href=\"").Append(BookAssets.CssFileName).Append("\">\n");
        if (plotly)
        {
            sb.Append("<script src=\"").Append(PlotlyOffline.FileName).Append("\" charset=\"utf-8\"></script>\n")
              .Append("<script>").Append(PlotlyOffline.RequireShim).Append("</script>\n");
        }
        return sb.Append("</head>\n").ToString();
    }

    private static string PageHtml(RenderedNotebook r, RenderedNotebook? prev, RenderedNotebook? next, string bookTitle)
    {
        var sb = new StringBuilder(r.Body.Length + 4096);
        sb.Append(Head($"{r.Title} \u2014 {bookTitle}", r.Charts > 0));
        sb.Append("<body>\n<header class=\"book-nav\"><nav aria-label=\"Book navigation\">");
        sb.Append(prev is null
            ? "<span class=\"prev disabled\">\u2190 Previous</span>"
            : $"<a class=\"prev\" rel=\"prev\" href=\"{E(prev.File)}\" title=\"{E(prev.Title)}\">\u2190 {E(prev.Title)}</a>");
        sb.Append("<a class=\"contents\" href=\"index.html\">Contents</a>");
        sb.Append(next is null
            ? "<span class=\"next disabled\">Next \u2192</span>"
            : $"<a class=\"next\" rel=\"next\" href=\"{E(next.File)}\" title=\"{E(next.Title)}\">{E(next.Title)} \u2192</a>");
        sb.Append("</nav></header>\n<main>\n");
        sb.Append("<p class=\"notebook-files\">");
        if (r.Links.Source is { } source) sb.Append($"<a class=\"source-notebook\" href=\"{E(source)}\">Source notebook</a> (run it yourself) \u00b7 ");
        sb.Append($"<a class=\"executed-notebook\" href=\"{E(r.Links.Executed)}\" download>Download the executed notebook</a> ({Megabytes(r.Links.ExecutedBytes)}, with these outputs)</p>\n");
        sb.Append("<article>\n");
        sb.Append(r.Body);
        sb.Append("</article>\n<footer class=\"page-footer\">");
        if (prev is not null) sb.Append($"<a class=\"prev\" href=\"{E(prev.File)}\"><small>Previous</small>{E(prev.Title)}</a>");
        if (next is not null) sb.Append($"<a class=\"next\" href=\"{E(next.File)}\"><small>Next</small>{E(next.Title)}</a>");
        else sb.Append("<a class=\"next\" href=\"index.html\"><small>Back to</small>Contents</a>");
        sb.Append("</footer>\n</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static string Megabytes(long bytes) => bytes >= 100_000
        ? (bytes / 1e6).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " MB"
        : (bytes / 1e3).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " kB";

    private static string IndexHtml(IReadOnlyList<(RenderedNotebook? Page, UnfinishedNotebook? Unfinished)> entries, RenderedNotebook? first, string bookTitle, long archiveBytes)
    {
        var sb = new StringBuilder();
        sb.Append(Head(bookTitle, plotly: false));
        sb.Append("<body>\n<header class=\"book-nav\"><nav aria-label=\"Book navigation\">")
          .Append("<span class=\"prev disabled\">\u2190 Previous</span><a class=\"contents\" href=\"index.html\">Contents</a>")
          .Append(first is null
              ? "<span class=\"next disabled\">Next \u2192</span>"
              : $"<a class=\"next\" rel=\"next\" href=\"{E(first.File)}\" title=\"{E(first.Title)}\">{E(first.Title)} \u2192</a>")
          .Append("</nav></header>\n<main>\n");
        var dash = bookTitle.IndexOf(" \u2014 ", StringComparison.Ordinal);
        if (dash > 0)
        {
            sb.Append("<h1>").Append(E(bookTitle[..dash])).Append("</h1>\n<p class=\"book-subtitle\">")
              .Append(E(bookTitle[(dash + 3)..])).Append("</p>\n");
        }
        else sb.Append("<h1>").Append(E(bookTitle)).Append("</h1>\n");
        sb.Append("<p>Each chapter is a notebook you can run in VS Code (Polyglot Notebooks) or Jupyter with the .NET C# kernel; ")
          .Append("these pages show every notebook as it was executed when the book was built.</p>\n");
        sb.Append("<p class=\"notebook-files\"><a class=\"notebooks-archive\" href=\"").Append(NotebooksArchiveFileName)
          .Append("\" download>Download every executed notebook</a> (one .zip, ").Append(Megabytes(archiveBytes))
          .Append("); each page also links to its own.</p>\n");
        sb.Append("<h2>Contents</h2>\n<ol class=\"toc\">\n");
        foreach (var (page, unfinished) in entries)
        {
            if (page is not null)
            {
                sb.Append("<li><a href=\"").Append(E(page.File)).Append("\">").Append(E(page.Title)).Append("</a>");
                if (page.InThisNotebook is { } list) sb.Append("\n<div class=\"in-this-notebook\">").Append(list).Append("</div>");
                sb.Append("</li>\n");
            }
            else if (unfinished is not null)
            {
                sb.Append("<li class=\"unfinished\"><span class=\"title\">").Append(E(unfinished.Title)).Append("</span> ")
                  .Append("<span class=\"unfinished-note\">(").Append(E(unfinished.Notebook))
                  .Append(" did not finish when the book was built, so it has no page: ").Append(E(unfinished.Reason)).Append(")</span></li>\n");
            }
        }
        sb.Append("</ol>\n</main>\n</body>\n</html>\n");
        return sb.ToString();
    }
}
