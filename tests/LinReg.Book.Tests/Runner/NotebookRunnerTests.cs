using LinReg.Book.Runner;
using LinReg.Book.Tests.Support;
using Microsoft.DotNet.Interactive.Events;

namespace LinReg.Book.Tests.Runner;

[Collection(InProcessKernelCollection.Name)]
public sealed class NotebookRunnerTests
{
    [Fact]
    public async Task RunAsync_PlotlyFixture_ShowsChartAsHtmlAndExposesVariablesAndReturnValue()
    {
        using var book = TempBook.Create();
        var path = book.AddFixture("plotly-chart.ipynb");

        await using var run = await NotebookRunner.RunAsync(path);

        Assert.False(run.Failed, run.FailureSummary);
        Assert.Equal(new[] { CellStatus.NotRun, CellStatus.Succeeded, CellStatus.Succeeded }, run.Cells.Select(c => c.Status));
        Assert.Equal(new int?[] { null, 1, 2 }, run.Cells.Select(c => c.ExecutionCount));

        // The setup cell imports setup.dib: the package restore (its extension loaded), then plotly.js displayed once.
        Assert.Contains(run.Cells[1].Events, e => e is KernelExtensionLoaded);
        var loader = Assert.Single(run.Cells[1].Displays, d => d.Data.TryGetValue("text/html", out var h) && h.Contains("plotly.js v2.28.0", StringComparison.Ordinal));
        Assert.StartsWith("<script data-linreg-plotly-js=\"2.28.0\">", loader["text/html"]);

        // The chart: the book's formatter (registered by the setup after Plotly.NET.Interactive's) turns it into offline
        // text/html holding the trace's data, y = x² for x = 0..4 (hand calculation: 0, 1, 4, 9, 16).
        var chart = Assert.Single(run.Cells[2].Displays);
        var html = chart["text/html"];
        Assert.NotNull(html);
        Assert.Contains("\"type\":\"scatter\"", html);
        Assert.Contains("\"y\":[0.0,1.0,4.0,9.0,16.0]", html);
        Assert.Contains("<div id=\"linreg-chart-1\">", html);
        Assert.Contains("if(window.Plotly)", html);
        Assert.DoesNotContain("require", html);
        Assert.DoesNotContain("http", html);
        Assert.Equal("Plotly.NET.GenericChart", chart.Value?.GetType().FullName?.Split('+')[0]);

        // Read back what the cells computed: 0 + 1 + 4 + 9 + 16 = 30 (hand calculation).
        Assert.Equal(30.0, run.GetVariable<double>("sumOfSquares"));
        Assert.Equal(new[] { 0.0, 1.0, 4.0, 9.0, 16.0 }, run.GetVariable<double[]>("ys"));
        Assert.True(run.Cells[2].HasReturnValue);
        Assert.Equal(30.0, Assert.IsType<double>(run.Cells[2].ReturnValue));
        var shown = Assert.IsType<DisplayOutput>(run.Cells[2].Outputs[^1]);
        Assert.True(shown.IsReturnValue);
        Assert.Contains("<pre>30</pre>", shown["text/html"]);
    }

    [Fact]
    public async Task RunAsync_FSharpCoreInRunner_IsTheKernelsVersion10_0()
    {
        // The runner must see what readers see: the kernel behind VS Code ships FSharp.Core 10.0, which is why the
        // setup cell answers Plotly.NET's request for 10.1. A runner with 10.1 would hide a failure.
        using var book = TempBook.Create();
        var path = book.AddNotebook("fsharp-core.ipynb", BookSetup.Cell,
            "typeof(Microsoft.FSharp.Core.Unit).Assembly.GetName().Version.ToString(2)");

        await using var run = await NotebookRunner.RunAsync(path);

        Assert.False(run.Failed, run.FailureSummary);
        Assert.Equal("10.0", run.Cells[^1].ReturnValue);
    }

    [Fact]
    public async Task RunAsync_CellThrows_FailsNamingNotebookCellFirstLineAndError_AndStops()
    {
        using var book = TempBook.Create(withLibrary: false);
        var path = book.AddNotebook("throws.ipynb",
            "var before = 1;",
            "// a comment first\nthrow new InvalidOperationException(\"boom: w went NaN\");",
            "var after = 2;");

        await using var run = await NotebookRunner.RunAsync(path);

        Assert.True(run.Failed);
        var failure = Assert.Single(run.Failures);
        Assert.Same(run.Cells[2], failure);
        Assert.Equal(CellStatus.Failed, failure.Status);
        Assert.Equal("InvalidOperationException", failure.Error!.Name);
        Assert.Equal("boom: w went NaN", failure.Error.Message);
        Assert.Equal(
            "cell 3 of throws.ipynb failed: `// a comment first`" + Environment.NewLine + "InvalidOperationException: boom: w went NaN",
            failure.FailureMessage);
        Assert.Contains(failure.Error.Traceback, line => line.Contains("InvalidOperationException"));
        Assert.Same(failure.Error, failure.Outputs[^1]);
        Assert.Equal(CellStatus.NotRun, run.Cells[3].Status);
        Assert.Null(run.Cells[3].ExecutionCount);
        Assert.Equal(1, run.GetVariable<int>("before"));
        Assert.False(run.TryGetVariable<int>("after", out _));
    }

    [Fact]
    public async Task RunAsync_ContinueAfterFailure_RunsLaterCells()
    {
        using var book = TempBook.Create(withLibrary: false);
        var path = book.AddNotebook("continue.ipynb", "throw new Exception(\"first\");", "var after = 2;");

        await using var run = await NotebookRunner.RunAsync(path, new NotebookRunOptions { ContinueAfterFailure = true });

        Assert.Equal(new[] { CellStatus.NotRun, CellStatus.Failed, CellStatus.Succeeded }, run.Cells.Select(c => c.Status));
        Assert.Equal(2, run.GetVariable<int>("after"));
    }

    [Fact]
    public async Task RunAsync_CompileError_ReportsCompilationErrorWithDiagnostic()
    {
        using var book = TempBook.Create(withLibrary: false);
        var path = book.AddNotebook("compile-error.ipynb", "int x = \"not a number\";");

        await using var run = await NotebookRunner.RunAsync(path);

        var failure = Assert.Single(run.Failures);
        Assert.Equal(2, failure.Number);
        Assert.Equal("CompilationError", failure.Error!.Name);
        Assert.Contains("CS0029", failure.Error.Message);
        Assert.StartsWith("cell 2 of compile-error.ipynb failed: `int x = \"not a number\";`", failure.FailureMessage);
    }

    [Fact]
    public async Task RunAsync_CellNeverEnds_TimesOutWithMessageNamingNotebookCellAndFirstLine()
    {
        using var book = TempBook.Create(withLibrary: false);
        // Sleeps forever without burning a core (an in-process cell cannot be interrupted; its thread is abandoned).
        var path = book.AddNotebook("hangs.ipynb",
            "Console.WriteLine(\"started\");",
            "Console.WriteLine(\"about to hang\");\nSystem.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);",
            "var never = 1;");
        var options = new NotebookRunOptions { CellTimeout = TimeSpan.FromSeconds(3) };

        var started = DateTime.UtcNow;
        await using var run = await NotebookRunner.RunAsync(path, options);
        var took = DateTime.UtcNow - started;

        var failure = Assert.Single(run.Failures);
        Assert.Equal(CellStatus.TimedOut, failure.Status);
        Assert.Equal("cell 3 of hangs.ipynb did not finish within 3 s: `Console.WriteLine(\"about to hang\");`", failure.FailureMessage);
        Assert.Equal("Timeout", failure.Error!.Name);
        Assert.Equal("about to hang\n", failure.StandardOutput.Replace("\r\n", "\n"));
        Assert.Equal(CellStatus.NotRun, run.Cells[3].Status);
        Assert.True(took < TimeSpan.FromSeconds(60), $"the run took {took}");
    }

    [Fact]
    public async Task RunAsync_StdoutAndStderr_KeptInOrderAndMergedPerStream()
    {
        using var book = TempBook.Create(withLibrary: false);
        var path = book.AddNotebook("streams.ipynb",
            "Console.WriteLine(\"a\");\nConsole.WriteLine(\"b\");\nConsole.Error.WriteLine(\"oops\");\nConsole.WriteLine(\"c\");");

        await using var run = await NotebookRunner.RunAsync(path);

        var outputs = run.Cells[1].Outputs.Cast<StreamOutput>().Select(s => (s.Name, s.Text.Replace("\r\n", "\n"))).ToList();
        Assert.Equal(new[] { ("stdout", "a\nb\n"), ("stderr", "oops\n"), ("stdout", "c\n") }, outputs);
        Assert.Equal("a\nb\nc\n", run.Cells[1].StandardOutput.Replace("\r\n", "\n"));
        Assert.Equal("oops\n", run.Cells[1].StandardError.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task RunAsync_UpdateOfDisplayedValue_ReplacesTheEarlierOutputInPlace()
    {
        using var book = TempBook.Create(withLibrary: false);
        // Displayed through the invocation context, whose handle keeps the id of the output shown (FIELD-NOTES).
        var path = book.AddNotebook("update.ipynb",
            "using Microsoft.DotNet.Interactive;\n"
            + "var first = KernelInvocationContextExtensions.Display(KernelInvocationContext.Current, \"step 0\", \"text/plain\");\n"
            + "Console.WriteLine(\"between\");\n"
            + "first.Update(\"step 1\");\n"
            + "first.Update(\"step 2\");",
            "first.Update(\"updated from the next cell\");\n"
            + "KernelInvocationContextExtensions.Display(KernelInvocationContext.Current, \"second\", \"text/plain\");");

        await using var run = await NotebookRunner.RunAsync(path);

        Assert.False(run.Failed, run.FailureSummary);
        var cell = run.Cells[1];
        Assert.Equal(2, cell.Events.OfType<DisplayedValueUpdated>().Count(u => u.ValueId == cell.Displays.Single().DisplayId));
        // One display (not three), still before the stream output, showing the last update: the one sent by cell 3.
        Assert.Collection(cell.Outputs,
            o => Assert.Equal("updated from the next cell", Assert.IsType<DisplayOutput>(o)["text/plain"]),
            o => Assert.Equal("between", Assert.IsType<StreamOutput>(o).Text.Trim()));
        Assert.Equal("second", Assert.Single(run.Cells[2].Displays)["text/plain"]);
    }

    [Fact]
    public async Task RunAsync_WorkingDirectory_IsTheNotebooksFolderWhileRunning_AndRestoredAfter()
    {
        using var book = TempBook.Create(withLibrary: false);
        var path = book.AddNotebook("cwd.ipynb", "System.IO.Directory.GetCurrentDirectory()");
        var before = Environment.CurrentDirectory;

        await using var run = await NotebookRunner.RunAsync(path);

        Assert.Equal(book.NotebooksDirectory, run.Cells[1].ReturnValue);
        Assert.Equal(before, Environment.CurrentDirectory);
    }

    [Fact]
    public async Task RunAsync_FormatterRegisteredByOneNotebook_DoesNotLeakIntoTheNext()
    {
        using var book = TempBook.Create(withLibrary: false);
        var registers = book.AddNotebook("registers.ipynb",
            "Microsoft.DotNet.Interactive.Formatting.Formatter.Register<System.Version>(v => \"VERSION FORMATTER\", \"text/plain\");\n"
            + "display(new Version(1, 2), \"text/plain\");");
        var plain = book.AddNotebook("plain.ipynb", "display(new Version(1, 2), \"text/plain\");");

        string? first, second;
        await using (var run = await NotebookRunner.RunAsync(registers))
        {
            first = run.Cells[1].Displays.Single()["text/plain"];
        }

        await using (var run = await NotebookRunner.RunAsync(plain))
        {
            second = run.Cells[1].Displays.Single()["text/plain"];
        }

        Assert.Equal("VERSION FORMATTER", first);
        Assert.NotEqual("VERSION FORMATTER", second);
    }

    [Fact]
    public async Task RunAsync_LibraryNotBuilt_ThrowsBeforeStartingAKernelNamingCellAndBuildCommand()
    {
        using var book = TempBook.Create(withLibrary: false);
        var path = book.AddFixture("plotly-chart.ipynb");

        var e = await Assert.ThrowsAsync<MissingReferenceException>(() => NotebookRunner.RunAsync(path));

        Assert.Equal(2, e.CellNumber);
        Assert.Contains("plotly-chart.ipynb", e.Message);
        Assert.Contains("dotnet build lib/LinReg.Notebook", e.Message);
    }

    [Fact]
    public async Task RunAsync_MalformedNotebook_ThrowsNotebookFormatException()
    {
        using var book = TempBook.Create(withLibrary: false);
        var path = book.AddRaw("malformed.ipynb", "{\"nbformat\": 4, \"cells\": [ {\"cell_type\": \"code\"");

        var e = await Assert.ThrowsAsync<NotebookFormatException>(() => NotebookRunner.RunAsync(path));

        Assert.StartsWith("malformed.ipynb is not valid JSON", e.Message);
    }

    [Fact]
    public async Task GetVariable_MissingOrOfAnotherType_ThrowsNamingVariableAndTypes()
    {
        using var book = TempBook.Create(withLibrary: false);
        var path = book.AddNotebook("vars.ipynb", "var w = 2.5;\nvar name = \"x\";");

        await using var run = await NotebookRunner.RunAsync(path);

        var missing = Assert.Throws<KeyNotFoundException>(() => run.GetVariable<double>("b"));
        Assert.Equal("vars.ipynb defines no variable 'b' (it defines: w, name).", missing.Message);
        var wrongType = Assert.Throws<InvalidCastException>(() => run.GetVariable<int>("w"));
        Assert.Equal("Variable 'w' of vars.ipynb is a System.Double, not a System.Int32.", wrongType.Message);
        Assert.Equal(2.5, run.GetVariable<double>("w"));
        Assert.Equal(new[] { "w", "name" }, run.VariableNames);
    }

    [Fact]
    public async Task GetVariable_AfterDispose_ThrowsObjectDisposed()
    {
        using var book = TempBook.Create(withLibrary: false);
        var path = book.AddNotebook("disposed.ipynb", "var w = 1;");
        var run = await NotebookRunner.RunAsync(path);

        await run.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => run.GetVariable<int>("w"));
    }

    [Fact]
    public async Task GetVariable_LibraryTypeFromTheNotebook_IsTheTypeTheTestsCompileAgainst()
    {
        // Tests assert on objects the notebook built (e.g. a trained model). The notebook loads LinReg.dll from
        // artifacts/notebook-lib/, the test host from its own folder: the same assembly identity must give one type.
        var testSideType = typeof(LinReg.Models.Linear);
        using var book = TempBook.Create();
        var path = book.AddNotebook("library.ipynb", BookSetup.Cell,
            "var model = new LinReg.Models.Linear(new[] { 2.0 }, 0.5);");

        await using var run = await NotebookRunner.RunAsync(path);

        Assert.False(run.Failed, run.FailureSummary);
        Assert.Same(testSideType, run.GetVariable<object>("model").GetType());
        Assert.NotNull(run.GetVariable<LinReg.Models.Linear>("model"));
    }
}
