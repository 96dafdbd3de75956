using System.Globalization;
using BenchmarkDotNet.Attributes;
using LinReg.Data;
using LinReg.Fast;
using LinReg.Solvers;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearRegression;

namespace LinReg.Benchmarks;

/// <summary>Shared pieces of the least-squares benchmarks.</summary>
public static class LeastSquaresWork
{
    /// <summary>Rows given to the MathNet peers and the readable solvers at d = 500 (minutes per call at n = 1e6; their cost is linear in n).</summary>
    public const int ReducedRows = 50_000;

    /// <summary>Rows for MathNetQrSmallN at every d: with MathNetQr at n = 1e6 (d ≤ 100) it shows the cost is linear in n.</summary>
    public const int SmallRows = 10_000;

    /// <summary>[1 X] as a MathNet matrix (column-major copy), and y.</summary>
    public static (Matrix<double> X, Vector<double> Y) MathNetDesign(Dataset data)
    {
        int n = data.Count, d = data.Features;
        var m = Matrix<double>.Build.Dense(n, d + 1);
        var a = m.AsColumnMajorArray();
        for (int i = 0; i < n; i++) a[i] = 1.0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) a[(long)(j + 1) * n + i] = data.X[i * d + j];
        return (m, Vector<double>.Build.Dense((double[])data.Y.Clone()));
    }

    /// <summary>max |Δ| over (b, w) between a solution and the accurate solver's on the same rows, plus the rows used.</summary>
    public static string Compare(Dataset data, double bias, ReadOnlySpan<double> w, string extra = "")
    {
        var reference = FastLeastSquares.Fit(data);
        double m = Math.Abs(bias - reference.Bias);
        for (int j = 0; j < w.Length; j++) m = Math.Max(m, Math.Abs(w[j] - reference.Weights[j]));
        string rows = data.Count == Workload.N ? "n=1e6" : $"n={data.Count.ToString(CultureInfo.InvariantCulture)} (×{Workload.N / data.Count} for 1e6)";
        return $"{rows}, maxΔ {m:G2}{extra}";
    }

    public static string FromMathNet(Dataset data, Vector<double> beta) =>
        Compare(data, beta[0], beta.SubVector(1, beta.Count - 1).ToArray());

    public static string FromResult(Dataset data, LeastSquaresResult r) =>
        Compare(data, r.Bias, r.Weights, r.RefinementIterations > 0 ? $", {r.RefinementIterations} passes" : "");
}

/// <summary>
/// Least squares with an intercept on n = 1e6 rows, d = 10, 100, 500 (X row-major, 0.08 / 0.8 / 4 GB): the fast
/// normal equations and the fast accurate solver against MathNet's managed MultipleRegression.NormalEquations (given
/// [1 X] as a dense matrix built outside the timing; at d = 500 on the first 50 000 rows, ×20 for n = 1e6), and the
/// compute floor — the same n·p²/2 multiply-adds as forming XᵀX, done on L1-resident data by the same register tile
/// on 2 threads (the machine's dense peak).
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class LeastSquaresBenchmarks
{
    [Params(10, 100, 500)]
    public int D { get; set; }

    private Dataset _data = null!;
    private Dataset _mathNetData = null!;
    private Matrix<double>? _x;
    private Vector<double>? _y;
    private LeastSquaresResult? _last;
    private Vector<double>? _lastMathNet;

    [GlobalSetup(Targets = [nameof(FloorGramAtPeak), nameof(FastNormalEquations), nameof(FastRefinedQr), nameof(LeastSquaresFit),
        nameof(LeastSquaresFitNormalEquations)])]
    public void Setup() => _data = Workload.Get(Workload.N, D);

    [GlobalSetup(Target = nameof(MathNetNormalEquations))]
    public void SetupMathNet()
    {
        _mathNetData = D >= 500 ? Workload.Head(LeastSquaresWork.ReducedRows, D) : Workload.Get(Workload.N, D);
        (_x, _y) = LeastSquaresWork.MathNetDesign(_mathNetData);
    }

    [GlobalCleanup(Targets = [nameof(FastNormalEquations), nameof(FastRefinedQr), nameof(LeastSquaresFit), nameof(LeastSquaresFitNormalEquations)])]
    public void Cleanup()
    {
        if (_last is not null) QualityColumn.Set(LeastSquaresWork.FromResult(_data, _last), _lastName, D);
        _last = null;
    }

    private string _lastName = "";

    [GlobalCleanup(Target = nameof(MathNetNormalEquations))]
    public void CleanupMathNet()
    {
        if (_lastMathNet is not null) QualityColumn.Set(LeastSquaresWork.FromMathNet(_mathNetData, _lastMathNet), nameof(MathNetNormalEquations), D);
        _x = null;
        _y = null;
        _lastMathNet = null;
        GC.Collect();
    }

    /// <summary>n·p²/2 multiply-adds (p = d + 1) at the measured dense peak: the floor of forming XᵀX.</summary>
    [Benchmark]
    public double FloorGramAtPeak()
    {
        long fma = (long)Workload.N * (D + 1) * (D + 1) / 2;
        double gflops = Limits.ComputeFmas(fma, threads: 2, out double seconds);
        QualityColumn.Set(FormattableString.Invariant($"{gflops:F0} GFLOP/s"), nameof(FloorGramAtPeak), D);
        return seconds;
    }

    [Benchmark]
    public LeastSquaresResult FastNormalEquations()
    {
        _lastName = nameof(FastNormalEquations);
        return _last = FastLeastSquares.Fit(_data, LeastSquaresMethod.NormalEquations);
    }

    [Benchmark]
    public LeastSquaresResult FastRefinedQr()
    {
        _lastName = nameof(FastRefinedQr);
        return _last = FastLeastSquares.Fit(_data);
    }

    /// <summary>The API the book teaches, on raw arrays (the NaN/±∞ check included): it switches to the streaming solver by itself.</summary>
    [Benchmark]
    public LeastSquaresResult LeastSquaresFit()
    {
        _lastName = nameof(LeastSquaresFit);
        return _last = LeastSquares.Fit(_data.X, _data.Count, _data.Features, _data.Y);
    }

    /// <summary>The same with the normal equation (its check of X rides on the Gram pass).</summary>
    [Benchmark]
    public LeastSquaresResult LeastSquaresFitNormalEquations()
    {
        _lastName = nameof(LeastSquaresFitNormalEquations);
        return _last = LeastSquares.Fit(_data.X, _data.Count, _data.Features, _data.Y, LeastSquaresMethod.NormalEquations);
    }

    [Benchmark]
    public Vector<double> MathNetNormalEquations() => _lastMathNet = MultipleRegression.NormalEquations(_x!, _y!);
}

/// <summary>
/// The slow least-squares solvers, one call each (no warm-up): MathNet's managed MultipleRegression.QR and the
/// library's readable (copying, scalar) normal equations and RefinedQr (called as LeastSquares.FitReadable: at these
/// sizes LeastSquares.Fit itself switches to the streaming solvers). At d = 500 they get the first 50 000 rows:
/// their cost is linear in n, so the n = 1e6 time is 20×.
/// MathNetQrSmallN runs MathNet QR on 10 000 rows at every d to show that scaling.
/// </summary>
[Config(typeof(SingleShotInProcessConfig))]
public class SlowLeastSquaresBenchmarks
{
    [Params(10, 100, 500)]
    public int D { get; set; }

    private Dataset _data = null!;
    private Matrix<double>? _x;
    private Vector<double>? _y;
    private string _method = "";
    private object? _result;

    private void Prepare(string method, int rowsAt500, bool mathNet, int? rows = null)
    {
        _method = method;
        int n = rows ?? (D >= 500 ? rowsAt500 : Workload.N);
        _data = n >= Workload.N ? Workload.Get(Workload.N, D) : Workload.Head(n, D);
        if (mathNet) (_x, _y) = LeastSquaresWork.MathNetDesign(_data);
    }

    [GlobalSetup(Target = nameof(MathNetQr))]
    public void SetupQr() => Prepare(nameof(MathNetQr), LeastSquaresWork.ReducedRows, mathNet: true);

    [GlobalSetup(Target = nameof(MathNetQrSmallN))]
    public void SetupQrSmall() => Prepare(nameof(MathNetQrSmallN), LeastSquaresWork.SmallRows, mathNet: true, rows: LeastSquaresWork.SmallRows);

    [GlobalSetup(Target = nameof(LibraryNormalEquationsReadable))]
    public void SetupNe() => Prepare(nameof(LibraryNormalEquationsReadable), LeastSquaresWork.ReducedRows, mathNet: false);

    [GlobalSetup(Target = nameof(LibraryRefinedQrReadable))]
    public void SetupRqr() => Prepare(nameof(LibraryRefinedQrReadable), LeastSquaresWork.ReducedRows, mathNet: false);

    [GlobalCleanup]
    public void Cleanup()
    {
        string? text = _result switch
        {
            Vector<double> beta => LeastSquaresWork.FromMathNet(_data, beta),
            LeastSquaresResult r => LeastSquaresWork.FromResult(_data, r),
            _ => null,
        };
        if (text is not null) QualityColumn.Set(text, _method, D);
        _x = null;
        _y = null;
        _result = null;
        GC.Collect();
    }

    [Benchmark]
    public object MathNetQr() => _result = MultipleRegression.QR(_x!, _y!);

    [Benchmark]
    public object MathNetQrSmallN() => _result = MultipleRegression.QR(_x!, _y!);

    [Benchmark]
    public object LibraryNormalEquationsReadable() =>
        _result = LeastSquares.FitReadable(_data.X, _data.Count, _data.Features, _data.Y, LeastSquaresMethod.NormalEquations, true);

    [Benchmark]
    public object LibraryRefinedQrReadable() =>
        _result = LeastSquares.FitReadable(_data.X, _data.Count, _data.Features, _data.Y, LeastSquaresMethod.RefinedQr, true);
}
