using LinReg.Numerics;

namespace LinReg.Solvers;

/// <summary>
/// The solvers behind <see cref="LeastSquares"/>, one per <see cref="LeastSquaresMethod"/>, on an already validated
/// <see cref="Design"/>: the normal equation as taught (<see cref="NormalEquation"/>, solved by
/// <see cref="ScaledCholesky"/>), Householder QR (<see cref="QrSolver"/>), its refinement (<see cref="RefinedQr"/>) and
/// the SVD (<see cref="SvdSolver"/>); plus the constants and the result assembly they share.
/// </summary>
internal static class LeastSquaresSolvers
{
    internal const double Eps = 2.220446049250313e-16; // 2^-52

    /// <summary>
    /// QR: a design column whose part orthogonal to the earlier columns, |R_kk|, is below max(1e-13, 10·√n·ε) of its
    /// norm counts as dependent. Exact collinearity leaves rounding noise ≈ √n·ε; the hardest full-rank NIST design
    /// (Filip) keeps ≈ 1e-10.
    /// </summary>
    internal const double DependenceTolerance = 1e-13;

    internal const int MaxRefinementIterations = 30;

    /// <summary>
    /// RefinedQr refines the covariance of the estimates (<see cref="UnscaledCovariance"/>) in double-double when the
    /// column-scaled condition number exceeds this: below it, D·R⁻¹R⁻ᵀ·D from the factor alone is already within
    /// about κ·ε ≈ 1e-15 relative (measured 2e-14 at κ = 21), and the refinement (about the cost of the QR again)
    /// would buy almost nothing.
    /// </summary>
    internal const double CovarianceRefinementCond = 8;

    internal static LeastSquaresResult Solve(Design d, LeastSquaresMethod method) => method switch
    {
        LeastSquaresMethod.NormalEquations => NormalEquation.Solve(d),
        LeastSquaresMethod.Qr => QrSolver.Solve(d, refine: false),
        LeastSquaresMethod.RefinedQr => QrSolver.Solve(d, refine: true),
        LeastSquaresMethod.Svd => SvdSolver.Solve(d),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, $"Unknown least-squares method {method}."),
    };

    /// <summary>(RSS, TSS) of the design for the solution xHi + xLo (per design column), in double-double where the
    /// solver computed them so (a plain double converts exactly).</summary>
    internal delegate (DoubleDouble Rss, DoubleDouble Tss) SumsOfSquares(double[] xHi, double[] xLo);

    /// <summary>
    /// The result for the solution xHi + xLo (per design column, intercept first), with RSS and TSS from
    /// <paramref name="sums"/> (null: the design's own double-double pass) and the covariance factor of the estimates.
    /// </summary>
    internal static LeastSquaresResult Result(Design d, LeastSquaresMethod method, double[] xHi, double[] xLo, int rank,
        double[] sv, double cond, double scaledCond, int iterations, string? warning, UnscaledCovariance covariance,
        SumsOfSquares? sums = null)
    {
        var (rss, tss) = sums is null ? d.SumsOfSquares(xHi, xLo) : sums(xHi, xLo);
        int off = d.Intercept ? 1 : 0;
        var w = new double[d.Features];
        for (int j = 0; j < w.Length; j++) w[j] = xHi[j + off] + xLo[j + off];
        double bias = d.Intercept ? xHi[0] + xLo[0] : 0.0;
        // "constant targets" by the library's one rule (Spread): √(TSS/n) ≤ 8ε·max|yᵢ| — TSS is then rounding noise
        bool constant = false;
        if (d.Intercept)
        {
            double max = 0;
            foreach (double v in d.YHi) max = Math.Max(max, Math.Abs(v));
            constant = Spread.IsNegligible(Math.Sqrt((double)tss / d.Rows), max);
        }
        return new LeastSquaresResult(method, w, bias, d.Intercept, d.Rows, rank, sv, cond, scaledCond, rss, tss, iterations, warning,
            constant, covariance, d.FeatureNames);
    }

    /// <summary>
    /// The covariance factor (AᵀA)⁻¹ from the R of the column-scaled design (see <see cref="UnscaledCovariance"/>),
    /// refined in double-double for <see cref="LeastSquaresMethod.RefinedQr"/> when the scaled condition number
    /// exceeds <see cref="CovarianceRefinementCond"/>.
    /// </summary>
    internal static UnscaledCovariance Covariance(Design d, LeastSquaresMethod method, Func<int, int, double> r, double[] scale,
        double scaledCond) =>
        UnscaledCovariance.FromTriangular(d, r, scale,
            refine: method == LeastSquaresMethod.RefinedQr && !(scaledCond <= CovarianceRefinementCond));
}
