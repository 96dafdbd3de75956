using LinReg.Book.Export;
using LinReg.Book.Runner;

namespace LinReg.Book.Cli;

/// <summary>
/// The <c>export</c> command: every notebook (or one) written as a .NET 10 file-based app into <c>artifacts/apps/</c>
/// (<see cref="AppExporter"/>); prints each app and how to run one.
/// </summary>
internal static class BookExport
{
    public static async Task<int> RunAsync(string currentDirectory, string? rootOption, string? notebookOption, string? outputOption, TextWriter output, TextWriter error)
    {
        var root = rootOption ?? BookCli.FindRoot(currentDirectory);
        if (root is null)
        {
            await error.WriteLineAsync($"error: cannot find {BookCli.SolutionFileName} in {currentDirectory} or any folder above it; run from inside the repository or pass --root <dir>.");
            return BookCli.ExitUsage;
        }

        var notebooksDirectory = Path.Combine(root, "notebooks");
        var all = Directory.Exists(notebooksDirectory) ? Directory.GetFiles(notebooksDirectory, "*.ipynb").Order(StringComparer.Ordinal).ToList() : [];
        if (all.Count == 0)
        {
            await error.WriteLineAsync($"error: {notebooksDirectory} holds no notebooks (*.ipynb).");
            return BookCli.ExitUsage;
        }

        IReadOnlyList<string>? selected = null;
        if (notebookOption is { } wanted)
        {
            var match = BookBuild.SelectNotebook(all, wanted);
            if (match is null)
            {
                await error.WriteLineAsync($"error: no single notebook matches '{wanted}' in {notebooksDirectory}; the notebooks are: {string.Join(", ", all.Select(Path.GetFileNameWithoutExtension))}.");
                return BookCli.ExitUsage;
            }

            selected = [match];
        }

        var outputDirectory = outputOption ?? Path.Combine(root, "artifacts", "apps");
        IReadOnlyList<ExportedApp> apps;
        try
        {
            apps = AppExporter.ExportBook(root, outputDirectory, selected);
        }
        catch (Exception e) when (e is NotebookException or InvalidDataException or FileNotFoundException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            await error.WriteLineAsync("Nothing was written.");
            return BookCli.ExitFailure;
        }

        foreach (var app in apps)
        {
            await output.WriteLineAsync(Path.GetRelativePath(currentDirectory, app.Path));
        }

        var example = Path.GetRelativePath(root, apps[0].Path).Replace('\\', '/');
        await output.WriteLineAsync($"{apps.Count} app{(apps.Count == 1 ? "" : "s")} in {outputDirectory}. Run one from the repository with: dotnet run {example}");
        return BookCli.ExitSuccess;
    }
}
