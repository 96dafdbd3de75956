using LinReg.Book.Runner;
using LinReg.Book.Tests.Support;

namespace LinReg.Book.Tests.Runner;

public sealed class SourceNotebookTests
{
    [Fact]
    public void Load_PlotlyFixture_ReadsEveryCellInOrder()
    {
        var notebook = SourceNotebook.Load(TestPaths.Fixture("plotly-chart.ipynb"));

        Assert.Equal(new[] { CellKind.Markdown, CellKind.Code, CellKind.Code }, notebook.Cells.Select(c => c.Kind));
        Assert.Equal(new[] { 1, 2, 3 }, notebook.Cells.Select(c => c.Number));
        Assert.Equal(new[] { "title", "setup-1", "chart" }, notebook.Cells.Select(c => c.Id));
        Assert.Equal("csharp", notebook.Cells[1].Language);
        Assert.Null(notebook.Cells[0].Language);
        // The source is stored as a list of lines; joined it must be the shared setup text exactly.
        Assert.Equal(BookSetup.Cell, notebook.Cells[1].Source);
        Assert.Equal("#!import setup.dib", notebook.Cells[1].Source.Split('\n')[^1]);
        Assert.Equal("plotly-chart", notebook.Name);
    }

    [Fact]
    public void FileReferences_SetupCell_ListsTheImportedDibAndTheLibraryDllsItLoadsButNoNugetPackages()
    {
        var notebook = SourceNotebook.Load(TestPaths.Fixture("plotly-chart.ipynb"));

        var references = notebook.FileReferences().ToList();

        // The setup cell imports setup.dib; its second cell #r's the three libraries (relative to the notebook's folder,
        // the working directory the imported cells run in).
        Assert.Equal(new[] { "setup.dib", "../artifacts/notebook-lib/LinReg.dll", "../artifacts/notebook-lib/LinReg.Plots.dll", "../artifacts/notebook-lib/LinReg.Notebook.dll" }, references.Select(r => r.Reference));
        Assert.All(references, r => Assert.Equal(2, r.CellNumber));
        Assert.Equal(Path.Combine(notebook.Directory, "setup.dib"), references[0].FullPath);
        var expected = Path.GetFullPath(Path.Combine(notebook.Directory, "..", "artifacts", "notebook-lib", "LinReg.dll"));
        Assert.Equal(expected, references[1].FullPath);
    }

    [Fact]
    public void CheckFileReferences_LibraryNotBuilt_ThrowsNamingCellFileAndBuildCommand()
    {
        using var book = TempBook.Create(withLibrary: false);
        var path = book.AddFixture("plotly-chart.ipynb");

        var e = Assert.Throws<MissingReferenceException>(() => SourceNotebook.Load(path).CheckFileReferences());

        Assert.Equal(2, e.CellNumber);
        Assert.Equal(path, e.NotebookPath);
        Assert.Equal("../artifacts/notebook-lib/LinReg.dll", e.Reference);
        Assert.StartsWith("cell 2 of plotly-chart.ipynb loads \"../artifacts/notebook-lib/LinReg.dll\", which does not exist", e.Message);
        Assert.Contains("dotnet build lib/LinReg.Notebook", e.Message);
    }

    [Fact]
    public void CheckFileReferences_SetupDibMissing_ThrowsNamingCellAndTheFile()
    {
        using var book = TempBook.Create();
        var path = book.AddFixture("plotly-chart.ipynb");
        File.Delete(Path.Combine(book.NotebooksDirectory, "setup.dib"));

        var e = Assert.Throws<MissingReferenceException>(() => SourceNotebook.Load(path).CheckFileReferences());

        Assert.Equal(2, e.CellNumber);
        Assert.Equal("setup.dib", e.Reference);
        Assert.StartsWith("cell 2 of plotly-chart.ipynb loads \"setup.dib\", which does not exist", e.Message);
    }

    [Theory]
    [InlineData("{ \"cells\": [", "broken.ipynb is not valid JSON at line 1")]
    [InlineData("[1, 2]", "broken.ipynb is not a notebook: the JSON is not an object")]
    [InlineData("{\"nbformat\": 3, \"cells\": []}", "broken.ipynb is not an nbformat 4 notebook: \"nbformat\" is 3")]
    [InlineData("{\"nbformat\": 4, \"nbformat_minor\": 5}", "broken.ipynb has no \"cells\" array (found missing)")]
    [InlineData("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"markdown\", \"source\": \"# t\"}, {\"cell_type\": \"code\", \"source\": 42}]}", "cell 2 of broken.ipynb: \"source\" must be a string or an array of strings (found 42)")]
    [InlineData("{\"nbformat\": 4, \"cells\": [{\"source\": \"x\"}]}", "cell 1 of broken.ipynb has no \"cell_type\"")]
    [InlineData("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\", \"source\": \"1\", \"id\": \"a\"}, {\"cell_type\": \"code\", \"source\": \"2\", \"id\": \"a\"}]}", "cell 2 of broken.ipynb repeats the id \"a\"")]
    [InlineData("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\", \"source\": \"1\", \"id\": \"no spaces allowed\"}]}", "cell 1 of broken.ipynb has an invalid id")]
    [InlineData("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\", \"source\": \"printfn \\\"hi\\\"\", \"metadata\": {\"polyglot_notebook\": {\"kernelName\": \"fsharp\"}}}]}", "cell 1 of broken.ipynb is a \"fsharp\" cell; the runner executes C# (csharp) cells only")]
    public void Parse_MalformedNotebook_ThrowsNamingFileAndCell(string json, string expectedStart)
    {
        var e = Assert.Throws<NotebookFormatException>(() => SourceNotebook.Parse(json, "/tmp/x/broken.ipynb"));

        Assert.StartsWith(expectedStart, e.Message);
        Assert.Equal("/tmp/x/broken.ipynb", e.NotebookPath);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFoundWithPath()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-notebook-" + Guid.NewGuid().ToString("N") + ".ipynb");

        var e = Assert.Throws<FileNotFoundException>(() => SourceNotebook.Load(path));

        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void FirstLine_LeadingBlankLinesAndIndent_FirstNonBlankLineTrimmed()
    {
        var cell = new SourceCell(7, "x", CellKind.Code, "\n\n   var w = 2.0;   \nw", "csharp");

        Assert.Equal("var w = 2.0;", cell.FirstLine);
    }
}
