using LinReg.Data;
using MathNet.Numerics.LinearAlgebra;
using LinReg.Numerics;

namespace LinReg.Probability;

/// <summary>
/// Least absolute deviations (L1 regression): argmin over w, b of Σᵢ |xᵢᵀw + b − yᵢ| — the maximum-likelihood fit
/// under Laplace noise. Each residual pulls with a force of size 1 whatever its size, so a single wild outlier
/// cannot drag the line far (under squared loss its pull grows with its residual).
/// Taught in notebook 07 · Noise and likelihood.
/// </summary>
/// <remarks>
/// Exact: the optimum of this linear program sits at a vertex where p = d + 1 residuals are zero (the fitted
/// hyperplane passes through p of the points). A few iterations of iteratively reweighted least squares (weights
/// 1/max(|rᵢ|, δ)) find the neighbourhood; the p points closest to that fit give a starting vertex; then simplex-like
/// vertex descent moves along the edge with the steepest descent of Σ|r| (an exact line search over the breakpoints of a
/// piecewise-linear convex function), swapping one interpolated point at a time, until no edge descends.
/// </remarks>
public static class LeastAbsoluteDeviations
{
    /// <summary>Fits y ≈ Xw + b by minimizing Σᵢ |rᵢ| (exactly, up to rounding).</summary>
    /// <param name="data">The examples (n ≥ d + 1; the design [X 1] must have full column rank).</param>
    /// <param name="maxIterations">Vertex moves at most (≥ 1); the default is ample.</param>
    /// <exception cref="ArgumentException">fewer examples than unknowns (n &lt; d + 1), or [X 1] does not have full column rank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">maxIterations ≤ 0.</exception>
    /// <exception cref="InvalidOperationException">no optimal vertex within maxIterations moves.</exception>
    public static LadFit Fit(Dataset data, int maxIterations = 10_000)
    {
        ArgumentNullException.ThrowIfNull(data);
        Guard.Positive(maxIterations, nameof(maxIterations), "The iteration limit");
        int n = data.Count, d = data.Features, p = d + 1;
        if (n < p)
            throw new ArgumentException($"Least absolute deviations with d = {d} features and a bias needs n ≥ {p} examples, got {n}.", nameof(data));

        // 1. a few reweighted least-squares passes, to land near the optimum
        var weights = Enumerable.Repeat(1.0, n).ToArray();
        double[] beta = WeightedSolve(data, weights);
        double sar = SumAbs(data, beta);
        double delta = 1e-12 * Math.Max(sar / n, double.Epsilon);
        for (int it = 0; it < 30; it++)
        {
            double[] r = ResidualsOf(data, beta[..d], beta[d]);
            for (int i = 0; i < n; i++) weights[i] = 1 / Math.Max(Math.Abs(r[i]), delta);
            double[] next;
            try { next = WeightedSolve(data, weights); }
            catch (ArgumentException) { break; }
            double nextSar = SumAbs(data, next);
            if (!(nextSar < sar)) break;
            beta = next;
            sar = nextSar;
        }

        // 2. a starting vertex: the p closest points that are linearly independent in [x 1]
        double[] res = ResidualsOf(data, beta[..d], beta[d]);
        var basis = new List<int>(p);
        foreach (int i in Enumerable.Range(0, n).OrderBy(i => Math.Abs(res[i])).ThenBy(i => i))
        {
            basis.Add(i);
            if (Design(data, basis).Rank() < basis.Count) basis.RemoveAt(basis.Count - 1);
            if (basis.Count == p) break;
        }
        if (basis.Count < p) throw new ArgumentException($"The design [X 1] has rank {basis.Count} < {p}: the fit is not unique.", nameof(data));

        // 3. vertex descent
        int moves = 0;
        while (true)
        {
            var a = Design(data, basis);
            var inv = a.Inverse();
            beta = inv.Multiply(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(p, k => data.Y[basis[k]])).ToArray();
            res = ResidualsOf(data, beta[..d], beta[d]);
            double scale = Math.Max(res.Max(Math.Abs), 1e-300);
            double bestSlope = -1e-12 * n;
            int bestK = -1;
            double[]? bestDir = null, bestA = null;
            for (int k = 0; k < p; k++)
                for (int sign = -1; sign <= 1; sign += 2)
                {
                    var dir = new double[p];
                    for (int j = 0; j < p; j++) dir[j] = sign * inv[j, k];
                    var ai = new double[n];
                    double slope = 1;   // the released point's |±t|
                    var inBasis = basis.ToHashSet();
                    for (int i = 0; i < n; i++)
                    {
                        double s = dir[d];
                        for (int j = 0; j < d; j++) s += data.X[i * d + j] * dir[j];
                        ai[i] = s;
                        if (inBasis.Contains(i)) continue;
                        slope += Math.Abs(res[i]) <= 1e-15 * scale ? Math.Abs(s) : Math.Sign(res[i]) * s;
                    }
                    if (slope < bestSlope) { bestSlope = slope; bestK = k; bestDir = dir; bestA = ai; }
                }
            if (bestK < 0) break;   // no edge descends: optimal
            if (++moves > maxIterations)
                throw new InvalidOperationException($"Least absolute deviations did not reach an optimal vertex in {maxIterations} moves.");

            // exact line search along the edge: f(t) = Σ |rᵢ + t aᵢ| is convex and piecewise linear
            var basisSet = basis.ToHashSet();
            var breaks = new List<(double T, int I)>();
            for (int i = 0; i < n; i++)
            {
                if (basisSet.Contains(i) || bestA![i] == 0) continue;
                double t = -res[i] / bestA[i];
                if (t > 0) breaks.Add((t, i));
            }
            breaks.Sort((u, v) => u.T.CompareTo(v.T));
            double slopeNow = bestSlope;
            int enter = -1;
            foreach (var (_, i) in breaks)
            {
                slopeNow += 2 * Math.Abs(bestA![i]);
                if (slopeNow >= 0) { enter = i; break; }
            }
            if (enter < 0) throw new InvalidOperationException("Least absolute deviations: Σ|r| is unbounded below along an edge (this cannot happen for finite data).");
            basis[bestK] = enter;
            if (Design(data, basis).Rank() < p)
                throw new InvalidOperationException("Least absolute deviations: the vertex descent reached a degenerate vertex.");
        }
        return new LadFit(beta[..d], beta[d], SumAbs(data, beta), moves);
    }

    private static Matrix<double> Design(Dataset data, IReadOnlyList<int> rows)
    {
        int d = data.Features;
        return Matrix<double>.Build.Dense(rows.Count, d + 1, (k, j) => j < d ? data.X[rows[k] * d + j] : 1.0);
    }

    internal static double[] ResidualsOf(Dataset data, double[] w, double b)
    {
        int n = data.Count, d = data.Features;
        var r = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = b;
            for (int j = 0; j < d; j++) s += data.X[i * d + j] * w[j];
            r[i] = s - data.Y[i];
        }
        return r;
    }

    private static double SumAbs(Dataset data, double[] beta)
    {
        double s = 0;
        foreach (double v in ResidualsOf(data, beta[..^1], beta[^1])) s += Math.Abs(v);
        return s;
    }

    /// <summary>argmin Σ wᵢ (xᵢᵀβ_w + β_b − yᵢ)² by QR of the √w-scaled design [X 1].</summary>
    private static double[] WeightedSolve(Dataset data, double[] weights)
    {
        int n = data.Count, d = data.Features, p = d + 1;
        var a = Matrix<double>.Build.Dense(n, p);
        var rhs = Vector<double>.Build.Dense(n);
        for (int i = 0; i < n; i++)
        {
            double sw = Math.Sqrt(weights[i]);
            for (int j = 0; j < d; j++) a[i, j] = sw * data.X[i * d + j];
            a[i, d] = sw;
            rhs[i] = sw * data.Y[i];
        }
        var qr = a.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        var rDiag = qr.R.Diagonal().AbsoluteMaximum();
        if (qr.R.Diagonal().AbsoluteMinimum() <= 1e-14 * rDiag)
            throw new ArgumentException($"The design [X 1] ({n}×{p}) does not have full column rank: a feature is constant (a copy of the bias column) or the features are collinear, so the fit is not unique.", nameof(data));
        return qr.Solve(rhs).ToArray();
    }
}
