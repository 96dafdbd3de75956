using System.Diagnostics;
using LinReg.Data;
using LinReg.Numerics;
using LinReg.Training;

namespace LinReg.Experiments;

/// <summary>
/// An observer that evaluates the loss on a whole dataset every few steps and records it against the training time
/// spent so far — the data of a "loss against seconds of compute" plot. Its clock starts when it is created (create
/// it just before <see cref="Trainer.Fit"/>) and is paused while it evaluates, so its own work does not count.
/// Used by notebook 08 · Minibatch noise and notebook 11 · Common pitfalls.
/// </summary>
public sealed class LossRecorder : ITrainingObserver
{
    private readonly Trainer _trainer;
    private readonly Dataset _data;
    private readonly Stopwatch _clock;
    private readonly List<LossRecord> _records = [];
    private readonly Action<LossRecord>? _onRecord;
    private long _seen;

    /// <summary>Creates the recorder and starts its clock.</summary>
    /// <param name="trainer">The trainer whose model is evaluated (with its loss: <see cref="Trainer.Evaluate"/>).</param>
    /// <param name="data">The dataset to evaluate on (usually the whole training set).</param>
    /// <param name="everySteps">Record after every this many steps (≥ 1).</param>
    /// <param name="onRecord">Called with every new record, with the clock paused (e.g. to feed a live chart).</param>
    /// <exception cref="ArgumentOutOfRangeException">everySteps ≤ 0.</exception>
    /// <exception cref="ArgumentException">the dataset's features differ from the model's.</exception>
    public LossRecorder(Trainer trainer, Dataset data, int everySteps, Action<LossRecord>? onRecord = null)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(data);
        Guard.Positive(everySteps, nameof(everySteps), "everySteps");
        if (data.Features != trainer.Model.Features)
            throw new ArgumentException($"The dataset has {data.Features} features but the model has {trainer.Model.Features}.", nameof(data));
        _trainer = trainer;
        _data = data;
        EverySteps = everySteps;
        _onRecord = onRecord;
        _clock = Stopwatch.StartNew();
    }

    /// <summary>The recording interval in steps.</summary>
    public int EverySteps { get; }

    /// <summary>Every measurement, in order.</summary>
    public IReadOnlyList<LossRecord> Records => _records;

    /// <summary>Training time so far (without the recorder's evaluations).</summary>
    public TimeSpan ComputeTime => _clock.Elapsed;

    /// <inheritdoc/>
    public void OnStep(StepMetrics step)
    {
        ArgumentNullException.ThrowIfNull(step);
        _seen += step.BatchSize;
        if ((step.GlobalStep + 1) % EverySteps != 0) return;
        _clock.Stop();
        var record = new LossRecord(step.GlobalStep + 1, (double)_seen / _data.Count, _clock.Elapsed, _trainer.Evaluate(_data));
        _records.Add(record);
        _onRecord?.Invoke(record);
        _clock.Start();
    }

    /// <inheritdoc/>
    public void OnEpoch(EpochMetrics epoch)
    {
    }

    /// <summary>Stops the clock (call after training if more work follows that should not be counted).</summary>
    public void Stop() => _clock.Stop();
}
