using System.Globalization;
using LinReg.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Solvers;

/// <summary>
/// Ridge regression with an unpenalized intercept, min over w, b of ‖y − Xw − b·1‖² + α‖w‖², without ever forming
/// XᵀX + αI. For fixed w the best b is ȳ − x̄ᵀw, so the problem is ridge on the centred data X_c = X − 1x̄ᵀ,
/// y_c = y − ȳ, and that is the ordinary least-squares problem of the augmented system
/// <code>
///   [ X_c  ]       [ y_c ]
///   [ √α I ]  w  ≈ [  0  ]
/// </code>
/// (its residual norm² is ‖y_c − X_c w‖² + α‖w‖²). The augmented matrix has full column rank for every α &gt; 0, so the
/// accurate least-squares machinery applies unchanged: Householder QR on power-of-two-scaled columns and Björck's
/// iterative refinement (<see cref="RefinedQr"/>). The centred entries, the means and √α are carried in double-double,
/// so the refined answer is that of the problem as given, not of its rounding to doubles.
/// </summary>
internal static class RidgeSolver
{
    internal static RidgeResult Solve(double[] x, int n, int d, double[] y, double alpha, IReadOnlyList<string>? names)
    {
        // means in double-double
        var meanX = new DoubleDouble[d];
        for (int j = 0; j < d; j++)
        {
            double sHi = 0, sLo = 0;
            for (int i = 0; i < n; i++) DoubleDouble.Add(ref sHi, ref sLo, x[i * d + j], 0.0);
            meanX[j] = new DoubleDouble(sHi, sLo) / n;
        }
        double yHiSum = 0, yLoSum = 0;
        for (int i = 0; i < n; i++) DoubleDouble.Add(ref yHiSum, ref yLoSum, y[i], 0.0);
        DoubleDouble meanY = new DoubleDouble(yHiSum, yLoSum) / n;

        // √α in double-double: s = fl(√α), and the correction (α − s²)/(2s)
        double sqrtHi = Math.Sqrt(alpha), sqrtLo = 0;
        if (sqrtHi > 0)
        {
            double p = DoubleDouble.TwoProduct(sqrtHi, sqrtHi, out double e);
            sqrtLo = (alpha - p - e) / (2 * sqrtHi);
        }

        // the augmented system, column-major, (n + d) × d, centred entries in double-double
        int m = n + d;
        var aHi = new double[(long)m * d];
        var aLo = new double[(long)m * d];
        for (int j = 0; j < d; j++)
        {
            for (int i = 0; i < n; i++)
            {
                var c = (DoubleDouble)x[i * d + j] - meanX[j];
                aHi[(long)j * m + i] = c.Hi;
                aLo[(long)j * m + i] = c.Lo;
            }
            aHi[(long)j * m + n + j] = sqrtHi;
            aLo[(long)j * m + n + j] = sqrtLo;
        }
        var bHi = new double[m];
        var bLo = new double[m];
        for (int i = 0; i < n; i++)
        {
            var c = (DoubleDouble)y[i] - meanY;
            bHi[i] = c.Hi;
            bLo[i] = c.Lo;
        }

        var w = new double[d];
        int iterations = 0;
        string? warning = null;
        if (d > 0)
        {
            var augmented = new Design(aHi, aLo, columnMajor: true, m, d, intercept: false, bHi, bLo, names);
            var qr = HouseholderQr.Factor(augmented, scaleColumns: true);
            double tol = Math.Max(LeastSquaresSolvers.DependenceTolerance, 10 * Math.Sqrt(m) * LeastSquaresSolvers.Eps);
            var dependent = Enumerable.Range(0, d).Where(k => alpha == 0 ? qr.RelativeRemainder[k] <= tol : qr.RelativeRemainder[k] == 0).ToList();
            if (dependent.Count > 0) throw Deficient(augmented, qr, dependent, n, alpha);
            double scaledCond = HouseholderQr.Cond(HouseholderQr.SingularValues(qr.RMatrix(unitColumns: true)));
            var zHi = new double[d];
            var zLo = new double[d];
            (iterations, warning) = RefinedQr.Refine(augmented, qr, zHi, zLo, scaledCond);
            for (int j = 0; j < d; j++) w[j] = zHi[j] * qr.Scale[j] + zLo[j] * qr.Scale[j];
        }

        // b = ȳ − x̄ᵀw, in double-double
        double bAccHi = meanY.Hi, bAccLo = meanY.Lo;
        for (int j = 0; j < d; j++) DoubleDouble.SubtractProduct(ref bAccHi, ref bAccLo, meanX[j].Hi, meanX[j].Lo, w[j], 0.0);
        double bias = bAccHi + bAccLo;

        double[] sv = CentredSingularValues(aHi, n, d, m);
        double dfTol = Math.Max(n, d) * LeastSquaresSolvers.Eps * (sv.Length > 0 ? sv[0] : 0);
        double df = 0;
        foreach (double s in sv)
        {
            if (!(s > dfTol)) continue;                       // rounding noise of an exactly dependent direction
            df += alpha == 0 ? 1 : s * s / (s * s + alpha);
        }

        // RSS of the fit on the data as given (double-double residuals), and the penalty
        var original = new Design(x, null, columnMajor: false, n, d, intercept: true, y, null, names);
        var solution = new double[d + 1];
        solution[0] = bias;
        Array.Copy(w, 0, solution, 1, d);
        var (rss, tss) = original.SumsOfSquares(solution, new double[d + 1]);
        return new RidgeResult(alpha, w, bias, n, sv, df, (double)rss, (double)tss, iterations, warning);
    }

    /// <summary>
    /// The singular values d₁ ≥ … of the centred design X_c (the first n rows of the augmented array), min(n, d) of
    /// them: through a Householder QR and the SVD of its small d×d factor when n ≥ d, directly when n &lt; d.
    /// </summary>
    private static double[] CentredSingularValues(double[] aHi, int n, int d, int m)
    {
        if (d == 0) return [];
        if (n >= d)
        {
            var centred = new double[(long)n * d];
            for (int j = 0; j < d; j++) Array.Copy(aHi, (long)j * m, centred, (long)j * n, n);
            var design = new Design(centred, null, columnMajor: true, n, d, intercept: false, new double[n], null, null);
            var qr = HouseholderQr.Factor(design, scaleColumns: false);
            return HouseholderQr.SingularValues(qr.RMatrix(unitColumns: false));
        }
        var xc = Matrix<double>.Build.Dense(n, d, (i, j) => aHi[(long)j * m + i]);
        return xc.Svd(computeVectors: false).S.ToArray();
    }

    private static RankDeficientException Deficient(Design augmented, HouseholderQr qr, List<int> dependent, int n, double alpha)
    {
        int d = augmented.Columns;
        var sv = HouseholderQr.SingularValues(qr.RMatrix(unitColumns: false));
        double tol = Math.Max(augmented.Rows, d) * LeastSquaresSolvers.Eps * sv[0];
        int rank = sv.Count(v => v > tol);
        double cond = HouseholderQr.Cond(sv);
        int k = dependent[0];
        string first = RankDiagnosis.IsZeroColumn(augmented, k)
            ? $"{augmented.ColumnName(k)} is constant (all zeros once centred; the intercept already carries it)"
            : RankDiagnosis.Explain(augmented, k, QrSolver.CoefficientsFromQr(qr, dependent, k), nearly: false);
        string why = alpha == 0
            ? $"FitRidge with alpha = 0 is least squares on the centred data (n = {n} rows, {d} columns), which needs full column rank, but {first}"
            : $"FitRidge with alpha = {Format.Num(alpha)}: the penalty is too small to register next to the columns' size, and {first}";
        return new RankDeficientException(
            why + string.Create(CultureInfo.InvariantCulture, $" (rank {rank} of {d} centred columns{(n - 1 < d ? $"; with n = {n} rows it is at most n − 1 = {n - 1}" : "")}). ")
            + "Use alpha > 0 (ridge has a unique solution for every alpha > 0), or LeastSquares.Fit with LeastSquaresMethod.Svd for the minimum-norm least-squares solution.",
            rank, d, cond, dependent, LeastSquaresMethod.RefinedQr);
    }
}
