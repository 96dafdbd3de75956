using System.Text.Json.Nodes;

namespace LinReg.Book.Tests.Support;

/// <summary>
/// Runs a notebook in the real kernel: <c>dotnet tool run dotnet-repl -- --run x.ipynb --output-path out.ipynb
/// --exit-after-run</c> from the notebook's folder (relative #r paths resolve against the working directory). The tool
/// comes from the repository's .config/dotnet-tools.json; `dotnet tool restore` runs once per test run.
/// </summary>
internal static class RealKernel
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);
    private static readonly Lazy<Task> Restore = new(() => RunProcessAsync(TestPaths.RepoRoot, new[] { "tool", "restore" }, TimeSpan.FromMinutes(5), expectZero: true));

    public sealed record Result(string Notebook, int ExitCode, string StandardOutput, string StandardError, JsonObject? Executed, IReadOnlyList<string> Errors)
    {
        public IEnumerable<JsonObject> Outputs(int cellIndex) =>
            Executed?["cells"]?[cellIndex]?["outputs"]?.AsArray().OfType<JsonObject>() ?? Enumerable.Empty<JsonObject>();

        public string Describe() =>
            $"dotnet-repl on {Notebook}: exit code {ExitCode}; {Errors.Count} error output(s)"
            + (Errors.Count > 0 ? ":\n  " + string.Join("\n  ", Errors) : "")
            + $"\n--- stdout (tail) ---\n{Tail(StandardOutput)}\n--- stderr (tail) ---\n{Tail(StandardError)}";
    }

    public static async Task<Result> RunAsync(string notebookPath, string outputPath)
    {
        await Restore.Value;
        Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
        var folder = Path.GetDirectoryName(notebookPath)!;
        var (code, stdout, stderr) = await RunProcessAsync(
            folder,
            new[] { "tool", "run", "dotnet-repl", "--", "--run", Path.GetFileName(notebookPath), "--output-path", outputPath, "--exit-after-run" },
            Limit,
            expectZero: false);

        JsonObject? executed = File.Exists(outputPath) ? JsonNode.Parse(File.ReadAllText(outputPath))?.AsObject() : null;
        var errors = new List<string>();
        if (executed?["cells"] is JsonArray cells)
        {
            for (var i = 0; i < cells.Count; i++)
            {
                foreach (var output in cells[i]?["outputs"]?.AsArray().OfType<JsonObject>() ?? Enumerable.Empty<JsonObject>())
                {
                    if ((string?)output["output_type"] == "error")
                    {
                        errors.Add($"cell {i + 1}: {(string?)output["ename"]}: {(string?)output["evalue"]}");
                    }
                }
            }
        }
        else
        {
            errors.Add($"no executed notebook was written to {outputPath}");
        }

        return new Result(Path.GetFileName(notebookPath), code, stdout, stderr, executed, errors);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunProcessAsync(string workingDirectory, string[] args, TimeSpan limit, bool expectZero)
    {
        var (code, stdout, stderr) = await DotnetProcess.RunAsync(workingDirectory, args, limit);
        if (expectZero && code != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', args)} failed with exit code {code}:\n{stdout}\n{stderr}");
        }

        return (code, stdout, stderr);
    }

    private static string Tail(string text) => DotnetProcess.Tail(text);
}
