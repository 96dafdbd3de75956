using System.Text.Json.Nodes;
using LinReg.Book.Cli;
using LinReg.Book.Runner;
using LinReg.Book.Tests.Support;

namespace LinReg.Book.Tests.Cli;

[Collection(InProcessKernelCollection.Name)]
public sealed class BookCliTests
{
    private sealed record CliResult(int ExitCode, string Output, string Error);

    private static async Task<CliResult> Run(string currentDirectory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await BookCli.RunAsync(args, output, error, currentDirectory);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("build", "--help")]
    public async Task Help_PrintsUsage_Exit0(params string[] args)
    {
        var result = await Run(Path.GetTempPath(), args);

        Assert.Equal(BookCli.ExitSuccess, result.ExitCode);
        Assert.Contains("dotnet run --project lib/LinReg.Book -- build [options]", result.Output);
        Assert.Contains("--notebook <name>", result.Output);
        Assert.Contains("--timeout <seconds>", result.Output);
        Assert.Contains("--output <dir>", result.Output);
    }

    [Theory]
    [InlineData("no command given", new string[0])]
    [InlineData("unknown command 'bild'", new[] { "bild" })]
    [InlineData("unknown option '--notebooks'", new[] { "build", "--notebooks", "01" })]
    [InlineData("--timeout must be a number of seconds > 0", new[] { "build", "--timeout", "-3" })]
    [InlineData("--timeout must be a number of seconds > 0", new[] { "build", "--timeout", "soon" })]
    [InlineData("--notebook needs a value", new[] { "build", "--notebook" })]
    [InlineData("--output is given twice", new[] { "build", "--output", "a", "--output", "b" })]
    [InlineData("unexpected argument 'everything'", new[] { "build", "everything" })]
    public async Task BadArguments_Exit2WithMessage(string expected, string[] args)
    {
        var result = await Run(Path.GetTempPath(), args);

        Assert.Equal(BookCli.ExitUsage, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.Contains("--help", result.Error);
    }

    [Fact]
    public async Task Build_OutsideTheRepository_Exit2SayingWhereItLooked()
    {
        var outside = Directory.CreateTempSubdirectory("linreg-outside-").FullName;
        try
        {
            var result = await Run(outside, "build");

            Assert.Equal(BookCli.ExitUsage, result.ExitCode);
            Assert.Contains($"cannot find LinRegNotebooks.sln in {outside}", result.Error);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public async Task Build_NoNotebooksFolder_Exit2()
    {
        using var book = TempBook.Create(withLibrary: false);
        Directory.Delete(book.NotebooksDirectory, recursive: true); // it holds the shared setup.dib

        var result = await Run(book.Root, "build", "--root", book.Root);

        Assert.Equal(BookCli.ExitUsage, result.ExitCode);
        Assert.Contains($"there is no notebooks folder: {book.NotebooksDirectory} does not exist", result.Error);
    }

    [Fact]
    public async Task Build_MalformedNotebook_Exit2NamingTheFile_NothingRunOrWritten()
    {
        using var book = TempBook.Create();
        book.AddFixture("plotly-chart.ipynb");
        book.AddRaw("02-broken.ipynb", "{ \"nbformat\": 4, \"cells\": [ ");

        var result = await Run(book.Root, "build", "--root", book.Root);

        Assert.Equal(BookCli.ExitUsage, result.ExitCode);
        Assert.Contains("error: 02-broken.ipynb is not valid JSON", result.Error);
        Assert.Contains("Nothing was run or written.", result.Error);
        Assert.False(Directory.Exists(book.BookDirectory));
    }

    [Fact]
    public async Task Build_LibraryNotBuilt_Exit2SayingHowToBuildIt_NothingWritten()
    {
        using var book = TempBook.Create(withLibrary: false);
        book.AddFixture("plotly-chart.ipynb");

        var result = await Run(book.Root, "build", "--root", book.Root);

        Assert.Equal(BookCli.ExitUsage, result.ExitCode);
        Assert.Contains("cell 2 of plotly-chart.ipynb loads \"../artifacts/notebook-lib/LinReg.dll\", which does not exist", result.Error); // through its #!import setup.dib
        Assert.Contains("dotnet build lib/LinReg.Notebook", result.Error);
        Assert.False(Directory.Exists(book.BookDirectory));
    }

    [Fact]
    public async Task Build_CellFails_Exit1NamingNotebookCellFirstLineAndError_OtherNotebooksStillRun()
    {
        using var book = TempBook.Create(withLibrary: false);
        book.AddNotebook("01-fine.ipynb", "var ok = 1;");
        book.AddNotebook("02-fails.ipynb", "var a = 1;", "var rate = -0.1;\nthrow new ArgumentOutOfRangeException(\"rate\", rate, \"learning rate must be > 0, got -0.1\");");
        book.AddNotebook("03-fine.ipynb", "var ok = 3;");
        var snapshot = book.SnapshotNotebooks();

        var result = await Run(book.Root, "build", "--root", book.Root, "--skip-html");

        Assert.Equal(BookCli.ExitFailure, result.ExitCode);
        Assert.Contains("cell 3 of 02-fails.ipynb failed: `var rate = -0.1;`", result.Error);
        Assert.Contains("ArgumentOutOfRangeException: learning rate must be > 0, got -0.1", result.Error);
        Assert.Contains("1 of 3 notebooks failed", result.Error);
        Assert.Matches(@"02-fails\s+2/2\s+[0-9.]+ s\s+FAILED at cell 3", result.Output);
        Assert.Matches(@"01-fine\s+1/1\s+[0-9.]+ s\s+ok", result.Output);
        Assert.Matches(@"03-fine\s+1/1\s+[0-9.]+ s\s+ok", result.Output);
        // Every notebook's executed copy is written, the failed one with its error output.
        var failed = JsonNode.Parse(File.ReadAllText(Path.Combine(book.BookDirectory, "02-fails.ipynb")))!;
        Assert.Equal("error", (string?)failed["cells"]![2]!["outputs"]![0]!["output_type"]);
        Assert.True(File.Exists(Path.Combine(book.BookDirectory, "03-fine.ipynb")));
        Assert.Equal(snapshot, book.SnapshotNotebooks());
    }

    [Fact]
    public async Task Build_CellNeverEnds_Exit1WithTimeoutMessage()
    {
        using var book = TempBook.Create(withLibrary: false);
        book.AddNotebook("05-hangs.ipynb", "var a = 1;", "var b = 2;", "// waits forever\nSystem.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);");

        var result = await Run(book.Root, "build", "--root", book.Root, "--timeout", "2", "--skip-html");

        Assert.Equal(BookCli.ExitFailure, result.ExitCode);
        Assert.Contains("cell 4 of 05-hangs.ipynb did not finish within 2 s: `// waits forever`", result.Error);
        Assert.Matches(@"05-hangs\s+3/3\s+[0-9.]+ s\s+TIMED OUT at cell 4", result.Output);
    }

    [Fact]
    public async Task Build_Fixture_Exit0_WritesExecutedNotebookAndSummary_NeverWritesIntoNotebooks()
    {
        using var book = TempBook.Create();
        book.AddFixture("plotly-chart.ipynb");
        book.AddNotebook("02-second.ipynb", "var x = 2;");
        var snapshot = book.SnapshotNotebooks();

        var result = await Run(book.Root, "build", "--root", book.Root);

        Assert.True(result.ExitCode == BookCli.ExitSuccess, result.Output + result.Error);
        // Name order (ordinal): 02-second before plotly-chart.
        Assert.True(result.Output.Contains("[1/2] 02-second: ok, 1/1 code cells, ", StringComparison.Ordinal), result.Output);
        Assert.Contains("[2/2] plotly-chart: cell 2/3 … ", result.Output);
        Assert.Contains("[2/2] plotly-chart: ok, 2/2 code cells, ", result.Output);
        Assert.Contains("HTML book: 2 pages, 1 charts", result.Output);
        Assert.True(File.Exists(Path.Combine(book.BookDirectory, "index.html")));
        Assert.Matches(@"Notebook\s+Cells\s+Time\s+Status", result.Output);
        Assert.Matches(@"Total\s+3/3\s+[0-9.]+ s\s+all ok", result.Output);
        Assert.Equal("", result.Error);
        var executed = JsonNode.Parse(File.ReadAllText(Path.Combine(book.BookDirectory, "plotly-chart.ipynb")))!.AsObject();
        Assert.Empty(NotebookChecks.Nbformat45(executed));
        Assert.True(File.Exists(Path.Combine(book.BookDirectory, "02-second.ipynb")));
        Assert.Equal(snapshot, book.SnapshotNotebooks());
    }

    [Fact]
    public async Task Build_NotebookOption_RunsOnlyTheMatchingNotebook()
    {
        using var book = TempBook.Create(withLibrary: false);
        book.AddNotebook("01-first.ipynb", "var one = 1;");
        book.AddNotebook("02-second.ipynb", "var two = 2;");

        var result = await Run(book.Root, "build", "--root", book.Root, "--notebook", "02", "--skip-html");

        Assert.Equal(BookCli.ExitSuccess, result.ExitCode);
        Assert.Contains("[1/1] 02-second", result.Output);
        Assert.False(File.Exists(Path.Combine(book.BookDirectory, "01-first.ipynb")));
        Assert.True(File.Exists(Path.Combine(book.BookDirectory, "02-second.ipynb")));
    }

    [Fact]
    public async Task Build_NotebookOptionMatchingNothing_Exit2ListingTheNotebooks()
    {
        using var book = TempBook.Create(withLibrary: false);
        book.AddNotebook("01-first.ipynb", "var one = 1;");
        book.AddNotebook("02-second.ipynb", "var two = 2;");

        var result = await Run(book.Root, "build", "--root", book.Root, "--notebook", "07-missing");

        Assert.Equal(BookCli.ExitUsage, result.ExitCode);
        Assert.Contains("no single notebook matches '07-missing'", result.Error);
        Assert.Contains("01-first, 02-second", result.Error);
    }

    [Fact]
    public async Task Build_OutputInsideNotebooks_Exit2Refusing()
    {
        using var book = TempBook.Create(withLibrary: false);
        book.AddNotebook("01-first.ipynb", "var one = 1;");

        var result = await Run(book.Root, "build", "--root", book.Root, "--output", Path.Combine(book.NotebooksDirectory, "out"));

        Assert.Equal(BookCli.ExitUsage, result.ExitCode);
        Assert.Contains("refusing to write into the notebooks folder", result.Error);
        Assert.Equal(new[] { Path.Combine(book.NotebooksDirectory, "01-first.ipynb"), Path.Combine(book.NotebooksDirectory, BookSetup.FileName) },
            Directory.GetFileSystemEntries(book.NotebooksDirectory).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FindRoot_FromInsideTheRepository_FindsTheFolderWithTheSolution()
    {
        var root = BookCli.FindRoot(Path.Combine(TestPaths.RepoRoot, "lib", "LinReg.Book"));

        Assert.Equal(TestPaths.RepoRoot, root);
        Assert.True(File.Exists(Path.Combine(root!, "LinRegNotebooks.sln")));
    }
}
