using LinReg.Data;
using LinReg.Losses;
using LinReg.Models;
using LinReg.Numerics;

namespace LinReg.Experiments;

/// <summary>
/// How noisy is a minibatch gradient? The seed's update uses g_B = (1/|B|) Σ_{i∈B} ∇ℓᵢ in place of the full gradient
/// g = (1/n) Σᵢ ∇ℓᵢ. For a batch drawn uniformly without replacement (one batch of a shuffled epoch) g_B is unbiased,
/// E[g_B] = g, and its total variance has the closed form
/// E‖g_B − g‖² = (n − |B|) / (|B|·(n − 1)) · (1/n) Σᵢ ‖∇ℓᵢ − g‖² —
/// the per-example spread divided by |B|, times the finite-population correction that makes it exactly 0 at |B| = n.
/// Gradients are computed by the model's own backward pass, the one the trainer uses.
/// Used by notebook 08 · Minibatch noise.
/// </summary>
public static class GradientNoise
{
    /// <summary>
    /// ∇L_B at the model's current parameters for one batch, as one vector: every parameter's gradient in the order of
    /// <see cref="IRegressionModel.Parameters"/> (for a linear model ∂L/∂w₁ … ∂L/∂w_d, ∂L/∂b). The model's gradient
    /// buffers are left exactly as they were.
    /// </summary>
    /// <exception cref="ArgumentException">the batch has a different number of features than the model.</exception>
    public static double[] Gradient(IRegressionModel model, ILoss loss, Batch batch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Features != model.Features)
            throw new ArgumentException($"The batch has {batch.Features} features but the model has {model.Features}.", nameof(batch));
        var saved = model.Parameters.Select(p => (double[])p.Grad.Clone()).ToArray();
        model.ZeroGrad();
        double[] yHat = model.Forward(batch);
        model.Backward(batch, loss.Backward(yHat, batch.Y));
        var g = model.Parameters.SelectMany(p => p.Grad).ToArray();
        for (int k = 0; k < saved.Length; k++) Array.Copy(saved[k], model.Parameters[k].Grad, saved[k].Length);
        return g;
    }

    /// <summary>g = ∇L over the whole dataset (one batch holding every example).</summary>
    /// <exception cref="ArgumentException">the loss is not Mean-reduced, or the features differ.</exception>
    public static double[] FullGradient(IRegressionModel model, ILoss loss, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckMean(loss);
        return Gradient(model, loss, Batch.FromDataset(data));
    }

    /// <summary>∇ℓᵢ for every example i (n rows, each as long as <see cref="Gradient"/>'s: d + 1 for a linear model).</summary>
    /// <exception cref="ArgumentException">the loss is not Mean-reduced, or the features differ.</exception>
    public static double[][] PerExampleGradients(IRegressionModel model, ILoss loss, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckMean(loss);
        var rows = new double[data.Count][];
        for (int i = 0; i < data.Count; i++) rows[i] = Gradient(model, loss, Batch.Gather(data, [i]));
        return rows;
    }

    /// <summary>cos∠(a, b) = aᵀb / (‖a‖‖b‖).</summary>
    /// <remarks>
    /// Each vector is first scaled by a power of two (exact; the cosine does not change), so the sums of squares can
    /// neither underflow to 0 (entries near 1e-200) nor overflow to ∞ (entries near 1e200): "zero vector" means every
    /// entry is 0.
    /// </remarks>
    /// <exception cref="ArgumentException">lengths differ, or either vector is zero (the angle is undefined).</exception>
    public static double Cosine(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"a has {a.Length} values but b has {b.Length}.", nameof(b));
        int ka = Exponent(a), kb = Exponent(b);
        if (ka == int.MinValue) throw new ArgumentException("a is the zero vector: its angle with anything is undefined.", nameof(a));
        if (kb == int.MinValue) throw new ArgumentException("b is the zero vector: its angle with anything is undefined.", nameof(b));
        double ab = 0, aa = 0, bb = 0;
        for (int k = 0; k < a.Length; k++)
        {
            double x = Math.ScaleB(a[k], -ka), y = Math.ScaleB(b[k], -kb);   // largest entries now in [1, 2)
            ab += x * y; aa += x * x; bb += y * y;
        }
        return Math.Clamp(ab / (Math.Sqrt(aa) * Math.Sqrt(bb)), -1.0, 1.0);
    }

    /// <summary>The binary exponent of the largest |entry|, or int.MinValue when every entry is 0.</summary>
    private static int Exponent(ReadOnlySpan<double> v)
    {
        double max = 0;
        foreach (double x in v) max = Math.Max(max, Math.Abs(x));
        return max == 0 ? int.MinValue : Math.ILogB(max);
    }

    /// <summary>
    /// Draws <paramref name="draws"/> minibatches of size <paramref name="batchSize"/>, each uniformly without
    /// replacement (independently of the others), and compares each minibatch gradient with the full gradient at the
    /// model's current parameters.
    /// </summary>
    /// <param name="model">The model; its parameters are not changed.</param>
    /// <param name="loss">A Mean-reduced loss (so that g_B estimates g).</param>
    /// <param name="data">The dataset (n examples).</param>
    /// <param name="batchSize">|B| in [1, n].</param>
    /// <param name="draws">How many minibatches (≥ 1).</param>
    /// <param name="seed">Fixes the minibatches drawn.</param>
    /// <exception cref="ArgumentOutOfRangeException">batchSize not in [1, n], or draws ≤ 0.</exception>
    /// <exception cref="ArgumentException">the loss is not Mean-reduced; the full gradient is zero (no direction to compare with).</exception>
    public static GradientNoiseSample Sample(IRegressionModel model, ILoss loss, Dataset data, int batchSize, int draws, int seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        CheckMean(loss);
        CheckBatchSize(batchSize, data.Count);
        Guard.Positive(draws, nameof(draws), "The number of draws");
        double[] g = FullGradient(model, loss, data);
        if (g.All(v => v == 0)) throw new ArgumentException("The full gradient is exactly zero here: there is no direction to compare minibatch gradients with.", nameof(model));
        var rng = new Random(seed);
        int n = data.Count;
        var order = Enumerable.Range(0, n).ToArray();
        var cos = new double[draws];
        var dev = new double[draws];
        for (int t = 0; t < draws; t++)
        {
            // partial Fisher–Yates: the first batchSize entries become a uniform random subset
            for (int k = 0; k < batchSize; k++)
            {
                int j = k + rng.Next(n - k);
                (order[k], order[j]) = (order[j], order[k]);
            }
            double[] gb = Gradient(model, loss, Batch.Gather(data, order.AsSpan(0, batchSize)));
            double s = 0;
            for (int k = 0; k < g.Length; k++) { double e = gb[k] - g[k]; s += e * e; }
            dev[t] = s;
            cos[t] = gb.All(v => v == 0) ? 0 : Cosine(gb, g);
        }
        return new GradientNoiseSample(batchSize, cos, dev, g);
    }

    /// <summary>
    /// The exact E‖g_B − g‖² for a batch of size |B| drawn uniformly without replacement:
    /// (n − |B|)/(|B|(n − 1)) · (1/n) Σᵢ ‖∇ℓᵢ − g‖².
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">batchSize not in [1, n].</exception>
    /// <exception cref="ArgumentException">the loss is not Mean-reduced; n = 1.</exception>
    public static double ExpectedSquaredDeviation(IRegressionModel model, ILoss loss, Dataset data, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckMean(loss);
        CheckBatchSize(batchSize, data.Count);
        int n = data.Count;
        if (n == 1) throw new ArgumentException("With n = 1 there is only one possible batch; the variance formula needs n ≥ 2.", nameof(data));
        double[] g = FullGradient(model, loss, data);
        double spread = 0;
        foreach (double[] gi in PerExampleGradients(model, loss, data))
            for (int k = 0; k < g.Length; k++) { double e = gi[k] - g[k]; spread += e * e; }
        spread /= n;
        return (double)(n - batchSize) / ((double)batchSize * (n - 1)) * spread;
    }

    private static void CheckMean(ILoss loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (loss.Reduction != Reduction.Mean)
            throw new ArgumentException($"The loss must be Mean-reduced for a minibatch gradient to estimate the full gradient, got {loss.Reduction}.", nameof(loss));
    }

    private static void CheckBatchSize(int batchSize, int n)
    {
        if (batchSize < 1 || batchSize > n)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"The batch size must be in [1, n = {n}], got {batchSize}.");
    }
}
