using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.LeastSquares;

/// <summary>The four solvers behind <see cref="LeastSquares"/>; inputs already validated.</summary>
internal static class LeastSquaresSolvers
{
    internal const double Eps = 2.220446049250313e-16; // 2^-52

    /// <summary>
    /// QR: a design column whose part orthogonal to the earlier columns, |R_kk|, is below max(1e-13, 10·√n·ε) of its
    /// norm counts as dependent. Exact collinearity leaves rounding noise ≈ √n·ε; the hardest full-rank NIST design
    /// (Filip) keeps ≈ 1e-10.
    /// </summary>
    internal const double DependenceTolerance = 1e-13;

    /// <summary>NormalEquations warns when the column-scaled cond(XᵀX) exceeds this (Wampler1: 4.9e6 and LRE 6.6).</summary>
    internal const double NormalEquationsWarningCond = 1e6;

    internal const int MaxRefinementIterations = 30;

    private static readonly double TwoToMinus104 = Math.ScaleB(1.0, -104);
    private static readonly double TwoToMinus50 = Math.ScaleB(1.0, -50);

    internal static LeastSquaresResult Solve(Design d, LeastSquaresMethod method) => method switch
    {
        LeastSquaresMethod.NormalEquations => NormalEquations(d),
        LeastSquaresMethod.Qr => Qr(d, refine: false),
        LeastSquaresMethod.RefinedQr => Qr(d, refine: true),
        LeastSquaresMethod.Svd => Svd(d),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, $"Unknown least-squares method {method}."),
    };

    // ------------------------------------------------------------------ normal equations

    private static LeastSquaresResult NormalEquations(Design d)
    {
        int n = d.Rows, p = d.Columns;
        // Form G = AᵀA and c = Aᵀy in one pass over the rows, plain double arithmetic, as the chapter teaches.
        var g = new double[p, p];
        var c = new double[p];
        var row = new double[p];
        for (int i = 0; i < n; i++)
        {
            d.Row(i, row);
            double yi = d.YHi[i];
            for (int a = 0; a < p; a++)
            {
                double ra = row[a];
                c[a] += ra * yi;
                for (int b = a; b < p; b++) g[a, b] += ra * row[b];
            }
        }
        for (int a = 0; a < p; a++)
            for (int b = 0; b < a; b++) g[a, b] = g[b, a];
        return NormalEquationsFromGram(d, g, c, sums: null);
    }

    /// <summary>
    /// The normal equation from an already formed G = AᵀA (both triangles) and c = Aᵀy: scaled Cholesky, rank and
    /// conditioning checks, solve. <paramref name="sums"/> computes (RSS, TSS) for the solution (hook for LinReg.Fast,
    /// which forms G and the sums with its own kernels); null uses <see cref="Design.SumsOfSquares"/>.
    /// </summary>
    internal static LeastSquaresResult NormalEquationsFromGram(Design d, double[,] g, double[] c, SumsOfSquares? sums)
    {
        int p = d.Columns;
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
            if (!(skk > 0) || piv <= p * Eps * skk)
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
            var diag = DiagnoseByQr(d);
            throw Deficient(d, LeastSquaresMethod.NormalEquations,
                double.IsFinite(diag.Cond) && diag.Cond * diag.Cond * Eps > 1 ? "XᵀX is numerically singular" : "XᵀX is singular", dependent,
                k => CoefficientsFromCholesky(l, s, g, k), diag.Cond, p - dependent.Count);
        }

        // Condition numbers from the factor: G = s⁻¹ L Lᵀ s⁻¹, so Lᵀ s⁻¹ plays the role of R.
        var rUnscaled = Matrix<double>.Build.Dense(p, p, (i, j) => i <= j ? l[j, i] / s[j] : 0.0);
        var rUnit = Matrix<double>.Build.Dense(p, p, (i, j) => i <= j ? l[j, i] / Math.Sqrt(s[j] * g[j, j] * s[j]) : 0.0);
        var sv = HouseholderQr.SingularValues(rUnscaled);
        double cond = HouseholderQr.Cond(sv);
        double scaledCond = HouseholderQr.Cond(HouseholderQr.SingularValues(rUnit));
        double gramScaled = scaledCond * scaledCond;
        if (gramScaled * Eps >= 1)
        {
            // Every pivot passed, but XᵀX is singular to working precision: the answer would be noise.
            var diag = DiagnoseByQr(d);
            int worst = 0;
            for (int k = 1; k < p; k++) if (relPivot[k] < relPivot[worst]) worst = k;
            throw Deficient(d, LeastSquaresMethod.NormalEquations,
                $"XᵀX is numerically singular (cond(XᵀX) ≈ {gramScaled:G2} after column scaling, ≥ 1/ε ≈ 4.5e15)",
                [worst], k => CoefficientsFromCholesky(l, s, g, k), diag.Cond, diag.Rank, nearly: true);
        }
        string? warning = null;
        if (gramScaled > NormalEquationsWarningCond)
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
        return Result(d, LeastSquaresMethod.NormalEquations, z, new double[p], p, sv, cond, scaledCond, 0, warning, sums);
    }

    /// <summary>Coefficients c with column k ≈ Σ c_j column j over the independent earlier columns (scaled space).</summary>
    private static Dictionary<int, double> CoefficientsFromCholesky(double[,] l, double[] s, double[,] g, int k)
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

    // ------------------------------------------------------------------ QR and refined QR

    private static LeastSquaresResult Qr(Design d, bool refine)
    {
        var method = refine ? LeastSquaresMethod.RefinedQr : LeastSquaresMethod.Qr;
        int n = d.Rows, p = d.Columns;
        var qr = HouseholderQr.Factor(d, scaleColumns: true);
        var dependent = new List<int>();
        double tol = Math.Max(DependenceTolerance, 10 * Math.Sqrt(n) * Eps);
        for (int k = 0; k < p; k++)
            if (qr.RelativeRemainder[k] <= tol) dependent.Add(k);
        var sv = HouseholderQr.SingularValues(qr.RMatrix(unitColumns: false));
        double cond = HouseholderQr.Cond(sv);
        if (dependent.Count > 0)
            throw Deficient(d, method, "Linearly dependent columns (XᵀX is singular)", dependent, k => CoefficientsFromQr(qr, dependent, k), cond, p - dependent.Count);
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
        }
        else
        {
            (iterations, warning) = Refine(d, qr, zHi, zLo, scaledCond);
        }
        // back to the design's units: x = D z (exact: D is a power of two)
        var xHi = new double[p];
        var xLo = new double[p];
        for (int j = 0; j < p; j++)
        {
            xHi[j] = zHi[j] * qr.Scale[j];
            xLo[j] = zLo[j] * qr.Scale[j];
        }
        return Result(d, method, xHi, xLo, p, sv, cond, scaledCond, iterations, warning);
    }

    /// <summary>
    /// Björck's iterative refinement of the augmented system [I A; Aᵀ 0][r; z] = [y; 0] with A = QR (scaled design).
    /// Each pass computes, in double-double, f = y − r − A z and g = −Aᵀ r, solves the same system for the correction
    /// (h = R⁻ᵀg, e = Qᵀf, δz = R⁻¹(e₁ − h), δr = Q[h; e₂]) and adds it. Starting from r = 0, z = 0, the first pass is
    /// the plain QR solution. z is kept in double-double (zHi + zLo).
    /// </summary>
    private static (int Iterations, string? Warning) Refine(Design d, HouseholderQr qr, double[] zHi, double[] zLo, double scaledCond)
    {
        int n = d.Rows, p = d.Columns;
        var r = new double[n];
        var f = new double[n];
        var gHi = new double[p];
        var gLo = new double[p];
        var h = new double[p];
        var xHi = new double[p];
        var xLo = new double[p];
        double previous = double.PositiveInfinity, last = double.PositiveInfinity, zNorm = 0;
        int it = 0;
        bool converged = false;
        while (it < MaxRefinementIterations)
        {
            it++;
            for (int j = 0; j < p; j++)
            {
                xHi[j] = zHi[j] * qr.Scale[j];
                xLo[j] = zLo[j] * qr.Scale[j];
                gHi[j] = 0;
                gLo[j] = 0;
            }
            // f = y − r − A x ; g = −Aᵀ r   (design units; g scaled below)
            for (int i = 0; i < n; i++)
            {
                double accHi = d.YHi[i], accLo = d.YLo?[i] ?? 0.0;
                Design.AddDD(ref accHi, ref accLo, -r[i], 0.0);
                double ri = r[i];
                for (int c = 0; c < p; c++)
                {
                    double aHi = d.Hi(i, c), aLo = d.Lo(i, c);
                    Design.SubtractProduct(ref accHi, ref accLo, aHi, aLo, xHi[c], xLo[c]);
                    if (ri != 0) Design.SubtractProduct(ref gHi[c], ref gLo[c], aHi, aLo, ri, 0.0);
                }
                f[i] = accHi + accLo;
            }
            for (int j = 0; j < p; j++) h[j] = (gHi[j] + gLo[j]) * qr.Scale[j];
            // correction
            qr.SolveRt(h);
            qr.ApplyQt(f);
            for (int j = 0; j < p; j++) f[j] -= h[j];
            var dz = f.AsSpan(0, p).ToArray();
            qr.SolveR(dz);
            for (int j = 0; j < p; j++) f[j] = h[j];
            qr.ApplyQ(f); // δr
            for (int i = 0; i < n; i++) r[i] += f[i];
            double dzNorm = 0;
            zNorm = 0;
            for (int j = 0; j < p; j++)
            {
                Design.AddDD(ref zHi[j], ref zLo[j], dz[j], 0.0);
                dzNorm = Math.Max(dzNorm, Math.Abs(dz[j]));
                zNorm = Math.Max(zNorm, Math.Abs(zHi[j]));
            }
            previous = last;
            last = dzNorm;
            if (dzNorm <= TwoToMinus104 * zNorm) { converged = true; break; }
            if (it >= 3 && dzNorm > 0.5 * previous)
            {
                converged = dzNorm <= TwoToMinus50 * zNorm; // stalled, but below double's resolution of z
                break;
            }
        }
        if (!converged && !(last <= TwoToMinus50 * zNorm)) // (ran out of passes while still correcting)
        {
            double rel = zNorm > 0 ? last / zNorm : last;
            return (it, FormattableString.Invariant(
                $"Iterative refinement did not converge after {it} passes (last relative correction {rel:G2}; column-scaled cond(X) ≈ {scaledCond:G2}): expect only about {Math.Max(0, (int)Math.Floor(-Math.Log10(rel)))} correct digits."));
        }
        return (it, null);
    }

    private static Dictionary<int, double> CoefficientsFromQr(HouseholderQr qr, List<int> dependent, int k)
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

    // ------------------------------------------------------------------ SVD (minimum norm)

    private static LeastSquaresResult Svd(Design d)
    {
        int n = d.Rows, p = d.Columns;
        double[] sv;
        Matrix<double> u, vt;
        var b = new double[Math.Max(n, p)];
        d.YHi.CopyTo(b, 0);
        int m; // length of the system U Σ Vᵀ x = b[0..m)
        Matrix<double>? unitR = null;
        if (n >= p)
        {
            // Thin SVD: A = QR (no column scaling: the minimum-norm solution depends on the columns' units),
            // then R = U Σ Vᵀ (p×p), so A = (QU) Σ Vᵀ and x = V Σ⁺ Uᵀ (Qᵀy)[0..p).
            var qr = HouseholderQr.Factor(d, scaleColumns: false);
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
        double tol = Math.Max(n, p) * Eps * (sv.Length > 0 ? sv[0] : 0);
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
        return Result(d, LeastSquaresMethod.Svd, x, new double[p], rank, full, cond, scaledCond, 0, null);
    }

    // ------------------------------------------------------------------ shared

    private static (double Cond, int Rank) DiagnoseByQr(Design d)
    {
        var qr = HouseholderQr.Factor(d, scaleColumns: true);
        var sv = HouseholderQr.SingularValues(qr.RMatrix(unitColumns: false));
        double tol = Math.Max(d.Rows, d.Columns) * Eps * sv[0];
        return (HouseholderQr.Cond(sv), sv.Count(v => v > tol));
    }

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
        return new LeastSquaresResult(method, w, bias, d.Intercept, d.Rows, rank, sv, cond, scaledCond, rss, tss, iterations, warning);
    }

    private static RankDeficientException Deficient(Design d, LeastSquaresMethod method, string headline, List<int> dependent,
        Func<int, Dictionary<int, double>> coefficients, double cond, int rank, bool nearly = false)
    {
        var sb = new StringBuilder();
        sb.Append(headline).Append(": rank ").Append(rank.ToString(CultureInfo.InvariantCulture)).Append(" of ")
          .Append(d.Columns.ToString(CultureInfo.InvariantCulture)).Append(" columns")
          .Append(d.Intercept ? " (intercept included)" : "").Append("; ");
        var features = new List<int>();
        for (int a = 0; a < dependent.Count; a++)
        {
            int k = dependent[a];
            if (a > 0) sb.Append("; ");
            sb.Append(Explain(d, k, coefficients(k), nearly));
            int f = d.FeatureIndex(k);
            if (f >= 0) features.Add(f);
        }
        sb.Append("; condition number of the design ").Append(FormatCond(cond));
        if (double.IsFinite(cond)) sb.Append(", of XᵀX ").Append(FormatCond(cond * cond)).Append(" (1/ε ≈ 4.5e15)");
        sb.Append(" — remove or combine the dependent column(s), or use LeastSquaresMethod.Svd for the minimum-norm solution.");
        return new RankDeficientException(sb.ToString(), rank, d.Columns, cond, features, method);
    }

    private static string FormatCond(double c) => double.IsPositiveInfinity(c) ? "∞" : c.ToString("G2", CultureInfo.InvariantCulture);

    internal static string Explain(Design d, int k, Dictionary<int, double> coefficients, bool nearly, bool exact = false)
    {
        string name = d.ColumnName(k);
        if (d.FeatureIndex(k) >= 0 && IsZeroColumn(d, k)) return $"{name} is all zeros";
        double max = coefficients.Count == 0 ? 0 : coefficients.Values.Max(Math.Abs);
        var partners = coefficients
            .Where(kv => exact ? kv.Value != 0 : Math.Abs(kv.Value) > 1e-8 * max && Math.Abs(kv.Value) > 1e-10)
            .Select(kv => kv.Key).OrderBy(j => j).ToList();
        string how = exact ? "exactly" : nearly ? "nearly" : "(numerically)";
        if (partners.Count == 0) return $"{name} is {how} zero once the earlier columns are accounted for";
        if (partners.Count == 1 && d.Intercept && partners[0] == 0) return $"{name} is {how} constant (a multiple of the intercept column)";
        if (partners.Count == 1) return $"{name} is {how} a multiple of {d.ColumnName(partners[0])}";
        return $"{name} is {how} a linear combination of {ListColumns(d, partners)}";
    }

    /// <summary>"the intercept column and columns 0–7", "columns 0 and 1", "column 2 (age) and column 5 (income)".</summary>
    internal static string ListColumns(Design d, List<int> designColumns)
    {
        var parts = new List<string>();
        if (d.Intercept && designColumns.Contains(0)) parts.Add("the intercept column");
        var features = designColumns.Select(d.FeatureIndex).Where(f => f >= 0).ToList();
        if (d.FeatureNames is not null)
        {
            parts.AddRange(designColumns.Where(c => d.FeatureIndex(c) >= 0).Select(d.ColumnName));
        }
        else if (features.Count == 1)
        {
            parts.Add("column " + features[0].ToString(CultureInfo.InvariantCulture));
        }
        else if (features.Count > 1)
        {
            bool contiguous = features[^1] - features[0] == features.Count - 1;
            string inv(int v) => v.ToString(CultureInfo.InvariantCulture);
            parts.Add(contiguous && features.Count > 2
                ? $"columns {inv(features[0])}–{inv(features[^1])}"
                : "columns " + string.Join(", ", features.Take(features.Count - 1).Select(inv)) + " and " + inv(features[^1]));
        }
        return parts.Count <= 1 ? string.Concat(parts) : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1];
    }

    private static bool IsZeroColumn(Design d, int c)
    {
        for (int i = 0; i < d.Rows; i++) if (d.Hi(i, c) != 0 || d.Lo(i, c) != 0) return false;
        return true;
    }
}
