using System.Text.Json.Nodes;
using LinReg.Book.Runner;
using LinReg.Book.Tests.Support;

namespace LinReg.Book.Tests.Runner;

[Collection(InProcessKernelCollection.Name)]
public sealed class ExecutedNotebookTests
{
    [Fact]
    public async Task WriteExecutedNotebook_PlotlyFixture_IsValidNbformat45CSharpNotebookKeepingEverySourceCell()
    {
        using var book = TempBook.Create();
        var path = book.AddFixture("plotly-chart.ipynb");
        var executedPath = Path.Combine(book.BookDirectory, "plotly-chart.ipynb");
        await using var run = await NotebookRunner.RunAsync(path);

        run.WriteExecutedNotebook(executedPath);

        var executed = JsonNode.Parse(File.ReadAllText(executedPath))!.AsObject();
        var source = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        Assert.Empty(NotebookChecks.Nbformat45(executed));
        Assert.Equal(".net-csharp", (string?)executed["metadata"]!["kernelspec"]!["name"]);
        Assert.Equal("polyglot-notebook", (string?)executed["metadata"]!["language_info"]!["name"]);
        Assert.Equal("csharp", (string?)executed["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]);

        var cells = executed["cells"]!.AsArray();
        var sourceCells = source["cells"]!.AsArray();
        Assert.Equal(sourceCells.Count, cells.Count);
        for (var i = 0; i < cells.Count; i++)
        {
            Assert.Equal(sourceCells[i]!["id"]!.ToJsonString(), cells[i]!["id"]!.ToJsonString());
            Assert.Equal(sourceCells[i]!["source"]!.ToJsonString(), cells[i]!["source"]!.ToJsonString());
            Assert.Equal(sourceCells[i]!["metadata"]!.ToJsonString(), cells[i]!["metadata"]!.ToJsonString());
        }

        Assert.Equal(new int?[] { 1, 2 }, cells.Skip(1).Select(c => (int?)c!["execution_count"]));
        var chartOutputs = cells[2]!["outputs"]!.AsArray();
        Assert.Equal(new[] { "display_data", "execute_result" }, chartOutputs.Select(o => (string?)o!["output_type"]));
        Assert.Contains("\"type\":\"scatter\"", SourceNotebook.ReadMultilineString(chartOutputs[0]!["data"]!["text/html"]));
        Assert.Equal(2, (int?)chartOutputs[1]!["execution_count"]);
        Assert.Empty(Directory.GetFiles(book.BookDirectory, "*.tmp"));
        Assert.Empty(Directory.GetFiles(book.BookDirectory, ".*"));
    }

    [Fact]
    public async Task WriteExecutedNotebook_FailedCell_HasErrorOutputWithEnameEvalueTraceback()
    {
        using var book = TempBook.Create(withLibrary: false);
        var path = book.AddNotebook("throws.ipynb", "Console.WriteLine(\"partial output\");\nthrow new ArgumentException(\"bad learning rate\");", "var after = 1;");
        var executedPath = Path.Combine(book.BookDirectory, "throws.ipynb");
        await using var run = await NotebookRunner.RunAsync(path);

        run.WriteExecutedNotebook(executedPath);

        var executed = JsonNode.Parse(File.ReadAllText(executedPath))!.AsObject();
        Assert.Empty(NotebookChecks.Nbformat45(executed));
        var outputs = executed["cells"]![1]!["outputs"]!.AsArray();
        Assert.Equal(new[] { "stream", "error" }, outputs.Select(o => (string?)o!["output_type"]));
        Assert.Equal("ArgumentException", (string?)outputs[1]!["ename"]);
        Assert.Equal("bad learning rate", (string?)outputs[1]!["evalue"]);
        Assert.NotEmpty(outputs[1]!["traceback"]!.AsArray());
        // The cell after the failure is kept, without outputs and without an execution count.
        Assert.Null(executed["cells"]![2]!["execution_count"]);
        Assert.Empty(executed["cells"]![2]!["outputs"]!.AsArray());
    }

    [Fact]
    public async Task WriteExecutedNotebook_UpdatedDisplay_WrittenOnceWithItsLastValue()
    {
        using var book = TempBook.Create(withLibrary: false);
        var path = book.AddNotebook("update.ipynb",
            "using Microsoft.DotNet.Interactive;\n"
            + "var shown = KernelInvocationContextExtensions.Display(KernelInvocationContext.Current, \"epoch 1\", \"text/plain\");\n"
            + "for (var epoch = 2; epoch <= 5; epoch++) shown.Update($\"epoch {epoch}\");");
        var executedPath = Path.Combine(book.BookDirectory, "update.ipynb");
        await using var run = await NotebookRunner.RunAsync(path);

        run.WriteExecutedNotebook(executedPath);

        var outputs = JsonNode.Parse(File.ReadAllText(executedPath))!["cells"]![1]!["outputs"]!.AsArray();
        var display = Assert.Single(outputs);
        Assert.Equal("display_data", (string?)display!["output_type"]);
        Assert.Equal("epoch 5", SourceNotebook.ReadMultilineString(display["data"]!["text/plain"]));
    }

    [Fact]
    public async Task WriteExecutedNotebook_OverTheSourceNotebook_RefusesAndLeavesItUnchanged()
    {
        using var book = TempBook.Create(withLibrary: false);
        var path = book.AddNotebook("source.ipynb", "1 + 1");
        var before = File.ReadAllText(path);
        await using var run = await NotebookRunner.RunAsync(path);

        var e = Assert.Throws<ArgumentException>(() => run.WriteExecutedNotebook(path));

        Assert.Contains("Refusing to overwrite the source notebook", e.Message);
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public async Task WriteExecutedNotebook_ExistingArtifact_ReplacedWhole_NoTemporaryFileLeft()
    {
        using var book = TempBook.Create(withLibrary: false);
        var path = book.AddNotebook("replace.ipynb", "40 + 2");
        var executedPath = Path.Combine(book.BookDirectory, "replace.ipynb");
        Directory.CreateDirectory(book.BookDirectory);
        File.WriteAllText(executedPath, "old artifact");
        await using var run = await NotebookRunner.RunAsync(path);

        run.WriteExecutedNotebook(executedPath);

        var executed = JsonNode.Parse(File.ReadAllText(executedPath))!.AsObject();
        Assert.Empty(NotebookChecks.Nbformat45(executed));
        Assert.Equal(new[] { executedPath }, Directory.GetFiles(book.BookDirectory));
    }

    [Fact]
    public async Task WriteExecutedNotebook_TargetIsADirectory_ThrowsAndLeavesNoTemporaryFile()
    {
        using var book = TempBook.Create(withLibrary: false);
        var path = book.AddNotebook("blocked.ipynb", "1");
        var blocked = Path.Combine(book.BookDirectory, "blocked.ipynb");
        Directory.CreateDirectory(blocked);
        await using var run = await NotebookRunner.RunAsync(path);

        Assert.ThrowsAny<IOException>(() => run.WriteExecutedNotebook(blocked));

        Assert.Empty(Directory.GetFiles(book.BookDirectory));
        Assert.Empty(Directory.GetFileSystemEntries(blocked));
    }

    [Fact]
    public void NotebookChecks_NotebookWithOutputsAndWithoutIds_ReportsEachProblem()
    {
        // The checker itself must be able to fail: a hand-made notebook breaking four rules.
        var notebook = JsonNode.Parse("""
            {"nbformat": 4, "nbformat_minor": 4, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python"}, "language_info": {"name": "python"}},
             "cells": [
               {"cell_type": "code", "execution_count": 3, "metadata": {}, "source": "x",
                "outputs": [{"output_type": "stream", "name": "stdout", "text": "hi", "extra": 1}]}]}
            """)!.AsObject();

        var problems = NotebookChecks.SourceHygiene(notebook);

        Assert.Contains(problems, p => p.StartsWith("nbformat_minor is 4", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("metadata.kernelspec.name is \"python3\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("cell 1 has no valid id", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("has key 'extra'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("cell 1 has outputs", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("cell 1 has an execution count", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("the first cell is not a markdown cell", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("code cell 1 differs from the shared setup", StringComparison.Ordinal));
    }
}
