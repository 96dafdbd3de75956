namespace LinReg.Plots;

/// <summary>What the horizontal axis of a loss chart counts. Used from notebook 06 · Training concisely on.</summary>
public enum LossAxis
{
    /// <summary>Epochs: one point per epoch, x = the 0-based epoch number the trainer reports.</summary>
    Epoch,

    /// <summary>Optimizer steps: one point per minibatch, x = the 0-based global step; epoch means are drawn at the
    /// step count reached at the end of their epoch.</summary>
    Step,
}
