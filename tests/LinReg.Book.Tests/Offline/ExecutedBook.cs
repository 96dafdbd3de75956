using System.Text.Json.Nodes;
using LinReg.Book.Runner;
using LinReg.Book.Tests.Support;

namespace LinReg.Book.Tests.Offline;

/// <summary>
/// The whole book built once for the tests that need every executed notebook (offline outputs, Jupyter's HTML export,
/// the exported apps, the HTML book's links): the README's build command, run as a user runs it
/// (<c>LinReg.Book build --output &lt;temp&gt;</c> in a child process, from the repository), writing into a temporary
/// folder. Deleted at the end.
/// </summary>
public sealed class ExecutedBook : IAsyncLifetime
{
    private BookProcess.Result? _build;

    /// <summary>The build's output folder: the executed notebooks and the HTML book.</summary>
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "linreg-book-tests", "executed-book-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The build's exit code and output (for failure messages).</summary>
    internal BookProcess.Result Build => _build ?? throw new InvalidOperationException("the book has not been built");

    /// <summary>The executed notebooks, in book order (one per source notebook).</summary>
    public IReadOnlyList<string> Notebooks =>
        TestPaths.BookNotebooks().Select(p => Path.Combine(Directory, Path.GetFileName(p))).ToList();

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        _build = await BookProcess.RunAsync(TestPaths.RepoRoot, TimeSpan.FromMinutes(20), "build", "--output", Directory);
    }

    /// <summary>Fails the calling test (with the build's output) unless the build succeeded and wrote every notebook.</summary>
    public void AssertBuilt()
    {
        Assert.True(Build.ExitCode == 0, "the book build failed: " + Build.Describe());
        Assert.All(Notebooks, p => Assert.True(File.Exists(p), $"{p} was not written\n{Build.Describe()}"));
    }

    /// <summary>An executed notebook's JSON.</summary>
    public static JsonObject Load(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    /// <summary>Every output of every code cell: (1-based cell number, cell, output).</summary>
    public static IEnumerable<(int Cell, JsonObject CellJson, JsonObject Output)> Outputs(JsonObject notebook)
    {
        var cells = notebook["cells"]!.AsArray();
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell || (string?)cell["cell_type"] != "code") continue;
            foreach (var output in cell["outputs"]?.AsArray().OfType<JsonObject>() ?? Enumerable.Empty<JsonObject>())
            {
                yield return (i + 1, cell, output);
            }
        }
    }

    /// <summary>A mime type's text in an output's data bundle, or null.</summary>
    public static string? Data(JsonObject output, string mime) => SourceNotebook.ReadMultilineString(output["data"]?[mime]);

    public Task DisposeAsync()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a browser or a process may still hold a file; it is a temp folder
        }

        return Task.CompletedTask;
    }
}

/// <summary>The tests that share one build of the whole book.</summary>
[CollectionDefinition(Name)]
public sealed class ExecutedBookCollection : ICollectionFixture<ExecutedBook>
{
    public const string Name = "Executed book (one build of every notebook)";
}
