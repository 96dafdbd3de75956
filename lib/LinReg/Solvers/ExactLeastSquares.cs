using System.Numerics;
using LinReg.Numerics;

namespace LinReg.Solvers;

/// <summary>
/// Least squares in exact rational arithmetic: w*, b* solving the normal equation AᵀA x = Aᵀy (A = [1 X] or X)
/// with no rounding at all, so the answer is THE least-squares solution of the data as written. The seed's worked
/// example 2 (X = [1; 2], y = [3; 5], no intercept) gives exactly 13/5, the residuals r = ŷ − y are exactly
/// (−2/5, 1/5), and they are exactly orthogonal to the columns (Aᵀr = 0). Also the reference the floating-point solvers are checked against.
/// Taught in notebook 03 · The normal equation.
/// </summary>
/// <remarks>
/// Cost grows with the digits of the data: fine for tens of rows and columns (NIST Filip, 82×11 with 10-digit
/// decimals raised to the 10th power, takes well under a second), hopeless for big data. Each column is first
/// multiplied by the least common multiple of its denominators so the Gram matrix is formed in integers; the
/// p×p system is then solved by exact LDLᵀ.
/// </remarks>
public static class ExactLeastSquares
{
    /// <summary>Solves exactly with rational data (row-major X: entry (i, j) is x[i·cols + j]).</summary>
    /// <param name="x">n×d design, row-major.</param>
    /// <param name="rows">n ≥ 1.</param>
    /// <param name="cols">d ≥ 0.</param>
    /// <param name="y">Targets, length n.</param>
    /// <param name="fitIntercept">Whether to fit b (a column of ones).</param>
    /// <returns>Exact weights, bias, residuals, RSS and Aᵀr (all zeros).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="y"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">rows &lt; 1 or cols &lt; 0.</exception>
    /// <exception cref="ArgumentException">Shape mismatch, nothing to fit, or fewer rows than unknowns.</exception>
    /// <exception cref="RankDeficientException">The columns are exactly linearly dependent (the message names them).</exception>
    public static ExactLeastSquaresResult Solve(Rational[] x, int rows, int cols, Rational[] y, bool fitIntercept = true)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        CheckShape(x.Length, rows, cols, y.Length, fitIntercept);
        return SolveCore(x, rows, cols, y, fitIntercept);
    }

    /// <summary>Solves exactly, taking every double at its exact binary value (0.1 is 3602879701896397/2^55, not 1/10).</summary>
    /// <inheritdoc cref="Solve(Rational[], int, int, Rational[], bool)"/>
    /// <exception cref="ArgumentException">Also: a NaN or ±∞ entry (named by row and column).</exception>
    public static ExactLeastSquaresResult Solve(double[] x, int rows, int cols, double[] y, bool fitIntercept = true)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        CheckShape(x.Length, rows, cols, y.Length, fitIntercept);
        Guard.AllFinite(x, rows, cols, nameof(x));
        Guard.AllFinite(y, nameof(y));
        var rx = x.Select(Rational.FromDouble).ToArray();
        var ry = y.Select(Rational.FromDouble).ToArray();
        return SolveCore(rx, rows, cols, ry, fitIntercept);
    }

    /// <summary>Solves exactly with decimal strings (e.g. NIST's "-6.860120914"), parsed without rounding.</summary>
    /// <inheritdoc cref="Solve(Rational[], int, int, Rational[], bool)"/>
    /// <exception cref="FormatException">An entry is not a decimal number (the message quotes it and its position).</exception>
    public static ExactLeastSquaresResult Solve(string[] x, int rows, int cols, string[] y, bool fitIntercept = true)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        CheckShape(x.Length, rows, cols, y.Length, fitIntercept);
        var rx = new Rational[x.Length];
        for (int k = 0; k < x.Length; k++)
        {
            if (!Rational.TryParse(x[k], out rx[k]))
                throw new FormatException($"x[row {k / cols}, column {k % cols}] = \"{x[k]}\" is not a decimal number.");
        }
        var ry = new Rational[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            if (!Rational.TryParse(y[i], out ry[i]))
                throw new FormatException($"y[{i}] = \"{y[i]}\" is not a decimal number.");
        }
        return SolveCore(rx, rows, cols, ry, fitIntercept);
    }

    private static void CheckShape(int xLength, int rows, int cols, int yLength, bool fitIntercept)
    {
        LeastSquares.CheckShape(xLength, rows, cols, yLength, fitIntercept, "x", "y");
        int p = cols + (fitIntercept ? 1 : 0);
        if (rows < p)
            throw new ArgumentException($"X has {rows} rows but there are {p} unknowns ({cols} columns{(fitIntercept ? " + intercept" : "")}): the least-squares solution is not unique.", "x");
    }

    private static ExactLeastSquaresResult SolveCore(Rational[] x, int rows, int cols, Rational[] y, bool fitIntercept)
    {
        int n = rows, p = cols + (fitIntercept ? 1 : 0), off = fitIntercept ? 1 : 0;
        Rational A(int i, int c) => fitIntercept && c == 0 ? Rational.One : x[i * cols + c - off];

        // Integer columns: M_ic = A_ic · L_c with L_c the lcm of column c's denominators; likewise Y = y · L_y.
        var lcm = new BigInteger[p];
        for (int c = 0; c < p; c++)
        {
            var l = BigInteger.One;
            for (int i = 0; i < n; i++) l = Lcm(l, A(i, c).Denominator);
            lcm[c] = l;
        }
        var ly = BigInteger.One;
        for (int i = 0; i < n; i++) ly = Lcm(ly, y[i].Denominator);
        var m = new BigInteger[n, p];
        var yi = new BigInteger[n];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < p; c++)
            {
                var a = A(i, c);
                m[i, c] = a.Numerator * (lcm[c] / a.Denominator);
            }
            yi[i] = y[i].Numerator * (ly / y[i].Denominator);
        }
        var g = new Rational[p, p];
        var h = new Rational[p];
        for (int a = 0; a < p; a++)
        {
            for (int b = a; b < p; b++)
            {
                var s = BigInteger.Zero;
                for (int i = 0; i < n; i++) s += m[i, a] * m[i, b];
                g[a, b] = s;
                g[b, a] = s;
            }
            var t = BigInteger.Zero;
            for (int i = 0; i < n; i++) t += m[i, a] * yi[i];
            h[a] = t;
        }

        // Exact LDLᵀ of the positive semidefinite G; a zero pivot means column k depends on the earlier ones.
        var l2 = new Rational[p, p];
        var dg = new Rational[p];
        var dependent = new List<int>();
        for (int k = 0; k < p; k++)
        {
            var dk = g[k, k];
            for (int j = 0; j < k; j++) if (!dg[j].IsZero) dk -= l2[k, j] * l2[k, j] * dg[j];
            dg[k] = dk;
            if (dk.IsZero)
            {
                dependent.Add(k);
                continue;
            }
            for (int i = k + 1; i < p; i++)
            {
                var v = g[i, k];
                for (int j = 0; j < k; j++) if (!dg[j].IsZero) v -= l2[i, j] * l2[k, j] * dg[j];
                l2[i, k] = v / dk;
            }
        }
        if (dependent.Count > 0) throw Deficient(x, rows, cols, fitIntercept, g, dependent, lcm);

        var z = new Rational[p];
        for (int i = 0; i < p; i++)
        {
            var v = h[i];
            for (int j = 0; j < i; j++) v -= l2[i, j] * z[j];
            z[i] = v;
        }
        for (int i = 0; i < p; i++) z[i] /= dg[i];
        for (int i = p - 1; i >= 0; i--)
        {
            var v = z[i];
            for (int j = i + 1; j < p; j++) v -= l2[j, i] * z[j];
            z[i] = v;
        }
        var sol = new Rational[p];
        for (int c = 0; c < p; c++) sol[c] = z[c] * new Rational(lcm[c], ly);

        var r = new Rational[n];
        var rss = Rational.Zero;
        for (int i = 0; i < n; i++)
        {
            var v = -y[i];
            for (int c = 0; c < p; c++) v += A(i, c) * sol[c];
            r[i] = v; // the seed's sign: r = ŷ − y
            rss += v * v;
        }
        var atr = new Rational[p];
        for (int c = 0; c < p; c++)
        {
            var s = Rational.Zero;
            for (int i = 0; i < n; i++) s += A(i, c) * r[i];
            atr[c] = s;
        }
        var w = new Rational[cols];
        Array.Copy(sol, off, w, 0, cols);
        // TSS: Σ(yᵢ − ȳ)² with an intercept, Σyᵢ² without (NIST's uncentred total)
        var mean = Rational.Zero;
        if (fitIntercept)
        {
            for (int i = 0; i < n; i++) mean += y[i];
            mean /= n;
        }
        var tss = Rational.Zero;
        for (int i = 0; i < n; i++)
        {
            var dev = y[i] - mean;
            tss += dev * dev;
        }
        var inverse = new Lazy<Rational[,]>(() => InverseGram(l2, dg, lcm, p));
        return new ExactLeastSquaresResult(w, fitIntercept ? sol[0] : Rational.Zero, fitIntercept, r, rss, atr, tss, inverse);
    }

    /// <summary>
    /// (AᵀA)⁻¹ exactly, from the LDLᵀ of the integer Gram matrix G = MᵀM, M = A·diag(L_c):
    /// (AᵀA)⁻¹ = diag(L)·G⁻¹·diag(L) with G⁻¹ = L⁻ᵀD⁻¹L⁻¹ (L unit lower triangular).
    /// </summary>
    private static Rational[,] InverseGram(Rational[,] l, Rational[] d, BigInteger[] lcm, int p)
    {
        // Linv, unit lower triangular: Linv[i, j] = −Σ_{k=j}^{i−1} L[i, k]·Linv[k, j] for j < i
        var linv = new Rational[p, p];
        for (int i = 0; i < p; i++)
        {
            linv[i, i] = Rational.One;
            for (int j = 0; j < i; j++)
            {
                var v = Rational.Zero;
                for (int k = j; k < i; k++)
                    if (!l[i, k].IsZero && !linv[k, j].IsZero) v -= l[i, k] * linv[k, j];
                linv[i, j] = v;
            }
        }
        var inv = new Rational[p, p];
        for (int a = 0; a < p; a++)
        {
            for (int b = a; b < p; b++)
            {
                var v = Rational.Zero;
                for (int k = b; k < p; k++)
                    if (!linv[k, a].IsZero && !linv[k, b].IsZero) v += linv[k, a] * linv[k, b] / d[k];
                v *= new Rational(lcm[a] * lcm[b], BigInteger.One);
                inv[a, b] = v;
                inv[b, a] = v;
            }
        }
        return inv;
    }

    private static RankDeficientException Deficient(Rational[] x, int rows, int cols, bool fitIntercept, Rational[,] g,
        List<int> dependent, BigInteger[] lcm)
    {
        // A double view of the data, only to name columns in the message.
        var hi = new double[x.Length];
        for (int k = 0; k < x.Length; k++) hi[k] = x[k].ToDouble();
        var design = new Design(hi, null, false, rows, cols, fitIntercept, new double[rows], null, null);
        int p = cols + (fitIntercept ? 1 : 0);
        var parts = new List<string>();
        var features = new List<int>();
        foreach (int k in dependent)
        {
            var idx = Enumerable.Range(0, k).Where(j => !dependent.Contains(j)).ToList();
            var coef = SolveSubsystem(g, idx, k);
            var dict = new Dictionary<int, double>();
            for (int a = 0; a < idx.Count; a++)
            {
                if (coef[a].IsZero) continue;
                double v = (coef[a] * new Rational(lcm[idx[a]], lcm[k])).ToDouble();
                dict[idx[a]] = v != 0 ? v : double.Epsilon;
            }
            parts.Add(RankDiagnosis.Explain(design, k, dict, nearly: false, exact: true));
            int f = design.FeatureIndex(k);
            if (f >= 0) features.Add(f);
        }
        int rank = p - dependent.Count;
        string message = $"XᵀX is singular (exact arithmetic): rank {rank} of {p} columns{(fitIntercept ? " (intercept included)" : "")}; "
            + string.Join("; ", parts) + " — the least-squares weights are not unique; remove the dependent column(s), or use LeastSquaresMethod.Svd for the minimum-norm solution.";
        return new RankDeficientException(message, rank, p, double.PositiveInfinity, features, method: null);
    }

    /// <summary>Exact solution c of G[I,I] c = G[I,k] by Gaussian elimination (G[I,I] is nonsingular).</summary>
    private static Rational[] SolveSubsystem(Rational[,] g, List<int> idx, int k)
    {
        int q = idx.Count;
        var a = new Rational[q, q + 1];
        for (int i = 0; i < q; i++)
        {
            for (int j = 0; j < q; j++) a[i, j] = g[idx[i], idx[j]];
            a[i, q] = g[idx[i], k];
        }
        for (int col = 0; col < q; col++)
        {
            int piv = col;
            while (a[piv, col].IsZero) piv++;
            if (piv != col)
                for (int j = 0; j <= q; j++) (a[col, j], a[piv, j]) = (a[piv, j], a[col, j]);
            for (int i = col + 1; i < q; i++)
            {
                if (a[i, col].IsZero) continue;
                var f = a[i, col] / a[col, col];
                for (int j = col; j <= q; j++) a[i, j] -= f * a[col, j];
            }
        }
        var c = new Rational[q];
        for (int i = q - 1; i >= 0; i--)
        {
            var v = a[i, q];
            for (int j = i + 1; j < q; j++) v -= a[i, j] * c[j];
            c[i] = v / a[i, i];
        }
        return c;
    }

    private static BigInteger Lcm(BigInteger a, BigInteger b) =>
        a.IsOne ? b : b.IsOne ? a : a / BigInteger.GreatestCommonDivisor(a, b) * b;
}
