using LinReg.Data;
using MathNet.Numerics.LinearAlgebra;
using LinReg.Numerics;

namespace LinReg.Experiments;

/// <summary>
/// The curvature of the mean halved squared loss L(w, b) = (1/2n) Σᵢ (xᵢᵀw + b − yᵢ)². L is quadratic, so its
/// Hessian is the same everywhere: H = (1/n) X̃ᵀX̃ with X̃ = [X 1] (bias last). Its eigenvalues λ_min ≤ … ≤ λ_max
/// say how steep the loss bowl is in each direction, and they decide what (full-batch) gradient descent can do:
/// it is stable only for η &lt; 2/λ_max, and with step size η the error along the eigenvector of λ shrinks by the
/// factor |1 − ηλ| per step. Unscaled features make λ_max/λ_min (the condition number κ) large: an elongated bowl.
/// Used by notebook 11 · Common pitfalls (feature scaling and the learning rate).
/// </summary>
public sealed class Curvature
{
    private Curvature(Matrix<double> hessian, double[] eigenvalues)
    {
        Hessian = hessian;
        Eigenvalues = eigenvalues;
    }

    /// <summary>H = X̃ᵀX̃/n, (d+1)×(d+1), bias last.</summary>
    public Matrix<double> Hessian { get; }

    /// <summary>The eigenvalues of H in ascending order.</summary>
    public IReadOnlyList<double> Eigenvalues { get; }

    /// <summary>λ_min.</summary>
    public double Min => Eigenvalues[0];

    /// <summary>λ_max.</summary>
    public double Max => Eigenvalues[^1];

    /// <summary>
    /// κ = λ_max / λ_min; +∞ when λ_min ≤ 1e-13·λ_max, i.e. when the bowl has a (numerically) flat direction — a
    /// feature that is constant (a copy of the bias) or a combination of the others.
    /// </summary>
    public double ConditionNumber => Min > 1e-13 * Max ? Max / Min : double.PositiveInfinity;

    /// <summary>2/λ_max: gradient descent with a larger learning rate diverges.</summary>
    public double MaxStableLearningRate => 2 / Max;

    /// <summary>2/(λ_min + λ_max): the constant learning rate with the fastest worst-case convergence.</summary>
    public double OptimalLearningRate => 2 / (Min + Max);

    /// <summary>Computes H and its eigenvalues for a dataset.</summary>
    public static Curvature Of(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int n = data.Count, d = data.Features, p = d + 1;
        var h = Matrix<double>.Build.Dense(p, p);
        for (int i = 0; i < n; i++)
            for (int a = 0; a < p; a++)
            {
                double xa = a < d ? data.X[i * d + a] : 1.0;
                for (int c = 0; c <= a; c++)
                {
                    double xc = c < d ? data.X[i * d + c] : 1.0;
                    h[a, c] += xa * xc;
                }
            }
        for (int a = 0; a < p; a++)
            for (int c = 0; c <= a; c++)
            {
                h[a, c] /= n;
                h[c, a] = h[a, c];
            }
        double[] eig = h.Evd(Symmetricity.Symmetric).EigenValues.Select(z => z.Real).Order().ToArray();
        return new Curvature(h, eig);
    }

    /// <summary>ρ(η) = max over eigenvalues of |1 − ηλ|: the worst per-step shrink factor of the error under gradient descent.</summary>
    /// <exception cref="ArgumentOutOfRangeException">η ≤ 0.</exception>
    public double ContractionFactor(double learningRate)
    {
        Guard.Positive(learningRate, nameof(learningRate), "The learning rate");
        return Eigenvalues.Max(l => Math.Abs(1 - learningRate * l));
    }

    /// <summary>
    /// ⌈log(tolerance) / log ρ(η)⌉: the number of gradient-descent steps after which ‖θ_k − θ*‖ ≤ tolerance·‖θ₀ − θ*‖ is
    /// guaranteed (the error is a sum of eigen-components, each shrinking at least by ρ per step). +∞ when ρ ≥ 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">η ≤ 0, or tolerance not in (0, 1).</exception>
    public double PredictedSteps(double learningRate, double tolerance)
    {
        if (!(tolerance > 0 && tolerance < 1))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, $"tolerance must be in (0, 1), got {Format.Num(tolerance)}.");
        double rho = ContractionFactor(learningRate);
        if (rho >= 1) return double.PositiveInfinity;
        if (rho == 0) return 1;
        return Math.Ceiling(Math.Log(tolerance) / Math.Log(rho));
    }
}
