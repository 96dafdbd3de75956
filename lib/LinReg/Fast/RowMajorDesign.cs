using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LinReg.Numerics;

namespace LinReg.Fast;

/// <summary>
/// The design [1 X] (or X) over the caller's row-major arrays, read in place, with the streaming passes the fast
/// least-squares solvers make over it. Optional trailing parts (xLo, yLo) make each entry exactly hi + lo.
/// Design columns: 0 is the intercept when <see cref="Intercept"/>, then the d features.
/// </summary>
internal sealed class RowMajorDesign
{
    internal RowMajorDesign(double[] x, double[]? xLo, int rows, int features, double[] y, double[]? yLo, bool intercept)
    {
        X = x;
        XLo = xLo;
        Rows = rows;
        Features = features;
        Y = y;
        YLo = yLo;
        Intercept = intercept;
        Columns = features + (intercept ? 1 : 0);
    }

    internal double[] X { get; }
    internal double[]? XLo { get; }
    internal int Rows { get; }
    internal int Features { get; }
    internal double[] Y { get; }
    internal double[]? YLo { get; }
    internal bool Intercept { get; }
    internal int Columns { get; }
    private int Off => Intercept ? 1 : 0;

    /// <summary>Contiguous row ranges, one per worker.</summary>
    internal (int Start, int End)[] Ranges(int threads)
    {
        threads = Math.Max(1, Math.Min(threads, Rows / 1024 + 1));
        var r = new (int, int)[threads];
        long per = (Rows + (long)threads - 1) / threads;
        for (int t = 0; t < threads; t++) r[t] = ((int)Math.Min(Rows, t * per), (int)Math.Min(Rows, (t + 1) * per));
        return r;
    }

    /// <summary>
    /// One pass over the rows, in double-double: rᵢ = yᵢ − aᵢᵀ(xHi + xLo) for every row; returns RSS = Σ rᵢ²; when
    /// <paramref name="gradient"/> is given, also g = Aᵀr (per design column, rounded to double at the end).
    /// Each product is split exactly with an FMA and summed with error-free two-sums (Ogita–Rump–Oishi Dot2), so the
    /// result is as accurate as if computed in twice the working precision. Rows are split between threads.
    /// </summary>
    internal double Residuals(double[] xHi, double[] xLo, double[]? gradient, int threads)
    {
        var ranges = Ranges(threads);
        int d = Features;
        var parts = new (double RssHi, double RssLo, double[]? GHi, double[]? GLo, double G0Hi, double G0Lo)[ranges.Length];
        var wHi = new double[d];
        var wLo = new double[d];
        Array.Copy(xHi, Off, wHi, 0, d);
        Array.Copy(xLo, Off, wLo, 0, d);
        double bHi = Intercept ? xHi[0] : 0, bLo = Intercept ? xLo[0] : 0;
        Parallel.For(0, ranges.Length, new ParallelOptions { MaxDegreeOfParallelism = ranges.Length }, t =>
        {
            var (start, end) = ranges[t];
            double[]? gh = gradient is null ? null : new double[d];
            double[]? gl = gradient is null ? null : new double[d];
            double rssHi = 0, rssLo = 0, g0Hi = 0, g0Lo = 0;
            AccumulateRange(start, end, wHi, wLo, bHi, bLo, gh, gl, ref g0Hi, ref g0Lo, ref rssHi, ref rssLo);
            parts[t] = (rssHi, rssLo, gh, gl, g0Hi, g0Lo);
        });
        double rh = 0, rl = 0;
        foreach (var part in parts) AddDD(ref rh, ref rl, part.RssHi, part.RssLo);
        if (gradient is not null)
        {
            var sumHi = new double[d];
            var sumLo = new double[d];
            double g0h = 0, g0l = 0;
            foreach (var part in parts)
            {
                for (int j = 0; j < d; j++) AddDD(ref sumHi[j], ref sumLo[j], part.GHi![j], part.GLo![j]);
                AddDD(ref g0h, ref g0l, part.G0Hi, part.G0Lo);
            }
            if (Intercept) gradient[0] = g0h + g0l;
            for (int j = 0; j < d; j++) gradient[Off + j] = sumHi[j] + sumLo[j];
        }
        return rh + rl;
    }

    /// <summary>
    /// RSS as <see cref="Residuals"/> computes it, and in the same pass over the rows the total sum of squares: with an
    /// intercept Σ(yᵢ − ȳ)², computed as Σtᵢ² − (Σtᵢ)²/n with tᵢ = yᵢ − m in double-double for any centre m near ȳ (the
    /// mean from the Gram pass), which is exact to double-double resolution whatever m is; without, Σyᵢ². The same
    /// value the readable two-pass routine returns, without its two extra passes over y.
    /// </summary>
    internal (double Rss, double Tss) ResidualsAndTotal(double[] xHi, double[] xLo, double center, int threads)
    {
        var ranges = Ranges(threads);
        int d = Features;
        if (!Intercept || !double.IsFinite(center)) center = 0;
        var parts = new (double RssHi, double RssLo, double S1Hi, double S1Lo, double S2Hi, double S2Lo)[ranges.Length];
        var wHi = new double[d];
        var wLo = new double[d];
        Array.Copy(xHi, Off, wHi, 0, d);
        Array.Copy(xLo, Off, wLo, 0, d);
        double bHi = Intercept ? xHi[0] : 0, bLo = Intercept ? xLo[0] : 0;
        Parallel.For(0, ranges.Length, new ParallelOptions { MaxDegreeOfParallelism = ranges.Length }, t =>
        {
            var (start, end) = ranges[t];
            double rssHi = 0, rssLo = 0, g0Hi = 0, g0Lo = 0, s1Hi = 0, s1Lo = 0, s2Hi = 0, s2Lo = 0;
            AccumulateRange(start, end, wHi, wLo, bHi, bLo, null, null, ref g0Hi, ref g0Lo, ref rssHi, ref rssLo);
            for (int i = start; i < end; i++)
            {
                double tHi = DoubleDouble.TwoSum(Y[i], -center, out double tLo);
                tLo += YLo?[i] ?? 0.0;
                AddDD(ref s1Hi, ref s1Lo, tHi, tLo);
                double sq = DoubleDouble.TwoProduct(tHi, tHi, out double e);
                AddDD(ref s2Hi, ref s2Lo, sq, e + 2 * tHi * tLo);
            }
            parts[t] = (rssHi, rssLo, s1Hi, s1Lo, s2Hi, s2Lo);
        });
        double rh = 0, rl = 0, ah = 0, al = 0, bh = 0, bl = 0;
        foreach (var part in parts)
        {
            AddDD(ref rh, ref rl, part.RssHi, part.RssLo);
            AddDD(ref ah, ref al, part.S1Hi, part.S1Lo);
            AddDD(ref bh, ref bl, part.S2Hi, part.S2Lo);
        }
        if (!Intercept) return (rh + rl, bh + bl);
        var s1 = new DoubleDouble(ah, al);
        var tss = new DoubleDouble(bh, bl) - s1 * s1 / Rows;
        return (rh + rl, Math.Max(0, tss.Hi + tss.Lo));
    }

    /// <summary>
    /// Rows [start, end) of the residual pass, added to the caller's double-double accumulators: rᵢ = yᵢ − b − xᵢᵀw with
    /// w = wHi + wLo (the d feature weights) and b = bHi + bLo; RSS += rᵢ², and when <paramref name="gh"/> is given
    /// (gh + gl)[j] += xᵢⱼ·rᵢ and g0 += rᵢ (the intercept column). The out-of-core solver calls it block by block.
    /// </summary>
    internal void AccumulateRange(int start, int end, double[] wHi, double[] wLo, double bHi, double bLo, double[]? gh, double[]? gl,
        ref double g0Hi, ref double g0Lo, ref double rssHi, ref double rssLo)
    {
        for (int i = start; i < end; i++)
        {
            var (sHi, sLo) = RowDot(i, wHi, wLo);
            double rHi = Y[i], rLo = YLo?[i] ?? 0.0;
            AddDD(ref rHi, ref rLo, -bHi, -bLo);
            AddDD(ref rHi, ref rLo, -sHi, -sLo);
            double pr = DoubleDouble.TwoProduct(rHi, rHi, out double er);
            AddDD(ref rssHi, ref rssLo, pr, er + 2 * rHi * rLo);
            if (gh is not null)
            {
                AddRow(i, rHi, rLo, gh, gl!);
                AddDD(ref g0Hi, ref g0Lo, rHi, rLo);
            }
        }
    }

    /// <summary>Σⱼ xᵢⱼ·(wHi[j] + wLo[j]) (+ xLoᵢⱼ·wHi[j]) in double-double.</summary>
    private (double Hi, double Lo) RowDot(int i, double[] wHi, double[] wLo)
    {
        int d = Features;
        ref double xr = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(X), (nint)i * d);
        ref double whr = ref MemoryMarshal.GetArrayDataReference(wHi);
        ref double wlr = ref MemoryMarshal.GetArrayDataReference(wLo);
        bool lo = XLo is not null;
        ref double xl = ref (lo ? ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(XLo!), (nint)i * d) : ref xr);
        double sHi = 0, sLo = 0;
        int j = 0;
        if (Vector512.IsHardwareAccelerated && d >= 8)
        {
            // four independent double-double accumulators (short dependency chains), then a tree reduction
            var sh0 = Vector512<double>.Zero;
            var sl0 = Vector512<double>.Zero;
            var sh1 = Vector512<double>.Zero;
            var sl1 = Vector512<double>.Zero;
            var sh2 = Vector512<double>.Zero;
            var sl2 = Vector512<double>.Zero;
            var sh3 = Vector512<double>.Zero;
            var sl3 = Vector512<double>.Zero;
            for (; j <= d - 32; j += 32)
            {
                Accumulate(ref sh0, ref sl0, ref xr, ref whr, ref wlr, ref xl, lo, j);
                Accumulate(ref sh1, ref sl1, ref xr, ref whr, ref wlr, ref xl, lo, j + 8);
                Accumulate(ref sh2, ref sl2, ref xr, ref whr, ref wlr, ref xl, lo, j + 16);
                Accumulate(ref sh3, ref sl3, ref xr, ref whr, ref wlr, ref xl, lo, j + 24);
            }
            for (; j <= d - 16; j += 16)
            {
                Accumulate(ref sh0, ref sl0, ref xr, ref whr, ref wlr, ref xl, lo, j);
                Accumulate(ref sh1, ref sl1, ref xr, ref whr, ref wlr, ref xl, lo, j + 8);
            }
            if (j <= d - 8)
            {
                Accumulate(ref sh0, ref sl0, ref xr, ref whr, ref wlr, ref xl, lo, j);
                j += 8;
            }
            var h01 = TwoSum(sh0, sh1, out var e01);
            var h23 = TwoSum(sh2, sh3, out var e23);
            sl0 += sl1 + e01;
            sl2 += sl3 + e23;
            sh0 = h01;
            sh1 = h23;
            sl1 = sl2;
            var h8 = TwoSum(sh0, sh1, out var e8);
            var l8 = sl0 + sl1 + e8;
            var h4 = TwoSum(h8.GetLower(), h8.GetUpper(), out var e4);
            var l4 = l8.GetLower() + l8.GetUpper() + e4;
            var h2 = TwoSum(h4.GetLower(), h4.GetUpper(), out var e2);
            var l2 = l4.GetLower() + l4.GetUpper() + e2;
            sHi = DoubleDouble.TwoSum(h2.GetElement(0), h2.GetElement(1), out double e1);
            sLo = l2.GetElement(0) + l2.GetElement(1) + e1;
        }
        for (; j < d; j++)
        {
            double a = Unsafe.Add(ref xr, j), wh = Unsafe.Add(ref whr, j);
            double p = DoubleDouble.TwoProduct(a, wh, out double e);
            e = Math.FusedMultiplyAdd(a, Unsafe.Add(ref wlr, j), e);
            if (lo) e = Math.FusedMultiplyAdd(Unsafe.Add(ref xl, j), wh, e);
            double s = DoubleDouble.TwoSum(sHi, p, out double err);
            sHi = s;
            sLo += err + e;
        }
        return (sHi, sLo);
    }

    /// <summary>(gh + gl)[j] += xᵢⱼ·(rHi + rLo) (+ xLoᵢⱼ·rHi), error-free products and sums per entry.</summary>
    private void AddRow(int i, double rHi, double rLo, double[] gh, double[] gl)
    {
        int d = Features;
        ref double xr = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(X), (nint)i * d);
        bool lo = XLo is not null;
        ref double xl = ref (lo ? ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(XLo!), (nint)i * d) : ref xr);
        ref double ghr = ref MemoryMarshal.GetArrayDataReference(gh);
        ref double glr = ref MemoryMarshal.GetArrayDataReference(gl);
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var rh = Vector512.Create(rHi);
            var rl = Vector512.Create(rLo);
            for (; j <= d - 8; j += 8)
            {
                var a = Vector512.LoadUnsafe(ref xr, (nuint)j);
                var p = a * rh;
                var e = Vector512.FusedMultiplyAdd(a, rh, -p);
                e = Vector512.FusedMultiplyAdd(a, rl, e);
                if (lo) e = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref xl, (nuint)j), rh, e);
                var g = Vector512.LoadUnsafe(ref ghr, (nuint)j);
                var s = g + p;
                var bb = s - g;
                (Vector512.LoadUnsafe(ref glr, (nuint)j) + ((g - (s - bb)) + (p - bb) + e)).StoreUnsafe(ref glr, (nuint)j);
                s.StoreUnsafe(ref ghr, (nuint)j);
            }
        }
        for (; j < d; j++)
        {
            double a = Unsafe.Add(ref xr, j);
            double p = DoubleDouble.TwoProduct(a, rHi, out double e);
            e = Math.FusedMultiplyAdd(a, rLo, e);
            if (lo) e = Math.FusedMultiplyAdd(Unsafe.Add(ref xl, j), rHi, e);
            ref double g = ref Unsafe.Add(ref ghr, j);
            double s = DoubleDouble.TwoSum(g, p, out double err);
            g = s;
            Unsafe.Add(ref glr, j) += err + e;
        }
    }

    /// <summary>(sh + sl) += x[j..j+8)·(wh + wl) (+ xLo·wh): exact products (FMA), error-free sum into sh, errors into sl.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(ref Vector512<double> sh, ref Vector512<double> sl, ref double xr, ref double whr, ref double wlr,
        ref double xl, bool lo, int j)
    {
        var a = Vector512.LoadUnsafe(ref xr, (nuint)j);
        var wh = Vector512.LoadUnsafe(ref whr, (nuint)j);
        var p = a * wh;
        var e = Vector512.FusedMultiplyAdd(a, wh, -p);
        e = Vector512.FusedMultiplyAdd(a, Vector512.LoadUnsafe(ref wlr, (nuint)j), e);
        if (lo) e = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref xl, (nuint)j), wh, e);
        var s = TwoSum(sh, p, out var err);
        sl += err + e;
        sh = s;
    }

    /// <summary>Lane-wise Knuth two-sum: s = fl(a + b), err = (a + b) − s exactly.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> TwoSum(Vector512<double> a, Vector512<double> b, out Vector512<double> err)
    {
        var s = a + b;
        var bb = s - a;
        err = (a - (s - bb)) + (b - bb);
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> TwoSum(Vector256<double> a, Vector256<double> b, out Vector256<double> err)
    {
        var s = a + b;
        var bb = s - a;
        err = (a - (s - bb)) + (b - bb);
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> TwoSum(Vector128<double> a, Vector128<double> b, out Vector128<double> err)
    {
        var s = a + b;
        var bb = s - a;
        err = (a - (s - bb)) + (b - bb);
        return s;
    }

    /// <summary>TSS: Σ(yᵢ − ȳ)² with an intercept, Σyᵢ² without, in double-double (the readable solver's routine).</summary>
    internal double TotalSumOfSquares() => FastPathSeam.TotalSumOfSquares(Y, YLo, Rows, Intercept);

    /// <summary>Leading part of design entry (i, c).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double Hi(int i, int c)
    {
        if (Intercept)
        {
            if (c == 0) return 1.0;
            c--;
        }
        return X[(long)i * Features + c];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddDD(ref double sHi, ref double sLo, double aHi, double aLo) => DoubleDouble.Add(ref sHi, ref sLo, aHi, aLo);
}
