using LinReg.Book.Cli;
using LinReg.Book.Tests.Support;

namespace LinReg.Book.Tests.Cli;

/// <summary>The <c>export</c> command's arguments and what it writes (the apps' builds and runs: <c>ExportedAppTests</c>).</summary>
public sealed class ExportCommandTests
{
    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await BookCli.RunAsync(args, output, error, TestPaths.RepoRoot);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Export_OneNotebook_WritesItsAppThePropsAndPlotlyJs_AndSaysHowToRunIt()
    {
        var dir = Directory.CreateTempSubdirectory("linreg-export-").FullName;
        try
        {
            var (code, output, error) = await Run("export", "--notebook", "05", "--output", dir);

            Assert.True(code == BookCli.ExitSuccess, error);
            Assert.Equal(["05-training-from-scratch.cs", "Directory.Build.props", "Directory.Packages.props", "plotly.min.js"],
                Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.Contains("1 app in", output);
            Assert.Contains("dotnet run ", output);
            var app = File.ReadAllText(Path.Combine(dir, "05-training-from-scratch.cs"));
            Assert.StartsWith("// Exported from notebooks/05-training-from-scratch.ipynb", app);
            Assert.Contains("<ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>", File.ReadAllText(Path.Combine(dir, "Directory.Packages.props")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Export_AnUnknownNotebook_Exit2NamingTheNotebooks_AndWritesNothing()
    {
        var dir = Path.Combine(Path.GetTempPath(), "linreg-export-none-" + Guid.NewGuid().ToString("N")[..8]);

        var (code, _, error) = await Run("export", "--notebook", "99-nope", "--output", dir);

        Assert.Equal(BookCli.ExitUsage, code);
        Assert.Contains("no single notebook matches '99-nope'", error);
        Assert.Contains("05-training-from-scratch", error);
        Assert.False(Directory.Exists(dir));
    }
}
