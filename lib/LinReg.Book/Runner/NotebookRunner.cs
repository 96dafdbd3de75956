namespace LinReg.Book.Runner;

/// <summary>
/// Runs notebooks headlessly, in-process, each in a fresh C# kernel (see <see cref="NotebookRun"/>).
/// </summary>
/// <remarks>
/// The working directory, the .NET Interactive <c>Formatter</c> registrations and the default assembly load context
/// are process-wide, so runs are serialized: a second <see cref="RunAsync(string, NotebookRunOptions?, CancellationToken)"/>
/// waits until the first has executed its cells (reading variables of a finished run does not block anyone).
/// Process-wide state that cannot be reset stays: assemblies loaded by a notebook (the first version loaded wins for
/// the whole process) and <c>AssemblyLoadContext.Default.Resolving</c> handlers a notebook added (the book's setup
/// cell adds one per notebook; it only answers FSharp.Core requests with the FSharp.Core already loaded).
/// </remarks>
public static class NotebookRunner
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>
    /// Reads the notebook at <paramref name="notebookPath"/>, checks it, and executes its code cells in order in a fresh
    /// in-process kernel with the notebook's folder as working directory (relative <c>#r</c> paths resolve there).
    /// A failing cell does not throw: it is reported in <see cref="NotebookRun.Cells"/> and <see cref="NotebookRun.Failed"/>.
    /// </summary>
    /// <param name="notebookPath">Path of the .ipynb file.</param>
    /// <param name="options">Time limit per cell, progress callback…; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the run between cells or while a cell runs (the cell's kernel is abandoned).</param>
    /// <returns>The run; dispose it to release its kernel.</returns>
    /// <exception cref="ArgumentException"><paramref name="notebookPath"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">The notebook does not exist.</exception>
    /// <exception cref="NotebookFormatException">The file is not a notebook the runner can execute (names file and cell).</exception>
    /// <exception cref="MissingReferenceException">A cell loads a file with <c>#r</c> that does not exist, e.g. the library was not built.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<NotebookRun> RunAsync(string notebookPath, NotebookRunOptions? options = null, CancellationToken cancellationToken = default) =>
        RunAsync(SourceNotebook.Load(notebookPath), options, cancellationToken);

    /// <summary>Executes an already loaded notebook; see <see cref="RunAsync(string, NotebookRunOptions?, CancellationToken)"/>.</summary>
    /// <param name="notebook">The notebook.</param>
    /// <param name="options">Time limit per cell, progress callback…; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The run; dispose it to release its kernel.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="notebook"/> is null.</exception>
    /// <exception cref="MissingReferenceException">A cell loads a file with <c>#r</c> that does not exist.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<NotebookRun> RunAsync(SourceNotebook notebook, NotebookRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        notebook.CheckFileReferences();
        options ??= new NotebookRunOptions();

        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var run = new NotebookRun(notebook);
        try
        {
            await run.ExecuteAsync(options, cancellationToken).ConfigureAwait(false);
            return run;
        }
        catch
        {
            await run.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            Gate.Release();
        }
    }
}
