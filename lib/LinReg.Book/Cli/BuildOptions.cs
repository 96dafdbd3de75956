namespace LinReg.Book.Cli;

/// <summary>The options of <c>build</c>, parsed and checked (see <see cref="BookCli"/> for their meaning).</summary>
/// <param name="CurrentDirectory">Where relative paths and the search for the repository root start.</param>
/// <param name="Root">The book's root folder, or null to search upwards for the solution file.</param>
/// <param name="Notebook">Only this notebook (name, file name or unique prefix), or null for all.</param>
/// <param name="CellTimeout">Time limit per code cell.</param>
/// <param name="Output">Output folder, or null for <c>artifacts/book</c> under the root.</param>
/// <param name="SkipHtml">Write the executed notebooks only.</param>
/// <param name="Jobs">How many notebooks run at once, each worker a separate process.</param>
/// <param name="MemoryLimitMegabytes">The GC heap hard limit of each worker process, in MiB.</param>
internal sealed record BuildOptions(
    string CurrentDirectory,
    string? Root,
    string? Notebook,
    TimeSpan CellTimeout,
    string? Output,
    bool SkipHtml,
    int Jobs,
    long MemoryLimitMegabytes);
