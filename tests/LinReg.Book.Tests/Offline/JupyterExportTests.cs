using System.Diagnostics;
using System.Text.Json.Nodes;
using LinReg.Book.Html;
using LinReg.Book.Tests.Html;
using Xunit.Abstractions;

namespace LinReg.Book.Tests.Offline;

/// <summary>
/// A test that needs Jupyter's exporter (Debian's <c>jupyter-nbconvert</c>) and Debian's <c>chromium</c>. Skipped with a
/// reason when either is missing, EXCEPT when <c>CI=true</c>: there it runs and fails (.ci/run installs both).
/// </summary>
public sealed class JupyterFactAttribute : FactAttribute
{
    public JupyterFactAttribute()
    {
        if (HeadlessChromium.IsCI) return;
        if (JupyterExportTests.FindNbconvert() is null)
            Skip = "jupyter-nbconvert is not installed (optional test prerequisite: `apt-get install jupyter-nbconvert`); with CI=true this test fails instead of being skipped";
        else if (HeadlessChromium.FindExecutable() is null)
            Skip = "chromium is not installed (optional test prerequisite: `apt-get install chromium`); with CI=true this test fails instead of being skipped";
    }
}

/// <summary>
/// Issue 13, part 1 (b): Jupyter's own exporter — <c>jupyter nbconvert --to html</c> — on every executed notebook of
/// the book, each page opened from file:// in headless Chromium with networking off: plotly's SVG is drawn in EVERY
/// chart div, and nothing tried the network. Debian's nbconvert template loads a local require.js, which is exactly
/// the trap the setup's plotly.js loader hides <c>define</c> for.
/// </summary>
[Collection(ExecutedBookCollection.Name)]
public sealed class JupyterExportTests(ExecutedBook book, ITestOutputHelper output)
{
    /// <summary>The chart divs of a page (a div followed by the script that renders into it) and which ones plotly drew.</summary>
    private const string Measure = """
        new Promise(resolve => {
          const t0 = Date.now();
          const charts = () => [...document.querySelectorAll('div[id]')].filter(d =>
            d.nextElementSibling && d.nextElementSibling.tagName === 'SCRIPT' && /renderPlotly_/.test(d.nextElementSibling.textContent));
          (function check() {
            const all = charts();
            const drawn = all.filter(d => { const svg = d.querySelector('.main-svg'); if (!svg) return false; const r = svg.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
            if ((all.length > 0 && drawn.length === all.length) || Date.now() - t0 > 30000) {
              resolve({ charts: all.length, drawn: drawn.length, missing: all.filter(d => !drawn.includes(d)).map(d => d.id),
                        plotly: (window.Plotly && window.Plotly.version) || null, amd: typeof window.define === 'function' && !!window.define.amd });
            } else setTimeout(check, 100);
          })();
        })
        """;

    /// <summary>The nbconvert command: <c>jupyter-nbconvert</c> on PATH, else <c>jupyter</c> (with the <c>nbconvert</c> subcommand).</summary>
    public static (string File, string[] Prefix)? FindNbconvert()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var direct = Path.Combine(dir, "jupyter-nbconvert");
            if (File.Exists(direct)) return (direct, []);
        }

        return null;
    }

    [JupyterFact]
    public async Task NbconvertHtml_EveryExecutedNotebook_OpenedOffline_DrawsEveryChart()
    {
        var nbconvert = FindNbconvert() ?? throw new Xunit.Sdk.XunitException("CI=true but jupyter-nbconvert is not installed: `apt-get install -y jupyter-nbconvert` (.ci/run does it)");
        var chromium = HeadlessChromium.FindExecutable() ?? throw new Xunit.Sdk.XunitException("CI=true but chromium is not installed: `apt-get install -y chromium`");
        book.AssertBuilt();

        var htmlDir = Path.Combine(book.Directory, "nbconvert-html");
        Directory.CreateDirectory(htmlDir);
        var (code, stdout, stderr) = await RunAsync(nbconvert.File, [.. nbconvert.Prefix, "--to", "html", "--output-dir", htmlDir, .. book.Notebooks]);
        Assert.True(code == 0, $"jupyter nbconvert failed with exit code {code}\n{stdout}\n{stderr}");

        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await using var browser = await HeadlessChromium.LaunchAsync(chromium, cts.Token);
        var problems = new List<string>();
        var totalCharts = 0;
        foreach (var notebook in book.Notebooks)
        {
            var name = Path.GetFileNameWithoutExtension(notebook);
            // Independently of the page: the chart outputs the executed notebook holds.
            var expected = ExecutedBook.Outputs(ExecutedBook.Load(notebook))
                .Count(o => ExecutedBook.Data(o.Output, "text/html") is { } h && PlotlyOffline.IsPlotlyChart(h) && !PlotlyOffline.IsPlotlyJsLoader(h));
            var page = Path.Combine(htmlDir, name + ".html");
            await browser.NavigateAsync(new Uri(page).AbsoluteUri, cts.Token);
            var m = (await browser.EvaluateAsync(Measure, cts.Token))!.AsObject();
            output.WriteLine($"{name}: {m.ToJsonString()}");
            totalCharts += (int)m["charts"]!;
            if ((int)m["charts"]! != expected) problems.Add($"{name}: the page has {(int)m["charts"]!} chart divs, the notebook {expected} chart outputs");
            if ((int)m["drawn"]! != (int)m["charts"]!) problems.Add($"{name}: {(int)m["drawn"]!} of {(int)m["charts"]!} charts drawn; not drawn: {m["missing"]!.ToJsonString()}");
            if (expected > 0 && (string?)m["plotly"] != "2.28.0") problems.Add($"{name}: window.Plotly is {m["plotly"]?.ToJsonString() ?? "missing"}");
            if (name.StartsWith("05", StringComparison.Ordinal))
            {
                var shot = Path.Combine(AppContext.BaseDirectory, "nbconvert-05-screenshot.png");
                await File.WriteAllBytesAsync(shot, await browser.ScreenshotAsync(cts.Token), cts.Token);
                output.WriteLine($"screenshot: {shot}");
            }
        }

        Assert.True(totalCharts > 0, "no chart at all: the check would be vacuous");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.All(browser.Requests, url => Assert.True(url.StartsWith("file:", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), $"a page requested {url}"));
    }

    [JupyterFact]
    public async Task NbconvertHtml_WithAnAmdLoaderOnThePage_StillDrawsBecauseTheLoaderHidesDefine()
    {
        // Jupyter's classic HTML template loads require.js (Debian's from /usr/share/javascript/requirejs, which only the
        // libjs-requirejs package installs). With an AMD `define` on the page, plotly's UMD bundle registers an anonymous
        // module instead of setting window.Plotly, and no chart would draw. The setup's loader hides `define` while
        // plotly.js runs. This puts an AMD define on the page (a stand-in for require.js) and checks both ways: with the
        // loader as written every chart draws and define is back afterwards; with the hiding script removed none does.
        var nbconvert = FindNbconvert() ?? throw new Xunit.Sdk.XunitException("CI=true but jupyter-nbconvert is not installed: `apt-get install -y jupyter-nbconvert` (.ci/run does it)");
        var chromium = HeadlessChromium.FindExecutable() ?? throw new Xunit.Sdk.XunitException("CI=true but chromium is not installed: `apt-get install -y chromium`");
        book.AssertBuilt();
        var notebook = book.Notebooks.First(p => Path.GetFileName(p).StartsWith("05", StringComparison.Ordinal));
        var htmlDir = Path.Combine(book.Directory, "nbconvert-amd");
        Directory.CreateDirectory(htmlDir);
        var (code, stdout, stderr) = await RunAsync(nbconvert.File, [.. nbconvert.Prefix, "--to", "html", "--output-dir", htmlDir, notebook]);
        Assert.True(code == 0, $"jupyter nbconvert failed with exit code {code}\n{stdout}\n{stderr}");
        var page = await File.ReadAllTextAsync(Path.Combine(htmlDir, Path.GetFileNameWithoutExtension(notebook) + ".html"));
        const string amd = "<script>window.define=function(){window.__amdModules=(window.__amdModules||0)+1;};window.define.amd={};</script>";
        var head = page.IndexOf("<head>", StringComparison.Ordinal);
        Assert.True(head >= 0, "nbconvert's page has no <head>");
        var withAmd = page.Insert(head + "<head>".Length, amd);
        const string hide = "window.__linregDefine=window.define;window.define=undefined;";
        Assert.Equal(1, withAmd.Split(hide).Length - 1);
        var withAmdNoHiding = withAmd.Replace(hide, "", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(htmlDir, "amd.html"), withAmd);
        await File.WriteAllTextAsync(Path.Combine(htmlDir, "amd-no-hiding.html"), withAmdNoHiding);

        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var browser = await HeadlessChromium.LaunchAsync(chromium, cts.Token);
        await browser.NavigateAsync(new Uri(Path.Combine(htmlDir, "amd.html")).AbsoluteUri, cts.Token);
        var hidden = (await browser.EvaluateAsync(Measure, cts.Token))!.AsObject();
        await browser.NavigateAsync(new Uri(Path.Combine(htmlDir, "amd-no-hiding.html")).AbsoluteUri, cts.Token);
        var exposed = (await browser.EvaluateAsync(Measure.Replace("30000", "3000"), cts.Token))!.AsObject();
        output.WriteLine($"loader as written: {hidden.ToJsonString()}\nwithout hiding define: {exposed.ToJsonString()}");

        Assert.True((int)hidden["charts"]! > 0);
        Assert.Equal((int)hidden["charts"]!, (int)hidden["drawn"]!);
        Assert.True((bool)hidden["amd"]!, "define is put back after plotly.js");
        Assert.Equal("2.28.0", (string?)hidden["plotly"]);
        Assert.Equal(0, (int)exposed["drawn"]!);
        Assert.Null((string?)exposed["plotly"]);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string file, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
