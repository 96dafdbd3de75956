namespace LinReg.Solvers;

/// <summary>
/// Least squares by Householder QR of the column-scaled design (<see cref="HouseholderQr"/>): X = QR, then R w = Qᵀy;
/// with refinement, the answer is polished by <see cref="RefinedQr"/>. A column whose part orthogonal to the earlier
/// columns is lost in rounding makes it throw <see cref="RankDeficientException"/>, naming the column. Plain Qr checks its
/// answer a posteriori (<see cref="RefinedQr.EstimateRelativeError"/>) and warns below about 10 correct digits.
/// </summary>
internal static class QrSolver
{
    internal static LeastSquaresResult Solve(Design d, bool refine)
    {
        var method = refine ? LeastSquaresMethod.RefinedQr : LeastSquaresMethod.Qr;
        int n = d.Rows, p = d.Columns;
        var qr = HouseholderQr.Factor(d, scaleColumns: true);
        var dependent = new List<int>();
        double tol = Math.Max(LeastSquaresSolvers.DependenceTolerance, 10 * Math.Sqrt(n) * LeastSquaresSolvers.Eps);
        for (int k = 0; k < p; k++)
            if (qr.RelativeRemainder[k] <= tol) dependent.Add(k);
        var sv = HouseholderQr.SingularValues(qr.RMatrix(unitColumns: false));
        double cond = HouseholderQr.Cond(sv);
        if (dependent.Count > 0)
            throw RankDiagnosis.Deficient(d, method, "Linearly dependent columns (XᵀX is singular)", dependent, k => CoefficientsFromQr(qr, dependent, k), cond, p - dependent.Count);
        double scaledCond = HouseholderQr.Cond(HouseholderQr.SingularValues(qr.RMatrix(unitColumns: true)));

        var zHi = new double[p];
        var zLo = new double[p];
        int iterations = 0;
        string? warning = null;
        if (!refine)
        {
            var b = new double[n];
            d.YHi.CopyTo(b, 0);
            qr.ApplyQt(b);
            qr.SolveR(b);
            for (int j = 0; j < p; j++) zHi[j] = b[j];
            warning = AccuracyWarning(LeastSquaresMethod.Qr, RefinedQr.EstimateRelativeError(d, qr, zHi),
                FormattableString.Invariant($"column-scaled cond(X) ≈ {scaledCond:G2}"),
                "use LeastSquaresMethod.RefinedQr, which refines this answer to full accuracy");
        }
        else
        {
            (iterations, warning) = RefinedQr.Refine(d, qr, zHi, zLo, scaledCond);
        }
        // back to the design's units: x = D z (exact: D is a power of two)
        var xHi = new double[p];
        var xLo = new double[p];
        for (int j = 0; j < p; j++)
        {
            xHi[j] = zHi[j] * qr.Scale[j];
            xLo[j] = zLo[j] * qr.Scale[j];
        }
        var covariance = LeastSquaresSolvers.Covariance(d, method, qr.R, qr.Scale, scaledCond);
        return LeastSquaresSolvers.Result(d, method, xHi, xLo, p, sv, cond, scaledCond, iterations, warning, covariance);
    }

    internal static Dictionary<int, double> CoefficientsFromQr(HouseholderQr qr, List<int> dependent, int k)
    {
        var idx = new List<int>();
        for (int j = 0; j < k; j++) if (!dependent.Contains(j)) idx.Add(j);
        int q = idx.Count;
        var c = new double[q];
        for (int a = 0; a < q; a++) c[a] = qr.R(idx[a], k);
        for (int a = q - 1; a >= 0; a--)
        {
            double v = c[a];
            for (int b = a + 1; b < q; b++) v -= qr.R(idx[a], idx[b]) * c[b];
            c[a] = v / qr.R(idx[a], idx[a]);
        }
        var result = new Dictionary<int, double>();
        double nk = qr.ColumnNorm[k] > 0 ? qr.ColumnNorm[k] : 1.0;
        for (int a = 0; a < q; a++) result[idx[a]] = c[a] * qr.ColumnNorm[idx[a]] / nk;
        return result;
    }

    /// <summary>
    /// Qr and Svd warn when the a-posteriori estimate of their answer's relative error (see
    /// <see cref="RefinedQr.EstimateRelativeError"/>) exceeds this: fewer than about 10 correct digits, the level at
    /// which NormalEquations warns too (cond(XᵀX) &gt; 1e6).
    /// </summary>
    internal const double WarningRelativeError = 1e-10;

    /// <summary>The warning for an estimated relative error above <see cref="WarningRelativeError"/>, else null.</summary>
    internal static string? AccuracyWarning(LeastSquaresMethod method, double estimate, string conditioning, string advice)
    {
        if (!(estimate > WarningRelativeError)) return null;
        int digits = double.IsFinite(estimate) ? Math.Max(0, (int)Math.Floor(-Math.Log10(estimate))) : 0;
        return FormattableString.Invariant(
            $"{method}'s answer has only about {digits} correct significant digits: two passes of iterative refinement (residuals in double-double) change it by up to {estimate:G2} relative ({conditioning}; large residuals cost digits too) — {advice}.");
    }
}
