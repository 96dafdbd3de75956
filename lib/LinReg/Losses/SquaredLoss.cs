namespace LinReg.Losses;

/// <summary>
/// The squared loss written from scratch: ℓᵢ = ½(ŷᵢ − yᵢ)², reduced by <see cref="Reduction"/>.
/// The ½ cancels the 2 of the derivative, ∂ℓᵢ/∂ŷᵢ = ŷᵢ − yᵢ = rᵢ (the residual), and does not move the minimizer.
/// With Mean: L_B = (1/(2|B|)) Σ rᵢ², g = r/|B| — the seed's L_B. With Sum: L_B = ½ Σ rᵢ², g = r.
/// Taught in notebook 01 · The model and the loss and notebook 05 · Training from scratch.
/// </summary>
public sealed class SquaredLoss : ILoss
{
    /// <summary>Creates the loss with the stated reduction (default Mean, the seed's convention).</summary>
    /// <param name="reduction">Mean or Sum.</param>
    /// <param name="halved">Keep the ½ (default). False gives PyTorch's nn.MSELoss convention, ℓᵢ = (ŷᵢ − yᵢ)², whose gradient is twice as large.</param>
    /// <exception cref="ArgumentOutOfRangeException">reduction is not a defined value.</exception>
    public SquaredLoss(Reduction reduction = Reduction.Mean, bool halved = true)
    {
        if (!Enum.IsDefined(reduction))
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, $"Unknown reduction {(int)reduction}; use Mean or Sum.");
        Reduction = reduction;
        Halved = halved;
    }

    /// <inheritdoc/>
    public Reduction Reduction { get; }

    /// <summary>Whether ℓ carries the ½.</summary>
    public bool Halved { get; }

    /// <inheritdoc/>
    public double Forward(ReadOnlySpan<double> yHat, ReadOnlySpan<double> y)
    {
        LossChecks.Shapes(yHat, y);
        double c = Halved ? 0.5 : 1.0;
        double s = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double r = yHat[i] - y[i];
            s += c * r * r;
        }
        return Reduction == Reduction.Mean ? s / y.Length : s;
    }

    /// <inheritdoc/>
    public double[] Backward(ReadOnlySpan<double> yHat, ReadOnlySpan<double> y)
    {
        LossChecks.Shapes(yHat, y);
        double c = (Halved ? 1.0 : 2.0) / (Reduction == Reduction.Mean ? y.Length : 1);
        var g = new double[y.Length];
        for (int i = 0; i < g.Length; i++) g[i] = c * (yHat[i] - y[i]);
        return g;
    }

    /// <inheritdoc/>
    public override string ToString() => $"SquaredLoss({(Halved ? "½" : "")}(ŷ−y)², {Reduction})";
}
