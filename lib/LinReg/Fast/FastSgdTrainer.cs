using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using LinReg.Data;
using LinReg.Losses;
using LinReg.Models;
using LinReg.Optim;
using LinReg.Training;
using LinReg.Numerics;

namespace LinReg.Fast;

/// <summary>
/// The optimized training loop for ŷ = Xw + b with the squared loss and minibatch SGD: the same numbers as
/// <c>new Trainer(model, loss, new Sgd(model.Parameters, η, λ)).Fit(new DataIter(data, |B|, shuffle, seed), epochs)</c>
/// (to rounding), without the per-minibatch work of the readable loop.
/// Taught in notebook 15 · Scaling up (the readable <see cref="Trainer"/> is the loop notebooks 05 and 06 teach; this one
/// gives its numbers on a million rows at about the speed of reading the rows once: lib/LinReg/Fast/README.md).
/// </summary>
/// <remarks>
/// <para>
/// <b>From a readable trainer.</b> <see cref="TryCreate"/> takes an assembled <see cref="Trainer"/> and returns the
/// fast trainer for the same pieces when it supports them, or says why not — no exception either way, so a program
/// can write <c>if (FastSgdTrainer.TryCreate(trainer, out var fast, out var why)) fast.Fit(loader, 5); else trainer.Fit(loader, 5);</c>.
/// </para>
/// <para>
/// Per minibatch B of the shuffled index array, for each example i ∈ B read in place from the row-major X (no gathered
/// copy): rᵢ = xᵢ·w + b − yᵢ (SIMD dot products, four rows at a time so their cache misses overlap), then
/// ∇w += c·rᵢ·xᵢ and ∇b += c·rᵢ (SIMD axpy, four rows per pass over a gradient buffer allocated once per
/// <see cref="Fit(DataIter, int, Dataset?, ITrainingObserver?, CancellationToken)"/>), in chunks of 16 rows that stay
/// in L1 between the two loops, with c = (halved ? 1 : 2) / (Mean ? |B| : 1). Then w ← w − η(∇w + λw), b ← b − η∇b — the update of
/// <see cref="Optim.Sgd"/> with weight decay λ on the weights only. The loss of the minibatch is
/// (halved ? ½ : 1)·Σ rᵢ² / (Mean ? |B| : 1), as <see cref="SquaredLoss"/> and <see cref="MseLoss"/> define it.
/// </para>
/// <para>
/// The permutations are drawn from the iterator's own seeded generator exactly as <see cref="DataIter"/> and
/// <see cref="DataLoader"/> draw them, so a fast epoch visits the examples in the same order as the readable one and
/// the generator's state afterwards is the same. Floating-point sums run in a different order (SIMD lanes), so results
/// agree to rounding (≈ 1e-15 relative per step), not bit for bit.
/// </para>
/// <para>
/// Allocation: the index permutation (n ints) and the gradient buffer (d doubles) per call; nothing per minibatch
/// unless steps are recorded (<see cref="RecordSteps"/>) or an observer is given, which need one
/// <see cref="StepMetrics"/> record per step.
/// </para>
/// </remarks>
public sealed class FastSgdTrainer
{
    private readonly double _lossScale;   // ½ or 1
    private readonly bool _mean;
    private readonly Parameter _weight;
    private readonly Parameter _bias;
    private double _lr;
    /// <summary>Rows per forward/backward chunk (their rows stay in L1 between the two loops).</summary>
    private const int Chunk = 16;

    /// <summary>Assembles the fast trainer.</summary>
    /// <param name="model">The model whose <see cref="LinearRegressionScratch.Weight"/> and <see cref="LinearRegressionScratch.Bias"/> are trained in place.</param>
    /// <param name="loss">A <see cref="SquaredLoss"/> or <see cref="MseLoss"/> (its reduction and its ½ are honoured).</param>
    /// <param name="learningRate">η &gt; 0.</param>
    /// <param name="weightDecay">λ ≥ 0, applied to the weights but not the bias, as <see cref="Optim.Sgd"/> does by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="loss"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="loss"/> is not a squared loss (the fast path implements only that one).</exception>
    /// <exception cref="ArgumentOutOfRangeException">η ≤ 0 or not finite; λ &lt; 0 or not finite.</exception>
    public FastSgdTrainer(LinearRegressionScratch model, ILoss loss, double learningRate, double weightDecay = 0)
        : this(model, model?.Weight, model?.Bias, loss, learningRate, weightDecay)
    {
    }

    /// <summary>Assembles the fast trainer for the concise layer (the same ŷ = Xw + b).</summary>
    /// <param name="model">The layer whose <see cref="Linear.Weight"/> and <see cref="Linear.Bias"/> are trained in place.</param>
    /// <param name="loss">A <see cref="SquaredLoss"/> or <see cref="MseLoss"/> (its reduction and its ½ are honoured).</param>
    /// <param name="learningRate">η &gt; 0.</param>
    /// <param name="weightDecay">λ ≥ 0, applied to the weights but not the bias, as <see cref="Optim.Sgd"/> does by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="loss"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="loss"/> is not a squared loss (the fast path implements only that one).</exception>
    /// <exception cref="ArgumentOutOfRangeException">η ≤ 0 or not finite; λ &lt; 0 or not finite.</exception>
    public FastSgdTrainer(Linear model, ILoss loss, double learningRate, double weightDecay = 0)
        : this(model, model?.Weight, model?.Bias, loss, learningRate, weightDecay)
    {
    }

    private FastSgdTrainer(IRegressionModel? model, Parameter? weight, Parameter? bias, ILoss loss, double learningRate, double weightDecay)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        bool halved = loss switch
        {
            SquaredLoss s => s.Halved,
            MseLoss m => m.Halved,
            _ => throw new ArgumentException(
                $"The fast path implements the squared loss only (SquaredLoss or MseLoss); got {loss.GetType().Name}. Use Trainer for other losses.",
                nameof(loss)),
        };
        Guard.NonNegative(weightDecay, nameof(weightDecay), "Weight decay");
        Guard.Positive(learningRate, nameof(learningRate), "The learning rate");
        Model = model;
        _weight = weight!;
        _bias = bias!;
        Loss = loss;
        WeightDecay = weightDecay;
        _lr = learningRate;
        _lossScale = halved ? 0.5 : 1.0;
        _mean = loss.Reduction == Reduction.Mean;
    }

    /// <summary>
    /// The fast trainer for the pieces of a readable <paramref name="trainer"/>, when it supports them: a
    /// <see cref="LinearRegressionScratch"/> or <see cref="Linear"/> model; a <see cref="SquaredLoss"/> or
    /// <see cref="MseLoss"/> (either reduction, with or without the ½); an optimizer over exactly that model's weight and
    /// bias that is a <see cref="ScratchSgd"/> with divisor 1 or an <see cref="Sgd"/> whose groups have no learning
    /// rate of their own and no weight decay on the bias; and <see cref="Trainer.ZeroGradEachStep"/> on. Never throws
    /// for unsupported pieces: it returns false and <paramref name="reason"/> names the first piece it cannot run.
    /// </summary>
    /// <remarks>
    /// The fast trainer trains the same model object in place, with the optimizer's learning rate and weight decay as
    /// they are now (a snapshot: set <see cref="LearningRate"/> to change it later). Its <c>Fit</c> takes the
    /// <see cref="DataIter"/> or <see cref="DataLoader"/> the readable loop would enumerate and gives the same
    /// permutations and, to rounding (1e-10), the same parameters and losses (lib/LinReg/Fast/README.md).
    /// </remarks>
    /// <param name="trainer">The readable trainer whose pieces to run fast.</param>
    /// <param name="fast">The fast trainer, or null.</param>
    /// <param name="reason">Why the fast trainer can (a summary of the pieces) or cannot (the first unsupported piece) run them.</param>
    /// <returns>Whether <paramref name="fast"/> was created.</returns>
    public static bool TryCreate(Trainer? trainer, [NotNullWhen(true)] out FastSgdTrainer? fast, out string reason)
    {
        fast = null;
        if (trainer is null)
        {
            reason = "There is no trainer (null).";
            return false;
        }
        (Parameter Weight, Parameter Bias)? parameters = trainer.Model switch
        {
            LinearRegressionScratch m => (m.Weight, m.Bias),
            Linear m => (m.Weight, m.Bias),
            _ => null,
        };
        if (parameters is not { } wb)
        {
            reason = $"The model is a {trainer.Model.GetType().Name}; the fast trainer trains only ŷ = Xw + b (LinearRegressionScratch or Linear).";
            return false;
        }
        if (trainer.Loss is not (SquaredLoss or MseLoss))
        {
            reason = $"The loss is a {trainer.Loss.GetType().Name}; the fast trainer implements only the squared loss (SquaredLoss or MseLoss).";
            return false;
        }
        if (!trainer.ZeroGradEachStep)
        {
            reason = "ZeroGradEachStep is off (gradients accumulate across minibatches, the pitfall notebook 11 shows); the fast trainer always starts each step from a zero gradient.";
            return false;
        }
        double weightDecay = 0;
        switch (trainer.Optimizer)
        {
            case ScratchSgd scratch:
                if (scratch.Divisor != 1)
                {
                    reason = FormattableString.Invariant($"The ScratchSgd divides the gradient by {scratch.Divisor}; the fast trainer takes the loss's own reduction (use divisor 1 with a Mean loss).");
                    return false;
                }
                if (!SameParameters(scratch.Parameters, wb, out reason)) return false;
                break;
            case Sgd sgd:
                var seen = new List<Parameter>();
                foreach (var group in sgd.Groups)
                {
                    if (group.LearningRate is { } own)
                    {
                        reason = FormattableString.Invariant($"A parameter group has its own learning rate ({own}); the fast trainer uses one learning rate for w and b.");
                        return false;
                    }
                    foreach (var p in group.Parameters)
                    {
                        seen.Add(p);
                        if (ReferenceEquals(p, wb.Bias) && group.WeightDecay != 0)
                        {
                            reason = FormattableString.Invariant($"The bias is decayed (λ = {group.WeightDecay}); the fast trainer decays the weights only, as Sgd does by default.");
                            return false;
                        }
                        if (ReferenceEquals(p, wb.Weight)) weightDecay = group.WeightDecay;
                    }
                }
                if (!SameParameters(seen, wb, out reason)) return false;
                break;
            default:
                reason = $"The optimizer is a {trainer.Optimizer.GetType().Name}; the fast trainer implements plain SGD (Sgd or ScratchSgd).";
                return false;
        }
        fast = trainer.Model is LinearRegressionScratch scratchModel
            ? new FastSgdTrainer(scratchModel, trainer.Loss, trainer.Optimizer.LearningRate, weightDecay)
            : new FastSgdTrainer((Linear)trainer.Model, trainer.Loss, trainer.Optimizer.LearningRate, weightDecay);
        reason = string.Create(CultureInfo.InvariantCulture,
            $"Supported: {trainer.Model.GetType().Name} (ŷ = Xw + b), {trainer.Loss.GetType().Name} ({trainer.Loss.Reduction}), {trainer.Optimizer.GetType().Name} with η = {trainer.Optimizer.LearningRate}, λ = {weightDecay} on w.");
        return true;
    }

    /// <summary>Whether the optimizer updates exactly the model's weight and bias, each once.</summary>
    private static bool SameParameters(IReadOnlyList<Parameter> parameters, (Parameter Weight, Parameter Bias) wb, out string reason)
    {
        bool same = parameters.Count == 2
            && parameters.Count(p => ReferenceEquals(p, wb.Weight)) == 1
            && parameters.Count(p => ReferenceEquals(p, wb.Bias)) == 1;
        reason = same ? "" : $"The optimizer updates {parameters.Count} parameter(s) that are not exactly the model's weight and bias; the fast trainer updates the model's own w and b.";
        return same;
    }

    /// <summary>The model being trained (its parameters are updated in place).</summary>
    public IRegressionModel Model { get; }

    /// <summary>The squared loss (its reduction and ½ define the gradient scale).</summary>
    public ILoss Loss { get; }

    /// <summary>λ, the weight decay on w.</summary>
    public double WeightDecay { get; }

    /// <summary>η.</summary>
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

    /// <summary>
    /// Whether <see cref="TrainingHistory.Steps"/> receives one record per minibatch (default true, as
    /// <see cref="Trainer"/> does). Set it false for allocation-free epochs; epochs are always recorded.
    /// </summary>
    public bool RecordSteps { get; set; } = true;

    /// <summary>Trains for <paramref name="epochs"/> epochs over the minibatches <paramref name="batches"/> would yield.</summary>
    /// <param name="batches">The from-scratch iterator: its dataset, batch size, shuffle and drop-last settings and its seeded generator are used.</param>
    /// <param name="epochs">≥ 1.</param>
    /// <param name="validation">Evaluated after every epoch as <see cref="Trainer.Evaluate"/> does, if given.</param>
    /// <param name="observer">Receives every step and epoch.</param>
    /// <param name="cancellationToken">Checked between steps.</param>
    /// <returns>The metrics, as <see cref="Trainer.Fit"/> reports them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="batches"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">epochs ≤ 0.</exception>
    /// <exception cref="ArgumentException">the data or validation set has a different number of features than the model.</exception>
    /// <exception cref="TrainingDivergedException">the loss became NaN or ±∞ (names the epoch, step and learning rate).</exception>
    public TrainingHistory Fit(DataIter batches, int epochs, Dataset? validation = null,
        ITrainingObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        return Run(batches.Dataset, batches.BatchSize, batches.DropLast, order => FastPathSeam.NextEpochOrder(batches, order), epochs,
            validation, observer, cancellationToken, nameof(batches));
    }

    /// <summary>Trains over the minibatches a <see cref="DataLoader"/> would yield (same permutations, same generator).</summary>
    /// <inheritdoc cref="Fit(DataIter, int, Dataset?, ITrainingObserver?, CancellationToken)"/>
    public TrainingHistory Fit(DataLoader batches, int epochs, Dataset? validation = null,
        ITrainingObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        return Run(batches.Dataset, batches.BatchSize, batches.DropLast, order => FastPathSeam.NextEpochOrder(batches, order), epochs,
            validation, observer, cancellationToken, nameof(batches));
    }

    /// <summary>The mean loss over a whole dataset, (½)·mean((ŷ − y)²), as <see cref="Trainer.Evaluate"/> computes it (no update).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">the data have a different number of features than the model.</exception>
    public double Evaluate(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckFeatures(data.Features, nameof(data));
        double b = _bias.Value[0];
        double[] w = _weight.Value;
        int d = data.Features;
        double ss = 0;
        for (int i = 0; i < data.Count; i++)
        {
            double r = SimdKernels.Dot(data.X, i * d, w, d) + b - data.Y[i];
            ss += r * r;
        }
        return _lossScale * ss / data.Count;
    }

    private TrainingHistory Run(Dataset data, int batchSize, bool dropLast, Action<int[]> nextEpochOrder, int epochs,
        Dataset? validation, ITrainingObserver? observer, CancellationToken cancellationToken, string batchesName)
    {
        Guard.Positive(epochs, nameof(epochs), "The number of epochs");
        CheckFeatures(data.Features, batchesName);
        if (validation is not null && validation.Features != Model.Features)
            throw new ArgumentException($"The validation set has {validation.Features} features but the model has {Model.Features}.", nameof(validation));

        int n = data.Count, d = data.Features;
        double[] x = data.X, y = data.Y;
        double[] w = _weight.Value;
        double[] bias = _bias.Value;
        var grad = new double[d];
        var resid = new double[Chunk];
        var order = new int[n];
        bool record = RecordSteps || observer is not null;
        var history = new TrainingHistory();
        long global = 0;
        double lastGb = 0;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            // the epoch's permutation, drawn by the iterator itself, exactly as its enumeration draws it
            nextEpochOrder(order);
            double total = 0;
            int seen = 0, step = 0;
            for (int start = 0; start < n; start += batchSize)
            {
                int size = Math.Min(batchSize, n - start);
                if (size < batchSize && dropLast) break;
                cancellationToken.ThrowIfCancellationRequested();
                double lr = _lr;
                double c = (_lossScale * 2) / (_mean ? size : 1);   // ∂L/∂ŷᵢ = c·rᵢ
                double b = bias[0];
                // Chunks of Chunk rows: forward rᵢ = xᵢ·w + b − yᵢ for the chunk (rows read in place through the
                // permutation, four rows at a time so that their cache misses overlap), then backward ∇w += c·rᵢ·xᵢ
                // (four rows per load/store of ∇w) while the chunk's rows are still in L1.
                double ss = 0, gb = 0;
                Array.Clear(grad);
                for (int c0 = start; c0 < start + size; c0 += Chunk)
                {
                    int c1 = Math.Min(c0 + Chunk, start + size);
                    int k = c0;
                    for (; k + 4 <= c1; k += 4)
                    {
                        int i0 = order[k], i1 = order[k + 1], i2 = order[k + 2], i3 = order[k + 3];
                        SimdKernels.Dot4(x, i0 * d, i1 * d, i2 * d, i3 * d, w, d, out double s0, out double s1, out double s2, out double s3);
                        double r0 = s0 + b - y[i0], r1 = s1 + b - y[i1], r2 = s2 + b - y[i2], r3 = s3 + b - y[i3];
                        resid[k - c0] = r0;
                        resid[k - c0 + 1] = r1;
                        resid[k - c0 + 2] = r2;
                        resid[k - c0 + 3] = r3;
                        ss += r0 * r0 + r1 * r1 + r2 * r2 + r3 * r3;
                    }
                    for (; k < c1; k++)
                    {
                        int i = order[k];
                        double r = SimdKernels.Dot(x, i * d, w, d) + b - y[i];
                        resid[k - c0] = r;
                        ss += r * r;
                    }
                    k = c0;
                    for (; k + 4 <= c1; k += 4)
                    {
                        double g0 = c * resid[k - c0], g1 = c * resid[k - c0 + 1], g2 = c * resid[k - c0 + 2], g3 = c * resid[k - c0 + 3];
                        SimdKernels.Axpy4(g0, g1, g2, g3, x, order[k] * d, order[k + 1] * d, order[k + 2] * d, order[k + 3] * d, grad, d);
                        gb += g0 + g1 + g2 + g3;
                    }
                    for (; k < c1; k++)
                    {
                        double g = c * resid[k - c0];
                        SimdKernels.Axpy(g, x, order[k] * d, grad, d);
                        gb += g;
                    }
                }
                double loss = _lossScale * ss / (_mean ? size : 1);
                if (!double.IsFinite(loss))
                    throw new TrainingDivergedException(epoch, step, lr, loss, history);
                // step: w ← w − η(∇w + λw); b ← b − η∇b
                if (WeightDecay > 0) SimdKernels.ScaleInPlace(1 - lr * WeightDecay, w);
                SimdKernels.Axpy(-lr, grad, 0, w, d);
                bias[0] = b - lr * gb;
                if (record)
                {
                    var s = new StepMetrics(epoch, step, global, size, loss, lr);
                    if (RecordSteps) history.Add(s);
                    observer?.OnStep(s);
                }
                total += _mean ? loss * size : loss;
                seen += size;
                step++;
                global++;
                lastGb = gb;
            }
            if (seen == 0) throw new ArgumentException($"Epoch {epoch} produced no batches.", batchesName);
            grad.AsSpan().CopyTo(_weight.Grad);   // as after Trainer: the gradient of the last step
            _bias.Grad[0] = lastGb;
            double? valid = validation is null ? null : Evaluate(validation);
            var e = new EpochMetrics(epoch, total / seen, valid, clock.Elapsed);
            history.Add(e);
            observer?.OnEpoch(e);
        }
        return history;
    }

    private void CheckFeatures(int features, string paramName)
    {
        if (features != Model.Features)
            throw new ArgumentException($"The model has {Model.Features} weights but the data has {features} features.", paramName);
    }
}
