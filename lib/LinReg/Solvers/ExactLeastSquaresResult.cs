using LinReg.Numerics;

namespace LinReg.Solvers;

/// <summary>
/// The exact least-squares solution and its exact residuals.
/// Taught in notebook 03 · The normal equation.
/// </summary>
public sealed class ExactLeastSquaresResult
{
    internal ExactLeastSquaresResult(Rational[] weights, Rational bias, bool fitIntercept, Rational[] residuals,
        Rational residualSumOfSquares, Rational[] orthogonality)
    {
        Weights = weights;
        Bias = bias;
        FitIntercept = fitIntercept;
        Residuals = residuals;
        ResidualSumOfSquares = residualSumOfSquares;
        Orthogonality = orthogonality;
    }

    /// <summary>w*, exact (length d).</summary>
    public Rational[] Weights { get; }

    /// <summary>b*, exact; 0 without intercept.</summary>
    public Rational Bias { get; }

    /// <summary>Whether the intercept was fitted.</summary>
    public bool FitIntercept { get; }

    /// <summary>r = ŷ − y = (Xw* + b*) − y, exact (length n; the seed's sign convention).</summary>
    public Rational[] Residuals { get; }

    /// <summary>Σ rᵢ², exact.</summary>
    public Rational ResidualSumOfSquares { get; }

    /// <summary>
    /// Aᵀr for the design A = [1 X] (intercept first) or X: the normal equation says it is exactly zero, and here it is
    /// computed, not assumed (the seed's check Xᵀr = 1·(−0.4) + 2·(0.2) = 0).
    /// </summary>
    public Rational[] Orthogonality { get; }

    /// <summary>The weights rounded to the nearest doubles.</summary>
    public double[] WeightsAsDoubles() => Weights.Select(w => w.ToDouble()).ToArray();
}
