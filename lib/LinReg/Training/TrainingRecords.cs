namespace LinReg.Training;

/// <summary>What happened in one optimizer step.</summary>
/// <param name="Epoch">0-based epoch.</param>
/// <param name="Step">0-based minibatch index within the epoch.</param>
/// <param name="GlobalStep">0-based step counted over all epochs.</param>
/// <param name="BatchSize">|B| of this minibatch (the last one may be smaller).</param>
/// <param name="Loss">L_B before the update, as the loss reported it.</param>
/// <param name="LearningRate">η used for the update.</param>
public sealed record StepMetrics(int Epoch, int Step, long GlobalStep, int BatchSize, double Loss, double LearningRate);

/// <summary>What happened in one epoch.</summary>
/// <param name="Epoch">0-based epoch.</param>
/// <param name="TrainLoss">Σ_B L_B·|B| / n over the epoch's minibatches (for a Mean loss), measured during training — what the seed's listing prints as <c>total_loss / n</c>.</param>
/// <param name="ValidationLoss">The loss on the whole validation set after the epoch, when one was given.</param>
/// <param name="Elapsed">Wall time of the epoch.</param>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double? ValidationLoss, TimeSpan Elapsed);

/// <summary>Receives metrics while training runs (a notebook draws a live loss curve from it; a test records it).</summary>
public interface ITrainingObserver
{
    /// <summary>After every optimizer step.</summary>
    void OnStep(StepMetrics step);

    /// <summary>After every epoch.</summary>
    void OnEpoch(EpochMetrics epoch);
}

/// <summary>Everything a training run reported.</summary>
public sealed class TrainingHistory
{
    private readonly List<StepMetrics> _steps = [];
    private readonly List<EpochMetrics> _epochs = [];

    /// <summary>Every step, in order.</summary>
    public IReadOnlyList<StepMetrics> Steps => _steps;

    /// <summary>Every epoch, in order.</summary>
    public IReadOnlyList<EpochMetrics> Epochs => _epochs;

    internal void Add(StepMetrics s) => _steps.Add(s);

    internal void Add(EpochMetrics e) => _epochs.Add(e);
}

/// <summary>
/// Training stopped because the loss became NaN or infinite. Names where, and with which learning rate.
/// </summary>
public sealed class TrainingDivergedException : ArithmeticException
{
    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException(int epoch, int step, double learningRate, double loss, TrainingHistory history)
        : base($"Training diverged at epoch {epoch}, step {step}: the loss became {Guard.Num(loss)} with learning rate {Guard.Num(learningRate)}. " +
               "Try a smaller learning rate, standardize the features, or check that gradients are zeroed every step.")
    {
        Epoch = epoch;
        Step = step;
        LearningRate = learningRate;
        Loss = loss;
        History = history;
    }

    /// <summary>0-based epoch of the failing step.</summary>
    public int Epoch { get; }

    /// <summary>0-based step within that epoch.</summary>
    public int Step { get; }

    /// <summary>η at the time.</summary>
    public double LearningRate { get; }

    /// <summary>The non-finite loss.</summary>
    public double Loss { get; }

    /// <summary>The metrics up to the failure.</summary>
    public TrainingHistory History { get; }
}
