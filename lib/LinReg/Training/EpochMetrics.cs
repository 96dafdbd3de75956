namespace LinReg.Training;

/// <summary>
/// What happened in one epoch.
/// Taught in notebook 05 · Training from scratch.
/// </summary>
/// <param name="Epoch">0-based epoch.</param>
/// <param name="TrainLoss">Σ_B L_B·|B| / n over the epoch's minibatches (for a Mean loss), measured during training — what the seed's listing prints as <c>total_loss / n</c>.</param>
/// <param name="ValidationLoss">The loss on the whole validation set after the epoch, when one was given.</param>
/// <param name="Elapsed">Wall time of the epoch.</param>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double? ValidationLoss, TimeSpan Elapsed);
