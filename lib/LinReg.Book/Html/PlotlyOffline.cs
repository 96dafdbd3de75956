using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;

namespace LinReg.Book.Html;

/// <summary>The plotly.js bundle that Plotly.NET embeds.</summary>
/// <param name="Content">The bytes of <c>plotly-&lt;version&gt;.min.js</c>.</param>
/// <param name="Version">The plotly.js version, e.g. <c>2.28.0</c>.</param>
/// <param name="SourcePath">The Plotly.NET.dll it was read from.</param>
public sealed record PlotlyJs(byte[] Content, string Version, string SourcePath);

/// <summary>
/// Makes Plotly.NET chart outputs work offline: extracts plotly.js from Plotly.NET.dll (without loading the
/// assembly, so the runner never loads Plotly.NET's FSharp.Core) and rewrites chart HTML to use a local copy.
/// </summary>
public static partial class PlotlyOffline
{
    /// <summary>The Plotly.NET package version whose DLL supplies plotly.js (the version pinned in
    /// Directory.Packages.props; a test checks they agree).</summary>
    public const string PlotlyNetVersion = "6.0.0";

    /// <summary>The file name of the local plotly.js next to the pages.</summary>
    public const string FileName = "plotly.min.js";

    /// <summary>
    /// A tiny stand-in for require.js: Plotly.NET's notebook HTML calls <c>requirejs.config({paths:{plotly:…}})</c>
    /// and then <c>require(['plotly'], f)</c>. With the local plotly.min.js already loaded as a global
    /// (<c>window.Plotly</c>), both just hand that global to the callback. It does NOT define <c>define</c>, so
    /// plotly.min.js (a UMD bundle) still installs itself as <c>window.Plotly</c>.
    /// </summary>
    public const string RequireShim =
        "(function(){if(typeof window.requirejs==='function'&&typeof window.requirejs.config==='function')return;" +
        "function load(deps,cb){var m=(deps||[]).map(function(d){if(/plotly/i.test(String(d)))return window.Plotly;" +
        "throw new Error('offline book: module '+d+' is not available');});if(typeof cb==='function')cb.apply(window,m);}" +
        "var r=function(deps,cb){load(deps,cb);};r.config=function(){return r;};" +
        "window.requirejs=r;if(typeof window.require!=='function')window.require=r;})();";

    /// <summary>The Plotly.NET.dll of <see cref="PlotlyNetVersion"/> in the NuGet global packages folder
    /// (<c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>).</summary>
    /// <returns>The full path (the file may not exist).</returns>
    public static string DefaultPlotlyNetDllPath()
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrWhiteSpace(root))
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Path.Combine(root, "plotly.net", PlotlyNetVersion, "lib", "netstandard2.0", "Plotly.NET.dll");
    }

    /// <summary>Reads the embedded <c>plotly-*.min.js</c> manifest resource of Plotly.NET.dll with
    /// System.Reflection.Metadata's <see cref="PEReader"/> (the assembly is never loaded).</summary>
    /// <param name="plotlyNetDll">Path of Plotly.NET.dll; null = <see cref="DefaultPlotlyNetDllPath"/>.</param>
    /// <returns>The script bytes and version.</returns>
    /// <exception cref="FileNotFoundException">The DLL does not exist; the message says how to restore it.</exception>
    /// <exception cref="InvalidDataException">The file has no embedded plotly.js resource or is not a .NET assembly.</exception>
    public static PlotlyJs ExtractPlotlyJs(string? plotlyNetDll = null)
    {
        var path = plotlyNetDll ?? DefaultPlotlyNetDllPath();
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Plotly.NET {PlotlyNetVersion} was not found at '{path}', so plotly.js cannot be copied next to the book " +
                "(it is read from the NuGet global packages folder: NUGET_PACKAGES, else ~/.nuget/packages). " +
                "Restore the packages first, e.g. `dotnet restore lib/LinReg.Notebook` (a normal `dotnet build` does it), then retry.",
                path);
        }

        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata) throw new InvalidDataException($"'{path}' is not a .NET assembly (no metadata)");
            var md = pe.GetMetadataReader();
            foreach (var handle in md.ManifestResources)
            {
                var resource = md.GetManifestResource(handle);
                var name = md.GetString(resource.Name);
                var m = ResourceName().Match(name);
                if (!m.Success || !resource.Implementation.IsNil) continue;

                var dir = pe.PEHeaders.CorHeader?.ResourcesDirectory
                          ?? throw new InvalidDataException($"'{path}' has no CLI header");
                var block = pe.GetSectionData(dir.RelativeVirtualAddress);
                var reader = block.GetReader((int)resource.Offset, block.Length - (int)resource.Offset);
                var length = reader.ReadInt32();
                if (length <= 0 || length > reader.RemainingBytes)
                    throw new InvalidDataException($"resource '{name}' in '{path}' has an invalid length {length}");
                return new PlotlyJs(reader.ReadBytes(length), m.Groups["v"].Value, path);
            }
        }
        catch (BadImageFormatException ex)
        {
            throw new InvalidDataException($"'{path}' is not a readable .NET assembly: {ex.Message}", ex);
        }
        throw new InvalidDataException($"'{path}' has no embedded plotly-<version>.min.js resource");
    }

    [GeneratedRegex(@"plotly-(?<v>\d+\.\d+\.\d+)\.min\.js$", RegexOptions.CultureInvariant)]
    private static partial Regex ResourceName();

    /// <summary>The attribute on the scripts of the output that loads plotly.js into a notebook (the value of
    /// <c>LinReg.Plots.ChartHtml.PlotlyJsMarker</c>; the book does not reference LinReg.Plots, whose Plotly.NET would bring
    /// FSharp.Core 10.1 into the runner).</summary>
    public const string PlotlyJsLoaderMarker = "data-linreg-plotly-js";

    /// <summary>True when an HTML output is the notebook setup's inline plotly.js (marked with <see cref="PlotlyJsLoaderMarker"/>).</summary>
    /// <param name="html">The <c>text/html</c> output.</param>
    /// <returns>Whether it is the plotly.js loader.</returns>
    public static bool IsPlotlyJsLoader(string html) =>
        html.StartsWith("<script " + PlotlyJsLoaderMarker + "=", StringComparison.Ordinal);

    /// <summary>True when an HTML output is a Plotly chart (Plotly.NET's notebook or chart HTML).</summary>
    /// <param name="html">The <c>text/html</c> output.</param>
    /// <returns>Whether it calls Plotly.</returns>
    public static bool IsPlotlyChart(string html) =>
        html.Contains("Plotly.newPlot", StringComparison.Ordinal) || html.Contains("Plotly.react", StringComparison.Ordinal);

    /// <summary>
    /// Rewrites a chart's HTML so it needs no network: removes <c>&lt;script src&gt;</c> tags that load plotly.js
    /// and inline copies of the plotly.js bundle (the page loads <see cref="FileName"/> once instead), points the
    /// require.js path at the local file, and replaces the require.js CDN address (never used: the page defines
    /// <see cref="RequireShim"/>).
    /// </summary>
    /// <param name="html">The chart output HTML.</param>
    /// <returns>The rewritten HTML.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="html"/> is null.</exception>
    public static string RewriteChartHtml(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var s = ExternalPlotlyScript().Replace(html, "");
        s = InlineScript().Replace(s, m =>
            m.Groups["body"].Length > 100_000 && m.Groups["body"].Value.AsSpan(0, 400).Contains("plotly.js v", StringComparison.Ordinal)
                ? ""
                : m.Value);
        s = RequirePath().Replace(s, m => m.Groups["pre"].Value + "plotly.min" + m.Groups["q"].Value);
        s = RequireJsUrl().Replace(s, m => m.Groups["q"].Value + "data:text/javascript," + m.Groups["q"].Value);
        return s;
    }

    /// <summary>Remaining http(s) addresses that a browser would fetch from an HTML fragment
    /// (<c>src=</c>/<c>href=</c> of script, link, img, iframe; and quoted URLs inside scripts).</summary>
    /// <param name="html">HTML to scan.</param>
    /// <returns>The addresses found.</returns>
    public static IReadOnlyList<string> NetworkReferences(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var found = new List<string>();
        foreach (Match m in FetchingTag().Matches(html)) found.Add(m.Groups["url"].Value);
        foreach (Match m in InlineScript().Matches(html))
        {
            foreach (Match u in QuotedUrl().Matches(m.Groups["body"].Value)) found.Add(u.Groups["url"].Value);
        }
        return found;
    }

    [GeneratedRegex(@"<script\b[^>]*\bsrc\s*=\s*[""'][^""']*plotly[^""']*[""'][^>]*>\s*</script>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExternalPlotlyScript();

    [GeneratedRegex(@"<script\b(?![^>]*\bsrc\s*=)[^>]*>(?<body>.*?)</script>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"(?<pre>paths\s*:\s*\{\s*['""]?plotly['""]?\s*:\s*(?<q>['""]))[^'""]*\k<q>", RegexOptions.CultureInvariant)]
    private static partial Regex RequirePath();

    [GeneratedRegex(@"(?<q>['""])https?://[^'""]*require(?:\.min)?\.js\k<q>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RequireJsUrl();

    [GeneratedRegex(@"<(?:script|link|img|iframe|source|embed)\b[^>]*\b(?:src|href)\s*=\s*[""']?(?<url>(?:https?:)?//[^""'\s>]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FetchingTag();

    [GeneratedRegex(@"['""](?<url>https?://[^'""\s]+)['""]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuotedUrl();
}
