using System.Diagnostics;
using LinReg.Data;
using LinReg.Fast;
using LinReg.Losses;
using LinReg.Models;

namespace LinReg.Benchmarks;

/// <summary>
/// `--smoke [d] [ls|svd]`: quick timings of the fast paths and the limits with a Stopwatch (a development aid for
/// tuning; the numbers of record come from the BenchmarkDotNet suite).
/// </summary>
public static class Smoke
{
    private static string Time(Action a, int reps = 7)
    {
        a();
        var t = new List<double>();
        for (int r = 0; r < reps; r++)
        {
            var sw = Stopwatch.StartNew();
            a();
            t.Add(sw.Elapsed.TotalSeconds);
        }
        t.Sort();
        return $"min {t[0]:F3} med {t[reps / 2]:F3} s";
    }

    public static void Run(string[] args)
    {
        int d = args.Length > 1 ? int.Parse(args[1]) : 100;
        var sw = Stopwatch.StartNew();
        if (args.Length > 2 && args[2] == "svd")
        {
            var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(d + 1, d + 1, (i, j) => i <= j ? 1.0 / (1 + i + j) + (i == j ? 1 : 0) : 0.0);
            Console.WriteLine($"SVD {d + 1}: {Time(() => m.Svd(false), 3)}");
            return;
        }
        var data = Workload.Get(Workload.N, d);
        Console.WriteLine($"data n={data.Count} d={d}: {sw.Elapsed.TotalSeconds:F1} s; Vector512 {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}, Vector256 {System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated}, Vector<double>.Count {System.Numerics.Vector<double>.Count}");
        var order = Enumerable.Range(0, data.Count).ToArray();
        DataIter.ShuffleInPlace(order, new Random(1));
        double sink = 0;
        Console.WriteLine($"peak 1 thread: {Limits.MeasurePeakGflops(1, 0.5):F1} GFLOP/s, 2 threads: {Limits.MeasurePeakGflops(2, 0.5):F1}");
        Console.WriteLine($"shuffle 1e6: {Time(() => DataIter.ShuffleInPlace(order, new Random(2))):F3} s");
        Console.WriteLine($"floor shuffled read: {Time(() => sink += Limits.ShuffledRead(data.X, d, order)):F3} s");
        if (args.Length > 2 && args[2] == "ls")
        {
            for (int t = 1; t <= 2; t++)
                Console.WriteLine($"Gram {t} thread(s): {Time(() => GramKernel.Compute(data.X, data.Count, d, data.Y, t), 3)}");
            Console.WriteLine($"fast NE: {Time(() => FastLeastSquares.Fit(data, LinReg.Solvers.LeastSquaresMethod.NormalEquations), 3)}");
            var fit = FastLeastSquares.Fit(data);
            Console.WriteLine($"refined: passes {fit.RefinementIterations}, cond {fit.ScaledConditionNumber:G3}, warning {fit.Warning}");
            Console.WriteLine($"fast RefinedQr: {Time(() => FastLeastSquares.Fit(data), 3)}");
            var a = new RowMajorDesign(data.X, null, data.Count, d, data.Y, null, true);
            var xs = new double[d + 1];
            Console.WriteLine($"residual+gradient pass: {Time(() => a.Residuals(xs, xs, new double[d + 1], 2), 3)}");
            Console.WriteLine($"residual pass: {Time(() => a.Residuals(xs, xs, null, 2), 3)}");
            Console.WriteLine($"TSS (double-double, two passes over y): {Time(() => a.TotalSumOfSquares(), 3)}");
            Console.WriteLine($"residual pass + TSS: {Time(() => a.ResidualsAndTotal(xs, xs, 0.5, 2), 3)}");
            Console.WriteLine($"design Gram: {Time(() => FastLeastSquares.DesignGram(a, 2), 3)}");
            var gr = FastLeastSquares.DesignGram(a, 2);
            var des = LinReg.Solvers.LeastSquares.Validate(data.X, null, data.Count, d, data.Y, null, true, LinReg.Solvers.LeastSquaresMethod.NormalEquations, false, null, "x", "y", checkFinite: false);
            Console.WriteLine($"scaled Cholesky + diagnostics (no sums): {Time(() => LinReg.FastPathSeam.SolveNormalEquation(des, gr.G, gr.C, (h, l) => (0, 0)), 3)}");
            var rm = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(d + 1, d + 1, (i, j) => i <= j ? 1.0 / (1 + i + j) + (i == j ? 1 : 0) : 0.0);
            Console.WriteLine($"SVD of the p×p factor: {Time(() => rm.Svd(false), 3)}");
            Console.WriteLine($"residual pass 1 thread: {Time(() => a.Residuals(xs, xs, null, 1), 3)}");
            Console.WriteLine($"residual+gradient pass 1 thread: {Time(() => a.Residuals(xs, xs, new double[d + 1], 1), 3)}");
            Console.WriteLine($"validate: {Time(() => LinReg.Solvers.LeastSquares.Validate(data.X, null, data.Count, d, data.Y, null, true, LinReg.Solvers.LeastSquaresMethod.RefinedQr, false, null, "x", "y"), 3)}");
            var sc = Enumerable.Repeat(1.0, d + 1).ToArray();
            Console.WriteLine($"streaming QR: {Time(() => StreamingQr.Factor(a, sc, 2), 1)}");
            return;
        }
        foreach (int batch in new[] { 32, 1024 })
        {
            var model = new LinearRegressionScratch(d, seed: 0);
            var ft = new FastSgdTrainer(model, new SquaredLoss(), 0.03) { RecordSteps = false };
            var iter = new DataIter(data, batch, seed: 0);
            Console.WriteLine($"fast SGD epoch batch {batch}: {Time(() => ft.Fit(iter, 1)):F3} s");
        }
        for (int t = 1; t <= 2; t++)
            Console.WriteLine($"Gram {t} thread(s): {Time(() => GramKernel.Compute(data.X, data.Count, d, data.Y, t)):F3} s");
        Console.WriteLine(sink);
    }
}
