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

    internal static LeastSquaresResult Solve(Design d, LeastSquaresMethod method) => method switch
    {
        LeastSquaresMethod.NormalEquations => NormalEquation.Solve(d),
        LeastSquaresMethod.Qr => QrSolver.Solve(d, refine: false),
        LeastSquaresMethod.RefinedQr => QrSolver.Solve(d, refine: true),
        LeastSquaresMethod.Svd => SvdSolver.Solve(d),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, $"Unknown least-squares method {method}."),
    };

    /// <summary>(RSS, TSS) of the design for the solution xHi + xLo (per design column).</summary>
    internal delegate (double Rss, double Tss) SumsOfSquares(double[] xHi, double[] xLo);

    internal static LeastSquaresResult Result(Design d, LeastSquaresMethod method, double[] xHi, double[] xLo, int rank,
        double[] sv, double cond, double scaledCond, int iterations, string? warning, SumsOfSquares? sums = null)
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
            constant = Spread.IsNegligible(Math.Sqrt(tss / d.Rows), max);
        }
        return new LeastSquaresResult(method, w, bias, d.Intercept, d.Rows, rank, sv, cond, scaledCond, rss, tss, iterations, warning, constant);
    }
}
