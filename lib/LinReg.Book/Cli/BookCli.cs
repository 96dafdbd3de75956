using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using LinReg.Book.Runner;
using LinReg.Book.Runner.Worker;

namespace LinReg.Book.Cli;

/// <summary>
/// The command line of LinReg.Book (System.CommandLine): <c>build</c> executes the book's notebooks headlessly and
/// writes the executed notebooks and the HTML book. Kept apart from <c>Program</c> so tests can call it.
/// </summary>
/// <remarks>
/// The command tree is a root with one subcommand per verb (<c>build</c>; a later <c>export</c> is added the same way
/// in <see cref="CreateRootCommand"/>) plus the hidden <c>worker</c> the build starts its worker processes with.
/// Parsing, the build (<see cref="BookBuild"/>) and its progress and summary output (<see cref="BuildProgress"/>)
/// live in separate files.
/// </remarks>
public static class BookCli
{
    /// <summary>Exit code: every notebook ran without a failed cell and the book was written.</summary>
    public const int ExitSuccess = 0;

    /// <summary>Exit code: a cell failed, timed out or ended its process, or the executed notebooks / HTML book could not be written.</summary>
    public const int ExitFailure = 1;

    /// <summary>Exit code: bad arguments, no notebooks folder, a malformed notebook, the library not built.</summary>
    public const int ExitUsage = 2;

    /// <summary>Exit code: interrupted (Ctrl+C).</summary>
    public const int ExitCancelled = 130;

    /// <summary>The file that marks the repository root.</summary>
    public const string SolutionFileName = "LinRegNotebooks.sln";

    /// <summary>The default GC heap limit of each worker process, in MiB.</summary>
    public const long DefaultMemoryLimitMegabytes = 4096;

    private const string HelpHint = "Run with --help for usage.";

    private const string BuildDescription =
        """
        Runs every notebooks/*.ipynb headlessly and writes the executed notebooks and the HTML book.
        From the repository: dotnet run --project lib/LinReg.Book -- build [options]
        """;

    private const string BuildDetails =
        """
        Each notebook runs in a fresh C# kernel with its folder as working directory, inside a worker process the
        build supervises (--jobs of them at once): whatever a cell does — throw, hang, exit, overflow the stack, run
        out of memory — the build names the notebook, the cell, its first line and what happened, runs the other
        notebooks, prints the summary and exits non-zero. A worker runs the next notebook only after one that
        finished cleanly. Writes to artifacts/book/ (never to notebooks/), each file whole or not at all:
          <name>.ipynb   the executed notebook (outputs, execution counts; a failed notebook up to the failing cell,
                         which shows the error)
          index.html     the HTML book: one page per notebook that finished; the contents page lists a notebook
                         that did not finish, with the failure, and has no page for it
        """;

    private const string ExitCodes =
        """
        Exit codes: 0 all cells ran; 1 a cell failed, timed out or ended its process (the message names notebook,
        cell number, the cell's first line and the error, exit code or signal), or the book could not be written;
        2 bad arguments, no notebooks folder, a malformed notebook, or the library not built (build it with: dotnet
        build lib/LinReg.Notebook); 130 interrupted.
        """;

    /// <summary>Runs the command line.</summary>
    /// <param name="args">The arguments after <c>--</c>, e.g. <c>build --notebook 02</c>.</param>
    /// <param name="output">Where progress, the summary table and help go.</param>
    /// <param name="error">Where errors go.</param>
    /// <param name="currentDirectory">Where relative paths and the search for the repository root start.</param>
    /// <param name="interactiveProgress">True on a terminal: a status line of the running notebooks, rewritten in
    /// place; false (logs, tests): a line for the first code cell of each notebook, then at most one a second.</param>
    /// <param name="cancellationToken">Interrupts the build (its worker processes are killed).</param>
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

        var root = CreateRootCommand(currentDirectory, interactiveProgress);
        var parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            await error.WriteLineAsync($"error: {DescribeParseError(parsed)} {HelpHint}");
            return ExitUsage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        return await parsed.InvokeAsync(configuration, cancellationToken);
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

    /// <summary>The command tree: the root (no action of its own but help), <c>build</c>, and the hidden <c>worker</c>.</summary>
    private static RootCommand CreateRootCommand(string currentDirectory, bool interactiveProgress)
    {
        var root = new RootCommand("LinReg.Book: runs the book's notebooks headlessly and builds the HTML book.");
        var build = CreateBuildCommand(currentDirectory, interactiveProgress);
        root.Subcommands.Add(build);
        root.Subcommands.Add(CreateExportCommand(currentDirectory));
        root.Subcommands.Add(CreateWorkerCommand());
        root.SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Error.WriteLine($"error: no command given. {HelpHint}");
            return ExitUsage;
        });

        foreach (var help in root.Options.OfType<HelpOption>())
        {
            help.Action = new BookHelpAction(root, help.Action!);
        }

        return root;
    }

    private static Command CreateBuildCommand(string currentDirectory, bool interactiveProgress)
    {
        var notebook = new Option<string>("--notebook")
        {
            HelpName = "name",
            Description = "run only this notebook (file name with or without .ipynb, or a unique prefix such as 02)",
        };
        var timeout = new Option<double>("--timeout")
        {
            HelpName = "seconds",
            Description = "time limit per cell; a cell still running then fails the build",
            DefaultValueFactory = _ => NotebookRunOptions.DefaultCellTimeout.TotalSeconds,
            CustomParser = ParseTimeout,
        };
        var output = new Option<string>("--output")
        {
            HelpName = "dir",
            Description = "write to <dir> instead of artifacts/book/",
        };
        var rootFolder = new Option<string>("--root")
        {
            HelpName = "dir",
            Description = "the book's root folder (default: the folder holding LinRegNotebooks.sln, found by walking up from the current directory)",
        };
        var skipHtml = new Option<bool>("--skip-html") { Description = "write the executed notebooks only" };
        var jobs = new Option<int>("--jobs", "-j")
        {
            HelpName = "n",
            Description = "notebooks run at once, each in its own worker process (default: the core count)",
            DefaultValueFactory = _ => Environment.ProcessorCount,
            CustomParser = result => ParseWhole(result, "--jobs", 1, 256, "a whole number of notebooks run at once, 1 to 256"),
        };
        var memory = new Option<long>("--memory-limit")
        {
            HelpName = "MiB",
            Description = "GC heap limit of each worker process in MiB; a cell that allocates past it fails with OutOfMemoryException",
            DefaultValueFactory = _ => DefaultMemoryLimitMegabytes,
            CustomParser = result => ParseWhole(result, "--memory-limit", 128, 1 << 20, "a whole number of MiB from 128 to 1048576"),
        };

        var build = new Command("build", BuildDescription) { notebook, timeout, output, rootFolder, skipHtml, jobs, memory };
        build.SetAction(async (parseResult, cancellationToken) =>
        {
            var rootValue = parseResult.GetValue(rootFolder);
            var options = new BuildOptions(
                currentDirectory,
                rootValue is null ? null : Path.GetFullPath(Path.Combine(currentDirectory, rootValue)),
                parseResult.GetValue(notebook),
                TimeSpan.FromSeconds(parseResult.GetValue(timeout)),
                parseResult.GetValue(output) is { } o ? Path.GetFullPath(Path.Combine(currentDirectory, o)) : null,
                parseResult.GetValue(skipHtml),
                parseResult.GetValue(jobs),
                parseResult.GetValue(memory));
            var invocation = parseResult.InvocationConfiguration;
            if (options.Root is { } r && !Directory.Exists(r))
            {
                await invocation.Error.WriteLineAsync($"error: --root {rootValue}: the folder {r} does not exist. {HelpHint}");
                return ExitUsage;
            }

            return await BookBuild.RunAsync(options, invocation.Output, invocation.Error, interactiveProgress, cancellationToken);
        });
        return build;
    }

    private const string ExportDescription =
        """
        Writes every notebooks/*.ipynb as a .NET 10 file-based app in artifacts/apps/ (markdown as comments, the code in
        reading order, each chart written to an HTML file beside the app). Run one: dotnet run artifacts/apps/05-training-from-scratch.cs
        """;

    private static Command CreateExportCommand(string currentDirectory)
    {
        var notebook = new Option<string>("--notebook")
        {
            HelpName = "name",
            Description = "export only this notebook (file name with or without .ipynb, or a unique prefix such as 05)",
        };
        var output = new Option<string>("--output")
        {
            HelpName = "dir",
            Description = "write to <dir> instead of artifacts/apps/",
        };
        var rootFolder = new Option<string>("--root")
        {
            HelpName = "dir",
            Description = "the book's root folder (default: the folder holding LinRegNotebooks.sln, found by walking up from the current directory)",
        };
        var export = new Command("export", ExportDescription) { notebook, output, rootFolder };
        export.SetAction(async (parseResult, _) =>
        {
            var invocation = parseResult.InvocationConfiguration;
            var rootValue = parseResult.GetValue(rootFolder);
            var rootPath = rootValue is null ? null : Path.GetFullPath(Path.Combine(currentDirectory, rootValue));
            if (rootPath is not null && !Directory.Exists(rootPath))
            {
                await invocation.Error.WriteLineAsync($"error: --root {rootValue}: the folder {rootPath} does not exist. {HelpHint}");
                return ExitUsage;
            }

            var outputPath = parseResult.GetValue(output) is { } o ? Path.GetFullPath(Path.Combine(currentDirectory, o)) : null;
            return await BookExport.RunAsync(currentDirectory, rootPath, parseResult.GetValue(notebook), outputPath, invocation.Output, invocation.Error);
        });
        return export;
    }

    /// <summary>The hidden command a build starts its worker processes with (see <see cref="NotebookWorker"/>).</summary>
    private static Command CreateWorkerCommand()
    {
        var worker = new Command(WorkerProcess.CommandName, "Internal: runs notebooks sent on standard input for a build (one worker process of `build`).")
        {
            Hidden = true,
        };
        worker.SetAction(async (parseResult, _) =>
        {
            // Standard output carries the protocol only: anything else that writes to Console.Out outside a cell goes
            // to standard error, and a cell that reads standard input reads nothing.
            var requests = new StreamReader(Console.OpenStandardInput());
            Console.SetOut(Console.Error);
            Console.SetIn(TextReader.Null);
            return await NotebookWorker.RunAsync(requests, parseResult.InvocationConfiguration.Output);
        });
        return worker;
    }

    private static double ParseTimeout(ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !(seconds > 0) || seconds > 86400)
        {
            result.AddError($"--timeout must be a number of seconds > 0 and at most 86400, got '{token}'.");
            return NotebookRunOptions.DefaultCellTimeout.TotalSeconds;
        }

        return seconds;
    }

    private static int ParseWhole(ArgumentResult result, string name, int min, int max, string what)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            result.AddError($"{name} must be {what}, got '{token}'.");
            return min;
        }

        return value;
    }

    /// <summary>One message for the first thing wrong with the arguments, in the words the tests and users know.</summary>
    private static string DescribeParseError(ParseResult parsed)
    {
        if (parsed.UnmatchedTokens.Count > 0)
        {
            var token = parsed.UnmatchedTokens[0];
            if (parsed.CommandResult.Command is RootCommand)
            {
                return $"unknown command '{token}'; the commands are 'build' and 'export'.";
            }

            return token.StartsWith('-') ? $"unknown option '{token}'." : $"unexpected argument '{token}'.";
        }

        foreach (var error in parsed.Errors)
        {
            if (error.SymbolResult is OptionResult option)
            {
                var name = option.Option.Name;
                if (option.Tokens.Count == 0 && option.Option.Arity.MinimumNumberOfValues > 0)
                {
                    return $"{name} needs a value.";
                }

                if (option.Tokens.Count > option.Option.Arity.MaximumNumberOfValues)
                {
                    return $"{name} is given twice.";
                }
            }

            if (error.SymbolResult is ArgumentResult { Parent: OptionResult } && error.Message.StartsWith("--", StringComparison.Ordinal))
            {
                return error.Message;
            }
        }

        return parsed.Errors[0].Message;
    }

    /// <summary>
    /// Help as System.CommandLine writes it, plus: for the root, the <c>build</c> command's help (the one command a
    /// reader needs) and, for every command, the exit codes.
    /// </summary>
    private sealed class BookHelpAction(RootCommand root, CommandLineAction standardHelp) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var invocation = parseResult.InvocationConfiguration;
            ((SynchronousCommandLineAction)standardHelp).Invoke(parseResult);
            if (parseResult.CommandResult.Command == root)
            {
                return root.Parse(new[] { "build", "--help" }).Invoke(new InvocationConfiguration { Output = invocation.Output, Error = invocation.Error });
            }

            if (parseResult.CommandResult.Command.Name == "build")
            {
                invocation.Output.WriteLine(BuildDetails);
                invocation.Output.WriteLine();
            }

            invocation.Output.WriteLine(ExitCodes);
            return ExitSuccess;
        }
    }
}
