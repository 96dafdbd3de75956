using System.Text.Json.Nodes;
using LinReg.Book.Runner;
using LinReg.Book.Tests.Support;

namespace LinReg.Book.Tests.Notebooks;

/// <summary>
/// The source notebooks in notebooks/ are committed clean: nbformat 4.5 with cell ids, kernelspec .net-csharp, a
/// title cell first, no outputs, no execution counts, and the shared setup (BookSetup) as their first two code cells.
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
