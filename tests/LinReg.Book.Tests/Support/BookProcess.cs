using System.Diagnostics;
using System.Text;
using LinReg.Book.Cli;

namespace LinReg.Book.Tests.Support;

/// <summary>
/// Runs the LinReg.Book command line in a child process, as a user or CI does (<c>dotnet LinReg.Book.dll build …</c>):
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
        var dll = typeof(BookCli).Assembly.Location;
        var psi = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add("exec");
        psi.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {psi.FileName}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"`LinReg.Book {string.Join(' ', args)}` did not end within {limit.TotalSeconds} s.\n--- stdout ---\n{await stdout}\n--- stderr ---\n{await stderr}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The dotnet host running the tests (the test host is started by it), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
    }
}
