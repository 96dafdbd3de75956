namespace LinReg.Training;

/// <summary>
/// An observer that forwards to delegates (handy in a notebook cell: print every epoch, for example).
/// Taught in notebook 05 · Training from scratch.
/// </summary>
public sealed class DelegateObserver : ITrainingObserver
{
    private readonly Action<StepMetrics>? _onStep;
    private readonly Action<EpochMetrics>? _onEpoch;

    /// <summary>Either delegate may be null.</summary>
    public DelegateObserver(Action<StepMetrics>? onStep = null, Action<EpochMetrics>? onEpoch = null)
    {
        _onStep = onStep;
        _onEpoch = onEpoch;
    }

    /// <inheritdoc/>
    public void OnStep(StepMetrics step) => _onStep?.Invoke(step);

    /// <inheritdoc/>
    public void OnEpoch(EpochMetrics epoch) => _onEpoch?.Invoke(epoch);
}
