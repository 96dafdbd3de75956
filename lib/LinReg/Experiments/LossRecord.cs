namespace LinReg.Experiments;

/// <summary>
/// One measurement of a <see cref="LossRecorder"/>.
/// Used by notebook 08 · Minibatch noise and notebook 11 · Common pitfalls.
/// </summary>
/// <param name="GlobalStep">Optimizer steps taken so far (1 after the first step).</param>
/// <param name="Epochs">Examples seen so far divided by the size of the evaluated dataset (fractional epochs when that dataset is the training set).</param>
/// <param name="ComputeTime">Wall time spent training so far, NOT counting the recorder's own evaluations.</param>
/// <param name="Loss">The trainer's loss on the whole evaluated dataset after that step.</param>
public sealed record LossRecord(long GlobalStep, double Epochs, TimeSpan ComputeTime, double Loss);
