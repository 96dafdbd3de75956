using System.Diagnostics;
using LinReg.Data;
using LinReg.Losses;
using LinReg.Models;
using LinReg.Optim;
using LinReg.Numerics;

namespace LinReg.Training;

/// <summary>
/// The training loop, assembled from the four separable pieces: a data iterator, a model, a loss and an optimizer.
/// For each epoch, for each minibatch: ŷ = model(X_B); L = loss(ŷ, y_B); zero the gradients; backward; step.
/// It reports metrics to an observer and returns the history; it never draws anything.
/// Taught in notebook 05 · Training from scratch and notebook 06 · Training concisely.
/// </summary>
/// <remarks>
/// This is the loop the book teaches, written to be read. For large data (a million rows and more) the same pieces —
/// ŷ = Xw + b, the squared loss, SGD, a <see cref="DataIter"/> or <see cref="DataLoader"/> — run several times faster,
/// with the same permutations and the same numbers to rounding, in <see cref="Fast.FastSgdTrainer"/>:
/// <c>FastSgdTrainer.TryCreate(trainer, out var fast, out var reason)</c> returns it for this trainer's pieces, or says
/// (without throwing) which piece it does not support. Notebook 15 · Scaling up shows where this loop's time goes.
/// </remarks>
public sealed class Trainer
{
    /// <summary>Assembles a trainer.</summary>
    public Trainer(IRegressionModel model, ILoss loss, IOptimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        Model = model;
        Loss = loss;
        Optimizer = optimizer;
    }

    /// <summary>The model being trained.</summary>
    public IRegressionModel Model { get; }

    /// <summary>The loss.</summary>
    public ILoss Loss { get; }

    /// <summary>The optimizer.</summary>
    public IOptimizer Optimizer { get; }

    /// <summary>
    /// Zero the gradients before every backward pass (default true). Setting it false reproduces the pitfall of
    /// calling backward() without zero_grad(): gradients accumulate across minibatches.
    /// </summary>
    public bool ZeroGradEachStep { get; set; } = true;

    /// <summary>Runs <paramref name="epochs"/> epochs; each enumeration of <paramref name="batches"/> is one epoch.</summary>
    /// <param name="batches">A <see cref="DataIter"/>, a <see cref="DataLoader"/> or any sequence of batches.</param>
    /// <param name="epochs">≥ 1.</param>
    /// <param name="validation">Evaluated with the same loss (Mean) after every epoch, if given.</param>
    /// <param name="observer">Receives every step and epoch.</param>
    /// <param name="cancellationToken">Checked between steps.</param>
    /// <returns>The metrics of every step and epoch.</returns>
    /// <exception cref="ArgumentOutOfRangeException">epochs ≤ 0.</exception>
    /// <exception cref="ArgumentException">an epoch yields no batch; batch or validation features differ from the model's.</exception>
    /// <exception cref="TrainingDivergedException">the loss became NaN or ±∞ (names the epoch, step and learning rate).</exception>
    public TrainingHistory Fit(IEnumerable<Batch> batches, int epochs, Dataset? validation = null,
        ITrainingObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        Guard.Positive(epochs, nameof(epochs), "The number of epochs");
        if (validation is not null && validation.Features != Model.Features)
            throw new ArgumentException($"The validation set has {validation.Features} features but the model has {Model.Features}.", nameof(validation));
        var history = new TrainingHistory();
        long global = 0;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            double total = 0;
            int seen = 0, step = 0;
            foreach (var batch in batches)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (batch.Features != Model.Features)
                    throw new ArgumentException($"Batch {step} of epoch {epoch} has {batch.Features} features but the model has {Model.Features}.", nameof(batches));
                double loss = TrainStep(batch);
                if (!double.IsFinite(loss))
                    throw new TrainingDivergedException(epoch, step, Optimizer.LearningRate, loss, history);
                var s = new StepMetrics(epoch, step, global, batch.Size, loss, Optimizer.LearningRate);
                history.Add(s);
                observer?.OnStep(s);
                total += Loss.Reduction == Reduction.Mean ? loss * batch.Size : loss;
                seen += batch.Size;
                step++;
                global++;
            }
            if (seen == 0) throw new ArgumentException($"Epoch {epoch} produced no batches.", nameof(batches));
            double? valid = validation is null ? null : Evaluate(validation);
            var e = new EpochMetrics(epoch, total / seen, valid, clock.Elapsed);
            history.Add(e);
            observer?.OnEpoch(e);
        }
        return history;
    }

    /// <summary>One step on one minibatch: forward, loss, (zero_grad), backward, optimizer step. Returns L_B before the step.</summary>
    public double TrainStep(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        double[] yHat = Model.Forward(batch);
        double loss = Loss.Forward(yHat, batch.Y);
        if (!double.IsFinite(loss)) return loss;
        if (ZeroGradEachStep) Optimizer.ZeroGrad();
        Model.Backward(batch, Loss.Backward(yHat, batch.Y));
        Optimizer.Step();
        return loss;
    }

    /// <summary>The mean loss over a whole dataset, ½·mean((ŷ − y)²) for the book's squared loss (no update).</summary>
    public double Evaluate(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        double[] yHat = Model.Predict(data);
        double l = Loss.Forward(yHat, data.Y);
        return Loss.Reduction == Reduction.Mean ? l : l / data.Count;
    }
}
