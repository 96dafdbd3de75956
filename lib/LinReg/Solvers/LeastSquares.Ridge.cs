using LinReg.Data;
using LinReg.Numerics;

namespace LinReg.Solvers;

// Ridge regression beside ordinary least squares (issue 10): the same accurate solver, on an augmented system.
public static partial class LeastSquares
{
    /// <summary>
    /// Ridge regression (L2-penalized least squares) with an unpenalized intercept:
    /// w, b = argmin ‖y − Xw − b·1‖² + α‖w‖². Equivalently, with λ = α/n, the minimizer of the book's
    /// L(w, b) + (λ/2)‖w‖², L the mean ½-squared loss: weight decay λ in <see cref="Optim.Sgd"/> trains towards
    /// this solution when given α = n·λ. Taught in notebook 14 · Weight decay.
    /// </summary>
    /// <remarks>
    /// Solved as the least-squares problem [X_c; √α I] w ≈ [y_c; 0] on the centred data (X_c = X − 1x̄ᵀ, y_c = y − ȳ),
    /// then b = ȳ − x̄ᵀw, by the accurate <see cref="LeastSquaresMethod.RefinedQr"/> machinery: XᵀX + αI is never
    /// formed, so no digits are lost to squaring the condition number, and the centring is carried in double-double.
    /// The penalty is not scale-invariant: standardize the features first if their units are arbitrary. Any α &gt; 0
    /// gives a unique solution, also when d ≥ n; α = 0 is least squares and needs the centred columns independent.
    /// Cost: one QR of an (n + d)×d matrix with a few refinement passes, plus one QR (n ≥ d) or SVD (n &lt; d) of X_c for
    /// the singular values.
    /// </remarks>
    /// <param name="data">The examples (X n×d and y).</param>
    /// <param name="alpha">α ≥ 0, the penalty on the sum-of-squares scale (scikit-learn's <c>alpha</c>); α = n·λ
    /// for a weight decay λ.</param>
    /// <returns>w, b, the penalty on both scales, the singular values of X_c and the effective degrees of freedom.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is negative, NaN or ∞.</exception>
    /// <exception cref="RankDeficientException">α = 0 and a centred column is (numerically) a linear combination of the
    /// others (always so when d ≥ n).</exception>
    public static RidgeResult FitRidge(Dataset data, double alpha)
    {
        ArgumentNullException.ThrowIfNull(data);
        Guard.NonNegative(alpha, nameof(alpha), "The ridge penalty alpha");
        return RidgeSolver.Solve(data.X, data.Count, data.Features, data.Y, alpha, data.FeatureNames);
    }

    /// <summary>Ridge regression on a row-major X (entry (i, j) is x[i·cols + j]); see <see cref="FitRidge(Dataset, double)"/>.</summary>
    /// <param name="x">n×d design, row-major.</param>
    /// <param name="rows">n ≥ 1.</param>
    /// <param name="cols">d ≥ 0 (0 fits only the intercept: b = ȳ).</param>
    /// <param name="y">Targets, length n.</param>
    /// <param name="alpha">α ≥ 0, the penalty on the sum-of-squares scale.</param>
    /// <returns>The ridge solution and its diagnostics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="y"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">rows &lt; 1, cols &lt; 0, or <paramref name="alpha"/> negative,
    /// NaN or ∞.</exception>
    /// <exception cref="ArgumentException">x.Length ≠ rows·cols; y.Length ≠ rows; a NaN or ±∞ entry (the message names
    /// its row and column).</exception>
    /// <exception cref="RankDeficientException">α = 0 and the centred columns are (numerically) dependent.</exception>
    public static RidgeResult FitRidge(double[] x, int rows, int cols, double[] y, double alpha)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        CheckShape(x.Length, rows, cols, y.Length, fitIntercept: true, nameof(x), nameof(y));
        Guard.AllFinite(x, rows, cols, nameof(x));
        Guard.AllFinite(y, nameof(y));
        Guard.NonNegative(alpha, nameof(alpha), "The ridge penalty alpha");
        return RidgeSolver.Solve(x, rows, cols, y, alpha, null);
    }
}
