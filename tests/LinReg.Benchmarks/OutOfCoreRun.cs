using System.Diagnostics;
using LinReg.Solvers;

namespace LinReg.Benchmarks;

/// <summary>
/// `--outofcore [cold|warm] [refine|onepass|read|write]`: one out-of-core fit (or one read of the file, or only writing
/// it) in a fresh process, printing the wall time and the peak resident memory of the whole process (VmHWM), so the
/// memory goal is measured without the benchmark harness's own allocations. `write` creates the file and stops.
/// </summary>
public static class OutOfCoreRun
{
    public static void Run(string[] args)
    {
        string cache = args.Length > 1 ? args[1] : "cold";
        string what = args.Length > 2 ? args[2] : "refine";
        string path = OutOfCoreBenchmarks.EnsureFile();
        if (what == "write") return;
        if (cache == "cold") OutOfCoreBenchmarks.DropFromPageCache(path);
        var clock = Stopwatch.StartNew();
        string outcome;
        if (what == "read")
        {
            outcome = $"sum {OutOfCoreBenchmarks.ReadAll(path):G6}";
        }
        else
        {
            var fit = OutOfCoreLeastSquares.Fit(path, refine: what != "onepass");
            outcome = FormattableString.Invariant(
                $"{fit.Method}, {fit.RefinementIterations} refinement pass(es), b = {fit.Bias:G10}, RMSE {Math.Sqrt(fit.ResidualSumOfSquares / fit.Observations):F6}");
        }
        Console.WriteLine(FormattableString.Invariant(
            $"{what} ({cache} cache): {clock.Elapsed.TotalSeconds:F2} s; peak resident memory (VmHWM) {OutOfCoreBenchmarks.PeakResidentMegabytes():F0} MB; {outcome}"));
    }
}
