namespace LinReg.Book.Runner;

/// <summary>
/// The setup every notebook of the book starts its code with: one cell, character for character <see cref="Cell"/>
/// (the hygiene test compares each notebook's first code cell with it, line endings normalized to "\n"), which imports
/// <c>notebooks/setup.dib</c> (<see cref="FileName"/>).
/// </summary>
/// <remarks>
/// <c>#!import setup.dib</c> runs the cells of the .dib file as separate submissions, in order, in the real kernel (VS
/// Code, Jupyter, dotnet-repl) and in the book's runner (<c>CompositeKernel.UseImportMagicCommand()</c>); the path is
/// relative to the working directory, which is the notebook's folder in all of them. The three cells of setup.dib:
/// <list type="number">
/// <item>An <c>AssemblyLoadContext.Default.Resolving</c> handler answering FSharp.Core requests with the FSharp.Core
/// already loaded: Plotly.NET 6.0.0 and Plotly.NET.Interactive 6.0.0 reference FSharp.Core 10.1, while the kernel
/// behind VS Code and Jupyter (dotnet-interactive 1.0.712001, dotnet-repl 0.3.259) ships 10.0. Measured in both
/// kernels: it fires for FSharp.Core 10.1.0.0 after the <c>#r "nuget:"</c> restore, by which time the package manager
/// (itself F#) has loaded 10.0.0.0. It must run BEFORE the next cell (the Plotly.NET.Interactive extension is loaded
/// right after the restore). The in-process runner has FSharp.Core 10.0.x too, on purpose: a runner with 10.1 would
/// hide the failure readers would see.</item>
/// <item>Exact package versions (those of Directory.Packages.props; a test checks) and the book's libraries, from
/// the folder <c>dotnet build lib/LinReg.Notebook</c> copies them to, relative to <c>notebooks/</c>.</item>
/// <item><c>LinReg.Notebook.NotebookSession.Start()</c>: offline charts (plotly.js displayed once, and a chart
/// formatter that draws with it instead of Plotly.NET.Interactive's require.js + CDN one). It must be a later
/// submission than the <c>#r "nuget: Plotly.NET.Interactive"</c>, whose extension registers its formatter when it
/// loads, after that submission.</item>
/// </list>
/// </remarks>
public static class BookSetup
{
    /// <summary>The setup file beside the notebooks.</summary>
    public const string FileName = "setup.dib";

    /// <summary>The first code cell of every notebook.</summary>
    public const string Cell =
        """
        // Setup, the same in every notebook: packages, the book's library, offline charts (see setup.dib). Run it and read on.
        #!import setup.dib
        """;

    /// <summary>The setup cells, in order (one: <see cref="Cell"/>).</summary>
    public static IReadOnlyList<string> Cells { get; } = new[] { Cell };

    /// <summary>Text normalized for comparison: "\r\n" → "\n", trailing whitespace and newlines at the end removed.</summary>
    /// <param name="source">A cell's source.</param>
    /// <returns>The normalized text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    public static string Normalize(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Replace("\r\n", "\n").TrimEnd();
    }
}
