using LinReg.Models;
using MathNet.Numerics.LinearAlgebra;
using LinReg.Numerics;

namespace LinReg.Optim;

/// <summary>
/// Minibatch stochastic gradient descent (PyTorch's <c>torch.optim.SGD</c>): for every parameter p,
/// p ← p − η (∇p + λ p), with λ the group's weight decay. The gradient is whatever the backward passes
/// accumulated; with a Mean-reduced loss that is the seed's (1/|B|) Σ ∇ℓᵢ.
/// Taught in notebook 06 · Training concisely; its weight decay in notebook 14 · Weight decay.
/// </summary>
public sealed class Sgd : IOptimizer
{
    private readonly ParameterGroup[] _groups;
    private double _lr;

    /// <summary>
    /// SGD over <paramref name="parameters"/>. With <paramref name="weightDecay"/> &gt; 0, weights are decayed and
    /// biases are not, unless <paramref name="decayBias"/> is set (two parameter groups are made).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">learningRate ≤ 0 or not finite; weightDecay &lt; 0.</exception>
    /// <exception cref="ArgumentException">no parameters.</exception>
    public Sgd(IEnumerable<Parameter> parameters, double learningRate, double weightDecay = 0, bool decayBias = false)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var ps = parameters.ToArray();
        if (ps.Length == 0) throw new ArgumentException("SGD needs at least one parameter, got none.", nameof(parameters));
        Guard.NonNegative(weightDecay, nameof(weightDecay), "Weight decay");
        var decayed = ps.Where(p => decayBias || !p.IsBias).ToArray();
        var plain = ps.Where(p => !decayBias && p.IsBias).ToArray();
        var groups = new List<ParameterGroup>();
        if (decayed.Length > 0) groups.Add(new ParameterGroup(decayed, weightDecay));
        if (plain.Length > 0) groups.Add(new ParameterGroup(plain, 0));
        _groups = groups.ToArray();
        Guard.Positive(learningRate, nameof(learningRate), "The learning rate");
        _lr = learningRate;
    }

    /// <summary>SGD over explicit parameter groups.</summary>
    /// <exception cref="ArgumentOutOfRangeException">learningRate ≤ 0 or not finite.</exception>
    /// <exception cref="ArgumentException">no groups.</exception>
    public Sgd(IEnumerable<ParameterGroup> groups, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(groups);
        _groups = groups.ToArray();
        if (_groups.Length == 0) throw new ArgumentException("SGD needs at least one parameter group, got none.", nameof(groups));
        Guard.Positive(learningRate, nameof(learningRate), "The learning rate");
        _lr = learningRate;
    }

    /// <summary>The parameter groups.</summary>
    public IReadOnlyList<ParameterGroup> Groups => _groups;

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">set to a value ≤ 0 or not finite.</exception>
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
        foreach (var group in _groups)
        {
            double lr = group.LearningRate ?? _lr;
            foreach (var p in group.Parameters)
            {
                Vector<double> value = p.ValueVector, grad = p.GradVector;
                // p ← p − η(∇p + λp), written with MathNet's in-place vector operations
                if (group.WeightDecay > 0)
                    value.Multiply(1 - lr * group.WeightDecay, value);
                value.Subtract(grad.Multiply(lr), value);
            }
        }
    }

    /// <inheritdoc/>
    public void ZeroGrad()
    {
        foreach (var g in _groups)
            foreach (var p in g.Parameters) p.ZeroGrad();
    }
}
