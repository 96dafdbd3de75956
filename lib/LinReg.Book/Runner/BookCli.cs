using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace LinReg.Book.Runner;

/// <summary>
/// The command line of LinReg.Book: <c>build</c> executes the book's notebooks headlessly and writes the executed
/// notebooks and the HTML book (see <see cref="Usage"/>). Kept apart from <c>Program</c> so tests can call it.
/// </summary>
public static class BookCli
{
    /// <summary>Exit code: every notebook ran without a failed cell and the book was written.</summary>
    public const int ExitSuccess = 0;

    /// <summary>Exit code: a cell failed or timed out, or the executed notebooks / HTML book could not be written.</summary>
    public const int ExitFailure = 1;

    /// <summary>Exit code: bad arguments, no notebooks folder, a malformed notebook, the library not built.</summary>
    public const int ExitUsage = 2;

    /// <summary>Exit code: interrupted (Ctrl+C).</summary>
    public const int ExitCancelled = 130;

    /// <summary>The file that marks the repository root.</summary>
    public const string SolutionFileName = "LinRegNotebooks.sln";

    /// <summary>The help text.</summary>
    public const string Usage =
        """
        LinReg.Book: runs the book's notebooks headlessly and builds the HTML book.

        Usage:
          dotnet run --project lib/LinReg.Book -- build [options]
          dotnet run --project lib/LinReg.Book -- --help

        build executes every notebooks/*.ipynb in name order, each in a fresh in-process C# kernel with the
        notebook's folder as working directory, and writes to artifacts/book/:
          <name>.ipynb   the executed notebook (outputs, execution counts; opens in VS Code as a C# notebook)
          index.html     the HTML book (one page per notebook, plotly.min.js beside them; readable from file://)
        It never writes to notebooks/.

        Options:
          --notebook <name>    run only this notebook (file name with or without .ipynb, or a unique prefix such as 02)
          --timeout <seconds>  time limit per cell (default 120); a cell still running then fails the build
          --output <dir>       write to <dir> instead of artifacts/book/
          --root <dir>         the book's root folder (default: the folder holding LinRegNotebooks.sln, found by
                               walking up from the current directory)
          --skip-html          write the executed notebooks only
          -h, --help           show this help

        Exit codes: 0 all cells ran; 1 a cell failed or timed out (the message names notebook, cell number, the cell's
        first line and the error), or the book could not be written; 2 bad arguments, no notebooks folder, a malformed
        notebook, or the library not built (build it with: dotnet build lib/LinReg.Notebook); 130 interrupted.
        """;

    /// <summary>Runs the command line.</summary>
    /// <param name="args">The arguments after <c>--</c>, e.g. <c>build --notebook 02</c>.</param>
    /// <param name="output">Where progress, the summary table and help go.</param>
    /// <param name="error">Where errors go.</param>
    /// <param name="currentDirectory">Where relative paths and the search for the repository root start.</param>
    /// <param name="interactiveProgress">True on a terminal: one progress line per notebook, rewritten in place;
    /// false (logs, tests): a line for the first code cell of each notebook, then at most one a second.</param>
    /// <param name="cancellationToken">Interrupts the build.</param>
    /// <returns>The exit code: <see cref="ExitSuccess"/>, <see cref="ExitFailure"/>, <see cref="ExitUsage"/> or <see cref="ExitCancelled"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        TextWriter output,
        TextWriter error,
        string currentDirectory,
        bool interactiveProgress = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(currentDirectory);

        if (args.Count == 0)
        {
            await error.WriteLineAsync("error: no command given. Run with --help for usage.");
            return ExitUsage;
        }

        if (args[0] is "-h" or "--help" or "help" || args.Skip(1).Any(a => a is "-h" or "--help"))
        {
            await output.WriteLineAsync(Usage);
            return ExitSuccess;
        }

        if (args[0] != "build")
        {
            await error.WriteLineAsync($"error: unknown command '{args[0]}'; the command is 'build'. Run with --help for usage.");
            return ExitUsage;
        }

        if (!BuildOptions.TryParse(args.Skip(1).ToList(), currentDirectory, out var options, out var problem))
        {
            await error.WriteLineAsync($"error: {problem} Run with --help for usage.");
            return ExitUsage;
        }

        try
        {
            return await BuildAsync(options, output, error, interactiveProgress, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await output.WriteLineAsync();
            await error.WriteLineAsync("Interrupted.");
            return ExitCancelled;
        }
    }

    /// <summary>Walks up from <paramref name="start"/> to the folder holding <see cref="SolutionFileName"/>.</summary>
    /// <param name="start">A folder inside the repository.</param>
    /// <returns>The repository root, or null if no parent holds the solution file.</returns>
    public static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static async Task<int> BuildAsync(BuildOptions options, TextWriter output, TextWriter error, bool interactive, CancellationToken cancellationToken)
    {
        var root = options.Root ?? FindRoot(options.CurrentDirectory);
        if (root is null)
        {
            await error.WriteLineAsync($"error: cannot find {SolutionFileName} in {options.CurrentDirectory} or any folder above it; run from inside the repository or pass --root <dir>.");
            return ExitUsage;
        }

        var notebooksDirectory = Path.Combine(root, "notebooks");
        if (!Directory.Exists(notebooksDirectory))
        {
            await error.WriteLineAsync($"error: there is no notebooks folder: {notebooksDirectory} does not exist.");
            return ExitUsage;
        }

        var all = Directory.GetFiles(notebooksDirectory, "*.ipynb").Order(StringComparer.Ordinal).ToList();
        if (all.Count == 0)
        {
            await error.WriteLineAsync($"error: {notebooksDirectory} holds no notebooks (*.ipynb).");
            return ExitUsage;
        }

        var selected = all;
        if (options.Notebook is { } wanted)
        {
            var match = SelectNotebook(all, wanted);
            if (match is null)
            {
                await error.WriteLineAsync($"error: no single notebook matches '{wanted}' in {notebooksDirectory}; the notebooks are: {string.Join(", ", all.Select(Path.GetFileNameWithoutExtension))}.");
                return ExitUsage;
            }

            selected = new List<string> { match };
        }

        var outputDirectory = options.Output ?? Path.Combine(root, "artifacts", "book");
        if (IsSameOrInside(outputDirectory, notebooksDirectory))
        {
            await error.WriteLineAsync($"error: refusing to write into the notebooks folder ({outputDirectory}); source notebooks stay output-free. Choose another --output.");
            return ExitUsage;
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
            return ExitUsage;
        }

        await output.WriteLineAsync($"Running {notebooks.Count} notebook{(notebooks.Count == 1 ? "" : "s")} from {notebooksDirectory} (time limit {options.CellTimeout.TotalSeconds:0.###} s per cell); writing to {outputDirectory}");

        var rows = new List<SummaryRow>();
        var total = Stopwatch.StartNew();
        for (var i = 0; i < notebooks.Count; i++)
        {
            var notebook = notebooks[i];
            var prefix = $"[{i + 1}/{notebooks.Count}] {notebook.Name}";
            var progress = new ProgressPrinter(output, prefix, interactive);
            var runOptions = new NotebookRunOptions { CellTimeout = options.CellTimeout, OnProgress = progress.Report };
            var executedPath = Path.Combine(outputDirectory, notebook.FileName);

            await using var run = await NotebookRunner.RunAsync(notebook, runOptions, cancellationToken);
            string? writeProblem = null;
            try
            {
                run.WriteExecutedNotebook(executedPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                writeProblem = $"could not write {executedPath}: {e.Message}";
            }

            var row = new SummaryRow(notebook, run.CodeCells.Count(c => c.ExecutionCount is not null), run.CodeCells.Count(), run.Elapsed, run.FirstFailure, writeProblem);
            rows.Add(row);
            progress.Finish($"{prefix}: {row.Status}, {row.Executed}/{row.CodeCells} code cells, {Seconds(row.Elapsed)}");
        }

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
                indexPath = await RenderHtmlAsync(executed, outputDirectory, output);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                htmlProblem = $"{e.GetType().Name}: {e.Message}";
            }
        }

        await WriteSummaryAsync(output, rows, total.Elapsed);

        var failed = rows.Where(r => r.Failure is not null || r.WriteProblem is not null).ToList();
        if (failed.Count > 0)
        {
            await error.WriteLineAsync();
            await error.WriteLineAsync($"{failed.Count} of {rows.Count} notebook{(rows.Count == 1 ? "" : "s")} failed:");
            foreach (var row in failed)
            {
                var message = row.Failure?.FailureMessage ?? row.WriteProblem!;
                await error.WriteLineAsync("  " + message.Replace("\n", "\n    "));
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

        return failed.Count > 0 || htmlProblem is not null ? ExitFailure : ExitSuccess;
    }

    /// <summary>Renders the HTML book from the executed notebooks (LinReg.Book.Html); prints what it wrote.</summary>
    private static async Task<string> RenderHtmlAsync(IReadOnlyList<string> executedNotebooks, string outputDirectory, TextWriter output)
    {
        var result = Html.BookRenderer.Render(executedNotebooks, outputDirectory);
        await output.WriteLineAsync(
            $"HTML book: {result.Pages.Count} page{(result.Pages.Count == 1 ? "" : "s")}, {result.Pages.Sum(p => p.Charts)} charts, "
            + $"{result.Pages.Sum(p => p.Formulas)} formulas, plotly.js {result.PlotlyJsVersion} beside them");
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

    private static async Task WriteSummaryAsync(TextWriter output, IReadOnlyList<SummaryRow> rows, TimeSpan elapsed)
    {
        var nameWidth = Math.Max("Notebook".Length, rows.Max(r => r.Notebook.Name.Length));
        var table = new StringBuilder();
        table.AppendLine();
        table.AppendLine($"{"Notebook".PadRight(nameWidth)}  {"Cells",7}  {"Time",8}  Status");
        table.AppendLine($"{new string('-', nameWidth)}  {new string('-', 7)}  {new string('-', 8)}  {new string('-', 24)}");
        foreach (var row in rows)
        {
            table.AppendLine($"{row.Notebook.Name.PadRight(nameWidth)}  {$"{row.Executed}/{row.CodeCells}",7}  {Seconds(row.Elapsed),8}  {row.Status}");
        }

        var failedCount = rows.Count(r => r.Failure is not null || r.WriteProblem is not null);
        var totalStatus = failedCount == 0 ? "all ok" : $"{failedCount} of {rows.Count} failed";
        table.AppendLine($"{"Total".PadRight(nameWidth)}  {$"{rows.Sum(r => r.Executed)}/{rows.Sum(r => r.CodeCells)}",7}  {Seconds(elapsed),8}  {totalStatus}");
        await output.WriteAsync(table.ToString());
    }

    private static string? SelectNotebook(IReadOnlyList<string> all, string wanted)
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

    internal static string Seconds(TimeSpan t) => $"{t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";

    private sealed record SummaryRow(SourceNotebook Notebook, int Executed, int CodeCells, TimeSpan Elapsed, CellResult? Failure, string? WriteProblem)
    {
        public string Status => Failure switch
        {
            { Status: CellStatus.TimedOut } f => $"TIMED OUT at cell {f.Number}",
            { } f => $"FAILED at cell {f.Number}",
            null when WriteProblem is not null => "NOT WRITTEN",
            _ => "ok",
        };
    }

    /// <summary>
    /// Progress lines "[2/11] 02-one-sgd-step-by-hand: cell 5/23 … 3.1 s" (the time since the notebook's kernel
    /// started). On a terminal one line per notebook is rewritten in place at every code cell; in a log, a line is
    /// printed for the first code cell and then at most once a second (so slow cells show, fast ones do not flood).
    /// </summary>
    private sealed class ProgressPrinter(TextWriter output, string prefix, bool interactive)
    {
        private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(1);
        private readonly Stopwatch _sinceLastLine = new();
        private int _lastLength;

        public void Report(CellProgress progress)
        {
            if (progress.Result is not null)
            {
                return;
            }

            var line = $"{prefix}: cell {progress.CellNumber}/{progress.CellCount} … {Seconds(progress.NotebookElapsed)}";
            if (interactive)
            {
                output.Write("\r" + line.PadRight(_lastLength));
                _lastLength = line.Length;
            }
            else if (!_sinceLastLine.IsRunning || _sinceLastLine.Elapsed >= LogInterval)
            {
                output.WriteLine(line);
                _sinceLastLine.Restart();
            }

            output.Flush();
        }

        public void Finish(string line)
        {
            output.WriteLine(interactive ? "\r" + line.PadRight(_lastLength) : line);
            output.Flush();
        }
    }

    private sealed record BuildOptions(string CurrentDirectory, string? Notebook, TimeSpan CellTimeout, string? Output, string? Root, bool SkipHtml)
    {
        public static bool TryParse(IReadOnlyList<string> args, string currentDirectory, out BuildOptions options, out string problem)
        {
            options = new BuildOptions(currentDirectory, null, NotebookRunOptions.DefaultCellTimeout, null, null, false);
            problem = "";
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < args.Count; i++)
            {
                var arg = args[i];
                if (arg == "--skip-html")
                {
                    options = options with { SkipHtml = true };
                    continue;
                }

                if (arg is not ("--notebook" or "--timeout" or "--output" or "--root"))
                {
                    problem = arg.StartsWith('-') ? $"unknown option '{arg}'." : $"unexpected argument '{arg}'.";
                    return false;
                }

                if (!seen.Add(arg))
                {
                    problem = $"{arg} is given twice.";
                    return false;
                }

                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(args[i + 1]))
                {
                    problem = $"{arg} needs a value.";
                    return false;
                }

                var value = args[++i];
                switch (arg)
                {
                    case "--notebook":
                        options = options with { Notebook = value };
                        break;
                    case "--timeout":
                        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !(seconds > 0) || seconds > 86400)
                        {
                            problem = $"--timeout must be a number of seconds > 0 and at most 86400, got '{value}'.";
                            return false;
                        }

                        options = options with { CellTimeout = TimeSpan.FromSeconds(seconds) };
                        break;
                    case "--output":
                        options = options with { Output = Path.GetFullPath(Path.Combine(currentDirectory, value)) };
                        break;
                    case "--root":
                        var root = Path.GetFullPath(Path.Combine(currentDirectory, value));
                        if (!Directory.Exists(root))
                        {
                            problem = $"--root {value}: the folder {root} does not exist.";
                            return false;
                        }

                        options = options with { Root = root };
                        break;
                }
            }

            return true;
        }
    }
}
