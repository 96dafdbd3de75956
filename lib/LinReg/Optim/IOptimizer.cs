namespace LinReg.Optim;

/// <summary>
/// The optimizer piece of the training loop.
/// Taught in notebook 05 · Training from scratch and notebook 06 · Training concisely (the optimizer piece, swapped for another).
/// </summary>
public interface IOptimizer
{
    /// <summary>η, the learning rate (&gt; 0).</summary>
    double LearningRate { get; set; }

    /// <summary>Updates every parameter from its accumulated gradient.</summary>
    void Step();

    /// <summary>Clears every parameter's gradient.</summary>
    void ZeroGrad();
}
