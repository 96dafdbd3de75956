using LinReg.Models;
using LinReg.Numerics;

namespace LinReg.Optim;

/// <summary>
/// Parameters that share optimizer settings (PyTorch's param groups). Keeping the bias separate from the weights is
/// what lets an optimizer decay the weights and leave the bias alone.
/// Taught in notebook 01 · The model and the loss (the bias kept out of weight decay).
/// </summary>
public sealed class ParameterGroup
{
    /// <summary>Creates a group.</summary>
    /// <param name="parameters">At least one parameter.</param>
    /// <param name="weightDecay">λ ≥ 0: the update adds λ·p to the gradient (L2 penalty ½λ‖p‖²).</param>
    /// <param name="learningRate">Overrides the optimizer's η for this group when set (&gt; 0).</param>
    /// <exception cref="ArgumentException">no parameters.</exception>
    /// <exception cref="ArgumentOutOfRangeException">weightDecay &lt; 0 or learningRate ≤ 0.</exception>
    public ParameterGroup(IEnumerable<Parameter> parameters, double weightDecay = 0, double? learningRate = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.ToArray();
        if (Parameters.Count == 0) throw new ArgumentException("A parameter group needs at least one parameter, got none.", nameof(parameters));
        Guard.NonNegative(weightDecay, nameof(weightDecay), "Weight decay");
        if (learningRate is { } lr) Guard.Positive(lr, nameof(learningRate), "The group learning rate");
        WeightDecay = weightDecay;
        LearningRate = learningRate;
    }

    /// <summary>The parameters in this group.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>λ.</summary>
    public double WeightDecay { get; }

    /// <summary>The group's own η, if any.</summary>
    public double? LearningRate { get; }
}
