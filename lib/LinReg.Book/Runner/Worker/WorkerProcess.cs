using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace LinReg.Book.Runner.Worker;

/// <summary>
/// One worker process of the book build, seen from the build: the same LinReg.Book program started in its hidden
/// <c>worker</c> mode, which runs the notebooks it is sent one at a time, each in a fresh kernel
/// (<see cref="NotebookWorker"/>). The build supervises it: if it ends while a cell runs — whatever the cell did —
/// the cell is reported with the exit code or signal and what the process last wrote to standard error; if it stops
/// answering for longer than the cell time limit plus <see cref="Grace"/>, it is killed and the cell reported as
/// timed out.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    /// <summary>How much longer than the cell time limit the build waits for a silent worker before killing it.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    /// <summary>The worker command's name on the command line (hidden from help).</summary>
    public const string CommandName = "worker";

    private const int StderrLinesKept = 40;

    private readonly Process _process;
    private readonly Channel<string?> _lines = Channel.CreateUnbounded<string?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<string> _stderr = new();
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;
    private int _stderrSeen;

    private WorkerProcess(Process process)
    {
        _process = process;
        _stdoutPump = PumpStdoutAsync();
        _stderrPump = PumpStderrAsync();
    }

    /// <summary>Starts a worker.</summary>
    /// <param name="memoryLimitBytes">The GC heap hard limit of the worker (DOTNET_GCHeapHardLimit), or null for the runtime's default.</param>
    /// <exception cref="InvalidOperationException">The process cannot be started.</exception>
    public static WorkerProcess Start(long? memoryLimitBytes)
    {
        var (fileName, prefix) = Launcher();
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        foreach (var arg in prefix)
        {
            psi.ArgumentList.Add(arg);
        }

        psi.ArgumentList.Add(CommandName);
        if (memoryLimitBytes is { } limit)
        {
            psi.Environment["DOTNET_GCHeapHardLimit"] = "0x" + limit.ToString("X", CultureInfo.InvariantCulture);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start the notebook worker: {fileName} {string.Join(' ', psi.ArgumentList)}");
        return new WorkerProcess(process);
    }

    /// <summary>
    /// Runs one notebook in the worker and returns what happened; never throws for what a cell does.
    /// </summary>
    /// <param name="notebook">The notebook (already checked).</param>
    /// <param name="cellTimeout">Per-cell time limit.</param>
    /// <param name="onCellStart">Progress: cell number, cell count, time since the notebook's kernel started.</param>
    /// <param name="cancellationToken">Kills the worker and throws <see cref="OperationCanceledException"/>.</param>
    public async Task<NotebookOutcome> RunAsync(SourceNotebook notebook, TimeSpan cellTimeout, Action<int, int, TimeSpan>? onCellStart, CancellationToken cancellationToken)
    {
        lock (_stderr)
        {
            _stderrSeen = _stderr.Count;
        }

        var cells = new Dictionary<int, ExecutedCell>();
        var clock = Stopwatch.StartNew();
        int? running = null;
        var executionCount = 0;
        try
        {
            await _process.StandardInput.WriteLineAsync(WorkerProtocol.Request(notebook.Path, cellTimeout).AsMemory(), cancellationToken).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The worker is gone already; reading its output below reports how it ended.
        }

        while (true)
        {
            string? line;
            using (var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                silence.CancelAfter(cellTimeout + Grace);
                try
                {
                    line = await _lines.Reader.ReadAsync(silence.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    Kill();
                    var cell = running ?? NextCodeCell(notebook, cells);
                    if (cell is { } number)
                    {
                        var source = notebook.Cells[number - 1];
                        var message = $"cell {number} of {notebook.FileName} did not finish within {cellTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s: `{source.FirstLine}`";
                        var error = new ErrorOutput("Timeout", message, new[] { message, $"(the worker process stopped answering and was killed {Grace.TotalSeconds:0} s after the limit)" });
                        cells[number] = Record(cells, number, CellStatus.TimedOut, running is null ? ++executionCount : executionCount, error, message);
                        return new NotebookOutcome(notebook, cells.Values.ToList(), clock.Elapsed, null, workerReusable: false);
                    }

                    return new NotebookOutcome(notebook, cells.Values.ToList(), clock.Elapsed, $"{notebook.FileName}: the worker process stopped answering and was killed.", workerReusable: false);
                }
            }

            if (line is null)
            {
                return await ProcessEndedAsync(notebook, cells, running, executionCount, clock.Elapsed).ConfigureAwait(false);
            }

            if (WorkerProtocol.ParseEvent(line) is not { } e)
            {
                continue;
            }

            switch ((string?)e["event"])
            {
                case "cell-start":
                    running = (int)e["cell"]!;
                    executionCount++;
                    onCellStart?.Invoke(running.Value, (int)e["cells"]!, WorkerProtocol.Elapsed(e));
                    break;
                case "cell":
                    var record = WorkerProtocol.ReadCell(e);
                    cells[record.Number] = record;
                    if (record.Number == running)
                    {
                        running = null;
                    }

                    break;
                case "done":
                    var outcome = new NotebookOutcome(notebook, cells.Values.ToList(), WorkerProtocol.Elapsed(e), null, workerReusable: true);
                    return outcome.Succeeded ? outcome : new NotebookOutcome(notebook, outcome.Cells, outcome.Elapsed, null, workerReusable: false);
                case "not-run":
                    return new NotebookOutcome(notebook, Array.Empty<ExecutedCell>(), clock.Elapsed, (string?)e["message"] ?? "the notebook could not be run", workerReusable: true);
            }
        }
    }

    /// <summary>True once the worker process has ended.</summary>
    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    /// <summary>Kills the worker and everything it started.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>Closes the worker's input (it ends by itself) and kills it if it has not ended 5 s later.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Its end of the pipe is gone already.
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await Task.WhenAll(_stdoutPump, _stderrPump).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _process.Dispose();
    }

    private async Task<NotebookOutcome> ProcessEndedAsync(SourceNotebook notebook, Dictionary<int, ExecutedCell> cells, int? running, int executionCount, TimeSpan elapsed)
    {
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Its output closed but it lives on: end it, it can no longer be talked to.
                Kill();
                await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        // What the process wrote to standard error before it ended (e.g. the runtime's "Stack overflow.").
        await _stderrPump.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        List<string> wrote;
        lock (_stderr)
        {
            wrote = _stderr.Skip(_stderrSeen).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        }

        var how = DescribeExit(_process.ExitCode);
        var said = wrote.Count == 0 ? "" : $" It wrote to standard error: {wrote[0].Trim()}";
        if ((running ?? LastExecuted(cells)) is { } number)
        {
            var source = notebook.Cells[number - 1];
            var when = running is null ? "after the cell finished, before the next one started" : "while the cell ran";
            var evalue = $"the kernel's process {how} {when}.{said}";
            var message = $"cell {number} of {notebook.FileName} ended its kernel's process: `{source.FirstLine}`{Environment.NewLine}KernelProcessEnded: {evalue}";
            var traceback = new[] { $"KernelProcessEnded: {evalue}" }.Concat(wrote.Take(20)).ToArray();
            cells[number] = Record(cells, number, CellStatus.ProcessEnded, executionCount, new ErrorOutput("KernelProcessEnded", evalue, traceback), message);
            return new NotebookOutcome(notebook, cells.Values.ToList(), elapsed, null, workerReusable: false);
        }

        return new NotebookOutcome(notebook, cells.Values.ToList(), elapsed, $"{notebook.FileName}: the kernel's process {how} before the first cell ran.{said}", workerReusable: false);
    }

    /// <summary>
    /// "exited with exit code 3", or, for a process ended by a signal (.NET reports 128 + the signal number on Unix),
    /// "was ended by signal 6 (SIGABRT; exit code 134)".
    /// </summary>
    internal static string DescribeExit(int exitCode)
    {
        if (!OperatingSystem.IsWindows() && exitCode is > 128 and <= 128 + 64)
        {
            var signal = exitCode - 128;
            var name = signal switch
            {
                1 => "SIGHUP",
                2 => "SIGINT",
                3 => "SIGQUIT",
                4 => "SIGILL",
                6 => "SIGABRT",
                7 => "SIGBUS",
                8 => "SIGFPE",
                9 => "SIGKILL",
                11 => "SIGSEGV",
                13 => "SIGPIPE",
                15 => "SIGTERM",
                _ => null,
            };
            return name is null
                ? $"was ended by signal {signal} (exit code {exitCode})"
                : $"was ended by signal {signal} ({name}; exit code {exitCode})";
        }

        return $"exited with exit code {exitCode}";
    }

    /// <summary>The record of a cell that failed here (not in the worker): the outputs it sent so far, then the error.</summary>
    private static ExecutedCell Record(Dictionary<int, ExecutedCell> cells, int number, CellStatus status, int executionCount, ErrorOutput error, string message)
    {
        var outputs = cells.TryGetValue(number, out var earlier) ? earlier.Outputs.DeepClone().AsArray() : new JsonArray();
        outputs.Add(ExecutedNotebookWriter.ErrorJson(error));
        return new ExecutedCell(number, status, earlier?.ExecutionCount ?? Math.Max(1, executionCount), earlier?.Elapsed ?? TimeSpan.Zero, outputs, message);
    }

    private static int? LastExecuted(Dictionary<int, ExecutedCell> cells) =>
        cells.Values.Where(c => c.ExecutionCount is not null).Select(c => (int?)c.Number).Max();

    private static int? NextCodeCell(SourceNotebook notebook, Dictionary<int, ExecutedCell> cells)
    {
        var last = LastExecuted(cells) ?? 0;
        return notebook.Cells.FirstOrDefault(c => c.Number > last && c.Kind == CellKind.Code && !c.IsEmptyCode)?.Number;
    }

    private async Task PumpStdoutAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                await _lines.Writer.WriteAsync(line).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe broke: treated as the end of the output.
        }
        finally
        {
            _lines.Writer.TryWrite(null);
        }
    }

    private async Task PumpStderrAsync()
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                lock (_stderr)
                {
                    _stderr.Add(line);
                    if (_stderr.Count > 4 * StderrLinesKept && _stderrSeen > StderrLinesKept)
                    {
                        // Keep memory bounded across many notebooks: drop lines of notebooks already finished.
                        var drop = Math.Min(_stderrSeen, _stderr.Count - StderrLinesKept);
                        _stderr.RemoveRange(0, drop);
                        _stderrSeen -= drop;
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe broke.
        }
    }

    /// <summary>
    /// How to start this program again in worker mode: through the dotnet host that runs it now (tests, `dotnet
    /// exec`), else its apphost (`dotnet run`, the built executable), else the dotnet on PATH.
    /// </summary>
    private static (string FileName, string[] Prefix) Launcher()
    {
        var dll = typeof(WorkerProcess).Assembly.Location;
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return (current, new[] { "exec", dll });
        }

        var apphost = Path.ChangeExtension(dll, OperatingSystem.IsWindows() ? ".exe" : null);
        if (File.Exists(apphost))
        {
            return (apphost, Array.Empty<string>());
        }

        return ("dotnet", new[] { "exec", dll });
    }
}
