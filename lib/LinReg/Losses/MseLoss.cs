using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Losses;

/// <summary>
/// The concise loss on MathNet vectors, PyTorch's <c>nn.MSELoss</c>: L = c·‖ŷ − y‖² reduced by Mean or Sum, with
/// c = 1 by default — the mean of (ŷ − y)², NO ½, as a PyTorch reader expects — or c = ½ with <c>halved: true</c>, the
/// chapter's convention (the same loss as <see cref="SquaredLoss"/>, whose default it is). The ½ halves the gradient,
/// so the same learning rate takes half the step: state the convention at every construction.
/// Taught in notebook 05 · Training from scratch and notebook 06 · Training concisely (nn.MSELoss has no ½).
/// </summary>
public sealed class MseLoss : ILoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="reduction">Mean (default, as nn.MSELoss) or Sum.</param>
    /// <param name="halved">False (default): ℓᵢ = (ŷᵢ − yᵢ)², PyTorch's nn.MSELoss. True: ℓᵢ = ½(ŷᵢ − yᵢ)², the chapter's loss.</param>
    /// <exception cref="ArgumentOutOfRangeException">reduction is not a defined value.</exception>
    public MseLoss(Reduction reduction = Reduction.Mean, bool halved = false)
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

    private double Scale(int n) => (Halved ? 0.5 : 1.0) / (Reduction == Reduction.Mean ? n : 1);

    /// <summary>L(ŷ, y) on vectors.</summary>
    /// <exception cref="ArgumentException">lengths differ or are zero.</exception>
    public double Forward(Vector<double> yHat, Vector<double> y)
    {
        ArgumentNullException.ThrowIfNull(yHat);
        ArgumentNullException.ThrowIfNull(y);
        Check(yHat.Count, y.Count);
        var r = yHat - y;
        return Scale(y.Count) * r.DotProduct(r);
    }

    /// <summary>∂L/∂ŷ on vectors.</summary>
    /// <exception cref="ArgumentException">lengths differ or are zero.</exception>
    public Vector<double> Backward(Vector<double> yHat, Vector<double> y)
    {
        ArgumentNullException.ThrowIfNull(yHat);
        ArgumentNullException.ThrowIfNull(y);
        Check(yHat.Count, y.Count);
        return (yHat - y) * (2 * Scale(y.Count));
    }

    /// <inheritdoc/>
    public double Forward(ReadOnlySpan<double> yHat, ReadOnlySpan<double> y) =>
        Forward(Vector<double>.Build.Dense(yHat.ToArray()), Vector<double>.Build.Dense(y.ToArray()));

    /// <inheritdoc/>
    public double[] Backward(ReadOnlySpan<double> yHat, ReadOnlySpan<double> y) =>
        Backward(Vector<double>.Build.Dense(yHat.ToArray()), Vector<double>.Build.Dense(y.ToArray())).ToArray();

    private static void Check(int nHat, int n)
    {
        if (n == 0) throw new ArgumentException("The loss needs at least one example: y is empty.", "y");
        if (nHat != n) throw new ArgumentException($"ŷ has {nHat} values but y has {n}.", "yHat");
    }

    /// <inheritdoc/>
    public override string ToString() => $"MseLoss({(Halved ? "½" : "")}‖ŷ−y‖², {Reduction})";
}
