using LinReg.Models;
using LinReg.Numerics;
using LinReg.Training;

namespace LinReg.Experiments;

/// <summary>
/// An observer that records the model's parameters after every optimizer step — the path an optimizer takes
/// across the loss surface. The starting point is recorded when the trace is created, so
/// <c>Weights[k]</c>, <c>Biases[k]</c> are the parameters after k steps.
/// Used by notebook 11 · Common pitfalls (the optimizer's path on the loss surface).
/// </summary>
public sealed class ParameterTrace : ITrainingObserver
{
    private readonly Parameter _weight;
    private readonly Parameter _bias;
    private readonly List<double[]> _weights = [];
    private readonly List<double> _biases = [];

    /// <summary>Starts a trace at the model's current parameters.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public ParameterTrace(LinearRegressionScratch model)
        : this((model ?? throw new ArgumentNullException(nameof(model))).Weight, model.Bias)
    {
    }

    /// <inheritdoc cref="ParameterTrace(LinearRegressionScratch)"/>
    public ParameterTrace(Linear model)
        : this((model ?? throw new ArgumentNullException(nameof(model))).Weight, model.Bias)
    {
    }

    private ParameterTrace(Parameter weight, Parameter bias)
    {
        _weight = weight;
        _bias = bias;
        Record();
    }

    /// <summary>w after 0, 1, 2, … steps (copies).</summary>
    public IReadOnlyList<double[]> Weights => _weights;

    /// <summary>b after 0, 1, 2, … steps.</summary>
    public IReadOnlyList<double> Biases => _biases;

    /// <summary>Number of recorded points (steps + 1).</summary>
    public int Count => _biases.Count;

    /// <summary>The path of one weight coordinate wⱼ.</summary>
    /// <exception cref="ArgumentOutOfRangeException">j is not in [0, d).</exception>
    public double[] Weight(int j)
    {
        if ((uint)j >= (uint)_weight.Length)
            throw new ArgumentOutOfRangeException(nameof(j), j, $"The weight index must be in [0, {_weight.Length}), got {j}.");
        return _weights.Select(w => w[j]).ToArray();
    }

    /// <summary>
    /// The first k such that ‖θ_k − θ*‖ ≤ tolerance·‖θ₀ − θ*‖, θ = (w, b), or null if the trace never gets there.
    /// </summary>
    /// <param name="targetWeights">w* (length d).</param>
    /// <param name="targetBias">b*.</param>
    /// <param name="tolerance">Relative distance in (0, 1).</param>
    /// <exception cref="ArgumentException">targetWeights has the wrong length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">tolerance not in (0, 1).</exception>
    public int? StepsToReach(IReadOnlyList<double> targetWeights, double targetBias, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(targetWeights);
        if (targetWeights.Count != _weight.Length)
            throw new ArgumentException($"targetWeights has {targetWeights.Count} values but the model has {_weight.Length} weights.", nameof(targetWeights));
        if (!(tolerance > 0 && tolerance < 1))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, $"tolerance must be in (0, 1), got {Format.Num(tolerance)}.");
        double d0 = Distance(0, targetWeights, targetBias);
        for (int k = 0; k < Count; k++)
            if (Distance(k, targetWeights, targetBias) <= tolerance * d0) return k;
        return null;
    }

    /// <summary>‖θ_k − θ*‖ for every recorded k.</summary>
    /// <exception cref="ArgumentException">targetWeights has the wrong length.</exception>
    public double[] DistancesTo(IReadOnlyList<double> targetWeights, double targetBias)
    {
        ArgumentNullException.ThrowIfNull(targetWeights);
        if (targetWeights.Count != _weight.Length)
            throw new ArgumentException($"targetWeights has {targetWeights.Count} values but the model has {_weight.Length} weights.", nameof(targetWeights));
        return Enumerable.Range(0, Count).Select(k => Distance(k, targetWeights, targetBias)).ToArray();
    }

    private double Distance(int k, IReadOnlyList<double> w, double b)
    {
        double s = (Biases[k] - b) * (Biases[k] - b);
        for (int j = 0; j < w.Count; j++) s += (Weights[k][j] - w[j]) * (Weights[k][j] - w[j]);
        return Math.Sqrt(s);
    }

    /// <inheritdoc/>
    public void OnStep(StepMetrics step) => Record();

    /// <inheritdoc/>
    public void OnEpoch(EpochMetrics epoch)
    {
    }

    private void Record()
    {
        _weights.Add((double[])_weight.Value.Clone());
        _biases.Add(_bias.Value[0]);
    }
}
