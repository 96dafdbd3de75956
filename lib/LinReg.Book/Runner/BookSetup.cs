namespace LinReg.Book.Runner;

/// <summary>
/// The two setup cells every notebook of the book starts its code with, character for character (the hygiene
/// test compares each notebook's first two code cells with these, line endings normalized to "\n").
/// </summary>
/// <remarks>
/// Why cell 1: Plotly.NET 6.0.0 and Plotly.NET.Interactive 6.0.0 reference FSharp.Core 10.1, while the kernel
/// behind VS Code and Jupyter (dotnet-interactive 1.0.712001, dotnet-repl 0.3.259) ships FSharp.Core 10.0. The
/// runtime then asks <c>AssemblyLoadContext.Default.Resolving</c> for FSharp.Core 10.1.0.0; the handler answers with
/// the FSharp.Core already loaded. Measured in both kernels: it fires for FSharp.Core 10.1.0.0 after the
/// <c>#r "nuget:"</c> restore, by which time the package manager (itself F#) has loaded FSharp.Core 10.0.0.0, so it
/// never returns null for FSharp.Core. It must run BEFORE cell 2 (the Plotly.NET.Interactive extension is loaded
/// right after the restore). The in-process runner has FSharp.Core 10.0.x too, on purpose: a runner with 10.1 would
/// hide the failure readers would see.
/// Why cell 2: exact package versions; the book's libraries are loaded from the folder <c>dotnet build lib/LinReg.Notebook</c>
/// copies them to, relative to <c>notebooks/</c> (the runner and the real-kernel tests run each notebook from its folder).
/// </remarks>
public static class BookSetup
{
    /// <summary>The first code cell of every notebook: the FSharp.Core resolving handler.</summary>
    public const string Cell1 =
        """
        // Setup 1/2 (identical in every notebook). The kernel behind VS Code and Jupyter ships FSharp.Core 10.0;
        // Plotly.NET 6 asks for 10.1. Answer that request with the FSharp.Core already loaded.
        System.Runtime.Loader.AssemblyLoadContext.Default.Resolving += (context, name) =>
            name.Name == "FSharp.Core"
                ? System.AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "FSharp.Core")
                : null;
        """;

    /// <summary>The second code cell of every notebook: pinned packages and the book's library.</summary>
    public const string Cell2 =
        """
        // Setup 2/2 (identical in every notebook): pinned packages and the book's library (build it first: see README).
        #r "nuget: MathNet.Numerics, 5.0.0"
        #r "nuget: System.Numerics.Tensors, 10.0.12"
        #r "nuget: Plotly.NET, 6.0.0"
        #r "nuget: Plotly.NET.CSharp, 0.14.0"
        #r "nuget: Plotly.NET.Interactive, 6.0.0"
        #r "../artifacts/notebook-lib/LinReg.dll"
        #r "../artifacts/notebook-lib/LinReg.Plots.dll"
        #r "../artifacts/notebook-lib/LinReg.Notebook.dll"
        """;

    /// <summary>Both setup cells, in order.</summary>
    public static IReadOnlyList<string> Cells { get; } = new[] { Cell1, Cell2 };

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
