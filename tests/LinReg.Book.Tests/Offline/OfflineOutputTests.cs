using System.Text;
using LinReg.Book.Html;
using LinReg.Book.Tests.Html;
using LinReg.Book.Tests.Support;
using Xunit.Abstractions;

namespace LinReg.Book.Tests.Offline;

/// <summary>
/// Issue 13, part 1: the executed notebooks need no network. (a) No output of any executed notebook references a
/// remote script (<see cref="RemoteReferences"/> defines what counts); (c) plotly.js is in each executed notebook at
/// most once, and the files stay small (the sizes are printed). The notebooks come from one build of the book
/// (<see cref="ExecutedBook"/>); the real-kernel runs check the same of the kernel readers use
/// (<c>RealKernelTests</c>).
/// </summary>
[Collection(ExecutedBookCollection.Name)]
public sealed class OfflineOutputTests(ExecutedBook book, ITestOutputHelper output)
{
    /// <summary>The largest executed notebook may hold this much besides the one plotly.js (measured: see the README).</summary>
    private const long MaxBytesBesidesPlotlyJs = 3_000_000;

    [Fact]
    public void RemoteReferences_FindsTheFormsPlotlyInteractivesFormatterUses_AndEveryOtherForm()
    {
        // The detector must be able to fail: Plotly.NET.Interactive's own output (captured from the package) loads
        // require.js by setting a script's src and asks require.js for plotly.js at a public host.
        var formatter = RemoteReferences.Find(PlotlyFixtures.FormatterOutput);
        Assert.Contains(formatter, r => r.StartsWith("require.js path: https://", StringComparison.Ordinal));
        Assert.Contains(formatter, r => r.StartsWith("src set by script: https://", StringComparison.Ordinal));

        Assert.Single(RemoteReferences.Find("<script src=\"https://example.org/a.js\"></script>"));
        Assert.Single(RemoteReferences.Find("<script type=\"text/javascript\" src='//example.org/a.js'></script>"));
        Assert.Single(RemoteReferences.Find("<link rel=\"stylesheet\" href=\"https://example.org/a.css\">"));
        Assert.Single(RemoteReferences.Find("<script>require(['https://example.org/a.js'], f);</script>"));
        Assert.Single(RemoteReferences.Find("<script>import('https://example.org/m.js').then(f);</script>"));
        Assert.Single(RemoteReferences.Find("<script type=\"module\">import x from \"https://example.org/m.js\";</script>"));
        Assert.Single(RemoteReferences.Find("<style>@import url(https://example.org/a.css);</style>"));
        // Local files and data are not remote.
        Assert.Empty(RemoteReferences.Find("<script src=\"plotly.min.js\"></script><link href=\"book.css\"><a href=\"https://example.org\">a link</a>"));
    }

    [Fact]
    public void PlotlyJsBundle_HoldsUrlStringsButNoRemoteReference()
    {
        // plotly.js embeds addresses as data (map styles, docs); none is a reference in the sense above.
        var bundle = Encoding.UTF8.GetString(PlotlyOffline.ExtractPlotlyJs().Content);
        var urls = System.Text.RegularExpressions.Regex.Matches(bundle, "https?://[^'\"\\s)]+").Count;
        output.WriteLine($"plotly.js {bundle.Length:N0} characters, {urls} URL strings, remote references: {RemoteReferences.Find(bundle).Count}");

        Assert.True(urls > 0, "the bundle has URL strings: the check below is not vacuous");
        Assert.Empty(RemoteReferences.Find(bundle));
    }

    [Fact]
    public void ExecutedNotebooks_NoOutputReferencesARemoteScript()
    {
        book.AssertBuilt();
        var problems = new List<string>();
        int charts = 0, outputs = 0;
        foreach (var path in book.Notebooks)
        {
            var name = Path.GetFileName(path);
            foreach (var (cell, _, o) in ExecutedBook.Outputs(ExecutedBook.Load(path)))
            {
                outputs++;
                foreach (var (mime, value) in o["data"]?.AsObject() ?? new System.Text.Json.Nodes.JsonObject())
                {
                    var text = LinReg.Book.Runner.SourceNotebook.ReadMultilineString(value) ?? value?.ToJsonString() ?? "";
                    if (mime == "text/html" && PlotlyOffline.IsPlotlyChart(text) && !PlotlyOffline.IsPlotlyJsLoader(text)) charts++;
                    problems.AddRange(RemoteReferences.Find(text).Select(r => $"{name}, cell {cell}, {mime}: {r}"));
                }
            }
        }

        output.WriteLine($"{book.Notebooks.Count} executed notebooks, {outputs} outputs, {charts} charts: {problems.Count} remote references");
        Assert.True(charts >= book.Notebooks.Count, $"only {charts} charts in {book.Notebooks.Count} notebooks: the scan would be vacuous");
        Assert.True(problems.Count == 0, "Outputs that need the network:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void ExecutedNotebooks_HoldPlotlyJsAtMostOnce_AndStaySmall()
    {
        book.AssertBuilt();
        var bundle = Encoding.UTF8.GetString(PlotlyOffline.ExtractPlotlyJs().Content);
        var probe = bundle.Substring(bundle.Length / 2, 200); // any copy of the bundle holds this slice
        var report = new StringBuilder("executed notebook                                   file     plotly.js copies   rest\n");
        var problems = new List<string>();
        long total = 0;
        foreach (var path in book.Notebooks)
        {
            var notebook = ExecutedBook.Load(path);
            var copies = ExecutedBook.Outputs(notebook)
                .SelectMany(x => x.Output["data"]?.AsObject() ?? new System.Text.Json.Nodes.JsonObject())
                .Sum(kv => Count(LinReg.Book.Runner.SourceNotebook.ReadMultilineString(kv.Value) ?? "", probe));
            var size = new FileInfo(path).Length;
            var rest = size - copies * (long)Encoding.UTF8.GetByteCount(bundle);
            total += size;
            report.AppendLine($"{Path.GetFileName(path),-48} {size / 1e6,6:F2} MB {copies,8} {rest / 1e6,14:F2} MB");
            if (copies > 1) problems.Add($"{Path.GetFileName(path)} holds plotly.js {copies} times");
            if (rest > MaxBytesBesidesPlotlyJs) problems.Add($"{Path.GetFileName(path)} holds {rest:N0} bytes besides plotly.js (limit {MaxBytesBesidesPlotlyJs:N0})");
        }

        report.AppendLine($"total {total / 1e6:F1} MB");
        output.WriteLine(report.ToString());
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + report);
    }

    private static int Count(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
