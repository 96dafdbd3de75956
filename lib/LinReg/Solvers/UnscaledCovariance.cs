using LinReg.Numerics;

namespace LinReg.Solvers;

/// <summary>
/// (AᵀA)⁻¹ for the design A = [1 X] (or X), p×p in design order (intercept first): the covariance of the estimates
/// divided by σ², Var(θ̂) = σ²(AᵀA)⁻¹. Computed from a triangular factor R of the column-scaled design, A·D = QR
/// (Householder QR, or RᵀR = D·AᵀA·D from Cholesky), as (AᵀA)⁻¹ = D·R⁻¹R⁻ᵀ·D — never by inverting AᵀA — and, for
/// the accurate solver, refined in double-double. Or the reason it cannot be estimated.
/// </summary>
/// <remarks>
/// <para>
/// Accuracy. R is the exact factor of a design within about ε of A column by column, so D·R⁻¹R⁻ᵀ·D carries a relative
/// error of about κ·ε, κ the column-scaled condition number: enough for a plot, not for NIST's certified standard
/// deviations (Longley: κ ≈ 4e4, 11–12 digits). <see cref="Refine"/> removes it: with G = AᵀA formed once in
/// double-double from the data as given (hi + lo), each column c of (D G D)⁻¹ is polished by iterative refinement,
/// c ← c + R⁻¹R⁻ᵀ(e_j − DGD·c), the residual evaluated in double-double and c kept in double-double. The
/// preconditioner R⁻¹R⁻ᵀ is within κ·ε of (DGD)⁻¹, so each pass gains about −log10(κ·ε) digits, and the fixed point
/// is accurate to about κ²·2⁻¹⁰⁴ relative (the rounding of the double-double residual, amplified by (DGD)⁻¹).
/// Cost: n·p(p+1)/2 double-double multiply-adds for G, then a few p³ passes — about as much again as the QR itself
/// (measured, Release, n = 200,000, p = 41, κ ≈ 21: 0.55 s added to RefinedQr's 0.86 s; plain Householder QR 0.45 s),
/// which is why RefinedQr only refines when κ &gt; 8 (<see cref="LeastSquaresSolvers.CovarianceRefinementCond"/>). On
/// NIST Filip (κ ≈ 5e9) the factor alone gives 7.6 correct digits of the standard deviations, the refinement 13.3 (6
/// passes); on Wampler3–5 (κ ≈ 2e3) 13.6 and 14.5.
/// </para>
/// </remarks>
internal sealed class UnscaledCovariance
{
    private static readonly double TwoToMinus104 = Math.ScaleB(1.0, -104);

    private UnscaledCovariance(double[,]? matrix, string? notEstimable, int passes)
    {
        Matrix = matrix;
        NotEstimableReason = notEstimable;
        RefinementPasses = passes;
    }

    /// <summary>(AᵀA)⁻¹, p×p, symmetric; null when not estimable.</summary>
    internal double[,]? Matrix { get; }

    /// <summary>Why the covariance does not exist (rank deficiency), or null.</summary>
    internal string? NotEstimableReason { get; }

    /// <summary>The largest number of refinement passes any column needed (0 when not refined).</summary>
    internal int RefinementPasses { get; }

    internal static UnscaledCovariance NotEstimable(string reason) => new(null, reason, 0);

    /// <summary>
    /// D·R⁻¹R⁻ᵀ·D from the upper-triangular R (entries <paramref name="r"/>(i, j) for i ≤ j) of the scaled design
    /// A·D, D = diag(<paramref name="scale"/>); refined in double-double against the design when
    /// <paramref name="refine"/>.
    /// </summary>
    internal static UnscaledCovariance FromTriangular(Design design, Func<int, int, double> r, double[] scale, bool refine)
    {
        int p = scale.Length;
        var rr = new double[p, p];
        for (int i = 0; i < p; i++)
            for (int j = i; j < p; j++) rr[i, j] = r(i, j);
        var rinv = InvertUpper(rr, p);
        // Cs = R⁻¹R⁻ᵀ: (Cs)_ij = Σ_k≥max(i,j) Rinv_ik Rinv_jk
        var cs = new double[p, p];
        for (int i = 0; i < p; i++)
        {
            for (int j = i; j < p; j++)
            {
                double s = 0;
                for (int k = j; k < p; k++) s += rinv[i, k] * rinv[j, k];
                cs[i, j] = s;
                cs[j, i] = s;
            }
        }
        int passes = 0;
        if (refine)
        {
            passes = Refine(design, rr, scale, cs, out var hi, out var lo);
            for (int i = 0; i < p; i++)
                for (int j = 0; j < p; j++) cs[i, j] = hi[i, j] + lo[i, j];
        }
        var c = new double[p, p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++) c[i, j] = scale[i] * cs[i, j] * scale[j]; // powers of two: exact
        return new UnscaledCovariance(c, null, passes);
    }

    /// <summary>R⁻¹ of an upper-triangular p×p matrix (back substitution, column by column of the identity).</summary>
    private static double[,] InvertUpper(double[,] r, int p)
    {
        var inv = new double[p, p];
        for (int j = 0; j < p; j++)
        {
            inv[j, j] = 1.0 / r[j, j];
            for (int i = j - 1; i >= 0; i--)
            {
                double s = 0;
                for (int k = i + 1; k <= j; k++) s += r[i, k] * inv[k, j];
                inv[i, j] = -s / r[i, i];
            }
        }
        return inv;
    }

    /// <summary>
    /// Iterative refinement of every column of Cs = (D G D)⁻¹ (see the remarks); returns the most passes a column
    /// needed and the refined matrix as hi + lo, symmetrized in double-double.
    /// </summary>
    private static int Refine(Design design, double[,] r, double[] scale, double[,] cs, out double[,] hi, out double[,] lo)
    {
        int p = scale.Length, n = design.Rows;
        // G = D AᵀA D in double-double, from the exact data hi + lo (D is a power of two: exact)
        var gHi = new double[p, p];
        var gLo = new double[p, p];
        var rowHi = new double[p];
        var rowLo = new double[p];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < p; c++)
            {
                rowHi[c] = design.Hi(i, c) * scale[c];
                rowLo[c] = design.Lo(i, c) * scale[c];
            }
            for (int a = 0; a < p; a++)
            {
                double ah = rowHi[a], al = rowLo[a];
                if (ah == 0 && al == 0) continue;
                for (int b = a; b < p; b++)
                    DoubleDouble.SubtractProduct(ref gHi[a, b], ref gLo[a, b], ah, al, -rowHi[b], -rowLo[b]);
            }
        }
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b < a; b++)
            {
                gHi[a, b] = gHi[b, a];
                gLo[a, b] = gLo[b, a];
            }
        }

        var cHi = new double[p, p];
        var cLo = new double[p, p];
        var res = new double[p];
        int most = 0;
        for (int j = 0; j < p; j++)
        {
            var zHi = new double[p];
            var zLo = new double[p];
            for (int k = 0; k < p; k++) zHi[k] = cs[k, j];
            double previous = double.PositiveInfinity, last;
            int it = 0;
            while (it < LeastSquaresSolvers.MaxRefinementIterations)
            {
                it++;
                for (int k = 0; k < p; k++)
                {
                    double accHi = k == j ? 1.0 : 0.0, accLo = 0.0;
                    for (int m = 0; m < p; m++)
                        DoubleDouble.SubtractProduct(ref accHi, ref accLo, gHi[k, m], gLo[k, m], zHi[m], zLo[m]);
                    res[k] = accHi + accLo;
                }
                SolveRtR(r, res, p);
                double dz = 0, zn = 0;
                for (int k = 0; k < p; k++)
                {
                    DoubleDouble.Add(ref zHi[k], ref zLo[k], res[k], 0.0);
                    dz = Math.Max(dz, Math.Abs(res[k]));
                    zn = Math.Max(zn, Math.Abs(zHi[k]));
                }
                last = zn > 0 ? dz / zn : dz;
                if (last <= TwoToMinus104) break;
                // stalled: the residual's rounding dominates; more passes cannot help
                if (it >= 3 && last > 0.5 * previous) break;
                previous = last;
            }
            most = Math.Max(most, it);
            for (int k = 0; k < p; k++)
            {
                cHi[k, j] = zHi[k];
                cLo[k, j] = zLo[k];
            }
        }
        hi = new double[p, p];
        lo = new double[p, p];
        for (int a = 0; a < p; a++)
        {
            for (int b = a; b < p; b++)
            {
                // the two refined columns agree to their accuracy; average them in double-double
                double sh = cHi[a, b], sl = cLo[a, b];
                DoubleDouble.Add(ref sh, ref sl, cHi[b, a], cLo[b, a]);
                sh *= 0.5;
                sl *= 0.5;
                hi[a, b] = hi[b, a] = sh;
                lo[a, b] = lo[b, a] = sl;
            }
        }
        return most;
    }

    /// <summary>z ← (RᵀR)⁻¹z: Rᵀu = z forward, then R v = u backward.</summary>
    private static void SolveRtR(double[,] r, double[] z, int p)
    {
        for (int i = 0; i < p; i++)
        {
            double s = z[i];
            for (int k = 0; k < i; k++) s -= r[k, i] * z[k];
            z[i] = s / r[i, i];
        }
        for (int i = p - 1; i >= 0; i--)
        {
            double s = z[i];
            for (int k = i + 1; k < p; k++) s -= r[i, k] * z[k];
            z[i] = s / r[i, i];
        }
    }
}
