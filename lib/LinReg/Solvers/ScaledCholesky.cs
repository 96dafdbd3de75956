using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Solvers;

/// <summary>
/// Solving the normal equation XᵀX w = Xᵀy once XᵀX and Xᵀy are formed (<see cref="NormalEquation"/>), with the care a
/// computer needs: a power-of-two symmetric scaling (exact, and Cholesky's rounding errors do not change under it), a
/// Cholesky factorization that skips and reports columns whose pivot is lost in rounding, the condition number of the
/// design from the factor, and a warning or a <see cref="RankDeficientException"/> when XᵀX cannot be trusted.
/// </summary>
internal static class ScaledCholesky
{
    /// <summary>NormalEquations warns when the column-scaled cond(XᵀX) exceeds this (Wampler1: 4.9e6 and LRE 6.6).</summary>
    internal const double WarningCond = 1e6;

    /// <summary>
    /// Solves G w = c for an already formed G = AᵀA (both triangles) and c = Aᵀy: scaled Cholesky, rank and
    /// conditioning checks, solve. <paramref name="sums"/> computes (RSS, TSS) for the solution (the streaming paths
    /// in LinReg.Fast pass their own); null uses <see cref="Design.SumsOfSquares"/>.
    /// </summary>
    internal static LeastSquaresResult Solve(Design d, double[,] g, double[] c, LeastSquaresSolvers.SumsOfSquares? sums = null)
    {
        int p = d.Columns;
        CheckRange(d, g, c);
        // Power-of-two symmetric scaling S = s G s (exact; Cholesky's rounding errors do not change under it).
        var s = new double[p];
        for (int j = 0; j < p; j++)
            s[j] = g[j, j] > 0 ? Math.ScaleB(1.0, -(int)Math.Round(0.5 * Math.Log2(g[j, j]))) : 1.0;
        var l = new double[p, p];
        var dependent = new List<int>();
        var relPivot = new double[p];
        for (int k = 0; k < p; k++)
        {
            double skk = s[k] * g[k, k] * s[k];
            double piv = skk;
            for (int m = 0; m < k; m++) piv -= l[k, m] * l[k, m];
            relPivot[k] = skk > 0 ? piv / skk : 0.0;
            // pivot/diag is the squared share of column k orthogonal to the earlier ones; computed XᵀX cannot
            // resolve it below the rounding level ≈ p·ε
            if (!(skk > 0) || piv <= p * LeastSquaresSolvers.Eps * skk)
            {
                dependent.Add(k);
                continue; // column k of L stays zero: k is skipped
            }
            double lkk = Math.Sqrt(piv);
            l[k, k] = lkk;
            for (int i = k + 1; i < p; i++)
            {
                double v = s[i] * g[i, k] * s[k];
                for (int m = 0; m < k; m++) v -= l[i, m] * l[k, m];
                l[i, k] = v / lkk;
            }
        }

        if (dependent.Count > 0)
        {
            var diag = RankDiagnosis.ByQr(d);
            throw RankDiagnosis.Deficient(d, LeastSquaresMethod.NormalEquations,
                double.IsFinite(diag.Cond) && diag.Cond * diag.Cond * LeastSquaresSolvers.Eps > 1 ? "XᵀX is numerically singular" : "XᵀX is singular", dependent,
                k => CoefficientsFromCholesky(l, s, g, k), diag.Cond, p - dependent.Count);
        }

        // Condition numbers from the factor: G = s⁻¹ L Lᵀ s⁻¹, so Lᵀ s⁻¹ plays the role of R.
        var rUnscaled = Matrix<double>.Build.Dense(p, p, (i, j) => i <= j ? l[j, i] / s[j] : 0.0);
        var rUnit = Matrix<double>.Build.Dense(p, p, (i, j) => i <= j ? l[j, i] / Math.Sqrt(s[j] * g[j, j] * s[j]) : 0.0);
        var sv = HouseholderQr.SingularValues(rUnscaled);
        double cond = HouseholderQr.Cond(sv);
        double scaledCond = HouseholderQr.Cond(HouseholderQr.SingularValues(rUnit));
        double gramScaled = scaledCond * scaledCond;
        if (gramScaled * LeastSquaresSolvers.Eps >= 1)
        {
            // Every pivot passed, but XᵀX is singular to working precision: the answer would be noise.
            var diag = RankDiagnosis.ByQr(d);
            int worst = 0;
            for (int k = 1; k < p; k++) if (relPivot[k] < relPivot[worst]) worst = k;
            throw RankDiagnosis.Deficient(d, LeastSquaresMethod.NormalEquations,
                $"XᵀX is numerically singular (cond(XᵀX) ≈ {gramScaled:G2} after column scaling, ≥ 1/ε ≈ 4.5e15)",
                [worst], k => CoefficientsFromCholesky(l, s, g, k), diag.Cond, diag.Rank, nearly: true);
        }
        string? warning = null;
        if (gramScaled > WarningCond)
        {
            warning = FormattableString.Invariant(
                $"XᵀX is ill-conditioned: cond(XᵀX) ≈ {gramScaled:G2} after column scaling (= cond(X)², cond(X) ≈ {scaledCond:G2}), so the normal equation loses roughly {Math.Log10(gramScaled):F0} or more of a double's 16 significant digits; use LeastSquaresMethod.RefinedQr (or Qr).");
        }

        // Solve L Lᵀ z = s c, then w = s z.
        var z = new double[p];
        for (int i = 0; i < p; i++)
        {
            double v = s[i] * c[i];
            for (int m = 0; m < i; m++) v -= l[i, m] * z[m];
            z[i] = v / l[i, i];
        }
        for (int i = p - 1; i >= 0; i--)
        {
            double v = z[i];
            for (int m = i + 1; m < p; m++) v -= l[m, i] * z[m];
            z[i] = v / l[i, i];
        }
        for (int i = 0; i < p; i++) z[i] *= s[i];
        // (XᵀX)⁻¹ = s (LLᵀ)⁻¹ s: the triangular factor R = Lᵀ of the scaled Gram matrix (not refined: the normal equation as taught)
        var covariance = LeastSquaresSolvers.Covariance(d, LeastSquaresMethod.NormalEquations, (i, j) => l[j, i], s, scaledCond);
        return LeastSquaresSolvers.Result(d, LeastSquaresMethod.NormalEquations, z, new double[p], p, sv, cond, scaledCond, 0, warning,
            covariance, sums);
    }

    /// <summary>Coefficients c with column k ≈ Σ c_j column j over the independent earlier columns (scaled space).</summary>
    internal static Dictionary<int, double> CoefficientsFromCholesky(double[,] l, double[] s, double[,] g, int k)
    {
        var idx = new List<int>();
        for (int j = 0; j < k; j++) if (l[j, j] > 0) idx.Add(j);
        int q = idx.Count;
        var rhs = new double[q];
        for (int a = 0; a < q; a++) rhs[a] = s[idx[a]] * g[idx[a], k] * s[k];
        for (int a = 0; a < q; a++)
        {
            double v = rhs[a];
            for (int b = 0; b < a; b++) v -= l[idx[a], idx[b]] * rhs[b];
            rhs[a] = v / l[idx[a], idx[a]];
        }
        for (int a = q - 1; a >= 0; a--)
        {
            double v = rhs[a];
            for (int b = a + 1; b < q; b++) v -= l[idx[b], idx[a]] * rhs[b];
            rhs[a] = v / l[idx[a], idx[a]];
        }
        var result = new Dictionary<int, double>();
        // unit-column weights: column j scaled has norm √(s_j² g_jj)
        double nk = Math.Sqrt(s[k] * g[k, k] * s[k]);
        for (int a = 0; a < q; a++)
        {
            int j = idx[a];
            result[j] = rhs[a] * Math.Sqrt(s[j] * g[j, j] * s[j]) / (nk > 0 ? nk : 1.0);
        }
        return result;
    }

    /// <summary>2⁻¹⁰²², the smallest normal double: below it a product keeps fewer than 53 bits.</summary>
    private static readonly double MinNormal = Math.ScaleB(1.0, -1022);

    /// <summary>
    /// XᵀX and Xᵀy are formed in plain double, so they only mean something if their entries stayed inside the double
    /// range: no entry overflowed to ∞, and no column's Σx² fell below n·2⁻¹⁰²² (then its products were subnormal and kept
    /// only a few bits: columns of size 1e-160 give an answer with 5 correct digits and no other sign of trouble), nor
    /// any √(Σx²)·max|y| (the products in Xᵀy). The scaling that follows cannot repair either; the QR-based methods scale
    /// the columns BEFORE multiplying and do not have this limit.
    /// </summary>
    /// <exception cref="ArgumentException">an entry of XᵀX or Xᵀy overflowed or underflowed (names the column).</exception>
    private static void CheckRange(Design d, double[,] g, double[] c)
    {
        int n = d.Rows, p = d.Columns;
        double floor = n * MinNormal;
        double maxY = 0;
        foreach (double v in d.YHi) maxY = Math.Max(maxY, Math.Abs(v));
        for (int j = 0; j < p; j++)
        {
            bool overflow = !double.IsFinite(c[j]);
            for (int k = 0; k < p && !overflow; k++) overflow = !double.IsFinite(g[j, k]);
            bool underflow = !overflow && g[j, j] < floor && !RankDiagnosis.IsZeroColumn(d, j);
            bool yUnderflow = !overflow && !underflow && maxY > 0 && g[j, j] > 0 && Math.Sqrt(g[j, j]) * maxY < floor;
            if (!overflow && !underflow && !yUnderflow) continue;
            double maxX = 0;
            for (int i = 0; i < n; i++) maxX = Math.Max(maxX, Math.Abs(d.Hi(i, j)));
            string what = overflow
                ? FormattableString.Invariant($"its products overflow to ∞ (largest |x| = {maxX:G3}, largest |y| = {maxY:G3}; doubles end at 1.8e308)")
                : underflow
                    ? FormattableString.Invariant($"its squares underflow (largest |x| = {maxX:G3}, Σx² = {g[j, j]:G3} < n·2.2e-308), keeping only a few of their 53 bits")
                    : FormattableString.Invariant($"its products with y underflow (largest |x| = {maxX:G3}, largest |y| = {maxY:G3}), keeping only a few of their 53 bits");
            throw new ArgumentException(
                $"NormalEquations cannot form XᵀX and Xᵀy in double for {d.ColumnName(j)}: {what}. Rescale it (e.g. Standardizer, or other units), " +
                "or use LeastSquaresMethod.Qr or RefinedQr, which scale the columns by powers of two before multiplying.", d.XName);
        }
    }
}
