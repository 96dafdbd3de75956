using LinReg.Data;
using LinReg.Numerics;
using LinReg.Probability;

namespace LinReg.Models;

/// <summary>
/// A multilayer perceptron for regression with one hidden layer, written from scratch with arrays and loops:
/// d inputs → h hidden units with activation φ → 1 output. PyTorch's
/// <c>nn.Sequential(nn.Linear(d, h), nn.Tanh(), nn.Linear(h, 1))</c> (or <c>nn.ReLU()</c>).
/// <para>For a minibatch X_B (|B|×d, row-major):</para>
/// <code>
///   Z = X_B W₁ᵀ + 1 b₁ᵀ     |B|×h   pre-activations: zᵢₖ = Σⱼ xᵢⱼ W₁[k, j] + b₁[k]
///   A = φ(Z)                |B|×h   hidden activations, elementwise
///   ŷ = A w₂ + b₂           |B|     ŷᵢ = Σₖ aᵢₖ w₂[k] + b₂
/// </code>
/// <para>with the parameters W₁ ∈ ℝ^{h×d} (<see cref="HiddenWeight"/>, row k holds unit k's input weights, stored
/// row-major like PyTorch's <c>weight</c> of shape (out, in)), b₁ ∈ ℝʰ (<see cref="HiddenBias"/>), w₂ ∈ ℝʰ
/// (<see cref="OutputWeight"/>) and b₂ ∈ ℝ (<see cref="OutputBias"/>). The two biases are parameters of their own,
/// marked <see cref="Parameter.IsBias"/>, so <c>Sgd</c>'s parameter groups leave them out of weight decay.</para>
/// <para>The backward pass is the chain rule, written out. Given g = ∂L/∂ŷ (length |B|, from the loss):</para>
/// <code>
///   ∂L/∂w₂ += Aᵀ g          (h)       ∂L/∂b₂ += Σᵢ gᵢ
///   Δ = (g w₂ᵀ) ⊙ φ′(Z)     |B|×h     δᵢₖ = gᵢ w₂[k] φ′(zᵢₖ)
///   ∂L/∂W₁ += Δᵀ X_B        (h×d)     ∂L/∂b₁ += Σᵢ δᵢ  (h)
/// </code>
/// <para>Like the linear models it ADDS into the gradient buffers: only <see cref="Module.ZeroGrad"/> clears them.
/// It keeps no state between calls: <see cref="Backward"/> recomputes Z and A from the batch and the current
/// parameters instead of storing them from <see cref="Forward(Batch)"/> (frameworks store them, trading memory for the
/// recomputation). So Forward and Backward may be called in any order and any number of times; in the training loop
/// (forward, loss, zero_grad, backward, step) the parameters do not change between the two calls, and Backward
/// differentiates exactly the forward pass that produced the loss.</para>
/// <para>Why random initial weights: if two hidden units start with the same weights they compute the same activation
/// and receive the same gradient, at every step, so they stay copies of each other; with all weights zero (and
/// φ(0) = 0 for both activations) no weight receives any gradient at all. <see cref="WeightInit"/> gives the choices.</para>
/// Taught in notebook 12 · Replace the model, keep the loop.
/// </summary>
public sealed class Mlp : Module, IRegressionModel
{
    /// <summary>
    /// A network with random weights drawn from <paramref name="seed"/> by <paramref name="init"/> (the hidden weights
    /// W₁ first, row by row, then w₂) and both biases 0. The same arguments give the same network on every run.
    /// </summary>
    /// <param name="features">d ≥ 1, the number of inputs.</param>
    /// <param name="hidden">h ≥ 1, the number of hidden units.</param>
    /// <param name="activation">φ.</param>
    /// <param name="seed">Fixes every random number drawn.</param>
    /// <param name="init">How the weights are drawn; <see cref="WeightInit.Auto"/> = He for ReLU, Xavier for tanh.</param>
    /// <exception cref="ArgumentOutOfRangeException">features ≤ 0; hidden ≤ 0; activation or init is not a defined value.</exception>
    public Mlp(int features, int hidden, Activation activation = Activation.Tanh, int seed = 0, WeightInit init = WeightInit.Auto)
    {
        Guard.Positive(features, nameof(features), "The number of features");
        Guard.Positive(hidden, nameof(hidden), "The number of hidden units");
        CheckActivation(activation);
        if (!Enum.IsDefined(init))
            throw new ArgumentOutOfRangeException(nameof(init), init, $"init must be a defined WeightInit ({string.Join(", ", Enum.GetNames<WeightInit>())}), got {(int)init}.");
        Features = features;
        Hidden = hidden;
        Activation = activation;
        if (init == WeightInit.Auto) init = activation == Activation.ReLU ? WeightInit.HeNormal : WeightInit.XavierNormal;
        Init = init;

        var w1 = new double[hidden * features];
        var w2 = new double[hidden];
        if (init != WeightInit.Zeros)
        {
            var normal = new NormalSampler(seed);
            normal.Fill(w1, 0, Math.Sqrt(Variance(init, features, hidden)));
            normal.Fill(w2, 0, Math.Sqrt(Variance(init, hidden, 1)));
        }
        HiddenWeight = Register(new Parameter("hidden.weight", w1));
        HiddenBias = Register(new Parameter("hidden.bias", new double[hidden], isBias: true));
        OutputWeight = Register(new Parameter("output.weight", w2));
        OutputBias = Register(new Parameter("output.bias", [0.0], isBias: true));
    }

    /// <summary>A network with the given parameters (copied), e.g. a hand-made one to check by hand.</summary>
    /// <param name="hiddenWeight">W₁, h×d: row k holds hidden unit k's weights on the d inputs.</param>
    /// <param name="hiddenBias">b₁, h values.</param>
    /// <param name="outputWeight">w₂, h values.</param>
    /// <param name="outputBias">b₂.</param>
    /// <param name="activation">φ.</param>
    /// <exception cref="ArgumentNullException">an array is null.</exception>
    /// <exception cref="ArgumentException">hiddenWeight has no rows or no columns; hiddenBias or outputWeight does not have h values; an entry is NaN or ±∞.</exception>
    /// <exception cref="ArgumentOutOfRangeException">outputBias is not finite; activation is not a defined value.</exception>
    public Mlp(double[,] hiddenWeight, double[] hiddenBias, double[] outputWeight, double outputBias, Activation activation = Activation.Tanh)
    {
        ArgumentNullException.ThrowIfNull(hiddenWeight);
        ArgumentNullException.ThrowIfNull(hiddenBias);
        ArgumentNullException.ThrowIfNull(outputWeight);
        int h = hiddenWeight.GetLength(0), d = hiddenWeight.GetLength(1);
        if (h == 0 || d == 0)
            throw new ArgumentException($"hiddenWeight must be h×d with h ≥ 1 and d ≥ 1, got {h}×{d}.", nameof(hiddenWeight));
        if (hiddenBias.Length != h)
            throw new ArgumentException($"hiddenBias has {hiddenBias.Length} values but hiddenWeight has h = {h} rows (one bias per hidden unit).", nameof(hiddenBias));
        if (outputWeight.Length != h)
            throw new ArgumentException($"outputWeight has {outputWeight.Length} values but hiddenWeight has h = {h} rows (one weight per hidden unit).", nameof(outputWeight));
        var w1 = new double[h * d];
        for (int k = 0; k < h; k++)
            for (int j = 0; j < d; j++) w1[k * d + j] = hiddenWeight[k, j];
        Guard.AllFinite(w1, h, d, nameof(hiddenWeight));
        Guard.AllFinite(hiddenBias, nameof(hiddenBias));
        Guard.AllFinite(outputWeight, nameof(outputWeight));
        Guard.Finite(outputBias, nameof(outputBias), "The output bias");
        CheckActivation(activation);
        Features = d;
        Hidden = h;
        Activation = activation;
        Init = null;
        HiddenWeight = Register(new Parameter("hidden.weight", w1));
        HiddenBias = Register(new Parameter("hidden.bias", (double[])hiddenBias.Clone(), isBias: true));
        OutputWeight = Register(new Parameter("output.weight", (double[])outputWeight.Clone()));
        OutputBias = Register(new Parameter("output.bias", [outputBias], isBias: true));
    }

    /// <inheritdoc/>
    public int Features { get; }

    /// <summary>h, the number of hidden units.</summary>
    public int Hidden { get; }

    /// <summary>φ, the hidden layer's activation.</summary>
    public Activation Activation { get; }

    /// <summary>How the weights were drawn (<see cref="WeightInit.Auto"/> resolved to He or Xavier); null when they were given.</summary>
    public WeightInit? Init { get; }

    /// <summary>W₁ ∈ ℝ^{h×d}, row-major: entry [k·d + j] is hidden unit k's weight on input j.</summary>
    public Parameter HiddenWeight { get; }

    /// <summary>b₁ ∈ ℝʰ, one bias per hidden unit (a bias parameter).</summary>
    public Parameter HiddenBias { get; }

    /// <summary>w₂ ∈ ℝʰ, the output's weight on each hidden unit.</summary>
    public Parameter OutputWeight { get; }

    /// <summary>b₂ ∈ ℝ, the output bias (a one-element bias parameter).</summary>
    public Parameter OutputBias { get; }

    /// <summary>The variance a <see cref="WeightInit"/> draws a layer's weights with: He 2/fan_in, Xavier 2/(fan_in + fan_out), Zeros 0.</summary>
    /// <param name="init">HeNormal, XavierNormal or Zeros (Auto depends on the activation: resolve it first).</param>
    /// <param name="fanIn">The layer's number of inputs (≥ 1).</param>
    /// <param name="fanOut">The layer's number of outputs (≥ 1).</param>
    /// <returns>Var(W).</returns>
    /// <exception cref="ArgumentOutOfRangeException">fanIn or fanOut ≤ 0; init is Auto or not a defined value.</exception>
    public static double Variance(WeightInit init, int fanIn, int fanOut)
    {
        Guard.Positive(fanIn, nameof(fanIn), "fan_in");
        Guard.Positive(fanOut, nameof(fanOut), "fan_out");
        return init switch
        {
            WeightInit.HeNormal => 2.0 / fanIn,
            WeightInit.XavierNormal => 2.0 / (fanIn + fanOut),
            WeightInit.Zeros => 0.0,
            _ => throw new ArgumentOutOfRangeException(nameof(init), init,
                $"init must be HeNormal, XavierNormal or Zeros (Auto depends on the activation), got {init}."),
        };
    }

    /// <inheritdoc/>
    public double[] Forward(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        CheckFeatures(batch.Features, nameof(batch));
        return Forward(batch.X, batch.Size);
    }

    /// <inheritdoc/>
    public double[] Predict(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckFeatures(data.Features, nameof(data));
        return Forward(data.X, data.Count);
    }

    /// <summary>A = φ(X W₁ᵀ + b₁) for every row of a dataset: n×h, row-major (entry [i·h + k] is unit k on example i).</summary>
    /// <param name="data">n examples with d features.</param>
    /// <returns>The hidden activations.</returns>
    /// <exception cref="ArgumentException">the dataset has a different number of features than the network.</exception>
    public double[] HiddenActivations(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckFeatures(data.Features, nameof(data));
        var z = new double[data.Count * Hidden];
        var a = new double[z.Length];
        HiddenLayer(data.X, data.Count, z, a);
        return a;
    }

    /// <inheritdoc/>
    /// <remarks>Recomputes the hidden layer from <paramref name="batch"/> and the current parameters (see the class remarks).</remarks>
    public void Backward(Batch batch, ReadOnlySpan<double> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(batch);
        CheckFeatures(batch.Features, nameof(batch));
        if (gradOutput.Length != batch.Size)
            throw new ArgumentException($"gradOutput has {gradOutput.Length} values but the batch has {batch.Size} examples.", nameof(gradOutput));
        int n = batch.Size, d = Features, h = Hidden;
        double[] x = batch.X;
        var z = new double[n * h];
        var a = new double[n * h];
        HiddenLayer(x, n, z, a);

        double[] w2 = OutputWeight.Value;
        double[] gW1 = HiddenWeight.Grad, gb1 = HiddenBias.Grad, gw2 = OutputWeight.Grad;
        double gb2 = 0;
        for (int i = 0; i < n; i++)
        {
            double g = gradOutput[i];
            gb2 += g;                                                        // ∂L/∂b₂ += gᵢ
            for (int k = 0; k < h; k++)
            {
                int ik = i * h + k;
                gw2[k] += a[ik] * g;                                         // ∂L/∂w₂[k] += aᵢₖ gᵢ
                double delta = g * w2[k] * Derivative(z[ik], a[ik]);         // δᵢₖ = gᵢ w₂[k] φ′(zᵢₖ)
                gb1[k] += delta;                                             // ∂L/∂b₁[k] += δᵢₖ
                for (int j = 0; j < d; j++) gW1[k * d + j] += delta * x[i * d + j];   // ∂L/∂W₁[k, j] += δᵢₖ xᵢⱼ
            }
        }
        OutputBias.Grad[0] += gb2;
    }

    private double[] Forward(double[] x, int rows)
    {
        int h = Hidden;
        var z = new double[rows * h];
        var a = new double[rows * h];
        HiddenLayer(x, rows, z, a);
        double[] w2 = OutputWeight.Value;
        double b2 = OutputBias.Value[0];
        var yHat = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double s = 0;
            for (int k = 0; k < h; k++) s += a[i * h + k] * w2[k];
            yHat[i] = s + b2;                                                // ŷᵢ = Σₖ aᵢₖ w₂[k] + b₂
        }
        return yHat;
    }

    /// <summary>Z = X W₁ᵀ + b₁ and A = φ(Z) into the given rows×h arrays. Every unit is computed by the same loop.</summary>
    private void HiddenLayer(double[] x, int rows, double[] z, double[] a)
    {
        int d = Features, h = Hidden;
        double[] w1 = HiddenWeight.Value, b1 = HiddenBias.Value;
        for (int i = 0; i < rows; i++)
        {
            for (int k = 0; k < h; k++)
            {
                double s = 0;
                for (int j = 0; j < d; j++) s += x[i * d + j] * w1[k * d + j];
                s += b1[k];                                                  // zᵢₖ = Σⱼ xᵢⱼ W₁[k, j] + b₁[k]
                z[i * h + k] = s;
                a[i * h + k] = Activation == Activation.ReLU ? Math.Max(0.0, s) : Math.Tanh(s);
            }
        }
    }

    /// <summary>φ′(z), given z and a = φ(z): 1 − a² for tanh; 1 for z &gt; 0 and 0 otherwise for ReLU.</summary>
    private double Derivative(double z, double a) =>
        Activation == Activation.ReLU ? (z > 0 ? 1.0 : 0.0) : 1 - a * a;

    private void CheckFeatures(int features, string paramName)
    {
        if (features != Features)
            throw new ArgumentException($"The MLP has d = {Features} inputs but the data has {features} features.", paramName);
    }

    private static void CheckActivation(Activation activation)
    {
        if (!Enum.IsDefined(activation))
            throw new ArgumentOutOfRangeException(nameof(activation), activation,
                $"activation must be a defined Activation ({string.Join(", ", Enum.GetNames<Activation>())}), got {(int)activation}.");
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"Mlp(in={Features}, hidden={Hidden}, {(Activation == Activation.ReLU ? "ReLU" : "tanh")}, out=1): {Parameters.Sum(p => p.Length)} parameters";
}
