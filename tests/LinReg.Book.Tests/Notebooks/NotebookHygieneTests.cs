using System.Text.Json.Nodes;
using LinReg.Book.Runner;
using LinReg.Book.Tests.Support;

namespace LinReg.Book.Tests.Notebooks;

/// <summary>
/// The source notebooks in notebooks/ are committed clean: nbformat 4.5 with cell ids, kernelspec .net-csharp, a
/// title cell first, no outputs, no execution counts, and the shared setup (BookSetup.Cell, which imports setup.dib) as
/// their first code cell; setup.dib itself loads the packages at the versions Directory.Packages.props pins.
/// Runs over whatever notebooks exist.
/// </summary>
public sealed class NotebookHygieneTests
{
    [Fact]
    public void SourceNotebooks_AreCleanAndStartWithTheSharedSetup()
    {
        var problems = new List<string>();
        foreach (var path in TestPaths.BookNotebooks())
        {
            var name = Path.GetFileName(path);
            try
            {
                SourceNotebook.Load(path);
                var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
                problems.AddRange(NotebookChecks.SourceHygiene(json).Select(p => $"{name}: {p}"));
            }
            catch (NotebookException e)
            {
                problems.Add(e.Message);
            }
        }

        Assert.True(problems.Count == 0, "Source notebook problems:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void SetupDib_ResolvesFSharpCoreThenLoadsThePinnedPackagesThenStartsTheSession()
    {
        var cells = SourceNotebook.DibCells(Path.Combine(TestPaths.RepoNotebooks, BookSetup.FileName));

        // Three submissions, in this order (BookSetup's remarks say why the order matters).
        Assert.Equal(3, cells.Count);
        Assert.Contains("AssemblyLoadContext.Default.Resolving", cells[0]);
        Assert.DoesNotContain("#r", cells[0]);
        Assert.Contains("#r \"nuget: Plotly.NET.Interactive,", cells[1]);
        Assert.Contains("#r \"../artifacts/notebook-lib/LinReg.Notebook.dll\"", cells[1]);
        Assert.Contains("LinReg.Notebook.NotebookSession.Start();", cells[2]);

        // Every package at the exact version of Directory.Packages.props ([x.y.z]).
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(TestPaths.RepoRoot, "Directory.Packages.props"));
        var pinned = props.Descendants("PackageVersion").ToDictionary(
            e => (string)e.Attribute("Include")!, e => ((string)e.Attribute("Version")!).Trim('[', ']'));
        var packages = System.Text.RegularExpressions.Regex.Matches(cells[1], "#r \"nuget: *([^,\"]+), *([^\"]+)\"")
            .Select(m => (Name: m.Groups[1].Value.Trim(), Version: m.Groups[2].Value.Trim())).ToList();
        Assert.Equal(5, packages.Count);
        Assert.All(packages, p => Assert.True(pinned.TryGetValue(p.Name, out var v) && v == p.Version,
            $"setup.dib loads {p.Name} {p.Version}; Directory.Packages.props pins {(pinned.TryGetValue(p.Name, out var w) ? w : "nothing")}"));
    }

    [Fact]
    public void SourceNotebooks_FileNamesAreNumberedKebabCase()
    {
        var bad = TestPaths.BookNotebooks()
            .Select(Path.GetFileName)
            .Where(n => !System.Text.RegularExpressions.Regex.IsMatch(n!, "^[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*\\.ipynb$"))
            .ToList();

        Assert.True(bad.Count == 0, "Notebook names must look like 02-one-sgd-step-by-hand.ipynb: " + string.Join(", ", bad));
    }

    /// <summary>The longest code cell a reader is asked to read at once; bookkeeping beyond it belongs in a named
    /// library helper (lib/LinReg/Experiments) or in a cell of its own.</summary>
    public const int MaxCodeCellLines = 25;

    [Fact]
    public void SourceNotebooks_NoCodeCellLongerThan25Lines()
    {
        var tooLong = new List<string>();
        foreach (var path in TestPaths.BookNotebooks())
        {
            var cells = JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray();
            for (int i = 0; i < cells.Count; i++)
            {
                if ((string?)cells[i]!["cell_type"] != "code") continue;
                var source = SourceNotebook.ReadMultilineString(cells[i]!["source"]) ?? "";
                int lines = source.TrimEnd('\n').Split('\n').Length;
                if (lines > MaxCodeCellLines)
                    tooLong.Add($"{Path.GetFileName(path)}, cell {i + 1} ({(string?)cells[i]!["id"]}): {lines} lines, starting `{source.Split('\n')[0]}`");
            }
        }

        Assert.True(tooLong.Count == 0, $"code cells longer than {MaxCodeCellLines} lines:\n" + string.Join("\n", tooLong));
    }

    [Fact]
    public void PlotlyFixture_PassesTheSourceHygieneChecks()
    {
        // The fixture uses the shared setup exactly, so it checks the checker on a known-good notebook.
        var json = JsonNode.Parse(File.ReadAllText(TestPaths.Fixture("plotly-chart.ipynb")))!.AsObject();

        Assert.Empty(NotebookChecks.SourceHygiene(json));
    }
}
