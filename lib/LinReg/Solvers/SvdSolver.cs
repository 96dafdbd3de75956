using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Solvers;

/// <summary>
/// The minimum-norm least-squares solution by a thin SVD (Householder QR first, then the SVD of the small factor R),
/// treating singular values below max(n, p)·ε·σ₁ as zero: the solver for rank-deficient and underdetermined designs.
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
        Matrix<double>? unitR = null;
        HouseholderQr? factor = null;
        if (n >= p)
        {
            // Thin SVD: A = QR (no column scaling: the minimum-norm solution depends on the columns' units),
            // then R = U Σ Vᵀ (p×p), so A = (QU) Σ Vᵀ and x = V Σ⁺ Uᵀ (Qᵀy)[0..p).
            var qr = HouseholderQr.Factor(d, scaleColumns: false);
            factor = qr;
            unitR = qr.RMatrix(unitColumns: true);
            var svd = qr.RMatrix(unitColumns: false).Svd(true);
            sv = svd.S.ToArray();
            u = svd.U;
            vt = svd.VT;
            qr.ApplyQt(b);
            m = p;
        }
        else
        {
            // Underdetermined: the SVD of the short n×p design itself (U is only n×n).
            var a = Matrix<double>.Build.Dense(n, p, (i, j) => d.Hi(i, j));
            var svd = a.Svd(true);
            sv = svd.S.ToArray();
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
        // The covariance of the estimates exists only for a full-rank design: then (AᵀA)⁻¹ = R⁻¹R⁻ᵀ from the same QR.
        var covariance = factor is not null && rank == p
            ? LeastSquaresSolvers.Covariance(d, LeastSquaresMethod.Svd, factor.R, factor.Scale, scaledCond)
            : UnscaledCovariance.NotEstimable(n < p
                ? $"X has {n} rows but there are {p} unknowns: infinitely many coefficient vectors fit equally well (Svd returned the one of minimum norm), so no single coefficient is estimable"
                : $"the design has rank {rank} of {p} columns (Svd truncated {p - rank} singular value{(p - rank == 1 ? "" : "s")} below max(n, p)·ε·σ₁): some combinations of the coefficients are not determined by the data (Svd returned the minimum-norm solution), so the individual coefficients are not estimable");
        return LeastSquaresSolvers.Result(d, LeastSquaresMethod.Svd, x, new double[p], rank, full, cond, scaledCond, 0, null, covariance);
    }
}
