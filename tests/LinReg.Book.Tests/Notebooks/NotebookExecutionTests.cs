using LinReg.Book.Runner;
using LinReg.Book.Tests.Support;

namespace LinReg.Book.Tests.Notebooks;

/// <summary>Every notebook of the book executes in the in-process runner with no failed cell.</summary>
[Collection(InProcessKernelCollection.Name)]
public sealed class NotebookExecutionTests
{
    [Theory]
    [MemberData(nameof(BookNotebookData.Names), MemberType = typeof(BookNotebookData))]
    public async Task RunAsync_BookNotebook_NoCellFails(string name)
    {
        if (name == BookNotebookData.NoNotebooksYet)
        {
            return;
        }

        await using var run = await NotebookRunner.RunAsync(Path.Combine(TestPaths.RepoNotebooks, name));

        Assert.False(run.Failed, run.FailureSummary);
        Assert.All(run.CodeCells.Where(c => !c.Cell.IsEmptyCode), c => Assert.Equal(CellStatus.Succeeded, c.Status));
    }
}
