using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LinReg.Book.Runner;

namespace LinReg.Book.Tests.Support;

/// <summary>
/// A throw-away copy of the book's folder layout under the temp folder: notebooks/, artifacts/notebook-lib/ (the
/// built library, copied from the repository, unless a test wants it missing), notebooks/setup.dib (the shared setup
/// the notebooks import) and .config/dotnet-tools.json (so
/// `dotnet tool run dotnet-repl` works from its notebooks/ folder). Deleted on dispose.
/// </summary>
internal sealed class TempBook : IDisposable
{
    private TempBook(string root)
    {
        Root = root;
        Directory.CreateDirectory(NotebooksDirectory);
    }

    public string Root { get; }

    public string NotebooksDirectory => Path.Combine(Root, "notebooks");

    public string BookDirectory => Path.Combine(Root, "artifacts", "book");

    public static TempBook Create(bool withLibrary = true)
    {
        var book = new TempBook(Path.Combine(Path.GetTempPath(), "linreg-book-tests", Guid.NewGuid().ToString("N")[..12]));
        if (withLibrary)
        {
            var lib = Path.Combine(book.Root, "artifacts", "notebook-lib");
            Directory.CreateDirectory(lib);
            foreach (var dll in new[] { "LinReg.dll", "LinReg.Plots.dll", "LinReg.Notebook.dll" })
            {
                var source = Path.Combine(TestPaths.NotebookLib, dll);
                Assert.True(File.Exists(source), $"{source} is missing: build the library first (dotnet build lib/LinReg.Notebook).");
                File.Copy(source, Path.Combine(lib, dll));
            }
        }

        // The shared setup the notebooks' first cell imports (#!import setup.dib), beside them as in notebooks/.
        File.Copy(Path.Combine(TestPaths.RepoNotebooks, BookSetup.FileName), Path.Combine(book.NotebooksDirectory, BookSetup.FileName));

        var manifest = Path.Combine(TestPaths.RepoRoot, ".config", "dotnet-tools.json");
        Directory.CreateDirectory(Path.Combine(book.Root, ".config"));
        File.Copy(manifest, Path.Combine(book.Root, ".config", "dotnet-tools.json"));
        return book;
    }

    /// <summary>Copies a fixture notebook into notebooks/ and returns its path.</summary>
    public string AddFixture(string fileName)
    {
        var path = Path.Combine(NotebooksDirectory, fileName);
        File.Copy(TestPaths.Fixture(fileName), path);
        return path;
    }

    /// <summary>Writes a notebook made of a title cell and the given code cells (C#, VS Code metadata, cell ids).</summary>
    public string AddNotebook(string fileName, params string[] codeCells) =>
        AddRaw(fileName, NotebookJson(fileName, codeCells));

    /// <summary>Writes any text as notebooks/<paramref name="fileName"/>.</summary>
    public string AddRaw(string fileName, string text)
    {
        var path = Path.Combine(NotebooksDirectory, fileName);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Every file under notebooks/ with a hash of its bytes: to prove nothing was written there.</summary>
    public IReadOnlyDictionary<string, string> SnapshotNotebooks() =>
        Directory.GetFiles(NotebooksDirectory, "*", SearchOption.AllDirectories)
            .ToDictionary(p => Path.GetRelativePath(NotebooksDirectory, p), p => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p))));

    /// <summary>The JSON of a source notebook as VS Code writes it: a title markdown cell, then the code cells.</summary>
    public static string NotebookJson(string title, params string[] codeCells)
    {
        var cells = new JsonArray
        {
            new JsonObject
            {
                ["cell_type"] = "markdown",
                ["id"] = "title",
                ["metadata"] = new JsonObject(),
                ["source"] = $"# {title}",
            },
        };
        for (var i = 0; i < codeCells.Length; i++)
        {
            cells.Add(new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["id"] = $"code-{i + 1}",
                ["metadata"] = new JsonObject
                {
                    ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
                    ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
                },
                ["outputs"] = new JsonArray(),
                ["source"] = codeCells[i],
            });
        }

        var notebook = new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = ExecutedNotebookWriter.CSharpNotebookMetadata(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        return notebook.ToJsonString();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process still holding a file: the temp folder is cleaned up by the system eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
