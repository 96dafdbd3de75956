using LinReg.Numerics;
using LinReg.Data;
using LinReg.Fast;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Solvers;

/// <summary>
/// Closed-form linear least squares: w*, b* = argmin over w, b of ‖y − (Xw + b·1)‖², for X with n rows (examples)
/// and d columns (features). Four solvers (<see cref="LeastSquaresMethod"/>): the chapter's normal equation
/// w* = (XᵀX)⁻¹Xᵀy, Householder QR, a thin SVD (minimum-norm solution), and the recommended RefinedQr.
/// Taught in notebook 03 · The normal equation.
/// </summary>
/// <remarks>
/// The intercept is handled as an extra design column of ones placed first; every result reports the rank and the
/// 2-norm condition number of that full design. Costs: NormalEquations n·p²/2 multiply-adds (one pass over X, no copy);
/// Qr, Svd and RefinedQr n·p² plus one n×p working copy; RefinedQr adds a few O(n·p) double-double refinement passes.
/// For small problems with exact answers see <see cref="ExactLeastSquares"/>. No method returns an answer it has reason
/// to doubt without saying so in <see cref="LeastSquaresResult.Warning"/> (or refusing with an exception).
/// <para>
/// <b>Large problems.</b> From <see cref="StreamingMinRows"/> rows and <see cref="StreamingMinMultiplyAdds"/> multiply-adds
/// of forming XᵀX (n·p², p unknowns) on, NormalEquations and RefinedQr run the streaming multi-core solvers of
/// <see cref="FastLeastSquares"/> instead of the readable ones: the same checks, exceptions, messages and result, equal
/// to the readable solvers' to 1e-12 relative (tests/LinReg.Tests/Solvers/StreamingSwitchTests.cs), one to two
/// orders of magnitude faster (tests/LinReg.Benchmarks/README.md, where the threshold was measured).
/// <see cref="UsesStreamingPath"/> says which path a problem takes. Data larger than memory:
/// <see cref="OutOfCoreLeastSquares"/>. Taught in notebook 15 · Scaling up.
/// </para>
/// </remarks>
public static partial class LeastSquares
{
    /// <summary>
    /// The fewest rows for which <see cref="Fit(double[], int, int, double[], LeastSquaresMethod, bool)"/> may switch to
    /// the streaming solvers (below it every problem is small enough that the readable solvers answer in well under a
    /// second, and the book's notebooks 01–11 run the code they teach).
    /// </summary>
    public const int StreamingMinRows = 50_000;

    /// <summary>
    /// The size, in multiply-adds of forming XᵀX (n·p², p = d + 1 with the intercept), from which
    /// <see cref="Fit(double[], int, int, double[], LeastSquaresMethod, bool)"/> switches to the streaming solvers (given
    /// at least <see cref="StreamingMinRows"/> rows): where the readable solvers start to take a noticeable fraction of
    /// a second, and the streaming ones are already several times faster (measured: tests/LinReg.Benchmarks/README.md).
    /// </summary>
    public const long StreamingMinMultiplyAdds = 20_000_000;

    /// <summary>
    /// Whether <see cref="Fit(double[], int, int, double[], LeastSquaresMethod, bool)"/> (and the other overloads) solve a
    /// problem of this size with the streaming multi-core solvers of <see cref="FastLeastSquares"/>: NormalEquations or
    /// RefinedQr, rows ≥ <see cref="StreamingMinRows"/> and rows·p² ≥ <see cref="StreamingMinMultiplyAdds"/>.
    /// Qr and Svd always run the readable solvers.
    /// </summary>
    /// <param name="rows">n.</param>
    /// <param name="cols">d.</param>
    /// <param name="method">The solver.</param>
    /// <param name="fitIntercept">Whether b is fitted (p = d + 1).</param>
    /// <returns>True when the streaming path computes the fit.</returns>
    public static bool UsesStreamingPath(int rows, int cols, LeastSquaresMethod method = LeastSquaresMethod.RefinedQr, bool fitIntercept = true)
    {
        if (method is not (LeastSquaresMethod.NormalEquations or LeastSquaresMethod.RefinedQr)) return false;
        if (rows < StreamingMinRows || cols < 0) return false;
        long p = cols + (fitIntercept ? 1L : 0L);
        return rows * p * p >= StreamingMinMultiplyAdds;
    }

    /// <summary>The worker threads of the automatic streaming path: every processor.</summary>
    private static int StreamingThreads => Environment.ProcessorCount;

    /// <summary>
    /// Fits y ≈ Xw + b by least squares. <paramref name="x"/> is row-major: entry (i, j) is x[i·cols + j].
    /// </summary>
    /// <param name="x">n×d design, row-major (not copied by NormalEquations; copied once by the QR-based methods).</param>
    /// <param name="rows">n ≥ 1.</param>
    /// <param name="cols">d ≥ 0 (0 with an intercept fits only the mean).</param>
    /// <param name="y">Targets, length n.</param>
    /// <param name="method">The solver (default: the accurate <see cref="LeastSquaresMethod.RefinedQr"/>).</param>
    /// <param name="fitIntercept">Whether to fit b (a design column of ones); false forces the line through the origin.</param>
    /// <returns>Weights (length d), bias, rank, condition numbers, RSS and a warning when accuracy is in doubt.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="y"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">rows &lt; 1, cols &lt; 0, or an undefined method.</exception>
    /// <exception cref="ArgumentException">
    /// x.Length ≠ rows·cols; y.Length ≠ rows; a NaN or ±∞ entry (the message names its row and column); nothing to fit
    /// (cols = 0 without intercept); fewer rows than unknowns for a method other than Svd; or, for NormalEquations, a
    /// column whose squares or products with y overflow or underflow in double (entries beyond about 1e±154).
    /// </exception>
    /// <exception cref="RankDeficientException">
    /// NormalEquations, Qr or RefinedQr found a column that is (numerically) a linear combination of the others, or
    /// NormalEquations found XᵀX numerically singular (cond(XᵀX)·ε ≥ 1 after column scaling).
    /// </exception>
    public static LeastSquaresResult Fit(double[] x, int rows, int cols, double[] y,
        LeastSquaresMethod method = LeastSquaresMethod.RefinedQr, bool fitIntercept = true)
    {
        if (UsesStreamingPath(rows, cols, method, fitIntercept))
        {
            return FastLeastSquares.Run(x, null, rows, cols, y, null, fitIntercept, method, knownFinite: false, StreamingThreads,
                FastLeastSquares.Branch.Auto, finite => Validate(x, null, rows, cols, y, null, fitIntercept, method, columnMajor: false,
                    featureNames: null, xName: nameof(x), yName: nameof(y), checkFinite: finite));
        }
        return FitReadable(x, rows, cols, y, method, fitIntercept);
    }

    /// <summary>The readable solvers whatever the size (what the automatic switch is tested and benchmarked against).</summary>
    internal static LeastSquaresResult FitReadable(double[] x, int rows, int cols, double[] y, LeastSquaresMethod method, bool fitIntercept)
    {
        var design = Validate(x, null, rows, cols, y, null, fitIntercept, method, columnMajor: false, featureNames: null,
            xName: nameof(x), yName: nameof(y));
        return LeastSquaresSolvers.Solve(design, method);
    }

    /// <summary>The readable RefinedQr on double-double data whatever the size (the reference of the automatic switch).</summary>
    internal static LeastSquaresResult FitDoubleDoubleReadable(double[] xHi, double[]? xLo, int rows, int cols, double[] yHi, double[]? yLo,
        bool fitIntercept)
    {
        var design = Validate(xHi, xLo, rows, cols, yHi, yLo, fitIntercept, LeastSquaresMethod.RefinedQr,
            columnMajor: false, featureNames: null, xName: nameof(xHi), yName: nameof(yHi));
        return LeastSquaresSolvers.Solve(design, LeastSquaresMethod.RefinedQr);
    }

    /// <summary>Fits y ≈ Xw + b with X given as a rectangular array x[i, j] (n×d).</summary>
    /// <inheritdoc cref="Fit(double[], int, int, double[], LeastSquaresMethod, bool)"/>
    public static LeastSquaresResult Fit(double[,] x, double[] y,
        LeastSquaresMethod method = LeastSquaresMethod.RefinedQr, bool fitIntercept = true)
    {
        ArgumentNullException.ThrowIfNull(x);
        int rows = x.GetLength(0), cols = x.GetLength(1);
        var flat = new double[rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                flat[i * cols + j] = x[i, j];
        Design Check(bool finite) => Validate(flat, null, rows, cols, y, null, fitIntercept, method, columnMajor: false, featureNames: null,
            xName: nameof(x), yName: nameof(y), checkFinite: finite, rowsName: nameof(x), colsName: nameof(x));
        if (UsesStreamingPath(rows, cols, method, fitIntercept))
            return FastLeastSquares.Run(flat, null, rows, cols, y!, null, fitIntercept, method, knownFinite: false, StreamingThreads,
                FastLeastSquares.Branch.Auto, Check);
        return LeastSquaresSolvers.Solve(Check(true), method);
    }

    /// <summary>Fits y ≈ Xw + b with MathNet types (a dense X is read in place, not copied, by NormalEquations).</summary>
    /// <inheritdoc cref="Fit(double[], int, int, double[], LeastSquaresMethod, bool)"/>
    public static LeastSquaresResult Fit(Matrix<double> x, Vector<double> y,
        LeastSquaresMethod method = LeastSquaresMethod.RefinedQr, bool fitIntercept = true)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        double[] data = x.AsColumnMajorArray() ?? x.ToColumnMajorArray();
        double[] yy = y.AsArray() ?? y.ToArray();
        // the checks run on the caller's column-major data, so the first NaN/±∞ named is the same on both paths
        Design Check(bool finite) => Validate(data, null, x.RowCount, x.ColumnCount, yy, null, fitIntercept, method, columnMajor: true,
            featureNames: null, xName: nameof(x), yName: nameof(y), checkFinite: finite, rowsName: nameof(x), colsName: nameof(x));
        if (UsesStreamingPath(x.RowCount, x.ColumnCount, method, fitIntercept) && yy.Length == x.RowCount)
        {
            // the streaming kernels read rows: one row-major copy of X (the readable QR solvers copy X too)
            return FastLeastSquares.Run(x.ToRowMajorArray(), null, x.RowCount, x.ColumnCount, yy, null, fitIntercept, method,
                knownFinite: false, StreamingThreads, FastLeastSquares.Branch.Auto, Check);
        }
        return LeastSquaresSolvers.Solve(Check(true), method);
    }

    /// <summary>Fits the dataset's targets on its features; error messages name columns by the dataset's feature names.</summary>
    /// <inheritdoc cref="Fit(double[], int, int, double[], LeastSquaresMethod, bool)"/>
    /// <param name="data">The examples (X n×d row-major and y).</param>
    /// <param name="method">The solver.</param>
    /// <param name="fitIntercept">Whether to fit b.</param>
    public static LeastSquaresResult Fit(Dataset data,
        LeastSquaresMethod method = LeastSquaresMethod.RefinedQr, bool fitIntercept = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        Design Check(bool finite) => Validate(data.X, null, data.Count, data.Features, data.Y, null, fitIntercept, method,
            columnMajor: false, featureNames: data.FeatureNames, xName: nameof(data), yName: nameof(data), checkFinite: finite,
            rowsName: nameof(data), colsName: nameof(data));
        if (UsesStreamingPath(data.Count, data.Features, method, fitIntercept))
            return FastLeastSquares.Run(data.X, null, data.Count, data.Features, data.Y, null, fitIntercept, method, knownFinite: true,
                StreamingThreads, FastLeastSquares.Branch.Auto, Check);
        return LeastSquaresSolvers.Solve(Check(true), method);
    }

    /// <summary>
    /// RefinedQr on data given in double-double: entry (i, j) of X is exactly xHi[i·cols+j] + xLo[i·cols+j] and
    /// yᵢ is yHi[i] + yLo[i]. The QR factorization uses the hi parts; the refinement residuals use hi + lo, so the
    /// answer is that of the problem carried to about 32 digits. This is what an ill-conditioned problem whose data
    /// are exact decimals needs (NIST Filip: cond ≈ 1.7e15, so rounding x to double and forming x¹⁰ in double
    /// already changes the 8th digit of the answer, whatever the solver).
    /// </summary>
    /// <param name="xHi">Leading parts, row-major n×d.</param>
    /// <param name="xLo">Trailing parts (same shape), or null for zeros.</param>
    /// <param name="rows">n ≥ 1.</param>
    /// <param name="cols">d ≥ 0.</param>
    /// <param name="yHi">Leading parts of y.</param>
    /// <param name="yLo">Trailing parts of y, or null for zeros.</param>
    /// <param name="fitIntercept">Whether to fit b.</param>
    /// <returns>The RefinedQr result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="xHi"/> or <paramref name="yHi"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">rows &lt; 1 or cols &lt; 0.</exception>
    /// <exception cref="ArgumentException">Shape mismatch between the four arrays, non-finite entries, or rows &lt; unknowns.</exception>
    /// <exception cref="RankDeficientException">A column is (numerically) a linear combination of the others.</exception>
    public static LeastSquaresResult FitDoubleDouble(double[] xHi, double[]? xLo, int rows, int cols, double[] yHi, double[]? yLo,
        bool fitIntercept = true)
    {
        if (UsesStreamingPath(rows, cols, LeastSquaresMethod.RefinedQr, fitIntercept))
        {
            return FastLeastSquares.Run(xHi, xLo, rows, cols, yHi, yLo, fitIntercept, LeastSquaresMethod.RefinedQr, knownFinite: false,
                StreamingThreads, FastLeastSquares.Branch.Auto, finite => Validate(xHi, xLo, rows, cols, yHi, yLo, fitIntercept,
                    LeastSquaresMethod.RefinedQr, columnMajor: false, featureNames: null, xName: nameof(xHi), yName: nameof(yHi),
                    checkFinite: finite));
        }
        return FitDoubleDoubleReadable(xHi, xLo, rows, cols, yHi, yLo, fitIntercept);
    }

    /// <summary>
    /// The argument checks of every Fit overload (shared with the fast path in LinReg.Fast, which checks finiteness
    /// with its own SIMD scan and passes <paramref name="checkFinite"/> = false).
    /// </summary>
    internal static Design Validate(double[] x, double[]? xLo, int rows, int cols, double[] y, double[]? yLo, bool fitIntercept,
        LeastSquaresMethod method, bool columnMajor, IReadOnlyList<string>? featureNames, string xName, string yName,
        bool checkFinite = true, string rowsName = "rows", string colsName = "cols")
    {
        ArgumentNullException.ThrowIfNull(x, xName);
        ArgumentNullException.ThrowIfNull(y, yName);
        if (!Enum.IsDefined(method))
            throw new ArgumentOutOfRangeException(nameof(method), method, $"Unknown least-squares method {(int)method}; use one of {string.Join(", ", Enum.GetNames<LeastSquaresMethod>())}.");
        CheckShape(x.Length, rows, cols, y.Length, fitIntercept, xName, yName, rowsName, colsName);
        if (xLo is not null && xLo.Length != x.Length)
            throw new ArgumentException($"xLo has {xLo.Length} values but xHi has {x.Length}; they must have the same shape.", nameof(xLo));
        if (yLo is not null && yLo.Length != rows)
            throw new ArgumentException($"yLo has {yLo.Length} values but yHi has {rows}; they must have the same length.", nameof(yLo));
        if (checkFinite)
        {
            Guard.AllFinite(x, rows, cols, xName, columnMajor);
            if (xLo is not null) Guard.AllFinite(xLo, rows, cols, nameof(xLo), columnMajor);
            Guard.AllFinite(y, yName);
            if (yLo is not null) Guard.AllFinite(yLo, nameof(yLo));
        }
        int p = cols + (fitIntercept ? 1 : 0);
        if (rows < p && method != LeastSquaresMethod.Svd)
            throw new ArgumentException(
                $"X has {rows} rows but there are {p} unknowns ({cols} columns{(fitIntercept ? " + intercept" : "")}): " +
                $"{method} needs rows ≥ unknowns for a unique solution; use LeastSquaresMethod.Svd for the minimum-norm one.", xName);
        return new Design(x, xLo, columnMajor, rows, cols, fitIntercept, y, yLo, featureNames, xName);
    }

    /// <summary>The shape checks every solver shares (the exact one included): rows ≥ 1, cols ≥ 0, something to fit,
    /// x holding rows × cols values and y one value per row. The names are the caller's parameters: an overload that
    /// takes X as one object reports its shape problems under that object's name.</summary>
    internal static void CheckShape(int xLength, int rows, int cols, int yLength, bool fitIntercept, string xName, string yName,
        string rowsName = "rows", string colsName = "cols")
    {
        if (rows < 1)
            throw new ArgumentOutOfRangeException(rowsName, rows, $"Least squares needs at least 1 row (example); got rows = {rows} (empty data).");
        if (cols < 0)
            throw new ArgumentOutOfRangeException(colsName, cols, $"The number of columns must be ≥ 0, got {cols}.");
        if (cols == 0 && !fitIntercept)
            throw new ArgumentException("Nothing to fit: X has 0 columns and fitIntercept is false.", colsName);
        if ((long)rows * cols != xLength)
            throw new ArgumentException($"{xName} has {xLength} values but rows × cols = {rows} × {cols} = {(long)rows * cols}.", xName);
        if (yLength != rows)
            throw new ArgumentException($"X has {rows} rows but {yName} has {yLength} values.", yName);
    }
}
