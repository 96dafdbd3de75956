using System.Security.Cryptography;
using System.Xml.Linq;
using LinReg.Book.Html;

namespace LinReg.Book.Tests.Html;

/// <summary>plotly.js extraction from Plotly.NET.dll and the offline rewriting of real chart HTML.</summary>
public class PlotlyOfflineTests
{
    [Fact]
    public void ExtractPlotlyJs_FromTheRestoredPackage_IsPlotly2_28_0ByteForByte()
    {
        var js = PlotlyOffline.ExtractPlotlyJs();
        Assert.Equal("2.28.0", js.Version);
        // Independent reference: SHA-256 of package/plotly.min.js in the npm tarball plotly.js-dist-min@2.28.0
        // (`npm pack plotly.js-dist-min@2.28.0`, computed with sha256sum), 3 608 773 bytes.
        Assert.Equal(3_608_773, js.Content.Length);
        Assert.Equal("f33191858012cf263ca873b819c5e7405538183fe3d0e1a6d7b3e577867bcc37",
            Convert.ToHexStringLower(SHA256.HashData(js.Content)));
    }

    [Fact]
    public void BookAssembly_ReferencesNeitherPlotlyNetNorFSharpCore()
    {
        // The runner must keep the kernel's FSharp.Core: the HTML book reads plotly.js with a PEReader instead of
        // loading Plotly.NET. (Checked statically: other tests in this process run notebooks that do load Plotly.NET.)
        var references = typeof(BookRenderer).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain("Plotly.NET", references);
        Assert.DoesNotContain("FSharp.Core", references);
    }

    [Fact]
    public void ExtractPlotlyJs_MissingDll_ThrowsFileNotFoundWithRestoreAdvice()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "Plotly.NET.dll");
        var ex = Assert.Throws<FileNotFoundException>(() => PlotlyOffline.ExtractPlotlyJs(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("dotnet restore", ex.Message);
        Assert.Contains("NUGET_PACKAGES", ex.Message);
    }

    [Fact]
    public void ExtractPlotlyJs_NotAnAssembly_ThrowsInvalidData()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a PE file");
            var ex = Assert.Throws<InvalidDataException>(() => PlotlyOffline.ExtractPlotlyJs(path));
            Assert.Contains(path, ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ExtractPlotlyJs_AssemblyWithoutTheResource_ThrowsInvalidData()
    {
        var self = typeof(BookRenderer).Assembly.Location;
        var ex = Assert.Throws<InvalidDataException>(() => PlotlyOffline.ExtractPlotlyJs(self));
        Assert.Contains("plotly", ex.Message);
    }

    [Fact]
    public void PlotlyNetVersion_MatchesTheVersionPinnedInDirectoryPackagesProps()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var props = XDocument.Load(Path.Combine(dir.FullName, "Directory.Packages.props"));
        var pinned = props.Descendants("PackageVersion").Single(e => (string?)e.Attribute("Include") == "Plotly.NET");
        Assert.Equal($"[{PlotlyOffline.PlotlyNetVersion}]", (string?)pinned.Attribute("Version"));
    }

    [Fact]
    public void RewriteChartHtml_RealFormatterOutput_RemovesEveryCdnAddressAndKeepsThePlot()
    {
        var original = PlotlyFixtures.FormatterOutput;
        Assert.Contains("https://cdn.plot.ly/plotly-2.28.0.min", original);
        Assert.Contains("https://cdnjs.cloudflare.com/ajax/libs/require.js/2.3.6/require.min.js", original);

        var html = PlotlyOffline.RewriteChartHtml(original);
        Assert.DoesNotContain("http", html);
        Assert.Contains("paths:{plotly:'plotly.min'}", html);
        Assert.Contains($"Plotly.newPlot('{PlotlyFixtures.FormatterDivId}', data, layout, config);", html);
        Assert.Contains($"<div id=\"{PlotlyFixtures.FormatterDivId}\">", html);
        Assert.Empty(PlotlyOffline.NetworkReferences(html));
        Assert.NotEmpty(PlotlyOffline.NetworkReferences(original));
    }

    [Fact]
    public void RewriteChartHtml_NoReferenceChart_IsUnchanged()
    {
        Assert.True(PlotlyOffline.IsPlotlyChart(PlotlyFixtures.NoReferenceChartHtml));
        Assert.Equal(PlotlyFixtures.NoReferenceChartHtml, PlotlyOffline.RewriteChartHtml(PlotlyFixtures.NoReferenceChartHtml));
    }

    [Fact]
    public void RewriteChartHtml_CdnScriptTagAndInlinedBundle_AreRemoved()
    {
        // The two other PlotlyJSReference forms: a <script src> to a CDN, and the full bundle inlined.
        var bundle = "/**\n* plotly.js v2.28.0\n*/\n" + new string('x', 200_000);
        var html = "<script src=\"https://cdn.plot.ly/plotly-2.28.0.min.js\" charset=\"utf-8\"></script>" +
                   $"<script type=\"text/javascript\">{bundle}</script>" +
                   "<div id=\"c\"></div><script>Plotly.newPlot('c', [], {});</script>";
        var rewritten = PlotlyOffline.RewriteChartHtml(html);
        Assert.Equal("<div id=\"c\"></div><script>Plotly.newPlot('c', [], {});</script>", rewritten);
    }

    [Fact]
    public void IsPlotlyChart_OrdinaryHtml_IsFalse()
    {
        Assert.False(PlotlyOffline.IsPlotlyChart("<table><tr><td>1</td></tr></table>"));
    }
}
