using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace LinReg.Book.Runner;

/// <summary>
/// One execution of a notebook in its own in-process C# kernel (<see cref="NotebookRunner.RunAsync(string, NotebookRunOptions?, CancellationToken)"/>):
/// per-cell results, the kernel's variables after the run, and the executed notebook.
/// Dispose it to release the kernel.
/// </summary>
/// <example>
/// <code>
/// await using var run = await NotebookRunner.RunAsync("notebooks/02-one-sgd-step-by-hand.ipynb");
/// Assert.False(run.Failed, run.FailureSummary);
/// double w = run.GetVariable&lt;double&gt;("w");
/// object? shown = run.Cells[4].ReturnValue;
/// run.WriteExecutedNotebook("artifacts/book/02-one-sgd-step-by-hand.ipynb");
/// </code>
/// </example>
public sealed class NotebookRun : IAsyncDisposable
{
    private readonly object _sync = new();
    private readonly List<CellResult> _cells = new();
    private CompositeKernel? _kernel;
    private CSharpKernel? _csharp;
    private IDisposable? _subscription;
    private CellResult? _current;
    private bool _kernelBusy;
    private bool _disposed;

    internal NotebookRun(SourceNotebook notebook)
    {
        Notebook = notebook;
    }

    /// <summary>The notebook that was run.</summary>
    public SourceNotebook Notebook { get; }

    /// <summary>One result per cell of the notebook, in order (markdown cells included, with status <see cref="CellStatus.NotRun"/>): <c>Cells[i].Number == i + 1</c>.</summary>
    public IReadOnlyList<CellResult> Cells => _cells;

    /// <summary>The results of the code cells only.</summary>
    public IEnumerable<CellResult> CodeCells => _cells.Where(c => c.Kind == CellKind.Code);

    /// <summary>The cells that failed or timed out (at most one unless <see cref="NotebookRunOptions.ContinueAfterFailure"/>).</summary>
    public IReadOnlyList<CellResult> Failures => _cells.Where(c => c.Failed).ToList();

    /// <summary>True when a cell failed or timed out.</summary>
    public bool Failed => _cells.Any(c => c.Failed);

    /// <summary>The first cell that failed or timed out, or null.</summary>
    public CellResult? FirstFailure => _cells.FirstOrDefault(c => c.Failed);

    /// <summary>Every failure message (notebook, cell number, first line, error), one per failed cell; empty when none failed.</summary>
    public string FailureSummary => string.Join(Environment.NewLine, _cells.Where(c => c.Failed).Select(c => c.FailureMessage));

    /// <summary>Wall-clock time from the kernel's start to the end of the last cell.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>The names of the variables the notebook's code defined, in declaration order (a redeclared name once).</summary>
    /// <exception cref="ObjectDisposedException">The run was disposed.</exception>
    public IReadOnlyList<string> VariableNames
    {
        get
        {
            var state = Kernel.ScriptState;
            return state is null ? Array.Empty<string>() : state.Variables.Select(v => v.Name).Distinct().ToList();
        }
    }

    private CSharpKernel Kernel
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _csharp ?? throw new InvalidOperationException($"{Notebook.FileName} has not been run.");
        }
    }

    /// <summary>
    /// The value of the notebook variable <paramref name="name"/> after the run (its latest declaration), as the
    /// raw .NET object.
    /// </summary>
    /// <typeparam name="T">The variable's type (or a base type / interface of its value).</typeparam>
    /// <param name="name">The variable's name in the notebook code, e.g. <c>w</c>.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="KeyNotFoundException">The notebook defines no such variable (the message lists the ones it defines).</exception>
    /// <exception cref="InvalidCastException">The variable's value is not a <typeparamref name="T"/> (the message names both types).</exception>
    /// <exception cref="ObjectDisposedException">The run was disposed.</exception>
    public T GetVariable<T>(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var variable = Kernel.ScriptState?.Variables.LastOrDefault(v => v.Name == name);
        if (variable is null)
        {
            var names = VariableNames;
            throw new KeyNotFoundException($"{Notebook.FileName} defines no variable '{name}' (it defines: {(names.Count == 0 ? "none" : string.Join(", ", names))}).");
        }

        switch (variable.Value)
        {
            case T value:
                return value;
            case null when default(T) is null:
                return default!;
            default:
                var actual = variable.Value?.GetType() ?? variable.Type;
                var detail = actual.FullName == typeof(T).FullName
                    ? $" (same name, different assemblies: {actual.Assembly.Location} vs {typeof(T).Assembly.Location})"
                    : "";
                throw new InvalidCastException($"Variable '{name}' of {Notebook.FileName} is a {actual.FullName}, not a {typeof(T).FullName}{detail}.");
        }
    }

    /// <summary>Reads a notebook variable like <see cref="GetVariable{T}"/>, returning false instead of throwing when it is missing or of another type.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="name">The variable's name.</param>
    /// <param name="value">The value, or default.</param>
    /// <returns>True when the variable exists and holds a <typeparamref name="T"/>.</returns>
    /// <exception cref="ObjectDisposedException">The run was disposed.</exception>
    public bool TryGetVariable<T>(string name, out T value)
    {
        var variable = Kernel.ScriptState?.Variables.LastOrDefault(v => v.Name == name);
        if (variable?.Value is T t)
        {
            value = t;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>
    /// Writes the executed notebook (every source cell, outputs, execution counts, nbformat 4.5) to
    /// <paramref name="outputPath"/> through a temporary file, so a failure never leaves a half-written file.
    /// See <see cref="ExecutedNotebookWriter"/>.
    /// </summary>
    /// <param name="outputPath">Where to write the .ipynb; must not be the source notebook.</param>
    /// <exception cref="ArgumentException"><paramref name="outputPath"/> is empty or is the source notebook itself.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void WriteExecutedNotebook(string outputPath) => ExecutedNotebookWriter.Write(this, outputPath);

    /// <summary>Releases the kernel. A kernel still busy with a timed-out cell is abandoned (its thread may keep running).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _subscription?.Dispose();
        var kernel = _kernel;
        _kernel = null;
        _csharp = null;
        if (kernel is null)
        {
            return;
        }

        var dispose = Task.Run(kernel.Dispose);
        await Task.WhenAny(dispose, Task.Delay(TimeSpan.FromSeconds(_kernelBusy ? 2 : 30))).ConfigureAwait(false);
    }

    internal object SyncRoot => _sync;

    internal async Task ExecuteAsync(NotebookRunOptions options, CancellationToken cancellationToken)
    {
        var previousDirectory = Environment.CurrentDirectory;
        var stopwatch = Stopwatch.StartNew();
        Formatter.ResetToDefault();
        Directory.SetCurrentDirectory(Notebook.Directory);
        try
        {
            (_kernel, _csharp) = KernelFactory.Create();
            _subscription = _kernel.KernelEvents.Subscribe(OnKernelEvent);

            var executionCount = 0;
            var stop = false;
            foreach (var cell in Notebook.Cells)
            {
                var result = new CellResult(Notebook, cell) { Status = CellStatus.NotRun };
                lock (_sync)
                {
                    _cells.Add(result);
                }

                if (stop || cell.Kind != CellKind.Code || cell.IsEmptyCode)
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                options.OnProgress?.Invoke(new CellProgress(Notebook, cell.Number, Notebook.Cells.Count, stopwatch.Elapsed, null));
                result.ExecutionCount = ++executionCount;
                await ExecuteCellAsync(result, options.CellTimeout, cancellationToken).ConfigureAwait(false);
                options.OnProgress?.Invoke(new CellProgress(Notebook, cell.Number, Notebook.Cells.Count, stopwatch.Elapsed, result));

                stop = result.Status == CellStatus.TimedOut || (result.Failed && !options.ContinueAfterFailure);
            }
        }
        finally
        {
            Elapsed = stopwatch.Elapsed;
            TryRestoreDirectory(previousDirectory);
            Formatter.ResetToDefault();
        }
    }

    private async Task ExecuteCellAsync(CellResult result, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var command = new SubmitCode(result.Source, "csharp");
        var stopwatch = Stopwatch.StartNew();
        lock (_sync)
        {
            _current = result;
        }

        var send = _kernel!.SendAsync(command, CancellationToken.None);
        using var timerCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(timeout, timerCancellation.Token);
        var first = await Task.WhenAny(send, timer).ConfigureAwait(false);
        result.Elapsed = stopwatch.Elapsed;

        if (first == send)
        {
            await timerCancellation.CancelAsync().ConfigureAwait(false);
            var commandResult = await send.ConfigureAwait(false);
            lock (_sync)
            {
                var failed = commandResult.Events.OfType<CommandFailed>().FirstOrDefault();
                if (failed is not null && result.Error is null)
                {
                    RecordFailure(result, failed);
                }

                result.Status = failed is null ? CellStatus.Succeeded : CellStatus.Failed;
            }

            return;
        }

        // The cell is still running: cancelled by the caller, or out of time. Either way the kernel is busy with it
        // for good (a busy loop cannot be interrupted in-process), so nothing more runs in this kernel.
        _kernelBusy = true;
        _ = _kernel.SendAsync(new Cancel(), CancellationToken.None);
        cancellationToken.ThrowIfCancellationRequested();

        var message = $"cell {result.Number} of {Notebook.FileName} did not finish within {timeout.TotalSeconds:0.###} s: `{result.FirstLine}`";
        lock (_sync)
        {
            result.Status = CellStatus.TimedOut;
            result.Error = new ErrorOutput("Timeout", message, new[] { message });
            result.MutableOutputs.Add(result.Error);
        }
    }

    private void OnKernelEvent(KernelEvent kernelEvent)
    {
        lock (_sync)
        {
            var cell = _current;
            if (cell is null)
            {
                return;
            }

            cell.AddEvent(kernelEvent);
            switch (kernelEvent)
            {
                case StandardOutputValueProduced stdout:
                    AppendStream(cell, "stdout", stdout);
                    break;
                case StandardErrorValueProduced stderr:
                    AppendStream(cell, "stderr", stderr);
                    break;
                case DisplayedValueProduced displayed:
                    if (MimeBundle(displayed) is { Count: > 0 } data)
                    {
                        cell.MutableOutputs.Add(new DisplayOutput(data, displayed.Value, displayed.ValueId, IsReturnValue: false));
                    }

                    break;
                case DisplayedValueUpdated updated:
                    ReplaceDisplay(updated);
                    break;
                case ReturnValueProduced returned:
                    cell.HasReturnValue = true;
                    cell.ReturnValue = returned.Value;
                    if (returned.Value is not DisplayedValue && MimeBundle(returned) is { Count: > 0 } returnedData)
                    {
                        cell.MutableOutputs.Add(new DisplayOutput(returnedData, returned.Value, returned.ValueId, IsReturnValue: true));
                    }

                    break;
                case ErrorProduced error:
                    cell.MutableOutputs.Add(new ErrorOutput("Error", error.Message, SplitLines(error.Message)));
                    break;
                case CommandFailed failed when cell.Error is null:
                    RecordFailure(cell, failed);
                    break;
            }
        }
    }

    private static void RecordFailure(CellResult cell, CommandFailed failed)
    {
        var exception = failed.Exception switch
        {
            System.Reflection.TargetInvocationException { InnerException: { } inner } => inner,
            AggregateException { InnerExceptions.Count: 1 } aggregate => aggregate.InnerExceptions[0],
            var e => e,
        };
        var error = exception switch
        {
            CodeSubmissionCompilationErrorException => new ErrorOutput("CompilationError", failed.Message.Trim(), SplitLines(failed.Message)),
            null => new ErrorOutput("Error", failed.Message.Trim(), SplitLines(failed.Message)),
            _ => new ErrorOutput(exception.GetType().Name, exception.Message, SplitLines(failed.Message)),
        };
        cell.Error = error;
        cell.MutableOutputs.Add(error);
    }

    private void ReplaceDisplay(DisplayedValueUpdated updated)
    {
        if (string.IsNullOrEmpty(updated.ValueId) || MimeBundle(updated) is not { Count: > 0 } data)
        {
            return;
        }

        // The same display id may only be shown once; search the latest cells first, as a notebook front end would.
        for (var c = _cells.Count - 1; c >= 0; c--)
        {
            var outputs = _cells[c].MutableOutputs;
            for (var i = outputs.Count - 1; i >= 0; i--)
            {
                if (outputs[i] is DisplayOutput { IsReturnValue: false } shown && shown.DisplayId == updated.ValueId)
                {
                    outputs[i] = shown with { Data = data, Value = updated.Value };
                    return;
                }
            }
        }

        // An update whose id matches no shown output changes nothing on screen (VS Code ignores it too); the event
        // stays in CellResult.Events.
    }

    private static void AppendStream(CellResult cell, string name, DisplayEvent e)
    {
        var text = e.FormattedValues.FirstOrDefault(v => v.MimeType == PlainTextFormatter.MimeType)?.Value
                   ?? e.FormattedValues.FirstOrDefault()?.Value
                   ?? "";
        var outputs = cell.MutableOutputs;
        if (outputs.Count > 0 && outputs[^1] is StreamOutput last && last.Name == name)
        {
            outputs[^1] = last with { Text = last.Text + text };
        }
        else
        {
            outputs.Add(new StreamOutput(name, text));
        }
    }

    private static Dictionary<string, string> MimeBundle(DisplayEvent e)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in e.FormattedValues)
        {
            if (!value.SuppressDisplay)
            {
                data[value.MimeType] = value.Value;
            }
        }

        return data;
    }

    private static string[] SplitLines(string text) => text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');

    private static void TryRestoreDirectory(string directory)
    {
        try
        {
            Directory.SetCurrentDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The previous working directory vanished while the notebook ran; stay in the notebook's folder.
        }
    }
}
