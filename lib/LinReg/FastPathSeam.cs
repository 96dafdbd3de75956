using LinReg.Data;
using LinReg.Solvers;

namespace LinReg;

/// <summary>
/// The one door from the optimized paths in <c>LinReg.Fast</c> into the readable library's internals. Everything else
/// LinReg.Fast uses is public API or the shared helpers of <c>LinReg.Numerics</c>. lib/LinReg/Fast/README.md says what
/// each member is for and which tests prove that the fast paths give the readable paths' numbers.
/// </summary>
internal static class FastPathSeam
{
    // ------------------------------------------------------------------ data: the order of an epoch

    /// <summary>
    /// Fills <paramref name="order"/> (length n) with the order the iterator's next epoch visits the examples in, drawn
    /// from its own seeded generator exactly as enumerating it would draw it (so the generator's state advances the same
    /// way and a fast epoch and a readable one can alternate).
    /// </summary>
    internal static void NextEpochOrder(DataIter batches, int[] order) => batches.NextEpochOrder(order);

    /// <inheritdoc cref="NextEpochOrder(DataIter, int[])"/>
    internal static void NextEpochOrder(DataLoader batches, int[] order) => batches.NextEpochOrder(order);

    // ------------------------------------------------------------------ least squares

    /// <summary>Refinement passes at most, as the readable RefinedQr allows.</summary>
    internal const int MaxRefinementIterations = LeastSquaresSolvers.MaxRefinementIterations;

    /// <summary>The relative size below which a column's remainder counts as dependent, as the readable QR judges it.</summary>
    internal const double DependenceTolerance = LeastSquaresSolvers.DependenceTolerance;

    /// <summary>
    /// The argument checks of <see cref="LeastSquares.Fit(double[], int, int, double[], LeastSquaresMethod, bool)"/>
    /// (same order, same messages); the fast path passes <paramref name="checkFinite"/> = false when its own SIMD scan
    /// found every value finite, or when its Gram pass will (see <c>FastLeastSquares.Run</c>). The returned design is
    /// the readable solvers' view of the data.
    /// </summary>
    internal static Design Validate(double[] x, double[]? xLo, int rows, int cols, double[] y, double[]? yLo, bool fitIntercept,
        LeastSquaresMethod method, IReadOnlyList<string>? featureNames, string xName, string yName, bool checkFinite,
        string rowsName = "rows", string colsName = "cols") =>
        LeastSquares.Validate(x, xLo, rows, cols, y, yLo, fitIntercept, method, columnMajor: false, featureNames, xName, yName, checkFinite,
            rowsName, colsName);

    /// <summary>The readable solver for <paramref name="method"/> (what the fast path delegates, and its fallback that explains a rank-deficient design).</summary>
    internal static LeastSquaresResult Solve(Design design, LeastSquaresMethod method) => LeastSquaresSolvers.Solve(design, method);

    /// <summary>
    /// The readable normal-equation solve (scaled Cholesky, the same rank and conditioning checks, warnings and
    /// exceptions) of XᵀX w = Xᵀy formed by the fast path's own kernel; <paramref name="sums"/> gives (RSS, TSS).
    /// </summary>
    internal static LeastSquaresResult SolveNormalEquation(Design design, double[,] xtx, double[] xty,
        Func<double[], double[], (double Rss, double Tss)> sums) =>
        ScaledCholesky.Solve(design, xtx, xty, (xHi, xLo) => sums(xHi, xLo));

    /// <summary>
    /// The result the readable solvers return, for a solution (per design column, intercept first) found by the fast
    /// path, with the covariance of the estimates from the fast path's triangular factor <paramref name="r"/> (row-major
    /// p×p, upper, of the design scaled by <paramref name="scale"/>), refined as the readable RefinedQr refines it.
    /// </summary>
    internal static LeastSquaresResult Result(Design design, LeastSquaresMethod method, double[] xHi, double[] xLo, int rank,
        double[] singularValues, double cond, double scaledCond, int iterations, string? warning,
        Func<double[], double[], (double Rss, double Tss)> sums, double[] r, double[] scale)
    {
        int p = scale.Length;
        var covariance = LeastSquaresSolvers.Covariance(design, method, (i, j) => r[i * p + j], scale, scaledCond);
        return LeastSquaresSolvers.Result(design, method, xHi, xLo, rank, singularValues, cond, scaledCond, iterations, warning,
            covariance, (h, l) => sums(h, l));
    }

    /// <summary>The readable solvers' total sum of squares (centered with an intercept), in double-double.</summary>
    internal static double TotalSumOfSquares(double[] yHi, double[]? yLo, int rows, bool centered) =>
        Design.TotalSumOfSquares(yHi, yLo, rows, centered);
}
