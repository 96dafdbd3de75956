using System.Text.Json.Nodes;
using LinReg.Book.Runner;
using LinReg.Book.Tests.Support;

namespace LinReg.Book.Tests.Notebooks;

/// <summary>
/// The same notebooks, unmodified, in the kernel readers use: dotnet-repl 0.3.259 bundles the kernel of the
/// dotnet-interactive tool behind VS Code and Jupyter (FSharp.Core 10.0, its own package extension loading). Each
/// notebook runs from its own folder, as VS Code runs it; the executed copy goes to a temporary folder.
/// </summary>
[Collection(RealKernelCollection.Name)]
public sealed class RealKernelTests
{
    [Theory]
    [MemberData(nameof(BookNotebookData.Names), MemberType = typeof(BookNotebookData))]
    public async Task DotnetRepl_BookNotebook_NoCellFails(string name)
    {
        if (name == BookNotebookData.NoNotebooksYet)
        {
            return;
        }

        var output = Path.Combine(Path.GetTempPath(), "linreg-book-tests", "real-kernel-" + Guid.NewGuid().ToString("N")[..8], name);
        try
        {
            var result = await RealKernel.RunAsync(Path.Combine(TestPaths.RepoNotebooks, name), output);

            Assert.True(result.ExitCode == 0 && result.Errors.Count == 0, result.Describe());

            // Offline in the kernel readers use too (issue 13): no output references a remote script
            // (RemoteReferences says what counts), plotly.js is displayed once (by the setup), and every chart is the
            // book's offline form rather than Plotly.NET.Interactive's require.js one.
            var htmls = result.Executed!["cells"]!.AsArray().OfType<JsonObject>()
                .SelectMany(c => c["outputs"]?.AsArray().OfType<JsonObject>() ?? Enumerable.Empty<JsonObject>())
                .Select(o => SourceNotebook.ReadMultilineString(o["data"]?["text/html"]))
                .OfType<string>()
                .ToList();
            var remote = htmls.SelectMany(RemoteReferences.Find).ToList();
            Assert.True(remote.Count == 0, $"{name} in the real kernel: outputs reference remote scripts: {string.Join(", ", remote)}");
            Assert.Equal(1, htmls.Count(h => h.StartsWith("<script data-linreg-plotly-js=", StringComparison.Ordinal)));
            Assert.All(htmls.Where(h => h.Contains("Plotly.newPlot", StringComparison.Ordinal) && !h.StartsWith("<script data-linreg-plotly-js=", StringComparison.Ordinal)),
                h => Assert.Contains("if(window.Plotly)", h));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(output)!, recursive: true);
        }
    }

    [Fact]
    public async Task DotnetRepl_PlotlyFixture_ChartRendersAsHtmlWithTheSetupCells()
    {
        using var book = TempBook.Create();
        var path = book.AddFixture("plotly-chart.ipynb");

        var result = await RealKernel.RunAsync(path, Path.Combine(book.Root, "out", "plotly-chart.ipynb"));

        Assert.True(result.ExitCode == 0 && result.Errors.Count == 0, result.Describe());
        var html = result.Outputs(cellIndex: 2)
            .Select(o => SourceNotebook.ReadMultilineString(o["data"]?["text/html"]))
            .FirstOrDefault(h => h is not null && h.Contains("\"type\":\"scatter\"", StringComparison.Ordinal));
        Assert.True(html is not null, result.Describe());
        Assert.Contains("\"y\":[0.0,1.0,4.0,9.0,16.0]", html);
        // The book's offline chart, not Plotly.NET.Interactive's require.js + CDN one: the setup's formatter won.
        Assert.Contains("if(window.Plotly)", html);
        Assert.DoesNotContain("require", html);
        var loaders = result.Outputs(cellIndex: 1)
            .Select(o => SourceNotebook.ReadMultilineString(o["data"]?["text/html"]))
            .Count(h => h is not null && h.Contains("plotly.js v2.28.0", StringComparison.Ordinal));
        Assert.True(loaders == 1, $"the setup cell shows plotly.js {loaders} times\n" + result.Describe());
    }

    [Fact]
    public async Task DotnetRepl_CellThrows_ReportedAsFailure()
    {
        // The real-kernel check must be able to fail.
        using var book = TempBook.Create(withLibrary: false);
        var path = book.AddNotebook("throws.ipynb", "throw new InvalidOperationException(\"boom in the real kernel\");");

        var result = await RealKernel.RunAsync(path, Path.Combine(book.Root, "out", "throws.ipynb"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(result.Errors, e => e.Contains("boom in the real kernel", StringComparison.Ordinal));
    }
}
