using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using LinReg.Book.Html;
using LinReg.Book.Runner;
using LinReg.Book.Runner.Worker;

namespace LinReg.Book.Cli;

/// <summary>
/// The <c>build</c> command: checks everything that can be checked before a kernel starts, runs the notebooks in
/// supervised worker processes (<see cref="WorkerProcess"/>, <c>--jobs</c> at a time), writes each executed notebook
/// as soon as it is known, then the HTML book, the summary and the failures.
/// </summary>
internal static class BookBuild
{
    public static async Task<int> RunAsync(BuildOptions options, TextWriter output, TextWriter error, bool interactive, CancellationToken cancellationToken)
    {
        var root = options.Root ?? BookCli.FindRoot(options.CurrentDirectory);
        if (root is null)
        {
            await error.WriteLineAsync($"error: cannot find {BookCli.SolutionFileName} in {options.CurrentDirectory} or any folder above it; run from inside the repository or pass --root <dir>.");
            return BookCli.ExitUsage;
        }

        var notebooksDirectory = Path.Combine(root, "notebooks");
        if (!Directory.Exists(notebooksDirectory))
        {
            await error.WriteLineAsync($"error: there is no notebooks folder: {notebooksDirectory} does not exist.");
            return BookCli.ExitUsage;
        }

        var all = Directory.GetFiles(notebooksDirectory, "*.ipynb").Order(StringComparer.Ordinal).ToList();
        if (all.Count == 0)
        {
            await error.WriteLineAsync($"error: {notebooksDirectory} holds no notebooks (*.ipynb).");
            return BookCli.ExitUsage;
        }

        var selected = all;
        if (options.Notebook is { } wanted)
        {
            var match = SelectNotebook(all, wanted);
            if (match is null)
            {
                await error.WriteLineAsync($"error: no single notebook matches '{wanted}' in {notebooksDirectory}; the notebooks are: {string.Join(", ", all.Select(Path.GetFileNameWithoutExtension))}.");
                return BookCli.ExitUsage;
            }

            selected = new List<string> { match };
        }

        var outputDirectory = options.Output ?? Path.Combine(root, "artifacts", "book");
        if (IsSameOrInside(outputDirectory, notebooksDirectory))
        {
            await error.WriteLineAsync($"error: refusing to write into the notebooks folder ({outputDirectory}); source notebooks stay output-free. Choose another --output.");
            return BookCli.ExitUsage;
        }

        // Check everything that can be checked before any kernel starts: a malformed notebook or a missing library
        // build is reported at once, and nothing is written.
        var notebooks = new List<SourceNotebook>();
        var problems = new List<string>();
        foreach (var path in selected)
        {
            try
            {
                var notebook = SourceNotebook.Load(path);
                notebook.CheckFileReferences();
                notebooks.Add(notebook);
            }
            catch (NotebookException e)
            {
                problems.Add(e.Message);
            }
        }

        if (problems.Count > 0)
        {
            foreach (var p in problems)
            {
                await error.WriteLineAsync($"error: {p}");
            }

            await error.WriteLineAsync("Nothing was run or written.");
            return BookCli.ExitUsage;
        }

        var jobs = Math.Min(options.Jobs, notebooks.Count);
        await output.WriteLineAsync(
            $"Running {notebooks.Count} notebook{(notebooks.Count == 1 ? "" : "s")} from {notebooksDirectory} in {jobs} worker process{(jobs == 1 ? "" : "es")} "
            + $"(time limit {options.CellTimeout.TotalSeconds:0.###} s per cell, GC heap limit {options.MemoryLimitMegabytes} MiB per worker); writing to {outputDirectory}");

        var total = Stopwatch.StartNew();
        var progress = new BuildProgress(output, notebooks.Select(n => n.Name).ToList(), interactive);
        var rows = new SummaryRow?[notebooks.Count];
        var failures = new string?[notebooks.Count];
        // Longest first, so the last notebook running alone at the end is a short one: the times of the previous build
        // order the queue (a notebook without one goes first); the summary stays in name order.
        var timesPath = Path.Combine(outputDirectory, TimesFileName);
        var previousTimes = ReadTimes(timesPath);
        var queue = new ConcurrentQueue<int>(Enumerable.Range(0, notebooks.Count)
            .OrderByDescending(i => previousTimes.TryGetValue(notebooks[i].Name, out var seconds) ? seconds : double.PositiveInfinity)
            .ThenBy(i => i));
        var memoryLimit = options.MemoryLimitMegabytes * 1024 * 1024;

        async Task RunLaneAsync()
        {
            WorkerProcess? worker = null;
            try
            {
                while (queue.TryDequeue(out var index))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var notebook = notebooks[index];
                    NotebookOutcome outcome;
                    try
                    {
                        worker ??= WorkerProcess.Start(memoryLimit);
                        outcome = await worker.RunAsync(notebook, options.CellTimeout, (cell, count, elapsed) => progress.CellStarted(index, cell, count, elapsed), cancellationToken);
                    }
                    catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
                    {
                        outcome = new NotebookOutcome(notebook, Array.Empty<ExecutedCell>(), TimeSpan.Zero, $"{notebook.FileName}: could not start a worker process: {e.Message}", workerReusable: false);
                    }

                    if (worker is not null && !outcome.WorkerReusable)
                    {
                        // A failed notebook's process may hold a still-running cell, memory or broken state: it runs
                        // nothing else.
                        worker.Kill();
                        await worker.DisposeAsync();
                        worker = null;
                    }

                    var writeProblem = WriteExecuted(outcome, outputDirectory);
                    var row = SummaryRow.From(outcome, writeProblem);
                    rows[index] = row;
                    failures[index] = outcome.FailureMessage is { } message && message.Contains(nameof(OutOfMemoryException), StringComparison.Ordinal)
                        ? $"{message} (each worker's GC heap is limited to {options.MemoryLimitMegabytes} MiB: --memory-limit)"
                        : outcome.FailureMessage ?? writeProblem;
                    progress.Finished(index, row);
                }
            }
            finally
            {
                if (worker is not null)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        worker.Kill();
                    }

                    await worker.DisposeAsync();
                }
            }
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(0, jobs).Select(_ => Task.Run(RunLaneAsync, CancellationToken.None)));
            // Ctrl+C reaches the workers too: a notebook may have "failed" because its worker was interrupted.
            cancellationToken.ThrowIfCancellationRequested();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            progress.ClearStatus();
            await output.WriteLineAsync();
            await error.WriteLineAsync("Interrupted.");
            return BookCli.ExitCancelled;
        }

        progress.ClearStatus();
        WriteTimes(timesPath, previousTimes, rows);
        string? htmlProblem = null;
        string? indexPath = null;
        if (!options.SkipHtml)
        {
            // Every executed notebook of the current sources that exists in the output folder: with --notebook the
            // book keeps the other notebooks' pages from earlier builds.
            var executed = all
                .Select(p => Path.Combine(outputDirectory, Path.GetFileName(p)))
                .Where(File.Exists)
                .ToList();
            try
            {
                indexPath = await RenderHtmlAsync(executed, outputDirectory, notebooksDirectory, output);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                htmlProblem = $"{e.GetType().Name}: {e.Message}";
            }
        }

        await output.WriteAsync(BuildProgress.Summary(rows.Select(r => r!).ToList(), total.Elapsed));

        var failed = failures.Where(f => f is not null).ToList();
        if (failed.Count > 0)
        {
            await error.WriteLineAsync();
            await error.WriteLineAsync($"{failed.Count} of {notebooks.Count} notebook{(notebooks.Count == 1 ? "" : "s")} failed:");
            foreach (var message in failed)
            {
                await error.WriteLineAsync("  " + message!.Replace("\n", "\n    "));
            }
        }

        if (htmlProblem is not null)
        {
            await error.WriteLineAsync($"error: the HTML book could not be written: {htmlProblem}");
        }

        await output.WriteLineAsync($"Executed notebooks: {outputDirectory}{Path.DirectorySeparatorChar}*.ipynb");
        if (indexPath is not null)
        {
            await output.WriteLineAsync($"HTML book: {indexPath}");
        }

        return failed.Count > 0 || htmlProblem is not null ? BookCli.ExitFailure : BookCli.ExitSuccess;
    }

    /// <summary>The file, in the output folder, that keeps each notebook's time of the last build (seconds by name).</summary>
    internal const string TimesFileName = ".notebook-times.json";

    private static Dictionary<string, double> ReadTimes(string path)
    {
        try
        {
            return File.Exists(path)
                ? JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(path)) ?? new Dictionary<string, double>()
                : new Dictionary<string, double>();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return new Dictionary<string, double>();
        }
    }

    private static void WriteTimes(string path, Dictionary<string, double> previous, IEnumerable<SummaryRow?> rows)
    {
        var times = new SortedDictionary<string, double>(previous, StringComparer.Ordinal);
        foreach (var row in rows.OfType<SummaryRow>())
        {
            times[row.Name] = Math.Round(row.Elapsed.TotalSeconds, 2);
        }

        try
        {
            AtomicFile.WriteAllText(path, JsonSerializer.Serialize(times) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only an ordering hint for the next build.
        }
    }

    /// <summary>Writes the executed notebook (atomically); returns the problem, or null when it was written.</summary>
    private static string? WriteExecuted(NotebookOutcome outcome, string outputDirectory)
    {
        if (outcome.NotRunMessage is not null)
        {
            return null;
        }

        var path = Path.Combine(outputDirectory, outcome.Notebook.FileName);
        try
        {
            ExecutedNotebookWriter.Write(outcome.Notebook, outcome.Cells, path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"could not write {path}: {e.Message}";
        }
    }

    /// <summary>Renders the HTML book from the executed notebooks (LinReg.Book.Html); prints what it wrote.</summary>
    private static async Task<string> RenderHtmlAsync(IReadOnlyList<string> executedNotebooks, string outputDirectory, string notebooksDirectory, TextWriter output)
    {
        var result = BookRenderer.Render(executedNotebooks, outputDirectory, new BookRenderOptions { OmitUnfinished = true, SourceDirectory = notebooksDirectory });
        await output.WriteLineAsync(
            $"HTML book: {result.Pages.Count} page{(result.Pages.Count == 1 ? "" : "s")}, {result.Pages.Sum(p => p.Charts)} charts, "
            + $"{result.Pages.Sum(p => p.Formulas)} formulas, plotly.js {result.PlotlyJsVersion} beside them");
        foreach (var unfinished in result.Unfinished)
        {
            await output.WriteLineAsync($"  no page for {unfinished.Notebook}: it did not finish ({unfinished.Reason})");
        }

        foreach (var problem in result.MathProblems.Take(10))
        {
            await output.WriteLineAsync($"  math problem: {problem.Notebook}, cell {problem.Cell}: {problem.Problem}: {problem.Formula}");
        }

        foreach (var warning in result.Warnings.Take(10))
        {
            await output.WriteLineAsync($"  warning: {warning}");
        }

        var more = result.MathProblems.Count + result.Warnings.Count - Math.Min(10, result.MathProblems.Count) - Math.Min(10, result.Warnings.Count);
        if (more > 0)
        {
            await output.WriteLineAsync($"  … and {more} more");
        }

        return result.IndexPath;
    }

    internal static string? SelectNotebook(IReadOnlyList<string> all, string wanted)
    {
        var name = wanted.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) ? wanted[..^".ipynb".Length] : wanted;
        name = Path.GetFileName(name);
        var exact = all.Where(p => string.Equals(Path.GetFileNameWithoutExtension(p), name, StringComparison.Ordinal)).ToList();
        if (exact.Count == 1)
        {
            return exact[0];
        }

        var prefixed = all.Where(p => Path.GetFileNameWithoutExtension(p).StartsWith(name, StringComparison.Ordinal)).ToList();
        return prefixed.Count == 1 ? prefixed[0] : null;
    }

    private static bool IsSameOrInside(string path, string folder)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)) + Path.DirectorySeparatorChar;
        var parent = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        return full.StartsWith(parent, StringComparison.Ordinal);
    }
}
