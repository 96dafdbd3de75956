using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Losses;

/// <summary>
/// The concise loss (PyTorch's <c>nn.MSELoss</c> as used in the seed's listing) on MathNet vectors:
/// L = c·‖ŷ − y‖² reduced by Mean or Sum, with c = ½ by default (the book's convention, matching
/// <see cref="SquaredLoss"/>) or c = 1 with <c>halved: false</c> (PyTorch's nn.MSELoss, which has no ½).
/// </summary>
public sealed class MseLoss : ILoss
{
    /// <summary>Creates the loss.</summary>
    /// <exception cref="ArgumentOutOfRangeException">reduction is not a defined value.</exception>
    public MseLoss(Reduction reduction = Reduction.Mean, bool halved = true)
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
