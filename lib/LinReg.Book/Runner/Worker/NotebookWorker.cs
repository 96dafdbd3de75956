namespace LinReg.Book.Runner.Worker;

/// <summary>
/// The worker side of the book build (the hidden <c>worker</c> command): reads notebook requests, runs each with the
/// in-process runner in a fresh kernel (<see cref="NotebookRun"/>), and streams progress and per-cell records back
/// (<see cref="WorkerProtocol"/>) as the cells end — so if a cell ends this process, the build still holds every
/// earlier cell's outputs and knows which cell was running.
/// </summary>
internal static class NotebookWorker
{
    /// <summary>Serves requests until <paramref name="requests"/> ends.</summary>
    /// <param name="requests">The worker's standard input.</param>
    /// <param name="events">The worker's standard output (protocol lines only).</param>
    /// <returns>0.</returns>
    public static async Task<int> RunAsync(TextReader requests, TextWriter events)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(events);
        var send = new object();
        void Send(string line)
        {
            lock (send)
            {
                events.WriteLine(line);
                events.Flush();
            }
        }

        await WarmUpAsync().ConfigureAwait(false);
        while (await requests.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var (path, timeout) = WorkerProtocol.ParseRequest(line);
            SourceNotebook notebook;
            try
            {
                notebook = SourceNotebook.Load(path);
                notebook.CheckFileReferences();
            }
            catch (Exception e) when (e is NotebookException or IOException)
            {
                Send(WorkerProtocol.NotRun(e.Message));
                continue;
            }

            await RunOneAsync(notebook, timeout, Send).ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>
    /// Compiles and runs one trivial submission in a throw-away kernel before the first notebook, so that the JIT
    /// compilation of the C# compiler and the kernel — seconds in a fresh process, more when the machine is busy —
    /// is not charged to the first notebook's first cell and its time limit. That work would be done by the first
    /// cell anyway.
    /// </summary>
    private static async Task WarmUpAsync()
    {
        var (kernel, _) = KernelFactory.Create();
        using (kernel)
        {
            await kernel.SendAsync(new Microsoft.DotNet.Interactive.Commands.SubmitCode("1 + 1", "csharp")).ConfigureAwait(false);
        }

        Microsoft.DotNet.Interactive.Formatting.Formatter.ResetToDefault();
    }

    private static async Task RunOneAsync(SourceNotebook notebook, TimeSpan timeout, Action<string> send)
    {
        var run = new NotebookRun(notebook);
        // What was last sent per cell: the output objects are immutable records, replaced when a display is updated,
        // so a changed reference means the cell must be sent again.
        var sent = new Dictionary<int, (CellStatus Status, CellOutput[] Outputs)>();

        void SendChanged()
        {
            var changed = new List<ExecutedCell>();
            lock (run.SyncRoot)
            {
                foreach (var cell in run.Cells)
                {
                    if (cell.ExecutionCount is null)
                    {
                        continue;
                    }

                    var outputs = cell.Outputs.ToArray();
                    if (sent.TryGetValue(cell.Number, out var last) && last.Status == cell.Status && last.Outputs.SequenceEqual(outputs, ReferenceEqualityComparer.Instance))
                    {
                        continue;
                    }

                    sent[cell.Number] = (cell.Status, outputs);
                    changed.Add(ExecutedCell.From(cell));
                }
            }

            foreach (var cell in changed)
            {
                send(WorkerProtocol.Cell(cell));
            }
        }

        var options = new NotebookRunOptions
        {
            CellTimeout = timeout,
            OnProgress = progress =>
            {
                if (progress.Result is null)
                {
                    send(WorkerProtocol.CellStart(progress.CellNumber, progress.CellCount, progress.NotebookElapsed));
                }
                else
                {
                    SendChanged();
                }
            },
        };

        try
        {
            await run.ExecuteAsync(options, CancellationToken.None).ConfigureAwait(false);
            SendChanged();
            send(WorkerProtocol.Done(run.Elapsed));
        }
        finally
        {
            await run.DisposeAsync().ConfigureAwait(false);
        }
    }
}
