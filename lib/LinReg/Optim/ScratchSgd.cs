using LinReg.Models;
using LinReg.Numerics;

namespace LinReg.Optim;

/// <summary>
/// The from-scratch optimizer: one loop, p ← p − η·∇p / divisor. D2L's from-scratch version sums the loss over the
/// batch and divides here by |B| (divisor = batch size); with a Mean-reduced loss the divisor must be 1 —
/// dividing in both places is the "averaging twice" pitfall, which silently shrinks the step by |B|.
/// Taught in notebook 05 · Training from scratch.
/// </summary>
public sealed class ScratchSgd : IOptimizer
{
    private readonly Parameter[] _parameters;
    private double _lr;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">η &gt; 0.</param>
    /// <param name="divisor">What the accumulated gradient is divided by (1 for a Mean loss; |B| for a Sum loss).</param>
    /// <exception cref="ArgumentOutOfRangeException">learningRate ≤ 0, divisor ≤ 0.</exception>
    public ScratchSgd(IEnumerable<Parameter> parameters, double learningRate, double divisor = 1)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.ToArray();
        if (_parameters.Length == 0) throw new ArgumentException("SGD needs at least one parameter, got none.", nameof(parameters));
        Guard.Positive(divisor, nameof(divisor), "The gradient divisor");
        Guard.Positive(learningRate, nameof(learningRate), "The learning rate");
        Divisor = divisor;
        _lr = learningRate;
    }

    /// <summary>The gradient divisor.</summary>
    public double Divisor { get; }

    /// <summary>The parameters this optimizer updates.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <inheritdoc/>
    public double LearningRate
    {
        get => _lr;
        set
        {
            Guard.Positive(value, nameof(value), "The learning rate");
            _lr = value;
        }
    }

    /// <inheritdoc/>
    public void Step()
    {
        foreach (var p in _parameters)
            for (int k = 0; k < p.Length; k++)
                p.Value[k] -= _lr * p.Grad[k] / Divisor;
    }

    /// <inheritdoc/>
    public void ZeroGrad()
    {
        foreach (var p in _parameters) p.ZeroGrad();
    }
}
