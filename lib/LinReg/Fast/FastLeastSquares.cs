using LinReg.Data;
using LinReg.Numerics;
using LinReg.Solvers;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Fast;

/// <summary>
/// Least squares for large n: the same problem, the same arguments, checks, exceptions and <see cref="LeastSquaresResult"/>
/// as <see cref="LeastSquares.Fit(double[], int, int, double[], LeastSquaresMethod, bool)"/>, computed by passes that stream
/// over the caller's row-major X on all cores without copying it.
/// <see cref="LeastSquares.Fit(double[], int, int, double[], LeastSquaresMethod, bool)"/> switches to it by itself for large
/// problems (<see cref="LeastSquares.UsesStreamingPath"/>). Taught in notebook 15 · Scaling up (lib/LinReg/Fast/README.md
/// says what it must equal).
/// </summary>
/// <remarks>
/// <para>
/// <see cref="LeastSquaresMethod.NormalEquations"/>: G = [1 X]ᵀ[1 X] and [1 X]ᵀy are formed in one pass by a
/// register-tiled SIMD kernel (n·p²/2 multiply-adds, p = d + 1), then solved by the library's scaled Cholesky
/// (same rank and conditioning checks, warnings and exceptions as the readable path). RSS is evaluated in
/// double-double in a second, cheap pass.
/// </para>
/// <para>
/// <see cref="LeastSquaresMethod.RefinedQr"/> (the accurate solver): iterative refinement of the normal equations
/// whose residuals are exact to double-double — each pass computes r = y − Ax and g = Aᵀr with error-free FMA
/// products and two-sums while streaming over X — preconditioned by a triangular R with RᵀR ≈ AᵀA on the
/// power-of-two-scaled columns: x ← x + D R⁻¹R⁻ᵀ D g. The iteration converges to the least-squares solution of the
/// data as given (to about 2⁻¹⁰⁴ relative when it converges fully) at a rate set by how well RᵀR matches AᵀA:
/// with R from a Cholesky factorization of the Gram matrix (fast; chosen when the column-scaled cond(A) ≤ 1e6,
/// i.e. ε·cond² ≤ 2e-4), or from a Householder QR of A streamed by row blocks (≈ 2× the flops; chosen otherwise,
/// rate ≈ ε·cond(A), the case of the NIST StRD test problems). Rank-deficient designs are handed to the readable
/// solver, which throws its explanatory <see cref="RankDeficientException"/>. The diagnostics (singular values,
/// condition numbers) come from the R used; with the Cholesky one they are those of a well-conditioned design and
/// agree with the QR ones to about ε·cond² relative. RSS is taken from the last refinement pass (double-double).
/// Measured cost at n = 1e6 (tests/LinReg.Benchmarks/README.md): the Gram pass plus 3–4 refinement passes.
/// </para>
/// <para>
/// <see cref="LeastSquaresMethod.Qr"/> and <see cref="LeastSquaresMethod.Svd"/> are delegated to the readable solvers
/// (they copy X), warnings included.
/// </para>
/// </remarks>
public static class FastLeastSquares
{
    /// <summary>Column-scaled cond(A) up to which the Gram-Cholesky preconditioner is used by RefinedQr.</summary>
    internal const double GramPreconditionerMaxCond = 1e6;

    private static readonly double Tiny104 = Math.ScaleB(1.0, -104);   // 2⁻¹⁰⁴: double-double resolution
    private static readonly double Tiny50 = Math.ScaleB(1.0, -50);     // 2⁻⁵⁰: about double resolution

    /// <summary>Fits y ≈ Xw + b by least squares with the fast streaming solvers. <paramref name="x"/> is row-major: entry (i, j) is x[i·cols + j].</summary>
    /// <param name="x">n×d design, row-major (read in place, never copied by NormalEquations or RefinedQr).</param>
    /// <param name="rows">n ≥ 1.</param>
    /// <param name="cols">d ≥ 0.</param>
    /// <param name="y">Targets, length n.</param>
    /// <param name="method">NormalEquations or RefinedQr run the fast passes; Qr and Svd run the readable solvers.</param>
    /// <param name="fitIntercept">Whether to fit b.</param>
    /// <param name="maxDegreeOfParallelism">Worker threads; −1 (default) uses every processor.</param>
    /// <returns>The same result type, diagnostics and conventions as <see cref="LeastSquares.Fit(double[], int, int, double[], LeastSquaresMethod, bool)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="y"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">rows &lt; 1, cols &lt; 0, an undefined method, or maxDegreeOfParallelism is 0 or &lt; −1.</exception>
    /// <exception cref="ArgumentException">Shape mismatch, a NaN or ±∞ entry (named by row and column), nothing to fit, fewer rows than unknowns, or (NormalEquations) a column whose products leave the double range.</exception>
    /// <exception cref="RankDeficientException">The design is (numerically) rank deficient (NormalEquations, RefinedQr).</exception>
    public static LeastSquaresResult Fit(double[] x, int rows, int cols, double[] y,
        LeastSquaresMethod method = LeastSquaresMethod.RefinedQr, bool fitIntercept = true, int maxDegreeOfParallelism = -1)
    {
        int threads = Threads(maxDegreeOfParallelism);
        return Run(x, null, rows, cols, y, null, fitIntercept, method, knownFinite: false, threads, Branch.Auto,
            finite => FastPathSeam.Validate(x, null, rows, cols, y, null, fitIntercept, method, null, nameof(x), nameof(y), finite));
    }

    /// <summary>Fits the dataset's targets on its features with the fast streaming solvers.</summary>
    /// <inheritdoc cref="Fit(double[], int, int, double[], LeastSquaresMethod, bool, int)"/>
    /// <param name="data">The examples (X n×d row-major and y), read in place.</param>
    /// <param name="method">The solver.</param>
    /// <param name="fitIntercept">Whether to fit b.</param>
    /// <param name="maxDegreeOfParallelism">Worker threads; −1 uses every processor.</param>
    public static LeastSquaresResult Fit(Dataset data, LeastSquaresMethod method = LeastSquaresMethod.RefinedQr,
        bool fitIntercept = true, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(data);
        int threads = Threads(maxDegreeOfParallelism);
        // a Dataset checked every value at construction: no second scan
        return Run(data.X, null, data.Count, data.Features, data.Y, null, fitIntercept, method, knownFinite: true, threads, Branch.Auto,
            finite => FastPathSeam.Validate(data.X, null, data.Count, data.Features, data.Y, null, fitIntercept, method, data.FeatureNames,
                nameof(data), nameof(data), finite, nameof(data), nameof(data)));
    }

    /// <summary>
    /// The accurate solver on data given in double-double (entry = hi + lo), as
    /// <see cref="LeastSquares.FitDoubleDouble"/>: the preconditioner uses the hi parts, the refinement residuals hi + lo.
    /// </summary>
    /// <param name="xHi">Leading parts, row-major n×d.</param>
    /// <param name="xLo">Trailing parts (same shape), or null for zeros.</param>
    /// <param name="rows">n ≥ 1.</param>
    /// <param name="cols">d ≥ 0.</param>
    /// <param name="yHi">Leading parts of y.</param>
    /// <param name="yLo">Trailing parts of y, or null for zeros.</param>
    /// <param name="fitIntercept">Whether to fit b.</param>
    /// <param name="maxDegreeOfParallelism">Worker threads; −1 uses every processor.</param>
    /// <returns>The RefinedQr result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="xHi"/> or <paramref name="yHi"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">rows &lt; 1, cols &lt; 0, or maxDegreeOfParallelism is 0 or &lt; −1.</exception>
    /// <exception cref="ArgumentException">Shape mismatch, non-finite entries, or rows &lt; unknowns.</exception>
    /// <exception cref="RankDeficientException">A column is (numerically) a linear combination of the others.</exception>
    public static LeastSquaresResult FitDoubleDouble(double[] xHi, double[]? xLo, int rows, int cols, double[] yHi, double[]? yLo,
        bool fitIntercept = true, int maxDegreeOfParallelism = -1)
    {
        int threads = Threads(maxDegreeOfParallelism);
        return Run(xHi, xLo, rows, cols, yHi, yLo, fitIntercept, LeastSquaresMethod.RefinedQr, knownFinite: false, threads, Branch.Auto,
            finite => FastPathSeam.Validate(xHi, xLo, rows, cols, yHi, yLo, fitIntercept, LeastSquaresMethod.RefinedQr, null,
                nameof(xHi), nameof(yHi), finite));
    }

    /// <summary>How many fits this thread has started on the fast path (tests check that the automatic switch took it).</summary>
    [ThreadStatic]
    internal static int RunsOnThisThread;

    /// <summary>Which preconditioner RefinedQr uses (tests force each one).</summary>
    internal enum Branch
    {
        Auto,
        Gram,
        StreamingQr,
    }

    /// <summary>RefinedQr with a forced preconditioner (for tests), inputs as <see cref="FitDoubleDouble"/>.</summary>
    internal static LeastSquaresResult FitRefined(double[] xHi, double[]? xLo, int rows, int cols, double[] yHi, double[]? yLo,
        bool fitIntercept, Branch branch, int threads = 2) =>
        Run(xHi, xLo, rows, cols, yHi, yLo, fitIntercept, LeastSquaresMethod.RefinedQr, knownFinite: false, threads, branch,
            finite => FastPathSeam.Validate(xHi, xLo, rows, cols, yHi, yLo, fitIntercept, LeastSquaresMethod.RefinedQr, null,
                nameof(xHi), nameof(yHi), finite));

    /// <summary>
    /// The entry of every fit, the automatic switch of <see cref="LeastSquares.Fit(double[], int, int, double[], LeastSquaresMethod, bool)"/>
    /// included: the readable path's argument checks (same order, same exceptions, same messages — <paramref name="validate"/>
    /// runs them, with or without the scan for NaN/±∞ that names the first bad entry's row and column), then the solver.
    /// </summary>
    /// <remarks>
    /// For NormalEquations and RefinedQr the scan for NaN/±∞ is FUSED into the Gram pass both solvers start with: a NaN
    /// or ±∞ anywhere in row i of X makes the diagonal entry Σᵢ xᵢⱼ² of its column NaN or +∞ (no sum of finite squares
    /// and a NaN/∞ term is finite), and one in yᵢ makes Σᵢ yᵢ² non-finite. So the pass over X that forms XᵀX is also the
    /// check; only when it finds a non-finite diagonal does the readable scan run, to name the first bad entry (if it
    /// finds none, the squares overflowed and the readable solvers' behaviour on such data follows). The trailing parts
    /// of double-double input, and the Qr/Svd methods, are scanned up front (SIMD, then the readable scan to name it).
    /// When rows &lt; unknowns the readable order of checks (finiteness before that shape error) is kept by scanning
    /// first too.
    /// </remarks>
    /// <param name="x">X (hi parts), row-major.</param>
    /// <param name="xLo">Trailing parts of X or null.</param>
    /// <param name="rows">n.</param>
    /// <param name="cols">d.</param>
    /// <param name="y">y (hi parts).</param>
    /// <param name="yLo">Trailing parts of y or null.</param>
    /// <param name="intercept">Whether to fit b.</param>
    /// <param name="method">The solver.</param>
    /// <param name="knownFinite">True when every value was checked already (a <see cref="Dataset"/>).</param>
    /// <param name="threads">Worker threads (≥ 1).</param>
    /// <param name="branch">RefinedQr's preconditioner (tests force one).</param>
    /// <param name="validate">The readable checks of the caller's overload; the argument says whether to scan for NaN/±∞.</param>
    internal static LeastSquaresResult Run(double[] x, double[]? xLo, int rows, int cols, double[] y, double[]? yLo, bool intercept,
        LeastSquaresMethod method, bool knownFinite, int threads, Branch branch, Func<bool, Design> validate)
    {
        RunsOnThisThread++;
        bool streamed = method is LeastSquaresMethod.NormalEquations or LeastSquaresMethod.RefinedQr;
        bool scanFirst = !knownFinite && (!streamed || (long)rows < (long)cols + (intercept ? 1 : 0)
            || (xLo is not null && !AllFinite(xLo, threads)) || (yLo is not null && !AllFinite(yLo, threads)));
        if (scanFirst && x is not null && y is not null && AllFinite(x, threads) && AllFinite(y, threads)
            && (xLo is null || AllFinite(xLo, threads)) && (yLo is null || AllFinite(yLo, threads)))
        {
            scanFirst = false;   // the SIMD scan found every value finite: the readable scan has nothing to name
        }
        var design = validate(scanFirst);
        if (!streamed) return FastPathSeam.Solve(design, method);
        var a = new RowMajorDesign(x!, xLo, rows, cols, y!, yLo, intercept);   // (validate threw for null arrays)
        var gram = DesignGram(a, threads);
        if (!knownFinite && !gram.AllFinite) validate(true);   // names the first NaN/±∞ (returns only if the squares overflowed)
        return method == LeastSquaresMethod.NormalEquations
            ? FastPathSeam.SolveNormalEquation(design, gram.G, gram.C,
                (xh, xl) => a.ResidualsAndTotal(xh, xl, intercept ? gram.C[0] / rows : 0, threads))   // Σy/n from the Gram pass
            : Refined(design, a, gram.G, threads, branch);
    }

    /// <summary>Whether every value is finite (<see cref="System.Numerics.Tensors.TensorPrimitives.IsFiniteAll{T}"/> over 1M-value chunks, in parallel).</summary>
    internal static bool AllFinite(double[] v, int threads)
    {
        const int Chunk = 1 << 20;
        int chunks = (v.Length + Chunk - 1) / Chunk;
        bool ok = true;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, (c, state) =>
        {
            if (!System.Numerics.Tensors.TensorPrimitives.IsFiniteAll(v.AsSpan(c * Chunk, Math.Min(Chunk, v.Length - c * Chunk))))
            {
                ok = false;
                state.Stop();
            }
        });
        return ok;
    }

    private static int Threads(int maxDegreeOfParallelism)
    {
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism,
                $"maxDegreeOfParallelism must be −1 (all processors) or ≥ 1, got {maxDegreeOfParallelism}.");
        return maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
    }

    // ------------------------------------------------------------------ the Gram pass (both solvers start with it)

    /// <summary>G = AᵀA, c = Aᵀy and yᵀy of the design (intercept column first) from the streaming Gram kernel (hi parts).</summary>
    internal readonly record struct Gram(double[,] G, double[] C, double YtY)
    {
        /// <summary>Whether every diagonal entry of G, every entry of c and yᵀy are finite (see <see cref="Run"/>).</summary>
        internal bool AllFinite
        {
            get
            {
                if (!double.IsFinite(YtY)) return false;
                for (int j = 0; j < C.Length; j++)
                    if (!double.IsFinite(G[j, j]) || !double.IsFinite(C[j])) return false;
                return true;
            }
        }
    }

    /// <summary>G = AᵀA and c = Aᵀy of the design (intercept column first) from the streaming Gram kernel (hi parts).</summary>
    internal static Gram DesignGram(RowMajorDesign a, int threads)
    {
        int d = a.Features, p = a.Columns, off = a.Intercept ? 1 : 0;
        int pp = GramKernel.PaddedWidth(d);
        double[] full = GramKernel.Compute(a.X, a.Rows, d, a.Y, threads);
        // packed column of design column c: the intercept is packed column d, feature j is packed column j
        int Packed(int col) => a.Intercept && col == 0 ? d : col - off;
        var g = new double[p, p];
        var c = new double[p];
        for (int i = 0; i < p; i++)
        {
            int pi = Packed(i);
            for (int j = 0; j < p; j++) g[i, j] = full[pi * pp + Packed(j)];
            c[i] = full[pi * pp + d + 1];
        }
        return new Gram(g, c, full[(d + 1) * pp + d + 1]);
    }

    private static (double Rss, double Tss) Sums(RowMajorDesign a, double[] xHi, double[] xLo, int threads) =>
        (a.Residuals(xHi, xLo, gradient: null, threads), a.TotalSumOfSquares());

    // ------------------------------------------------------------------ the accurate solver

    /// <summary>The preconditioner: z ↦ (RᵀR)⁻¹z for an upper-triangular R (row-major p×p) of the scaled design.</summary>
    private sealed class Preconditioner(double[] r, int p)
    {
        internal double[] R => r;

        internal void Solve(double[] z)
        {
            // Rᵀ u = z (forward), then R v = u (backward)
            for (int i = 0; i < p; i++)
            {
                double s = z[i];
                for (int k = 0; k < i; k++) s -= r[k * p + i] * z[k];
                z[i] = s / r[i * p + i];
            }
            for (int i = p - 1; i >= 0; i--)
            {
                double s = z[i];
                for (int k = i + 1; k < p; k++) s -= r[i * p + k] * z[k];
                z[i] = s / r[i * p + i];
            }
        }
    }

    private static LeastSquaresResult Refined(Design design, RowMajorDesign a, double[,] g, int threads, Branch branch)
    {
        int p = a.Columns;
        // power-of-two column scaling D (exact): column norms into [½, 1)
        var scale = new double[p];
        var colNorm = new double[p];
        for (int j = 0; j < p; j++)
        {
            double nrm = Math.Sqrt(g[j, j]);
            // a zero column (let the readable solver explain), or one whose Σx² overflowed (the readable solver scales
            // each column by a power of two before squaring; ILogB(∞) would wrap the exponent arithmetic here)
            if (!(nrm > 0) || !double.IsFinite(nrm)) return FastPathSeam.Solve(design, LeastSquaresMethod.RefinedQr);
            scale[j] = Math.ScaleB(1.0, -(Math.ILogB(nrm) + 1));
            colNorm[j] = nrm * scale[j];
        }

        Preconditioner? pre = null;
        double scaledCond = double.NaN;
        if (branch != Branch.StreamingQr)
        {
            var l = CholeskyUpper(g, scale, p);
            if (l is not null)
            {
                scaledCond = UnitColumnCond(l, colNorm, p);
                if (branch == Branch.Gram || scaledCond <= GramPreconditionerMaxCond) pre = new Preconditioner(l, p);
            }
            if (pre is null && branch == Branch.Gram)
                throw new InvalidOperationException("The Gram preconditioner was forced but the Cholesky factorization failed.");
        }
        bool fromQr = false;
        if (pre is null)
        {
            pre = QrPreconditioner(a, scale, colNorm, threads, out scaledCond);
            if (pre is null) return FastPathSeam.Solve(design, LeastSquaresMethod.RefinedQr);   // dependent column: explained there
            fromQr = true;
        }

        var zHi = new double[p];
        var zLo = new double[p];
        var (iterations, converged, lastRel, rss, full) = Iterate(a, pre, scale, zHi, zLo, threads, 0);
        if (!converged && !fromQr && branch == Branch.Auto)
        {
            // the Gram preconditioner was not good enough: continue from here with the QR one
            var qr = QrPreconditioner(a, scale, colNorm, threads, out scaledCond);
            if (qr is null) return FastPathSeam.Solve(design, LeastSquaresMethod.RefinedQr);
            pre = qr;
            (iterations, converged, lastRel, rss, full) = Iterate(a, pre, scale, zHi, zLo, threads, iterations);
        }
        string? warning = converged ? null : FormattableString.Invariant(
            $"Iterative refinement did not converge after {iterations} passes (last relative correction {lastRel:G2}; column-scaled cond(X) ≈ {scaledCond:G2}): expect only about {Math.Max(0, (int)Math.Floor(-Math.Log10(lastRel)))} correct digits.");

        // diagnostics from R: the design's singular values (R·D⁻¹) and the unit-column condition number
        var rUnscaled = Matrix<double>.Build.Dense(p, p, (i, j) => i <= j ? pre.R[i * p + j] / scale[j] : 0.0);
        var sv = rUnscaled.Svd(false).S.ToArray();
        double cond = sv.Length == 0 ? 1.0 : sv[^1] > 0 ? sv[0] / sv[^1] : double.PositiveInfinity;
        var xHi = new double[p];
        var xLo = new double[p];
        for (int j = 0; j < p; j++)
        {
            xHi[j] = zHi[j] * scale[j];
            xLo[j] = zLo[j] * scale[j];
        }
        // RSS: when refinement converged fully, from the last pass (its residuals were evaluated in double-double for x
        // before a correction below 2⁻¹⁰⁴·|x|, which changes RSS by |A·δx|², far below its resolution); else one more pass
        double tss = a.TotalSumOfSquares();
        return FastPathSeam.Result(design, LeastSquaresMethod.RefinedQr, xHi, xLo, p, sv, cond, scaledCond, iterations, warning,
            full ? (_, _) => (rss, tss) : (xh, xl) => Sums(a, xh, xl, threads), pre.R, scale);
    }

    /// <summary>
    /// Refinement passes: g = Aᵀ(y − A D z) in double-double, δz = (RᵀR)⁻¹ D g, z += δz (z in double-double), until
    /// the correction is below 2⁻¹⁰⁴ of z (converged), or stops shrinking (converged if below 2⁻⁵⁰ of z, double's
    /// resolution of the answer), at most <see cref="FastPathSeam.MaxRefinementIterations"/> passes in all.
    /// </summary>
    private static (int Iterations, bool Converged, double LastRelative, double Rss, bool Full) Iterate(RowMajorDesign a, Preconditioner pre, double[] scale,
        double[] zHi, double[] zLo, int threads, int done)
    {
        int p = a.Columns;
        var xHi = new double[p];
        var xLo = new double[p];
        var h = new double[p];
        double previous = double.PositiveInfinity, last = double.PositiveInfinity, lastRss = double.NaN;
        int it = done, here = 0;
        while (it < FastPathSeam.MaxRefinementIterations)
        {
            it++;
            here++;
            for (int j = 0; j < p; j++)
            {
                xHi[j] = zHi[j] * scale[j];
                xLo[j] = zLo[j] * scale[j];
            }
            lastRss = a.Residuals(xHi, xLo, h, threads);  // h = Aᵀr (design units), RSS of the current x
            for (int j = 0; j < p; j++) h[j] *= scale[j];  // (A D)ᵀ r
            pre.Solve(h);                                  // δz
            double dz = 0, zn = 0;
            for (int j = 0; j < p; j++)
            {
                DoubleDouble.Add(ref zHi[j], ref zLo[j], h[j], 0.0);
                dz = Math.Max(dz, Math.Abs(h[j]));
                zn = Math.Max(zn, Math.Abs(zHi[j]));
            }
            previous = last;
            last = zn > 0 ? dz / zn : dz;
            if (last <= Tiny104) return (it, true, last, lastRss, true);
            // The error left after this pass is about ρ·δ, with ρ = δ/δ_previous the observed contraction: when that is
            // below 2⁻¹⁰⁴ too, another pass could not change the answer, so stop here.
            if (here >= 2 && last < 0.5 * previous && last / previous * last <= Tiny104) return (it, true, last, lastRss, true);
            if (here >= 3 && last > 0.5 * previous) return (it, last <= Tiny50, last, lastRss, false);
        }
        return (it, last <= Tiny50, last, lastRss, false);
    }

    /// <summary>The Cholesky factor R (upper triangular, row-major p×p) with RᵀR = D G D, or null if a pivot is not safely positive.</summary>
    private static double[]? CholeskyUpper(double[,] g, double[] scale, int p)
    {
        // R row-major upper: RᵀR = D G D. Column-oriented: R[k,k] = √(s_kk − Σ_{m<k} R[m,k]²), R[k,j] = (s_kj − Σ R[m,k]R[m,j]) / R[k,k]
        var r = new double[p * p];
        for (int k = 0; k < p; k++)
        {
            double skk = scale[k] * g[k, k] * scale[k];
            double piv = skk;
            for (int m = 0; m < k; m++) piv -= r[m * p + k] * r[m * p + k];
            if (!(piv > FastPathSeam.DependenceTolerance * FastPathSeam.DependenceTolerance * skk)) return null;
            double rkk = Math.Sqrt(piv);
            r[k * p + k] = rkk;
            for (int j = k + 1; j < p; j++)
            {
                double v = scale[k] * g[k, j] * scale[j];
                for (int m = 0; m < k; m++) v -= r[m * p + k] * r[m * p + j];
                r[k * p + j] = v / rkk;
            }
        }
        return r;
    }

    /// <summary>cond of R·diag(1/‖a_j‖) (unit columns), from its singular values.</summary>
    private static double UnitColumnCond(double[] r, double[] colNorm, int p)
    {
        var m = Matrix<double>.Build.Dense(p, p, (i, j) => i <= j ? r[i * p + j] / colNorm[j] : 0.0);
        var s = m.Svd(false).S;
        return s[^1] > 0 ? s[0] / s[^1] : double.PositiveInfinity;
    }

    private static Preconditioner? QrPreconditioner(RowMajorDesign a, double[] scale, double[] colNorm, int threads, out double scaledCond)
    {
        int p = a.Columns;
        var r = StreamingQr.Factor(a, scale, threads);
        for (int k = 0; k < p; k++)
        {
            if (!(Math.Abs(r[k * p + k]) / colNorm[k] > FastPathSeam.DependenceTolerance))
            {
                scaledCond = double.PositiveInfinity;
                return null;
            }
        }
        scaledCond = UnitColumnCond(r, colNorm, p);
        return new Preconditioner(r, p);
    }
}
