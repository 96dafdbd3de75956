using System.Text.Json.Nodes;
using LinReg.Book.Cli;
using LinReg.Book.Tests.Support;

namespace LinReg.Book.Tests.Cli;

/// <summary>
/// Issue 12 §3: a cell that ends the process its kernel runs in. The build runs in a child process here (as a user or
/// CI runs it): only from outside can a test see what a build does when a cell calls Environment.Exit. Whatever the
/// cell does, the build must name the notebook, the cell, its first line and what happened, still run the other
/// notebooks, print the summary, leave nothing half-written, and exit with <see cref="BookCli.ExitFailure"/>.
/// </summary>
public sealed class FatalCellTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    private static TempBook BookWith(string fatalNotebook, string firstLine, string body)
    {
        var book = TempBook.Create(withLibrary: false);
        book.AddNotebook("01-before.ipynb", "var before = 1;");
        book.AddNotebook(fatalNotebook, "var a = 1;", firstLine + "\n" + body, "var never = 1;");
        book.AddNotebook("03-after.ipynb", "var after = 3;", "Console.WriteLine(after);");
        return book;
    }

    /// <summary>The assertions every fatal cell shares: failure named, others run, summary printed, exit code 1.</summary>
    private static void AssertReportedAsFailedCell3(BookProcess.Result result, TempBook book, string fatalNotebook, string firstLine)
    {
        var name = Path.GetFileNameWithoutExtension(fatalNotebook);
        Assert.True(result.ExitCode == BookCli.ExitFailure, result.Describe());
        Assert.True(result.Error.Contains($"cell 3 of {fatalNotebook}", StringComparison.Ordinal), result.Describe());
        Assert.True(result.Error.Contains($"`{firstLine}`", StringComparison.Ordinal), result.Describe());
        Assert.Contains("1 of 3 notebooks failed", result.Error);
        // The summary: every notebook in name order, the fatal one failed at cell 3, the others ok.
        Assert.Matches(@"01-before\s+1/1\s+[0-9.]+ s\s+ok", result.Output);
        Assert.Matches(name + @"\s+2/3\s+[0-9.]+ s\s+\S.* at cell 3", result.Output);
        Assert.Matches(@"03-after\s+2/2\s+[0-9.]+ s\s+ok", result.Output);
        Assert.Matches(@"Total\s+5/6\s+[0-9.]+ s\s+1 of 3 failed", result.Output);
        Assert.True(result.Output.IndexOf("01-before", StringComparison.Ordinal) < result.Output.LastIndexOf("03-after", StringComparison.Ordinal));
        // The notebooks after the fatal one ran and were written; nothing half-written is left anywhere.
        var after = JsonNode.Parse(File.ReadAllText(Path.Combine(book.BookDirectory, "03-after.ipynb")))!;
        Assert.Equal("3\n", string.Concat(after["cells"]![2]!["outputs"]![0]!["text"]!.AsArray().Select(t => (string?)t)));
        Assert.Empty(Directory.GetFiles(book.Root, "*.tmp", SearchOption.AllDirectories));
        // The fatal notebook's executed copy is whole JSON and shows the error at the cell that ended the process.
        var fatal = JsonNode.Parse(File.ReadAllText(Path.Combine(book.BookDirectory, fatalNotebook)))!;
        var cell3 = fatal["cells"]![2]!;
        Assert.Equal(2, (int?)cell3["execution_count"]);
        Assert.Equal("error", (string?)cell3["outputs"]!.AsArray()[^1]!["output_type"]);
        Assert.Null(fatal["cells"]![3]!["execution_count"]);
    }

    [Fact]
    public async Task Build_CellCallsEnvironmentExit0_ReportsTheNotebookAsFailed_RunsTheOthers_Exit1_NoPageForIt()
    {
        const string firstLine = "// leaves the process with exit code 0";
        using var book = BookWith("02-exits.ipynb", firstLine, "System.Environment.Exit(0);");
        var snapshot = book.SnapshotNotebooks();

        var result = await BookProcess.RunAsync(book.Root, Limit, "build", "--root", book.Root);

        AssertReportedAsFailedCell3(result, book, "02-exits.ipynb", firstLine);
        Assert.Contains("exit code 0", result.Error);
        // The HTML book: pages for the notebooks that finished, none for the one that did not; the contents page
        // says so without linking to it.
        Assert.True(File.Exists(Path.Combine(book.BookDirectory, "01-before.html")), result.Describe());
        Assert.True(File.Exists(Path.Combine(book.BookDirectory, "03-after.html")), result.Describe());
        Assert.False(File.Exists(Path.Combine(book.BookDirectory, "02-exits.html")));
        var index = File.ReadAllText(Path.Combine(book.BookDirectory, "index.html"));
        Assert.DoesNotContain("href=\"02-exits.html\"", index);
        Assert.Contains("02-exits", index);
        Assert.Contains("did not finish", index);
        Assert.Equal(snapshot, book.SnapshotNotebooks());
    }

    [Fact]
    public async Task Build_CellCallsEnvironmentExit3_ReportsExitCode3_Exit1()
    {
        const string firstLine = "// leaves the process with exit code 3";
        using var book = BookWith("02-exits.ipynb", firstLine, "System.Environment.Exit(3);");

        var result = await BookProcess.RunAsync(book.Root, Limit, "build", "--root", book.Root, "--skip-html");

        AssertReportedAsFailedCell3(result, book, "02-exits.ipynb", firstLine);
        Assert.Contains("exit code 3", result.Error);
    }

    [Fact]
    public async Task Build_CellOverflowsTheStack_ReportsTheAbortAndWhatTheRuntimeSaid_Exit1()
    {
        const string firstLine = "// recurses without end";
        using var book = BookWith("02-overflows.ipynb", firstLine, "int Deeper(int n) => Deeper(n + 1) + 1;\nDeeper(0)");

        var result = await BookProcess.RunAsync(book.Root, Limit, "build", "--root", book.Root, "--skip-html");

        AssertReportedAsFailedCell3(result, book, "02-overflows.ipynb", firstLine);
        // The .NET runtime aborts the process (SIGABRT) after writing "Stack overflow." to standard error.
        Assert.Contains("SIGABRT", result.Error);
        Assert.Contains("Stack overflow", result.Error);
    }

    [Fact]
    public async Task Build_CellAllocatesWithoutEnd_UnderAMemoryLimit_ReportsOutOfMemory_Exit1()
    {
        const string firstLine = "// allocates without end";
        using var book = BookWith("02-hoards.ipynb", firstLine, "var hoard = new List<byte[]>();\nwhile (true) hoard.Add(new byte[1 << 20]);");

        var result = await BookProcess.RunAsync(book.Root, Limit, "build", "--root", book.Root, "--skip-html", "--memory-limit", "512");

        AssertReportedAsFailedCell3(result, book, "02-hoards.ipynb", firstLine);
        Assert.True(result.Error.Contains("OutOfMemory", StringComparison.OrdinalIgnoreCase) || result.Error.Contains("out of memory", StringComparison.OrdinalIgnoreCase), result.Describe());
    }

    [Fact]
    public async Task Build_CellStopsItsWholeProcess_TheSilentWorkerIsKilledAfterTheTimeLimit_ReportedAsTimedOut()
    {
        // SIGSTOP freezes every thread of the worker, its own cell timer included: only the build's watchdog (the cell
        // time limit plus a grace period, then a kill) can end it.
        const string firstLine = "// freezes its own process";
        using var book = BookWith("02-freezes.ipynb", firstLine,
            "System.Diagnostics.Process.Start(\"kill\", $\"-STOP {System.Environment.ProcessId}\")!.WaitForExit();");

        var started = DateTime.UtcNow;
        var result = await BookProcess.RunAsync(book.Root, Limit, "build", "--root", book.Root, "--skip-html", "--timeout", "5");
        var took = DateTime.UtcNow - started;

        AssertReportedAsFailedCell3(result, book, "02-freezes.ipynb", firstLine);
        Assert.Contains("cell 3 of 02-freezes.ipynb did not finish within 5 s", result.Error);
        Assert.Matches(@"02-freezes\s+2/3\s+[0-9.]+ s\s+TIMED OUT at cell 3", result.Output);
        Assert.True(took < TimeSpan.FromSeconds(90), $"the build took {took}");
    }
}
