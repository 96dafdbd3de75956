using System.Globalization;
using LinReg.Data;
using LinReg.Fast;
using LinReg.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Solvers;

/// <summary>
/// Least squares over data too large for memory, read from a file block by block: a <see cref="RowFile"/> (the
/// library's binary format) or a numeric CSV file. The answer is the accurate solver's (RefinedQr) to 1e-12, in memory
/// bounded by the block size whatever the number of rows. Taught in notebook 15 · Scaling up.
/// </summary>
/// <remarks>
/// <para>
/// <b>Pass 1: tall-skinny QR (TSQR).</b> The rows are read in blocks; each worker thread factors its blocks by
/// Householder QR of the augmented design [1 X y] (or [X y]), folding block after block into its own triangular factor
/// (the QR of [R; B] for the running R and the new block B), and the workers' factors are merged pairwise. The final
/// (p+1)×(p+1) triangle [R c; 0 ρ] is the R of the whole augmented design: R is the R factor of [1 X], c = Qᵀy and
/// |ρ| is the residual norm of the QR solution x₀ = R⁻¹c — without ever storing Q or more than a few blocks. This is
/// the reduction Spark MLlib's <c>RowMatrix.tallSkinnyQR</c> and other distributed engines use: each partition's R is
/// small, R factors merge in any order, and every step is a backward-stable Householder transformation, so x₀ is as
/// accurate as an in-memory QR (it loses about log10 κ digits, κ the condition number of the design).
/// </para>
/// <para>
/// <b>Refinement passes.</b> Each further pass computes, while streaming over the file, the residuals r = y − A x and
/// g = Aᵀr in double-double (error-free FMA products and two-sums, the in-memory RefinedQr's residuals) and corrects
/// x ← x + R⁻¹R⁻ᵀ g. The correction shrinks by a factor of about ε·κ per pass; the passes stop when the next
/// correction, estimated from the last one and that rate, would be below 2⁻⁶⁴ of x (it could not change the
/// double-precision answer), or below 2⁻¹⁰⁴ (double-double resolution). A well-conditioned problem takes one pass;
/// the NIST Longley data repeated 1000 times take two. The residual sum of squares comes from the last pass.
/// </para>
/// <para>
/// <b>Why not the one-pass sufficient statistics?</b> Spark MLlib's <c>WeightedLeastSquares</c> (what its
/// LinearRegression runs with the "normal" solver) aggregates XᵀX and Xᵀy over the partitions and solves the normal
/// equation. That is one pass and easy to merge, but forming XᵀX squares the condition number: the answer loses about
/// 2·log10 κ digits where QR loses log10 κ (and it cannot answer at all once κ² reaches 1/ε ≈ 4.5e15). Measured on the
/// NIST Longley data (condition number of the column-scaled design 4.3e4) repeated 1000 times, the smallest number of
/// correct digits of the certified coefficients (LRE) is 5.6 for the normal equation, 12.9 for the one-pass TSQR
/// solution and 14.6 after one refinement pass (tests/LinReg.Tests/Solvers/OutOfCoreLeastSquaresTests.cs; notebook 15
/// computes and checks them).
/// </para>
/// <para>
/// <b>Cost.</b> Pass 1 does the 2·n·(p+1)² flops of Householder QR, applied 8 reflectors at a time in compact-WY form
/// (matrix–matrix work); a refinement pass about 10·n·p (double-double), close to the cost of reading the rows. One
/// thread reads (and asks the kernel to read ahead), the others factor. Measured at n = 1e7, d = 100 (8 GB): 7.4 s with
/// the file in the page cache, 13 s from a disk that reads it in 6.5–12 s, 123 MB of memory
/// (tests/LinReg.Benchmarks/README.md).
/// </para>
/// </remarks>
public static class OutOfCoreLeastSquares
{
    private static readonly double Tiny104 = Math.ScaleB(1.0, -104);
    private static readonly double Tiny64 = Math.ScaleB(1.0, -64);
    private static readonly double Tiny50 = Math.ScaleB(1.0, -50);

    /// <summary>Fits y ≈ Xw + b by least squares over the rows of a <see cref="RowFile"/>.</summary>
    /// <param name="path">The row file.</param>
    /// <param name="fitIntercept">Whether to fit b; null takes the file header's choice.</param>
    /// <param name="refine">True (default): TSQR then refinement passes, the RefinedQr answer. False: one pass, the
    /// TSQR solution (Method = Qr), which loses about log10 κ digits.</param>
    /// <param name="maxDegreeOfParallelism">Worker threads that factor blocks while the calling thread reads; −1 (default) uses every processor.</param>
    /// <returns>The fit, its rank and condition numbers, RSS and TSS, as <see cref="LeastSquares.Fit(double[], int, int, double[], LeastSquaresMethod, bool)"/> reports them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">maxDegreeOfParallelism is 0 or &lt; −1.</exception>
    /// <exception cref="FileNotFoundException">no such file.</exception>
    /// <exception cref="InvalidDataException">a bad header, a truncated file, a NaN or ±∞ value (named by row and column), or fewer rows than unknowns.</exception>
    /// <exception cref="RankDeficientException">a column is (numerically) a linear combination of the others.</exception>
    public static LeastSquaresResult Fit(string path, bool? fitIntercept = null, bool refine = true, int maxDegreeOfParallelism = -1) =>
        FitRowFile(path, fitIntercept, refine, Threads(maxDegreeOfParallelism), chunkRows: 0);

    /// <summary>
    /// Fits the target column of a numeric CSV file on its other columns: a header line of names, one example per line,
    /// comma-separated numbers (no quotes), empty lines skipped. The file is parsed again on every pass.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="target">The name of the target column; every other column is a feature, in file order.</param>
    /// <param name="fitIntercept">Whether to fit b.</param>
    /// <param name="refine">As for <see cref="Fit"/>.</param>
    /// <param name="maxDegreeOfParallelism">Worker threads that parse and factor blocks while the calling thread reads; −1 uses every processor.</param>
    /// <returns>The fit (<see cref="LeastSquaresResult.Weights"/> in the order of the feature columns).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">maxDegreeOfParallelism is 0 or &lt; −1.</exception>
    /// <exception cref="ArgumentException">the file has no column named <paramref name="target"/> (the message lists the columns).</exception>
    /// <exception cref="FileNotFoundException">no such file.</exception>
    /// <exception cref="FormatException">no header; a line with another number of fields than the header, a field that is not a number, or a NaN/±∞ (each named by line, row and column).</exception>
    /// <exception cref="InvalidDataException">fewer rows than unknowns.</exception>
    /// <exception cref="RankDeficientException">a column is (numerically) a linear combination of the others.</exception>
    public static LeastSquaresResult FitCsv(string path, string target, bool fitIntercept = true, bool refine = true, int maxDegreeOfParallelism = -1)
    {
        int threads = Threads(maxDegreeOfParallelism);
        using var source = new CsvSource(path, target);
        return Solve(source, fitIntercept, refine, threads, source.FeatureNames);
    }

    /// <summary><see cref="Fit"/> with a chosen number of rows per read (tests use small blocks to exercise many of them).</summary>
    internal static LeastSquaresResult FitRowFile(string path, bool? fitIntercept, bool refine, int threads, int chunkRows)
    {
        using var source = new RowFileSource(path, chunkRows);
        return Solve(source, fitIntercept ?? source.Header.FitIntercept, refine, threads, featureNames: null);
    }

    private static int Threads(int maxDegreeOfParallelism)
    {
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism,
                $"maxDegreeOfParallelism must be −1 (all processors) or ≥ 1, got {maxDegreeOfParallelism}.");
        return maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
    }

    /// <summary>Per-worker state of the TSQR pass.</summary>
    private sealed class QrWorker(int q, int blockRows)
    {
        internal readonly double[] R = new double[q * q];
        internal readonly double[] Block = new double[blockRows * q];
        internal readonly double[] Workspace = new double[8 * q];
        internal long Rows;
        internal double SumHi, SumLo, SquaresHi, SquaresLo;
    }

    /// <summary>Per-worker state of a refinement pass: double-double sums of g = Aᵀr (intercept apart) and of r².</summary>
    private sealed class ResidualWorker(int d)
    {
        internal readonly double[] GHi = new double[d];
        internal readonly double[] GLo = new double[d];
        internal double G0Hi, G0Lo, RssHi, RssLo;
    }

    private static LeastSquaresResult Solve(RowBlockSource source, bool intercept, bool refine, int threads, IReadOnlyList<string>? featureNames)
    {
        int d = source.Features, off = intercept ? 1 : 0, p = d + off, q = p + 1;
        if (p == 0) throw new InvalidDataException($"{source.Source}: nothing to fit: the file has 0 features and the intercept is off.");

        // ---- pass 1: TSQR of the augmented design [1 X y]
        int mb = StreamingQr.BlockRows(q);
        var qr = new QrWorker[threads];
        for (int w = 0; w < threads; w++) qr[w] = new QrWorker(q, mb);
        BlockPipeline.Run(source, threads, (w, _, x, y, m) =>
        {
            var s = qr[w];
            for (int r0 = 0; r0 < m; r0 += mb)
            {
                int mm = Math.Min(mb, m - r0);
                var block = s.Block;
                if (intercept) block.AsSpan(0, mm).Fill(1.0);
                for (int i = 0; i < mm; i++)
                {
                    int src = (r0 + i) * d;
                    for (int j = 0; j < d; j++) block[(j + off) * mb + i] = x[src + j];
                    block[p * mb + i] = y[r0 + i];
                }
                StreamingQr.AbsorbBlocked(s.R, q, block, mm, mb, s.Workspace);
            }
            for (int i = 0; i < m; i++)
            {
                DoubleDouble.Add(ref s.SumHi, ref s.SumLo, y[i], 0.0);
                double sq = DoubleDouble.TwoProduct(y[i], y[i], out double e);
                DoubleDouble.Add(ref s.SquaresHi, ref s.SquaresLo, sq, e);
            }
            s.Rows += m;
        });
        long n = 0;
        double sumHi = 0, sumLo = 0, sqHi = 0, sqLo = 0;
        foreach (var s in qr)
        {
            n += s.Rows;
            DoubleDouble.Add(ref sumHi, ref sumLo, s.SumHi, s.SumLo);
            DoubleDouble.Add(ref sqHi, ref sqLo, s.SquaresHi, s.SquaresLo);
        }
        if (n > int.MaxValue) throw new InvalidDataException($"{source.Source}: {n} rows; the solver handles at most {int.MaxValue}.");
        if (n < p)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{source.Source}: {n} rows but there are {p} unknowns ({d} columns{(intercept ? " + intercept" : "")}): least squares needs rows ≥ unknowns for a unique solution."));
        var rAug = Merge(qr.Select(s => s.R).ToArray(), q);
        double tss = TotalSumOfSquares(sumHi, sumLo, sqHi, sqLo, n, intercept);

        // ---- R, c = Qᵀy, rank and diagnostics
        var r = new double[p * p];
        var c = new double[p];
        var colNorm = new double[p];
        for (int i = 0; i < p; i++)
        {
            for (int j = i; j < p; j++) r[i * p + j] = rAug[i * q + j];
            c[i] = rAug[i * q + p];
        }
        for (int k = 0; k < p; k++)
        {
            double ss = 0;
            for (int i = 0; i <= k; i++) ss += r[i * p + k] * r[i * p + k];
            colNorm[k] = Math.Sqrt(ss);
        }
        var design = new Design([], null, false, (int)n, d, intercept, [], null, featureNames);
        var sv = Matrix<double>.Build.Dense(p, p, (i, j) => i <= j ? r[i * p + j] : 0.0).Svd(false).S.ToArray();
        double cond = sv[^1] > 0 ? sv[0] / sv[^1] : double.PositiveInfinity;
        double tol = Math.Max(LeastSquaresSolvers.DependenceTolerance, 10 * Math.Sqrt(n) * LeastSquaresSolvers.Eps);
        var dependent = new List<int>();
        for (int k = 0; k < p; k++)
            if (!(Math.Abs(r[k * p + k]) > tol * colNorm[k])) dependent.Add(k);
        var method = refine ? LeastSquaresMethod.RefinedQr : LeastSquaresMethod.Qr;
        if (dependent.Count > 0)
        {
            // the explanation reads the design only to see whether a column is all zeros, i.e. has norm 0: a one-row
            // stand-in holding the column norms answers that without another pass over the file
            var norms = new Design(colNorm.AsSpan(off).ToArray(), null, false, 1, d, intercept, [0.0], null, featureNames);
            throw RankDiagnosis.Deficient(norms, method, "Linearly dependent columns (XᵀX is singular)", dependent,
                k => Coefficients(r, p, colNorm, dependent, k), cond, p - dependent.Count);
        }
        var unit = Matrix<double>.Build.Dense(p, p, (i, j) => i <= j ? r[i * p + j] / colNorm[j] : 0.0).Svd(false).S;
        double scaledCond = unit[^1] > 0 ? unit[0] / unit[^1] : double.PositiveInfinity;

        // (AᵀA)⁻¹ = R⁻¹R⁻ᵀ from the TSQR factor of the unscaled design (no column scaling, and no double-double
        // refinement: that would need the rows in memory; the factor alone is good to about κ·ε relative)
        var covariance = UnscaledCovariance.FromTriangular(design, (i, j) => r[i * p + j], Enumerable.Repeat(1.0, p).ToArray(), refine: false);

        var xHi = (double[])c.Clone();
        SolveR(r, p, xHi);                      // x₀ = R⁻¹ Qᵀy: the TSQR solution
        var xLo = new double[p];
        if (!refine)
        {
            double rho = rAug[p * q + p];
            return Result(design, LeastSquaresMethod.Qr, xHi, xLo, p, sv, cond, scaledCond, rho * rho, tss, 0, null, covariance);
        }

        // ---- refinement passes over the file
        double rate = Math.Min(0.5, 4 * p * LeastSquaresSolvers.Eps * scaledCond);
        double previous = double.PositiveInfinity, last = double.PositiveInfinity, rss = double.NaN;
        int it = 0;
        bool converged = false;
        var g = new double[p];
        while (it < LeastSquaresSolvers.MaxRefinementIterations)
        {
            it++;
            (g, rss) = ResidualPass(source, threads, intercept, xHi, xLo);
            var delta = (double[])g.Clone();
            SolveRt(r, p, delta);
            SolveR(r, p, delta);                 // δ = (RᵀR)⁻¹ Aᵀr
            double dx = 0, xn = 0, dg = 0;
            for (int j = 0; j < p; j++)
            {
                DoubleDouble.Add(ref xHi[j], ref xLo[j], delta[j], 0.0);
                dx = Math.Max(dx, Math.Abs(delta[j]));
                xn = Math.Max(xn, Math.Abs(xHi[j]));
                dg += delta[j] * g[j];
            }
            rss = Math.Max(0, rss - dg);         // RSS(x + δ) ≈ RSS(x) − δᵀg for the least-squares correction
            previous = last;
            last = xn > 0 ? dx / xn : dx;
            double rho = it >= 2 && previous > 0 ? Math.Max(rate, last / previous) : rate;
            if (last <= Tiny104 || (rho < 0.5 && rho * last <= Tiny64)) { converged = true; break; }
            if (it >= 3 && last > 0.5 * previous) { converged = last <= Tiny50; break; }
        }
        string? warning = converged ? null : FormattableString.Invariant(
            $"Iterative refinement did not converge after {it} passes over the file (last relative correction {last:G2}; column-scaled cond(X) ≈ {scaledCond:G2}): expect only about {Math.Max(0, (int)Math.Floor(-Math.Log10(last)))} correct digits.");
        return Result(design, LeastSquaresMethod.RefinedQr, xHi, xLo, p, sv, cond, scaledCond, rss, tss, it, warning, covariance);
    }

    /// <summary>One pass: g = Aᵀ(y − A x) and RSS = ‖y − A x‖² in double-double, x = xHi + xLo per design column.</summary>
    private static (double[] G, double Rss) ResidualPass(RowBlockSource source, int threads, bool intercept, double[] xHi, double[] xLo)
    {
        int d = source.Features, off = intercept ? 1 : 0;
        var wHi = xHi.AsSpan(off, d).ToArray();
        var wLo = xLo.AsSpan(off, d).ToArray();
        double bHi = intercept ? xHi[0] : 0, bLo = intercept ? xLo[0] : 0;
        var parts = new ResidualWorker[threads];
        for (int w = 0; w < threads; w++) parts[w] = new ResidualWorker(d);
        BlockPipeline.Run(source, threads, (w, _, x, y, m) =>
        {
            var s = parts[w];
            new RowMajorDesign(x, null, m, d, y, null, intercept)
                .AccumulateRange(0, m, wHi, wLo, bHi, bLo, s.GHi, s.GLo, ref s.G0Hi, ref s.G0Lo, ref s.RssHi, ref s.RssLo);
        });
        var gHi = new double[d];
        var gLo = new double[d];
        double g0h = 0, g0l = 0, rh = 0, rl = 0;
        foreach (var s in parts)
        {
            for (int j = 0; j < d; j++) DoubleDouble.Add(ref gHi[j], ref gLo[j], s.GHi[j], s.GLo[j]);
            DoubleDouble.Add(ref g0h, ref g0l, s.G0Hi, s.G0Lo);
            DoubleDouble.Add(ref rh, ref rl, s.RssHi, s.RssLo);
        }
        var g = new double[d + off];
        if (intercept) g[0] = g0h + g0l;
        for (int j = 0; j < d; j++) g[off + j] = gHi[j] + gLo[j];
        return (g, rh + rl);
    }

    /// <summary>The workers' triangles merged pairwise (worker 0 with 1, 2 with 3, …, then the results), in a fixed order.</summary>
    private static double[] Merge(double[][] rs, int q)
    {
        var block = new double[q * q];
        for (int stride = 1; stride < rs.Length; stride *= 2)
        {
            for (int a = 0; a + stride < rs.Length; a += 2 * stride)
            {
                var other = rs[a + stride];
                Array.Clear(block);
                for (int i = 0; i < q; i++)
                    for (int j = i; j < q; j++) block[j * q + i] = other[i * q + j];   // its rows as a column-major block
                StreamingQr.Absorb(rs[a], q, block, q, q);
            }
        }
        return rs[0];
    }

    /// <summary>TSS from one pass of double-double sums: Σy² − (Σy)²/n with an intercept, Σy² without.</summary>
    private static double TotalSumOfSquares(double sumHi, double sumLo, double sqHi, double sqLo, long n, bool centered)
    {
        if (!centered) return sqHi + sqLo;
        var sum = new DoubleDouble(sumHi, sumLo);
        var tss = new DoubleDouble(sqHi, sqLo) - sum * sum / n;
        return Math.Max(0, tss.Hi + tss.Lo);
    }

    /// <summary>Solves R z = v in place (R upper triangular, row-major p×p).</summary>
    private static void SolveR(double[] r, int p, double[] v)
    {
        for (int i = p - 1; i >= 0; i--)
        {
            double s = v[i];
            for (int k = i + 1; k < p; k++) s -= r[i * p + k] * v[k];
            v[i] = s / r[i * p + i];
        }
    }

    /// <summary>Solves Rᵀ z = v in place.</summary>
    private static void SolveRt(double[] r, int p, double[] v)
    {
        for (int i = 0; i < p; i++)
        {
            double s = v[i];
            for (int k = 0; k < i; k++) s -= r[k * p + i] * v[k];
            v[i] = s / r[i * p + i];
        }
    }

    /// <summary>Column k as a combination of the earlier independent columns (unit-column weights), from R.</summary>
    private static Dictionary<int, double> Coefficients(double[] r, int p, double[] colNorm, List<int> dependent, int k)
    {
        var idx = new List<int>();
        for (int j = 0; j < k; j++) if (!dependent.Contains(j)) idx.Add(j);
        int m = idx.Count;
        var c = new double[m];
        for (int a = 0; a < m; a++) c[a] = r[idx[a] * p + k];
        for (int a = m - 1; a >= 0; a--)
        {
            double v = c[a];
            for (int b = a + 1; b < m; b++) v -= r[idx[a] * p + idx[b]] * c[b];
            c[a] = v / r[idx[a] * p + idx[a]];
        }
        var result = new Dictionary<int, double>();
        double nk = colNorm[k] > 0 ? colNorm[k] : 1.0;
        for (int a = 0; a < m; a++) result[idx[a]] = c[a] * colNorm[idx[a]] / nk;
        return result;
    }

    private static LeastSquaresResult Result(Design d, LeastSquaresMethod method, double[] xHi, double[] xLo, int rank, double[] sv,
        double cond, double scaledCond, double rss, double tss, int iterations, string? warning, UnscaledCovariance covariance) =>
        LeastSquaresSolvers.Result(d, method, xHi, xLo, rank, sv, cond, scaledCond, iterations, warning, covariance, (_, _) => (rss, tss));
}
