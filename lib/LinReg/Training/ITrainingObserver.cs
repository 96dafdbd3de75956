namespace LinReg.Training;

/// <summary>
/// Receives metrics while training runs (a notebook draws a live loss curve from it; a test records it).
/// Taught in notebook 05 · Training from scratch.
/// </summary>
public interface ITrainingObserver
{
    /// <summary>After every optimizer step.</summary>
    void OnStep(StepMetrics step);

    /// <summary>After every epoch.</summary>
    void OnEpoch(EpochMetrics epoch);
}
