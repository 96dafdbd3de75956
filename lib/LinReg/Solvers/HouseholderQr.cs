using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Solvers;

/// <summary>
/// Householder QR of the n×p design A·D (n ≥ p), D = diag(2^k_j) scaling each column's 2-norm into [½, 1).
/// Power-of-two scaling is exact, and Householder QR is invariant under it, so this only protects against
/// overflow/underflow and makes rank tests and refinement norms unit-free. The working copy is column-major:
/// below the diagonal the Householder vectors v_k (H_k = I − τ_k v_k v_kᵀ), above it R; R's diagonal is kept apart.
/// </summary>
internal sealed class HouseholderQr
{
    private readonly double[] _a;
    private readonly double[] _tau;
    private readonly double[] _rdiag;

    private HouseholderQr(int m, int n, double[] a, double[] tau, double[] rdiag, double[] scale, double[] columnNorm, double[] remainder)
    {
        M = m;
        N = n;
        _a = a;
        _tau = tau;
        _rdiag = rdiag;
        Scale = scale;
        ColumnNorm = columnNorm;
        RelativeRemainder = remainder;
    }

    internal int M { get; }
    internal int N { get; }

    /// <summary>D_j: the power of two each design column was multiplied by (1 when not scaling).</summary>
    internal double[] Scale { get; }

    /// <summary>‖A_j D_j‖₂ (in [½, 1) when scaling, 0 for a zero column).</summary>
    internal double[] ColumnNorm { get; }

    /// <summary>
    /// ρ_k/‖a_k‖: the part of column k orthogonal to columns 0..k−1, relative to the column's norm
    /// (= |R_kk|/‖a_k‖; 0 for a column that is exactly dependent or zero).
    /// </summary>
    internal double[] RelativeRemainder { get; }

    internal static HouseholderQr Factor(Design design, bool scaleColumns)
    {
        int m = design.Rows, n = design.Columns;
        if (m < n) throw new InvalidOperationException($"HouseholderQr needs rows ≥ columns, got {m} × {n}.");
        var a = new double[(long)m * n];
        var scale = new double[n];
        var norm = new double[n];
        var rem = new double[n];
        for (int j = 0; j < n; j++)
        {
            var col = a.AsSpan(j * m, m);
            for (int i = 0; i < m; i++) col[i] = design.Hi(i, j);
            double nrm = Norm(col);
            double s = 1.0;
            if (scaleColumns && nrm > 0)
            {
                s = Math.ScaleB(1.0, -(Math.ILogB(nrm) + 1));
                for (int i = 0; i < m; i++) col[i] *= s;
                nrm *= s;
            }
            scale[j] = s;
            norm[j] = nrm;
        }
        var tau = new double[n];
        var rdiag = new double[n];
        for (int k = 0; k < n; k++)
        {
            var x = a.AsSpan(k * m + k, m - k);
            double nrm = Norm(x);
            rem[k] = norm[k] > 0 ? nrm / norm[k] : 0.0;
            if (nrm == 0)
            {
                tau[k] = 0;
                rdiag[k] = 0;
                continue;
            }
            double alpha = x[0] >= 0 ? -nrm : nrm;
            double v0 = x[0] - alpha;
            x[0] = v0;
            double t = -1.0 / (alpha * v0);
            tau[k] = t;
            rdiag[k] = alpha;
            for (int j = k + 1; j < n; j++)
            {
                var y = a.AsSpan(j * m + k, m - k);
                double s = t * Dot(x, y);
                if (s != 0) Axpy(-s, x, y);
            }
        }
        return new HouseholderQr(m, n, a, tau, rdiag, scale, norm, rem);
    }

    /// <summary>R_ij of the scaled design (upper triangular).</summary>
    internal double R(int i, int j) => i == j ? _rdiag[i] : i < j ? _a[(long)j * M + i] : 0.0;

    /// <summary>b ← Qᵀb (length M).</summary>
    internal void ApplyQt(Span<double> b)
    {
        for (int k = 0; k < N; k++) Reflect(k, b);
    }

    /// <summary>b ← Qb (length M).</summary>
    internal void ApplyQ(Span<double> b)
    {
        for (int k = N - 1; k >= 0; k--) Reflect(k, b);
    }

    private void Reflect(int k, Span<double> b)
    {
        double t = _tau[k];
        if (t == 0) return;
        var v = _a.AsSpan(k * M + k, M - k);
        var bk = b[k..];
        double s = t * Dot(v, bk);
        if (s != 0) Axpy(-s, v, bk);
    }

    /// <summary>Solves R z = b in place (first N entries), scaled variables.</summary>
    internal void SolveR(Span<double> b)
    {
        for (int i = N - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int j = i + 1; j < N; j++) s -= R(i, j) * b[j];
            b[i] = s / _rdiag[i];
        }
    }

    /// <summary>Solves Rᵀ h = g in place (first N entries), scaled variables.</summary>
    internal void SolveRt(Span<double> g)
    {
        for (int i = 0; i < N; i++)
        {
            double s = g[i];
            for (int j = 0; j < i; j++) s -= R(j, i) * g[j];
            g[i] = s / _rdiag[i];
        }
    }

    /// <summary>
    /// R with the column scaling undone (R·D⁻¹: the R factor of the design as given) or with every column
    /// normalized to unit norm (R·diag(1/‖a_j‖)).
    /// </summary>
    internal Matrix<double> RMatrix(bool unitColumns)
    {
        var r = Matrix<double>.Build.Dense(N, N);
        for (int j = 0; j < N; j++)
        {
            double f = unitColumns ? (ColumnNorm[j] > 0 ? 1.0 / ColumnNorm[j] : 1.0) : 1.0 / Scale[j];
            for (int i = 0; i <= j; i++) r[i, j] = R(i, j) * f;
        }
        return r;
    }

    /// <summary>
    /// Singular values (descending) of a small square matrix. The matrix is first scaled by a power of two (exact:
    /// σ(cA) = c·σ(A)) so that entries near 1e±160 cannot overflow or underflow inside the decomposition.
    /// </summary>
    internal static double[] SingularValues(Matrix<double> r)
    {
        var (svd, k) = ScaledSvd(r, vectors: false);
        return svd.S.Select(v => Math.ScaleB(v, k)).ToArray();
    }

    /// <summary>The SVD of 2⁻ᵏ·A with k the binary exponent of A's largest |entry| (singular vectors are those of A;
    /// singular values are σ(A)·2⁻ᵏ).</summary>
    internal static (MathNet.Numerics.LinearAlgebra.Factorization.Svd<double> Svd, int K) ScaledSvd(Matrix<double> a, bool vectors)
    {
        double max = a.Enumerate().Select(Math.Abs).DefaultIfEmpty(0).Max();
        int k = max > 0 && double.IsFinite(max) ? Math.ILogB(max) : 0;
        var scaled = k == 0 ? a : a.Map(v => Math.ScaleB(v, -k));
        return (scaled.Svd(vectors), k);
    }

    internal static double Cond(double[] s) => s.Length == 0 ? 1.0 : s[^1] > 0 ? s[0] / s[^1] : double.PositiveInfinity;

    /// <summary>2-norm without overflow or harmful underflow (scaled by the largest magnitude).</summary>
    internal static double Norm(ReadOnlySpan<double> x)
    {
        double max = 0;
        foreach (double v in x) max = Math.Max(max, Math.Abs(v));
        if (max == 0) return 0;
        if (max > 1e-150 && max < 1e150)
        {
            double ss = 0;
            foreach (double v in x) ss += v * v;
            return Math.Sqrt(ss);
        }
        double inv = 1.0 / max, s2 = 0;
        foreach (double v in x)
        {
            double w = v * inv;
            s2 += w * w;
        }
        return max * Math.Sqrt(s2);
    }

    internal static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++) s += x[i] * y[i];
        return s;
    }

    internal static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] += alpha * x[i];
    }
}
