namespace LinReg.Training;

/// <summary>
/// What happened in one optimizer step.
/// Taught in notebook 05 · Training from scratch.
/// </summary>
/// <param name="Epoch">0-based epoch.</param>
/// <param name="Step">0-based minibatch index within the epoch.</param>
/// <param name="GlobalStep">0-based step counted over all epochs.</param>
/// <param name="BatchSize">|B| of this minibatch (the last one may be smaller).</param>
/// <param name="Loss">L_B before the update, as the loss reported it.</param>
/// <param name="LearningRate">η used for the update.</param>
public sealed record StepMetrics(int Epoch, int Step, long GlobalStep, int BatchSize, double Loss, double LearningRate);
