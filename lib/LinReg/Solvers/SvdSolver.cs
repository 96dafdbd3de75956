using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Solvers;

/// <summary>
/// The minimum-norm least-squares solution by a thin SVD (Householder QR first, then the SVD of the small factor R),
/// treating singular values below max(n, p)·ε·σ₁ as zero: the solver for rank-deficient and underdetermined designs.
/// Every answer that is not the full-rank least-squares fit to about 10 digits says so in its Warning: a truncated rank
/// (which columns, and whether scaling them would have kept the rank), an underdetermined system, or — at full rank — an
/// a-posteriori error estimate above 1e-10 (the SVD works on the columns as given, so badly scaled columns cost digits).
/// </summary>
internal static class SvdSolver
{
    internal static LeastSquaresResult Solve(Design d)
    {
        int n = d.Rows, p = d.Columns;
        double[] sv;
        Matrix<double> u, vt;
        var b = new double[Math.Max(n, p)];
        d.YHi.CopyTo(b, 0);
        int m; // length of the system U Σ Vᵀ x = b[0..m)
        HouseholderQr? qr = null;
        Matrix<double>? unitR = null;
        if (n >= p)
        {
            // Thin SVD: A = QR (no column scaling: the minimum-norm solution depends on the columns' units),
            // then R = U Σ Vᵀ (p×p), so A = (QU) Σ Vᵀ and x = V Σ⁺ Uᵀ (Qᵀy)[0..p).
            qr = HouseholderQr.Factor(d, scaleColumns: false);
            unitR = qr.RMatrix(unitColumns: true);
            var (svd, k) = HouseholderQr.ScaledSvd(qr.RMatrix(unitColumns: false), vectors: true);
            sv = svd.S.Select(v => Math.ScaleB(v, k)).ToArray();
            u = svd.U;
            vt = svd.VT;
            qr.ApplyQt(b);
            m = p;
        }
        else
        {
            // Underdetermined: the SVD of the short n×p design itself (U is only n×n).
            var a = Matrix<double>.Build.Dense(n, p, (i, j) => d.Hi(i, j));
            var (svd, k) = HouseholderQr.ScaledSvd(a, vectors: true);
            sv = svd.S.Select(v => Math.ScaleB(v, k)).ToArray();
            u = svd.U;
            vt = svd.VT;
            m = n;
        }
        double tol = Math.Max(n, p) * LeastSquaresSolvers.Eps * (sv.Length > 0 ? sv[0] : 0);
        int rank = 0;
        var t = new double[p];
        for (int i = 0; i < sv.Length; i++)
        {
            if (!(sv[i] > tol)) continue;
            rank++;
            double s = 0;
            for (int k = 0; k < m; k++) s += u[k, i] * b[k];
            t[i] = s / sv[i];
        }
        var x = new double[p];
        for (int j = 0; j < p; j++)
        {
            double s = 0;
            for (int i = 0; i < sv.Length; i++) s += vt[i, j] * t[i];
            x[j] = s;
        }
        var full = new double[p];
        Array.Copy(sv, full, Math.Min(sv.Length, p)); // underdetermined: the missing σ are 0
        double cond = HouseholderQr.Cond(full);
        double scaledCond = unitR is null ? double.PositiveInfinity : HouseholderQr.Cond(HouseholderQr.SingularValues(unitR));

        string? warning;
        if (qr is null)
            warning = Underdetermined(d, rank);
        else if (rank < p)
            warning = Truncated(d, qr, full, tol, rank, scaledCond);
        else
            warning = QrSolver.AccuracyWarning(LeastSquaresMethod.Svd, RefinedQr.EstimateRelativeError(d, qr, x),
                FormattableString.Invariant($"cond(X) ≈ {cond:G2} on the columns as given, {scaledCond:G2} with them scaled to unit length"),
                "the SVD works on the columns as given: standardize them first (e.g. Standardizer), or use LeastSquaresMethod.RefinedQr");
        // The covariance of the estimates exists only for a full-rank design: then (AᵀA)⁻¹ = R⁻¹R⁻ᵀ from the same QR.
        var covariance = qr is not null && rank == p
            ? LeastSquaresSolvers.Covariance(d, LeastSquaresMethod.Svd, qr.R, qr.Scale, scaledCond)
            : UnscaledCovariance.NotEstimable(n < p
                ? $"X has {n} rows but there are {p} unknowns: infinitely many coefficient vectors fit equally well (Svd returned the one of minimum norm), so no single coefficient is estimable"
                : $"the design has rank {rank} of {p} columns (Svd truncated {p - rank} singular value{(p - rank == 1 ? "" : "s")} below max(n, p)·ε·σ₁): some combinations of the coefficients are not determined by the data (Svd returned the minimum-norm solution), so the individual coefficients are not estimable");
        return LeastSquaresSolvers.Result(d, LeastSquaresMethod.Svd, x, new double[p], rank, full, cond, scaledCond, 0, warning,
            covariance);
    }

    private static string Underdetermined(Design d, int rank) => FormattableString.Invariant(
        $"X has {d.Rows} row{(d.Rows == 1 ? "" : "s")} but there are {d.Columns} unknowns ({d.Features} columns{(d.Intercept ? " + intercept" : "")}), numerical rank {rank}: infinitely many weight vectors fit equally well, and Svd returns the one of smallest norm — add examples or remove features for unique weights.");

    /// <summary>
    /// Why column k carries a dropped direction: it is (nearly) a combination of the earlier columns — for a feature that is
    /// nearly a multiple of the intercept column, with its mean and spread, since centring removes the offset — or it is
    /// tiny next to the largest column (a matter of units).
    /// </summary>
    private static string Describe(Design d, HouseholderQr qr, List<int> weakest, int k)
    {
        double remainder = qr.RelativeRemainder[k];
        if (remainder <= 1e-3 || qr.ColumnNorm[k] == 0)
        {
            var coefficients = QrSolver.CoefficientsFromQr(qr, weakest, k);
            string text = RankDiagnosis.Explain(d, k, coefficients, nearly: remainder > LeastSquaresSolvers.DependenceTolerance);
            int f = d.FeatureIndex(k);
            if (f >= 0 && d.Intercept && qr.ColumnNorm[k] > 0)
            {
                var m = Numerics.Spread.Of(Enumerable.Range(0, d.Rows).Select(i => d.Hi(i, k)).ToArray());
                if (m.StandardDeviation < 1e-3 * Math.Abs(m.Mean))
                    text += FormattableString.Invariant($": mean {m.Mean:G3}, standard deviation only {m.StandardDeviation:G2}");
            }
            return text;
        }
        double largest = qr.ColumnNorm.Max();
        return FormattableString.Invariant(
            $"{d.ColumnName(k)} is tiny next to the others: its norm {qr.ColumnNorm[k]:G2} is {qr.ColumnNorm[k] / largest:G2} of the largest column's");
    }

    /// <summary>What the truncation dropped, which columns are (nearly) dependent, and what to do about it.</summary>
    private static string Truncated(Design d, HouseholderQr qr, double[] sv, double tol, int rank, double scaledCond)
    {
        int n = d.Rows, p = d.Columns;
        // the p − rank columns with the smallest part orthogonal to the columns before them
        var weakest = Enumerable.Range(0, p).OrderBy(k => qr.RelativeRemainder[k]).ThenBy(k => k).Take(p - rank).Order().ToList();
        string which = string.Join("; ", weakest.Select(k => Describe(d, qr, weakest, k)));
        string dropped = string.Join(", ", sv.Skip(rank).Select(v => v.ToString("G2", CultureInfo.InvariantCulture)));
        string head = FormattableString.Invariant(
            $"Svd truncated the numerical rank to {rank} of {p} columns{(d.Intercept ? " (intercept included)" : "")}: singular value{(p - rank == 1 ? "" : "s")} {dropped} fell below the tolerance max(n, p)·ε·σ₁ = {tol:G2} and {(p - rank == 1 ? "was" : "were")} treated as 0 ({which}); the weights are the minimum-norm solution, not determined by the data along the dropped direction{(p - rank == 1 ? "" : "s")}.");
        bool scalingKeepsRank = scaledCond * Math.Max(n, p) * LeastSquaresSolvers.Eps < 1;
        return head + (scalingKeepsRank
            ? FormattableString.Invariant(
                $" With its columns scaled to unit length the design has full rank (column-scaled cond(X) ≈ {scaledCond:G2}): the truncation comes from the columns' units or offsets, and these weights are NOT the least-squares fit — centre or scale the column(s) (e.g. Standardizer) before Svd, or use LeastSquaresMethod.RefinedQr.")
            : " The columns are (nearly) dependent even when scaled: remove or combine the dependent column(s) for unique weights; the predictions are as good as any least-squares solution's.");
    }
}
