namespace LinReg.Losses;

/// <summary>
/// The loss piece of the training loop: a value and its gradient with respect to the predictions.
/// Taught in notebook 05 · Training from scratch and notebook 06 · Training concisely (the loss piece, swapped for another).
/// </summary>
public interface ILoss
{
    /// <summary>How per-example losses are combined.</summary>
    Reduction Reduction { get; }

    /// <summary>L_B(ŷ, y).</summary>
    /// <exception cref="ArgumentException">ŷ and y differ in length or are empty.</exception>
    double Forward(ReadOnlySpan<double> yHat, ReadOnlySpan<double> y);

    /// <summary>g = ∂L_B/∂ŷ, one entry per example.</summary>
    /// <exception cref="ArgumentException">ŷ and y differ in length or are empty.</exception>
    double[] Backward(ReadOnlySpan<double> yHat, ReadOnlySpan<double> y);
}
