using System.Text.Json;
using System.Text.Json.Nodes;
using PuppeteerSharp;

namespace LinReg.Book.Tests.Html;

/// <summary>
/// A test that needs Debian's <c>chromium</c>. Skipped with a reason when the browser is missing, EXCEPT when
/// <c>CI=true</c>: there the test runs and fails, so CI cannot go green without the browser check.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.FindExecutable() is null && !HeadlessChromium.IsCI)
        {
            Skip = "chromium is not installed (optional test prerequisite: `apt-get install chromium`); " +
                   "with CI=true this test fails instead of being skipped";
        }
    }
}

/// <summary>
/// Debian's headless Chromium driven by PuppeteerSharp, started by its executable path (PuppeteerSharp never downloads
/// a browser here), with networking off: every host name resolves to nothing, every proxied request goes to a closed
/// loopback port, and background services are off. Records every request the page makes and every uncaught script
/// exception.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    public static bool IsCI => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>CHROMIUM_PATH, else chromium / chromium-browser / google-chrome on PATH.</summary>
    public static string? FindExecutable()
    {
        var env = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        if (!string.IsNullOrWhiteSpace(env) && File.Exists(env)) return env;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    private readonly IBrowser _browser;
    private readonly IPage _page;
    private readonly string _profile;

    /// <summary>URLs of every request the page made.</summary>
    public List<string> Requests { get; } = [];

    /// <summary>Messages of uncaught script exceptions.</summary>
    public List<string> Exceptions { get; } = [];

    private HeadlessChromium(IBrowser browser, IPage page, string profile)
    {
        _browser = browser;
        _page = page;
        _profile = profile;
        _page.Request += (_, e) => { lock (Requests) Requests.Add(e.Request.Url); };
        _page.PageError += (_, e) => { lock (Exceptions) Exceptions.Add(e.Message); };
    }

    public static async Task<HeadlessChromium> LaunchAsync(string executable, CancellationToken ct)
    {
        var profile = Directory.CreateTempSubdirectory("linreg-chromium-").FullName;
        var options = new LaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            UserDataDir = profile,
            Timeout = 30_000,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
                // Networking off: names resolve to nothing, and anything proxied hits a closed loopback port.
                // (PuppeteerSharp joins the arguments into one command line: the rule's spaces need quotes.)
                "--host-resolver-rules=\"MAP * ~NOTFOUND\"", "--proxy-server=http://127.0.0.1:9",
                "--window-size=1100,900",
            ],
        };
        var browser = await Puppeteer.LaunchAsync(options).WaitAsync(ct);
        try
        {
            var page = (await browser.PagesAsync()).FirstOrDefault() ?? await browser.NewPageAsync();
            await page.SetViewportAsync(new ViewPortOptions { Width = 1100, Height = 900 });
            return new HeadlessChromium(browser, page, profile);
        }
        catch
        {
            await browser.CloseAsync();
            throw;
        }
    }

    /// <summary>Navigates and waits for the load event.</summary>
    public async Task NavigateAsync(string url, CancellationToken ct) =>
        await _page.GoToAsync(url, WaitUntilNavigation.Load).WaitAsync(ct);

    /// <summary>Evaluates an expression (awaiting a promise) and returns its JSON value.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression, CancellationToken ct)
    {
        var value = await _page.EvaluateExpressionAsync<JsonElement>(expression).WaitAsync(ct);
        return JsonNode.Parse(value.GetRawText());
    }

    /// <summary>A PNG of the whole page.</summary>
    public async Task<byte[]> ScreenshotAsync(CancellationToken ct) =>
        await _page.ScreenshotDataAsync(new ScreenshotOptions { FullPage = true, Type = ScreenshotType.Png }).WaitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            _browser.Process?.Kill(entireProcessTree: true);
        }
        await _browser.DisposeAsync();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile; it is a temp folder.
        }
    }
}
