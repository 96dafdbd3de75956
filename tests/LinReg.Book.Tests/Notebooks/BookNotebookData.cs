using LinReg.Book.Tests.Support;

namespace LinReg.Book.Tests.Notebooks;

/// <summary>Theory data: the file name of every notebook in notebooks/.</summary>
public static class BookNotebookData
{
    /// <summary>
    /// Placeholder row while notebooks/ is empty (xunit 2 fails a theory without data). The tests return at once
    /// for it; as soon as the book has notebooks it is not produced.
    /// </summary>
    public const string NoNotebooksYet = "(notebooks/ holds no notebooks yet)";

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        var names = TestPaths.BookNotebooks().Select(p => Path.GetFileName(p)!).ToList();
        foreach (var name in names.Count > 0 ? names : new List<string> { NoNotebooksYet })
        {
            data.Add(name);
        }

        return data;
    }
}
