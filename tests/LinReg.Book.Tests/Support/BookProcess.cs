using LinReg.Book.Cli;

namespace LinReg.Book.Tests.Support;

/// <summary>
/// Runs the LinReg.Book command line in a child process, as a user or CI does (<c>dotnet exec LinReg.Book.dll build …</c>):
/// a cell that ends its process can only be observed from outside the process that runs the build.
/// </summary>
internal static class BookProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string Describe() => $"exit code {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
    }

    /// <summary>Runs <c>dotnet exec LinReg.Book.dll args…</c> in <paramref name="workingDirectory"/>; kills it after <paramref name="limit"/>.</summary>
    public static async Task<Result> RunAsync(string workingDirectory, TimeSpan limit, params string[] args)
    {
        var result = await DotnetProcess.RunAsync(workingDirectory, ["exec", typeof(BookCli).Assembly.Location, .. args], limit);
        return new Result(result.ExitCode, result.Output, result.Error);
    }
}
