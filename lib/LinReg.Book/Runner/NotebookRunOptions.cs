namespace LinReg.Book.Runner;

/// <summary>How <see cref="NotebookRunner.RunAsync(string, NotebookRunOptions?, CancellationToken)"/> runs a notebook.</summary>
public sealed class NotebookRunOptions
{
    private TimeSpan _cellTimeout = DefaultCellTimeout;

    /// <summary>The default per-cell time limit: 120 s (a first <c>#r "nuget:"</c> restore on a cold cache fits in it).</summary>
    public static TimeSpan DefaultCellTimeout { get; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// How long one code cell may run. A cell still running then is reported as timed out
    /// (<c>cell 7 of x.ipynb did not finish within 120 s: `first line`</c>) and the rest of the notebook is not run.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero, a negative value or more than 24 h.</exception>
    public TimeSpan CellTimeout
    {
        get => _cellTimeout;
        set
        {
            if (value <= TimeSpan.Zero || value > TimeSpan.FromHours(24))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"The cell timeout must be > 0 and at most 24 h, got {value.TotalSeconds} s.");
            }

            _cellTimeout = value;
        }
    }

    /// <summary>
    /// Keep executing the next cells after a cell failed (as dotnet-repl does). Default false: stop at the first
    /// failure, as Jupyter's nbclient does, since the next cells usually depend on it. A timed-out cell always stops
    /// the run (the kernel is still busy with it).
    /// </summary>
    public bool ContinueAfterFailure { get; set; }

    /// <summary>
    /// Called (on the runner's thread, synchronously) when a code cell starts and when it ends; for progress lines.
    /// </summary>
    public Action<CellProgress>? OnProgress { get; set; }
}

/// <summary>Progress of a notebook run, reported through <see cref="NotebookRunOptions.OnProgress"/>.</summary>
/// <param name="Notebook">The notebook being run.</param>
/// <param name="CellNumber">1-based number of the code cell starting or finished (every cell counts).</param>
/// <param name="CellCount">Number of cells in the notebook (every cell counts).</param>
/// <param name="NotebookElapsed">Time since the notebook's kernel was started.</param>
/// <param name="Result">Null when the cell is starting; its result when it has finished.</param>
public sealed record CellProgress(SourceNotebook Notebook, int CellNumber, int CellCount, TimeSpan NotebookElapsed, CellResult? Result);
