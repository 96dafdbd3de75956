using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LinReg.Fast;

namespace LinReg.Benchmarks;

/// <summary>The hardware limits the library is compared with.</summary>
public static class Limits
{
    /// <summary>
    /// The floor of a shuffled SGD epoch: read every row of X once, in the given (shuffled) order, summing it into a
    /// Vector512 accumulator (1 thread, the SGD path's thread count). Returns the sum so the JIT cannot drop the reads.
    /// </summary>
    public static double ShuffledRead(double[] x, int d, int[] order)
    {
        ref double x0 = ref MemoryMarshal.GetArrayDataReference(x);
        var acc0 = Vector512<double>.Zero;
        var acc1 = Vector512<double>.Zero;
        double tail = 0;
        foreach (int i in order)
        {
            ref double row = ref Unsafe.Add(ref x0, (nint)i * d);
            int j = 0;
            for (; j <= d - 16; j += 16)
            {
                acc0 += Vector512.LoadUnsafe(ref row, (nuint)j);
                acc1 += Vector512.LoadUnsafe(ref row, (nuint)(j + 8));
            }
            for (; j < d; j++) tail += Unsafe.Add(ref row, j);
        }
        return Vector512.Sum(acc0 + acc1) + tail;
    }

    /// <summary>
    /// The dense peak: the Gram kernel's 4×32 register tile over a 64-row packed block that stays in L1, repeated,
    /// on <paramref name="threads"/> threads. Returns GFLOP/s (2 flops per multiply-add).
    /// </summary>
    public static double MeasurePeakGflops(int threads, double seconds = 1.0)
    {
        const int p = 32, m = 64;
        double best = 0;
        for (int trial = 0; trial < 3; trial++)
        {
            long reps = 0;
            var sw = System.Diagnostics.Stopwatch.StartNew();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                var block = new double[m * p];
                for (int k = 0; k < block.Length; k++) block[k] = 1.0 + k % 7 * 1e-3;
                var g = new double[p * p];
                long local = 0;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (clock.Elapsed.TotalSeconds < seconds)
                {
                    for (int r = 0; r < 100; r++) GramKernel.AccumulateBlock(block, m, p, g);
                    local += 100;
                }
                Interlocked.Add(ref reps, local);
            });
            double secs = sw.Elapsed.TotalSeconds;
            // AccumulateBlock with p = 32 computes tiles for a = 0..28 step 4, columns from ⌊a/8⌋·8 to 32
            long fmaPerRep = 0;
            for (int a = 0; a < p; a += 4) fmaPerRep += 4L * (p - a / 8 * 8) * m;
            best = Math.Max(best, 2.0 * fmaPerRep * reps / secs / 1e9);
        }
        return best;
    }

    /// <summary>
    /// Performs at least <paramref name="fmas"/> multiply-adds with the Gram kernel's 4×32 register tile on a packed
    /// block that stays in L1 (no memory traffic), split over <paramref name="threads"/> threads: the time forming XᵀX
    /// would take at the machine's dense peak. Returns GFLOP/s (2 flops per multiply-add).
    /// </summary>
    public static double ComputeFmas(long fmas, int threads, out double seconds)
    {
        const int p = 32, m = 64;
        long fmaPerRep = 0;
        for (int a = 0; a < p; a += 4) fmaPerRep += 4L * (p - a / 8 * 8) * m;
        long reps = (fmas + fmaPerRep - 1) / fmaPerRep;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var block = new double[m * p];
            for (int k = 0; k < block.Length; k++) block[k] = 1.0 + k % 7 * 1e-3;
            var g = new double[p * p];
            long mine = reps / threads + (t < reps % threads ? 1 : 0);
            for (long r = 0; r < mine; r++) GramKernel.AccumulateBlock(block, m, p, g);
        });
        seconds = sw.Elapsed.TotalSeconds;
        return 2.0 * fmaPerRep * reps / seconds / 1e9;
    }
}
