using LinReg.Book.Export;
using LinReg.Book.Runner;
using LinReg.Book.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LinReg.Book.Tests.Export;

/// <summary>
/// The conversion of one notebook into a file-based app's text (issue 13, part 2), on small notebooks written here;
/// <c>ExportedAppTests</c> builds and runs the whole book's apps.
/// </summary>
public sealed class AppExporterTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "linreg-export-unit");
    private static readonly string AppDirectory = Path.Combine(Root, "artifacts", "apps");

    private static readonly AppExporter.AppSetup Setup = new(
        [("MathNet.Numerics", "5.0.0")],
        [Path.Combine(Root, "lib", "LinReg", "LinReg.csproj")],
        ["Plotly.NET.Interactive"]);

    private static SourceNotebook Notebook(params string[] codeCells) =>
        SourceNotebook.Parse(TempBook.NotebookJson("Test notebook", [BookSetup.Cell, .. codeCells]), Path.Combine(Root, "notebooks", "07-test.ipynb"));

    /// <summary>The app's C# without its <c>#:</c> directives (which a file-based app's SDK reads, not the C# parser).</summary>
    private static SyntaxTree ParseApp(string app) =>
        CSharpSyntaxTree.ParseText(string.Join('\n', app.Split('\n').Where(l => !l.StartsWith("#:", StringComparison.Ordinal))),
            new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Regular));

    [Fact]
    public void ToApp_HoistsUsings_MovesTypesLast_AndDisplaysTrailingExpressionsThroughTheDisplayHost()
    {
        var notebook = Notebook(
            "using System.Globalization;\nvar p = new Point(1, 2);\nConsole.WriteLine(p.X)",
            "using System.Text;\nrecord Point(double X, double Y);\nvar sb = new StringBuilder(\"a\");\ndisplay(sb);\np.Y * 2");

        var (app, cells) = AppExporter.ToApp(notebook, Setup, AppDirectory);

        var tree = ParseApp(app);
        Assert.DoesNotContain(tree.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        var root = tree.GetCompilationUnitRoot();
        Assert.Equal(["System.Globalization", "System.Text", "LinReg.Notebook"], root.Usings.Select(u => u.Name!.ToString()));
        // Every statement comes before the record; a record in the middle of top-level statements does not compile.
        Assert.IsType<Microsoft.CodeAnalysis.CSharp.Syntax.RecordDeclarationSyntax>(root.Members[^1]);
        Assert.All(root.Members.SkipLast(1), m => Assert.IsType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>(m));
        Assert.Contains("Console.WriteLine(p.X);", app);
        Assert.Contains("DisplayHost.Show(sb);", app);
        Assert.Contains("DisplayHost.Show(p.Y * 2);", app);
        Assert.DoesNotContain("display(", app);
        Assert.Contains("#:package MathNet.Numerics@5.0.0\n", app);
        Assert.Contains("#:project ../../lib/LinReg/LinReg.csproj\n", app);
        Assert.Contains("NotebookSession.StartApp(notebookFolder: \"../../notebooks\");", app);
        Assert.Contains("// # Test notebook", app);
        Assert.Equal([(3, false), (4, false)], cells);
    }

    [Fact]
    public void ToApp_ANameDeclaredAgainInALaterCell_IsRenamedUntilThen_AndKeepsItsNameAfter()
    {
        var notebook = Notebook(
            "var total = 1;\nint total1 = 5;",
            "Console.WriteLine(total + total1);\nConsole.WriteLine(new { total }.total + (total, 2).total);",
            "int.TryParse(\"2\", out var total);",
            "Console.WriteLine(total)");

        var (app, _) = AppExporter.ToApp(notebook, Setup, AppDirectory);

        // total1 is taken by the notebook, so the first total becomes total1_; an anonymous type's member and a tuple's
        // element keep the name the notebook gives them.
        Assert.Contains("var total1_ = 1;\nint total1 = 5;", app);
        Assert.Contains("Console.WriteLine(total1_ + total1);\nConsole.WriteLine(new { total = total1_ }.total + (total: total1_, 2).total);", app);
        Assert.Contains("int.TryParse(\"2\", out var total);", app);
        Assert.Contains("Console.WriteLine(total);", app);
        Assert.Contains("cell 5 declares the same name(s) again", app);
        var tree = ParseApp(app);
        Assert.DoesNotContain(tree.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void ToApp_ARenamedNameThatALambdaDeclaresToo_IsRefused()
    {
        var notebook = Notebook("var n = 1;", "Func<int, int> f = n => n + 1;", "var n = 2;");

        var e = Assert.Throws<NotebookExportException>(() => AppExporter.ToApp(notebook, Setup, AppDirectory));

        Assert.Contains("cell 4", e.Message);
        Assert.Contains("`n`", e.Message);
    }

    [Fact]
    public void ToApp_ALambdaParameterOrDiscard_IsNotADeclarationOfTheApp()
    {
        var notebook = Notebook("Func<int, int> f = x => { int.TryParse(\"1\", out var y); return x + y; };", "int x = 2, y = 3;\n_ = x + y;");

        var (app, _) = AppExporter.ToApp(notebook, Setup, AppDirectory);

        Assert.Contains("int x = 2, y = 3;", app);
    }

    [Theory]
    [InlineData("#!time\nvar a = 1;", "magic command")]
    [InlineData("#r \"nuget: Foo, 1.0.0\"", "#r or #load")]
    [InlineData("var a = ;", "does not parse")]
    [InlineData("public int Twice(int v) => 2 * v;", "local function")]
    public void ToApp_ACellWithNoAppForm_IsRefusedNamingTheCell(string cell, string what)
    {
        var e = Assert.Throws<NotebookExportException>(() => AppExporter.ToApp(Notebook("var ok = 1;", cell), Setup, AppDirectory));

        Assert.Contains("cell 4 of 07-test.ipynb", e.Message);
        Assert.Contains(what, e.Message);
    }

    [Fact]
    public void ToApp_ANotebookWithoutTheSetupCell_IsRefused()
    {
        var notebook = SourceNotebook.Parse(TempBook.NotebookJson("No setup", "var a = 1;"), Path.Combine(Root, "notebooks", "08-x.ipynb"));

        var e = Assert.Throws<NotebookExportException>(() => AppExporter.ToApp(notebook, Setup, AppDirectory));

        Assert.Contains("setup", e.Message);
    }

    [Fact]
    public void ReadSetup_OfTheBook_KeepsTheLibraryPackagesAndProjects_AndDropsTheKernelsChartExtension()
    {
        var setup = AppExporter.ReadSetup(Path.Combine(TestPaths.RepoNotebooks, BookSetup.FileName), TestPaths.RepoRoot);

        Assert.Contains(setup.Packages, p => p.Name == "MathNet.Numerics");
        Assert.Contains(setup.Packages, p => p.Name == "Plotly.NET");
        Assert.DoesNotContain(setup.Packages, p => p.Name == "Plotly.NET.Interactive");
        Assert.Equal(["Plotly.NET.Interactive"], setup.Dropped);
        Assert.Equal(["LinReg", "LinReg.Plots", "LinReg.Notebook"], setup.Projects.Select(Path.GetFileNameWithoutExtension));
        // The versions are the repository's pinned ones (Directory.Packages.props: Include="X" Version="[v]").
        var props = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "Directory.Packages.props"));
        Assert.All(setup.Packages, p => Assert.Contains($"Include=\"{p.Name}\" Version=\"[{p.Version}]\"", props));
    }
}
