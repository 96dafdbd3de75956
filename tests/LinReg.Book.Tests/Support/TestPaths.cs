using LinReg.Book.Cli;

namespace LinReg.Book.Tests.Support;

/// <summary>Absolute paths only: the in-process runner changes the process's working directory while a notebook runs.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(() =>
        BookCli.FindRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"No {BookCli.SolutionFileName} above {AppContext.BaseDirectory}."));

    /// <summary>The repository root (the folder holding LinRegNotebooks.sln).</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>The book's source notebooks.</summary>
    public static string RepoNotebooks => Path.Combine(RepoRoot, "notebooks");

    /// <summary>Where <c>dotnet build lib/LinReg.Notebook</c> puts LinReg.dll, LinReg.Plots.dll and LinReg.Notebook.dll for the notebooks.</summary>
    public static string NotebookLib => Path.Combine(RepoRoot, "artifacts", "notebook-lib");

    /// <summary>The fixture notebooks copied next to the test assembly.</summary>
    public static string Fixture(string fileName) => Path.Combine(AppContext.BaseDirectory, "Fixtures", fileName);

    /// <summary>The source notebooks of the book, in name order (none while the book has none).</summary>
    public static IReadOnlyList<string> BookNotebooks() =>
        Directory.Exists(RepoNotebooks)
            ? Directory.GetFiles(RepoNotebooks, "*.ipynb").Order(StringComparer.Ordinal).ToList()
            : Array.Empty<string>();
}
