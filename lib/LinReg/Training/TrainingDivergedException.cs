using LinReg.Numerics;

namespace LinReg.Training;

/// <summary>
/// Training stopped because the loss became NaN or infinite. Names where, and with which learning rate.
/// Taught in notebook 11 · Common pitfalls.
/// </summary>
public sealed class TrainingDivergedException : ArithmeticException
{
    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException(int epoch, int step, double learningRate, double loss, TrainingHistory history)
        : base($"Training diverged at epoch {epoch}, step {step}: the loss became {Format.Num(loss)} with learning rate {Format.Num(learningRate)}. " +
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
