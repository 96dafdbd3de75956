using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LinReg.Fast;

/// <summary>
/// Fused SIMD loops over one row of a row-major array: dot product, axpy, scale. Vector512 when the CPU has it,
/// otherwise Vector256, otherwise scalar; the tail shorter than a vector is done in scalar code.
/// Callers guarantee the ranges are inside the arrays (no bounds checks here).
/// </summary>
/// <remarks>
/// Written out rather than calling System.Numerics.Tensors' TensorPrimitives (Dot, FusedMultiplyAdd/MultiplyAdd,
/// Multiply), which the streaming QR and the finite-value scan do use: on the rows the SGD path works on (d = 10 to 100)
/// the primitives measured 20–70 % slower for Dot, 35–70 % for Axpy and up to 2× for Scale (KernelChoiceBenchmarks,
/// tests/LinReg.Benchmarks/README.md), the per-call cost of a general primitive on spans this short.
/// </remarks>
internal static class SimdKernels
{
    /// <summary>Σⱼ x[off + j]·w[j] for j &lt; d.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Dot(double[] x, int off, double[] w, int d)
    {
        ref double xr = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(x), off);
        ref double wr = ref MemoryMarshal.GetArrayDataReference(w);
        int j = 0;
        double s = 0;
        if (Vector512.IsHardwareAccelerated && d >= 8)
        {
            var a0 = Vector512<double>.Zero;
            var a1 = Vector512<double>.Zero;
            for (; j <= d - 16; j += 16)
            {
                a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref xr, (nuint)j), Vector512.LoadUnsafe(ref wr, (nuint)j), a0);
                a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref xr, (nuint)(j + 8)), Vector512.LoadUnsafe(ref wr, (nuint)(j + 8)), a1);
            }
            if (j <= d - 8)
            {
                a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref xr, (nuint)j), Vector512.LoadUnsafe(ref wr, (nuint)j), a0);
                j += 8;
            }
            if (j <= d - 4)
            {
                var t = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)j), Vector256.LoadUnsafe(ref wr, (nuint)j), Vector256<double>.Zero);
                a1 += Vector512.Create(t, Vector256<double>.Zero);
                j += 4;
            }
            s = Vector512.Sum(a0 + a1);
        }
        else if (Vector256.IsHardwareAccelerated && d >= 4)
        {
            var a0 = Vector256<double>.Zero;
            var a1 = Vector256<double>.Zero;
            for (; j <= d - 8; j += 8)
            {
                a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)j), Vector256.LoadUnsafe(ref wr, (nuint)j), a0);
                a1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)(j + 4)), Vector256.LoadUnsafe(ref wr, (nuint)(j + 4)), a1);
            }
            if (j <= d - 4)
            {
                a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)j), Vector256.LoadUnsafe(ref wr, (nuint)j), a0);
                j += 4;
            }
            s = Vector256.Sum(a0 + a1);
        }
        for (; j < d; j++) s += Unsafe.Add(ref xr, j) * Unsafe.Add(ref wr, j);
        return s;
    }

    /// <summary>dst[j] += alpha·src[off + j] for j &lt; d.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Axpy(double alpha, double[] src, int off, double[] dst, int d)
    {
        ref double xr = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(src), off);
        ref double yr = ref MemoryMarshal.GetArrayDataReference(dst);
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var a = Vector512.Create(alpha);
            for (; j <= d - 8; j += 8)
                Vector512.FusedMultiplyAdd(a, Vector512.LoadUnsafe(ref xr, (nuint)j), Vector512.LoadUnsafe(ref yr, (nuint)j)).StoreUnsafe(ref yr, (nuint)j);
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var a = Vector256.Create(alpha);
            for (; j <= d - 4; j += 4)
                Vector256.FusedMultiplyAdd(a, Vector256.LoadUnsafe(ref xr, (nuint)j), Vector256.LoadUnsafe(ref yr, (nuint)j)).StoreUnsafe(ref yr, (nuint)j);
        }
        for (; j < d; j++) Unsafe.Add(ref yr, j) = Math.FusedMultiplyAdd(alpha, Unsafe.Add(ref xr, j), Unsafe.Add(ref yr, j));
    }

    /// <summary>dst[j] = alpha·src[off + j] for j &lt; d.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Scale(double alpha, double[] src, int off, double[] dst, int d)
    {
        ref double xr = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(src), off);
        ref double yr = ref MemoryMarshal.GetArrayDataReference(dst);
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var a = Vector512.Create(alpha);
            for (; j <= d - 8; j += 8) (a * Vector512.LoadUnsafe(ref xr, (nuint)j)).StoreUnsafe(ref yr, (nuint)j);
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var a = Vector256.Create(alpha);
            for (; j <= d - 4; j += 4) (a * Vector256.LoadUnsafe(ref xr, (nuint)j)).StoreUnsafe(ref yr, (nuint)j);
        }
        for (; j < d; j++) Unsafe.Add(ref yr, j) = alpha * Unsafe.Add(ref xr, j);
    }

    /// <summary>w[j] ← a·w[j] for every j.</summary>
    internal static void ScaleInPlace(double a, double[] w) => Scale(a, w, 0, w, w.Length);

    /// <summary>
    /// Four dot products at once, sⱼ = x[oⱼ ..]·w (d terms each): the four rows' loads are interleaved, so their cache
    /// misses overlap, and w is loaded once per four rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Dot4(double[] x, int o0, int o1, int o2, int o3, double[] w, int d,
        out double s0, out double s1, out double s2, out double s3)
    {
        ref double x00 = ref MemoryMarshal.GetArrayDataReference(x);
        ref double r0 = ref Unsafe.Add(ref x00, o0);
        ref double r1 = ref Unsafe.Add(ref x00, o1);
        ref double r2 = ref Unsafe.Add(ref x00, o2);
        ref double r3 = ref Unsafe.Add(ref x00, o3);
        ref double wr = ref MemoryMarshal.GetArrayDataReference(w);
        int j = 0;
        s0 = s1 = s2 = s3 = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var a0 = Vector512<double>.Zero;
            var a1 = Vector512<double>.Zero;
            var a2 = Vector512<double>.Zero;
            var a3 = Vector512<double>.Zero;
            for (; j <= d - 8; j += 8)
            {
                var wv = Vector512.LoadUnsafe(ref wr, (nuint)j);
                a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r0, (nuint)j), wv, a0);
                a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r1, (nuint)j), wv, a1);
                a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r2, (nuint)j), wv, a2);
                a3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref r3, (nuint)j), wv, a3);
            }
            s0 = Vector512.Sum(a0);
            s1 = Vector512.Sum(a1);
            s2 = Vector512.Sum(a2);
            s3 = Vector512.Sum(a3);
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j <= d - 4; j += 4)
            {
                var wv = Vector256.LoadUnsafe(ref wr, (nuint)j);
                s0 += Vector256.Sum(Vector256.LoadUnsafe(ref r0, (nuint)j) * wv);
                s1 += Vector256.Sum(Vector256.LoadUnsafe(ref r1, (nuint)j) * wv);
                s2 += Vector256.Sum(Vector256.LoadUnsafe(ref r2, (nuint)j) * wv);
                s3 += Vector256.Sum(Vector256.LoadUnsafe(ref r3, (nuint)j) * wv);
            }
        }
        for (; j < d; j++)
        {
            double wj = Unsafe.Add(ref wr, j);
            s0 += Unsafe.Add(ref r0, j) * wj;
            s1 += Unsafe.Add(ref r1, j) * wj;
            s2 += Unsafe.Add(ref r2, j) * wj;
            s3 += Unsafe.Add(ref r3, j) * wj;
        }
    }

    /// <summary>dst[j] += g0·x[o0 + j] + g1·x[o1 + j] + g2·x[o2 + j] + g3·x[o3 + j]: one load/store of dst per four rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Axpy4(double g0, double g1, double g2, double g3, double[] x, int o0, int o1, int o2, int o3, double[] dst, int d)
    {
        ref double x00 = ref MemoryMarshal.GetArrayDataReference(x);
        ref double r0 = ref Unsafe.Add(ref x00, o0);
        ref double r1 = ref Unsafe.Add(ref x00, o1);
        ref double r2 = ref Unsafe.Add(ref x00, o2);
        ref double r3 = ref Unsafe.Add(ref x00, o3);
        ref double yr = ref MemoryMarshal.GetArrayDataReference(dst);
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var v0 = Vector512.Create(g0);
            var v1 = Vector512.Create(g1);
            var v2 = Vector512.Create(g2);
            var v3 = Vector512.Create(g3);
            for (; j <= d - 8; j += 8)
            {
                var acc = Vector512.LoadUnsafe(ref yr, (nuint)j);
                acc = Vector512.FusedMultiplyAdd(v0, Vector512.LoadUnsafe(ref r0, (nuint)j), acc);
                acc = Vector512.FusedMultiplyAdd(v1, Vector512.LoadUnsafe(ref r1, (nuint)j), acc);
                acc = Vector512.FusedMultiplyAdd(v2, Vector512.LoadUnsafe(ref r2, (nuint)j), acc);
                acc = Vector512.FusedMultiplyAdd(v3, Vector512.LoadUnsafe(ref r3, (nuint)j), acc);
                acc.StoreUnsafe(ref yr, (nuint)j);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var v0 = Vector256.Create(g0);
            var v1 = Vector256.Create(g1);
            var v2 = Vector256.Create(g2);
            var v3 = Vector256.Create(g3);
            for (; j <= d - 4; j += 4)
            {
                var acc = Vector256.LoadUnsafe(ref yr, (nuint)j);
                acc = Vector256.FusedMultiplyAdd(v0, Vector256.LoadUnsafe(ref r0, (nuint)j), acc);
                acc = Vector256.FusedMultiplyAdd(v1, Vector256.LoadUnsafe(ref r1, (nuint)j), acc);
                acc = Vector256.FusedMultiplyAdd(v2, Vector256.LoadUnsafe(ref r2, (nuint)j), acc);
                acc = Vector256.FusedMultiplyAdd(v3, Vector256.LoadUnsafe(ref r3, (nuint)j), acc);
                acc.StoreUnsafe(ref yr, (nuint)j);
            }
        }
        for (; j < d; j++)
        {
            ref double y = ref Unsafe.Add(ref yr, j);
            y = Math.FusedMultiplyAdd(g0, Unsafe.Add(ref r0, j), y);
            y = Math.FusedMultiplyAdd(g1, Unsafe.Add(ref r1, j), y);
            y = Math.FusedMultiplyAdd(g2, Unsafe.Add(ref r2, j), y);
            y = Math.FusedMultiplyAdd(g3, Unsafe.Add(ref r3, j), y);
        }
    }
}
