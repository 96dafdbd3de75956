using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using LinReg.Book.Export;
using LinReg.Book.Runner;
using LinReg.Book.Tests.Support;
using Xunit.Abstractions;

namespace LinReg.Book.Tests.Offline;

/// <summary>
/// Issue 13, part 2: every notebook exported as a .NET 10 file-based app (<c>LinReg.Book export</c>, run as a user runs
/// it), every app built and run (<c>dotnet build app.cs</c>, then <c>dotnet run --no-build app.cs</c>), and what each
/// prints compared with what its notebook printed when the book was executed (<see cref="ExecutedBook"/>): the same
/// lines, numbers and all, except the words-only lines of timing cells (<see cref="AppOutputComparison"/>).
/// <para>Time: the apps are exported to one folder per repository under the temp folder and kept there, so a second
/// run reuses the apps' build caches. The first app is built alone (it brings the shared library projects up to
/// date); the others are built without building those again, and built and run in parallel, as many at a time as the machine has cores. The times are printed.</para>
/// </summary>
[Collection(ExecutedBookCollection.Name)]
public sealed class ExportedAppTests(ExecutedBook book, ITestOutputHelper output)
{
    /// <summary>How an app's line naming a chart file starts: LinReg.Notebook's <c>DisplayHost.ChartLinePrefix</c> (this
    /// test project does not load LinReg.Notebook.dll beside the copy the in-process notebooks load; were the two to
    /// differ, the chart counts below would not match).</summary>
    private const string ChartLinePrefix = "chart: ";

    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(10);

    /// <summary>The apps' folder: stable per repository (a second test run reuses the apps' build caches).</summary>
    private static string AppsDirectory =>
        Path.Combine(Path.GetTempPath(), "linreg-book-tests",
            "apps-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(TestPaths.RepoRoot)))[..10].ToLowerInvariant());

    [Fact]
    public async Task EveryNotebook_AsAFileBasedApp_BuildsWithoutWarnings_AndPrintsWhatTheNotebookPrinted()
    {
        book.AssertBuilt();
        var clock = Stopwatch.StartNew();
        var export = await BookProcess.RunAsync(TestPaths.RepoRoot, TimeSpan.FromMinutes(2), "export", "--output", AppsDirectory);
        Assert.True(export.ExitCode == 0, "export failed: " + export.Describe());
        foreach (var stale in Directory.GetFiles(AppsDirectory, "*.html")) File.Delete(stale);

        var apps = TestPaths.BookNotebooks().Select(p => Path.Combine(AppsDirectory, Path.GetFileNameWithoutExtension(p) + ".cs")).ToList();
        Assert.All(apps, a => Assert.True(File.Exists(a), $"the export did not write {a}\n{export.Describe()}"));
        var exported = clock.Elapsed;

        var results = new (TimeSpan Build, TimeSpan Run, List<string> Problems)[apps.Count];
        results[0] = await BuildRunAndCompare(apps[0], buildLibraries: true);
        var gate = new SemaphoreSlim(Environment.ProcessorCount);
        await Task.WhenAll(apps.Select((app, i) => (app, i)).Skip(1).Select(async x =>
        {
            await gate.WaitAsync();
            try
            {
                results[x.i] = await BuildRunAndCompare(x.app, buildLibraries: false);
            }
            finally
            {
                gate.Release();
            }
        }));

        var report = new StringBuilder($"export {exported.TotalSeconds:F1} s; apps built and run {Environment.ProcessorCount} at a time (the first alone) in {(clock.Elapsed - exported).TotalSeconds:F0} s\n");
        report.AppendLine("app                                        build (s)   run (s)");
        for (int i = 0; i < apps.Count; i++)
            report.AppendLine($"{Path.GetFileName(apps[i]),-44} {results[i].Build.TotalSeconds,7:F1} {results[i].Run.TotalSeconds,9:F1}");
        output.WriteLine(report.ToString());

        var problems = apps.Zip(results).Where(x => x.Second.Problems.Count > 0)
            .Select(x => $"{Path.GetFileName(x.First)}:\n  " + string.Join("\n  ", x.Second.Problems)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <param name="app">The app's source file.</param>
    /// <param name="buildLibraries">Whether the build may build the library projects the app references (#:project): only
    /// the first app's does; the others, built in parallel, use what it built (BuildProjectReferences=false), so that
    /// no two builds write the same project's obj/ folder at once.</param>
    private async Task<(TimeSpan Build, TimeSpan Run, List<string> Problems)> BuildRunAndCompare(string app, bool buildLibraries)
    {
        var name = Path.GetFileNameWithoutExtension(app);
        var problems = new List<string>();
        var clock = Stopwatch.StartNew();
        var build = await DotnetProcess.RunAsync(TestPaths.RepoRoot, ["build", app, "-v", "q", "-nologo", .. (buildLibraries ? Array.Empty<string>() : ["-p:BuildProjectReferences=false"])], BuildLimit);
        var buildTime = clock.Elapsed;
        if (build.ExitCode != 0)
        {
            problems.Add($"dotnet build failed (exit {build.ExitCode}):\n{DotnetProcess.Tail(build.Output)}\n{DotnetProcess.Tail(build.Error)}");
            return (buildTime, TimeSpan.Zero, problems);
        }

        var warnings = AppOutputComparison.SplitLines(build.Output).Where(l => l.Contains(": warning ", StringComparison.Ordinal)).Distinct().ToList();
        problems.AddRange(warnings.Select(w => "build warning: " + w));

        clock.Restart();
        var run = await DotnetProcess.RunAsync(TestPaths.RepoRoot, ["run", "--no-build", app], RunLimit);
        var runTime = clock.Elapsed;
        if (run.ExitCode != 0)
        {
            problems.Add($"the app failed (exit {run.ExitCode}):\n{DotnetProcess.Tail(run.Output)}\n{DotnetProcess.Tail(run.Error)}");
            return (buildTime, runTime, problems);
        }

        var source = SourceNotebook.Load(Path.Combine(TestPaths.RepoNotebooks, name + ".ipynb"));
        var executed = ExecutedBook.Load(Path.Combine(book.Directory, name + ".ipynb"));
        var notebookSide = AppOutputComparison.ReadNotebook(executed, cell => AppExporter.IsTiming(source, cell));
        problems.AddRange(AppOutputComparison.Compare(notebookSide, run.Output, ChartLinePrefix));

        // Each chart line names a file the app wrote, beside it, next to a local plotly.js.
        foreach (var line in AppOutputComparison.SplitLines(run.Output).Where(l => l.StartsWith(ChartLinePrefix, StringComparison.Ordinal)))
        {
            var path = Path.GetFullPath(Path.Combine(TestPaths.RepoRoot, line[ChartLinePrefix.Length..]));
            if (!File.Exists(path)) problems.Add($"{line}: no such file");
            else if (Path.GetDirectoryName(path) != Path.GetDirectoryName(app)) problems.Add($"{line}: not beside the app");
        }

        return (buildTime, runTime, problems);
    }
}
