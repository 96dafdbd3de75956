namespace LinReg.Training;

/// <summary>
/// Everything a training run reported.
/// Taught in notebook 05 · Training from scratch.
/// </summary>
public sealed class TrainingHistory
{
    private readonly List<StepMetrics> _steps = [];
    private readonly List<EpochMetrics> _epochs = [];

    /// <summary>Every step, in order.</summary>
    public IReadOnlyList<StepMetrics> Steps => _steps;

    /// <summary>Every epoch, in order.</summary>
    public IReadOnlyList<EpochMetrics> Epochs => _epochs;

    internal void Add(StepMetrics s) => _steps.Add(s);

    internal void Add(EpochMetrics e) => _epochs.Add(e);
}
