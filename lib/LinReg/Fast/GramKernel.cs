using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LinReg.Fast;

/// <summary>
/// The Gram matrix of the augmented design [X 1 y] in one streaming pass over a row-major X (n×d), no copy of X:
/// G = Σᵢ aᵢaᵢᵀ with aᵢ = (xᵢ₀ … xᵢ,d₋₁, 1, yᵢ, 0 …) padded to P = ⌈(d+2)/8⌉·8 entries. So G holds XᵀX (d×d),
/// the column sums Xᵀ1 (column d), Xᵀy (column d+1), n = G[d,d], Σy = G[d,d+1] and yᵀy = G[d+1,d+1].
/// </summary>
/// <remarks>
/// Rows are taken in blocks of kb rows (kb·P·8 bytes ≈ 512 KB, so a block stays in L2), each block is packed into a
/// per-thread row-major buffer of width P (the padding makes every tile a whole number of vectors), and the upper
/// triangle of G is accumulated by register tiles of 8 rows × 24 columns (24 Vector512 accumulators: 24 FMAs per
/// 8 broadcasts and 3 loads; the earlier 4 × 32 tile, kept as <see cref="AccumulateBlock"/> for the benchmarks' peak
/// measurement, moves twice the bytes from L2 per FMA and was about 5 % slower on real rows). (A column-panel packing was tried and measured slower here.) The row range is split between threads, each with its own accumulator, summed at the end. Cost:
/// n·P²/2 multiply-adds. Summation is blocked (per tile over kb rows, then across blocks), so the rounding error of
/// an entry grows like (kb + n/kb)·ε rather than n·ε.
/// </remarks>
internal static class GramKernel
{
    /// <summary>Padded width P of the augmented row [x, 1, y] (a multiple of 8).</summary>
    internal static int PaddedWidth(int cols) => (cols + 2 + 7) / 8 * 8;

    /// <summary>Block height for a padded width P: about 512 KB of packed rows, between 32 and 1024 rows.</summary>
    internal static int BlockRows(int p) => Math.Clamp(65536 / p, 32, 1024);

    /// <summary>
    /// Returns the symmetric P×P Gram matrix of [X 1 y] (row-major, both triangles filled), P = <see cref="PaddedWidth"/>.
    /// </summary>
    /// <param name="x">X, row-major, rows·cols values.</param>
    /// <param name="rows">n.</param>
    /// <param name="cols">d.</param>
    /// <param name="y">y, n values.</param>
    /// <param name="threads">Worker threads (≥ 1).</param>
    internal static double[] Compute(double[] x, int rows, int cols, double[] y, int threads)
    {
        int p = PaddedWidth(cols);
        int kb = BlockRows(p);
        int blocks = (rows + kb - 1) / kb;
        threads = Math.Max(1, Math.Min(threads, blocks));
        var partial = new double[threads][];
        if (threads == 1)
        {
            partial[0] = Accumulate(x, cols, y, p, kb, 0, rows);
        }
        else
        {
            // contiguous row ranges, aligned to whole blocks
            int perThread = (blocks + threads - 1) / threads * kb;
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                int start = Math.Min(rows, t * perThread);
                int end = Math.Min(rows, start + perThread);
                partial[t] = Accumulate(x, cols, y, p, kb, start, end);
            });
        }
        var g = partial[0];
        for (int t = 1; t < threads; t++)
        {
            var o = partial[t];
            for (int k = 0; k < g.Length; k++) g[k] += o[k];
        }
        for (int i = 0; i < p; i++)
            for (int j = 0; j < i; j++) g[i * p + j] = g[j * p + i];
        return g;
    }

    /// <summary>Upper triangle (tile-wise) of Σ aᵢaᵢᵀ over rows [start, end).</summary>
    private static double[] Accumulate(double[] x, int cols, double[] y, int p, int kb, int start, int end)
    {
        var g = new double[p * p];
        var block = new double[kb * p];   // padding columns stay 0
        for (int r0 = start; r0 < end; r0 += kb)
        {
            int m = Math.Min(kb, end - r0);
            for (int i = 0; i < m; i++)
            {
                Array.Copy(x, (r0 + i) * cols, block, i * p, cols);
                block[i * p + cols] = 1.0;
                block[i * p + cols + 1] = y[r0 + i];
            }
            AccumulateBlock8(block, m, p, g);
        }
        return g;
    }

    /// <summary>g (upper triangle, by tiles) += BᵀB for the first m rows of the packed row-major block B (width p).</summary>
    internal static void AccumulateBlock(double[] block, int m, int p, double[] g)
    {
        ref double b0 = ref MemoryMarshal.GetArrayDataReference(block);
        ref double g0 = ref MemoryMarshal.GetArrayDataReference(g);
        for (int a = 0; a < p; a += 4)
        {
            int c = a / 8 * 8;
            for (; c + 32 <= p; c += 32) Tile4x4(ref b0, m, p, a, c, ref g0);
            if (c + 16 <= p)
            {
                Tile4x2(ref b0, m, p, a, c, ref g0);
                c += 16;
            }
            if (c + 8 <= p) Tile4x1(ref b0, m, p, a, c, ref g0);
        }
    }

    /// <summary>
    /// g (upper triangle, by tiles) += BᵀB for the first m rows of the packed row-major block B (width p, a multiple of 8),
    /// with tiles of 8 rows of G × 24 columns (24 Vector512 accumulators). Per packed row a tile loads 3 vectors and 8
    /// scalars for 24 FMAs: about half the L2 traffic per FMA of the 4×32 tile of <see cref="AccumulateBlock"/>, which
    /// is what limits that tile on real rows streaming through L2 (measured in the benchmarks README).
    /// </summary>
    internal static void AccumulateBlock8(double[] block, int m, int p, double[] g)
    {
        ref double b0 = ref MemoryMarshal.GetArrayDataReference(block);
        ref double g0 = ref MemoryMarshal.GetArrayDataReference(g);
        for (int a = 0; a < p; a += 8)
        {
            int c = a;
            for (; c + 24 <= p; c += 24) Tile8x24(ref b0, m, p, a, c, ref g0);
            if (c + 16 <= p)
            {
                Tile8x16(ref b0, m, p, a, c, ref g0);
                c += 16;
            }
            if (c + 8 <= p) Tile8x8(ref b0, m, p, a, c, ref g0);
        }
    }

    /// <summary>G[a..a+8, b..b+24) += Σ over kb packed rows of B[i, a+r]·B[i, b..b+24) (8×3 Vector512 accumulators).</summary>
    private static void Tile8x24(ref double block, int kb, int p, int a, int b, ref double g)
    {
        var c00 = Vector512<double>.Zero; var c01 = Vector512<double>.Zero; var c02 = Vector512<double>.Zero;
        var c10 = Vector512<double>.Zero; var c11 = Vector512<double>.Zero; var c12 = Vector512<double>.Zero;
        var c20 = Vector512<double>.Zero; var c21 = Vector512<double>.Zero; var c22 = Vector512<double>.Zero;
        var c30 = Vector512<double>.Zero; var c31 = Vector512<double>.Zero; var c32 = Vector512<double>.Zero;
        var c40 = Vector512<double>.Zero; var c41 = Vector512<double>.Zero; var c42 = Vector512<double>.Zero;
        var c50 = Vector512<double>.Zero; var c51 = Vector512<double>.Zero; var c52 = Vector512<double>.Zero;
        var c60 = Vector512<double>.Zero; var c61 = Vector512<double>.Zero; var c62 = Vector512<double>.Zero;
        var c70 = Vector512<double>.Zero; var c71 = Vector512<double>.Zero; var c72 = Vector512<double>.Zero;
        ref double row = ref block;
        for (int i = 0; i < kb; i++)
        {
            var v0 = Vector512.LoadUnsafe(ref row, (nuint)(b + 0));
            var v1 = Vector512.LoadUnsafe(ref row, (nuint)(b + 8));
            var v2 = Vector512.LoadUnsafe(ref row, (nuint)(b + 16));
            var s0 = Vector512.Create(Unsafe.Add(ref row, a + 0));
            c00 = Vector512.FusedMultiplyAdd(s0, v0, c00);
            c01 = Vector512.FusedMultiplyAdd(s0, v1, c01);
            c02 = Vector512.FusedMultiplyAdd(s0, v2, c02);
            var s1 = Vector512.Create(Unsafe.Add(ref row, a + 1));
            c10 = Vector512.FusedMultiplyAdd(s1, v0, c10);
            c11 = Vector512.FusedMultiplyAdd(s1, v1, c11);
            c12 = Vector512.FusedMultiplyAdd(s1, v2, c12);
            var s2 = Vector512.Create(Unsafe.Add(ref row, a + 2));
            c20 = Vector512.FusedMultiplyAdd(s2, v0, c20);
            c21 = Vector512.FusedMultiplyAdd(s2, v1, c21);
            c22 = Vector512.FusedMultiplyAdd(s2, v2, c22);
            var s3 = Vector512.Create(Unsafe.Add(ref row, a + 3));
            c30 = Vector512.FusedMultiplyAdd(s3, v0, c30);
            c31 = Vector512.FusedMultiplyAdd(s3, v1, c31);
            c32 = Vector512.FusedMultiplyAdd(s3, v2, c32);
            var s4 = Vector512.Create(Unsafe.Add(ref row, a + 4));
            c40 = Vector512.FusedMultiplyAdd(s4, v0, c40);
            c41 = Vector512.FusedMultiplyAdd(s4, v1, c41);
            c42 = Vector512.FusedMultiplyAdd(s4, v2, c42);
            var s5 = Vector512.Create(Unsafe.Add(ref row, a + 5));
            c50 = Vector512.FusedMultiplyAdd(s5, v0, c50);
            c51 = Vector512.FusedMultiplyAdd(s5, v1, c51);
            c52 = Vector512.FusedMultiplyAdd(s5, v2, c52);
            var s6 = Vector512.Create(Unsafe.Add(ref row, a + 6));
            c60 = Vector512.FusedMultiplyAdd(s6, v0, c60);
            c61 = Vector512.FusedMultiplyAdd(s6, v1, c61);
            c62 = Vector512.FusedMultiplyAdd(s6, v2, c62);
            var s7 = Vector512.Create(Unsafe.Add(ref row, a + 7));
            c70 = Vector512.FusedMultiplyAdd(s7, v0, c70);
            c71 = Vector512.FusedMultiplyAdd(s7, v1, c71);
            c72 = Vector512.FusedMultiplyAdd(s7, v2, c72);
            row = ref Unsafe.Add(ref row, p);
        }
        ref double g0 = ref Unsafe.Add(ref g, (a + 0) * p + b);
        (Vector512.LoadUnsafe(ref g0, (nuint)0) + c00).StoreUnsafe(ref g0, (nuint)0);
        (Vector512.LoadUnsafe(ref g0, (nuint)8) + c01).StoreUnsafe(ref g0, (nuint)8);
        (Vector512.LoadUnsafe(ref g0, (nuint)16) + c02).StoreUnsafe(ref g0, (nuint)16);
        ref double g1 = ref Unsafe.Add(ref g, (a + 1) * p + b);
        (Vector512.LoadUnsafe(ref g1, (nuint)0) + c10).StoreUnsafe(ref g1, (nuint)0);
        (Vector512.LoadUnsafe(ref g1, (nuint)8) + c11).StoreUnsafe(ref g1, (nuint)8);
        (Vector512.LoadUnsafe(ref g1, (nuint)16) + c12).StoreUnsafe(ref g1, (nuint)16);
        ref double g2 = ref Unsafe.Add(ref g, (a + 2) * p + b);
        (Vector512.LoadUnsafe(ref g2, (nuint)0) + c20).StoreUnsafe(ref g2, (nuint)0);
        (Vector512.LoadUnsafe(ref g2, (nuint)8) + c21).StoreUnsafe(ref g2, (nuint)8);
        (Vector512.LoadUnsafe(ref g2, (nuint)16) + c22).StoreUnsafe(ref g2, (nuint)16);
        ref double g3 = ref Unsafe.Add(ref g, (a + 3) * p + b);
        (Vector512.LoadUnsafe(ref g3, (nuint)0) + c30).StoreUnsafe(ref g3, (nuint)0);
        (Vector512.LoadUnsafe(ref g3, (nuint)8) + c31).StoreUnsafe(ref g3, (nuint)8);
        (Vector512.LoadUnsafe(ref g3, (nuint)16) + c32).StoreUnsafe(ref g3, (nuint)16);
        ref double g4 = ref Unsafe.Add(ref g, (a + 4) * p + b);
        (Vector512.LoadUnsafe(ref g4, (nuint)0) + c40).StoreUnsafe(ref g4, (nuint)0);
        (Vector512.LoadUnsafe(ref g4, (nuint)8) + c41).StoreUnsafe(ref g4, (nuint)8);
        (Vector512.LoadUnsafe(ref g4, (nuint)16) + c42).StoreUnsafe(ref g4, (nuint)16);
        ref double g5 = ref Unsafe.Add(ref g, (a + 5) * p + b);
        (Vector512.LoadUnsafe(ref g5, (nuint)0) + c50).StoreUnsafe(ref g5, (nuint)0);
        (Vector512.LoadUnsafe(ref g5, (nuint)8) + c51).StoreUnsafe(ref g5, (nuint)8);
        (Vector512.LoadUnsafe(ref g5, (nuint)16) + c52).StoreUnsafe(ref g5, (nuint)16);
        ref double g6 = ref Unsafe.Add(ref g, (a + 6) * p + b);
        (Vector512.LoadUnsafe(ref g6, (nuint)0) + c60).StoreUnsafe(ref g6, (nuint)0);
        (Vector512.LoadUnsafe(ref g6, (nuint)8) + c61).StoreUnsafe(ref g6, (nuint)8);
        (Vector512.LoadUnsafe(ref g6, (nuint)16) + c62).StoreUnsafe(ref g6, (nuint)16);
        ref double g7 = ref Unsafe.Add(ref g, (a + 7) * p + b);
        (Vector512.LoadUnsafe(ref g7, (nuint)0) + c70).StoreUnsafe(ref g7, (nuint)0);
        (Vector512.LoadUnsafe(ref g7, (nuint)8) + c71).StoreUnsafe(ref g7, (nuint)8);
        (Vector512.LoadUnsafe(ref g7, (nuint)16) + c72).StoreUnsafe(ref g7, (nuint)16);
    }

    /// <summary>G[a..a+8, b..b+16) += Σ over kb packed rows of B[i, a+r]·B[i, b..b+16) (8×2 Vector512 accumulators).</summary>
    private static void Tile8x16(ref double block, int kb, int p, int a, int b, ref double g)
    {
        var c00 = Vector512<double>.Zero; var c01 = Vector512<double>.Zero;
        var c10 = Vector512<double>.Zero; var c11 = Vector512<double>.Zero;
        var c20 = Vector512<double>.Zero; var c21 = Vector512<double>.Zero;
        var c30 = Vector512<double>.Zero; var c31 = Vector512<double>.Zero;
        var c40 = Vector512<double>.Zero; var c41 = Vector512<double>.Zero;
        var c50 = Vector512<double>.Zero; var c51 = Vector512<double>.Zero;
        var c60 = Vector512<double>.Zero; var c61 = Vector512<double>.Zero;
        var c70 = Vector512<double>.Zero; var c71 = Vector512<double>.Zero;
        ref double row = ref block;
        for (int i = 0; i < kb; i++)
        {
            var v0 = Vector512.LoadUnsafe(ref row, (nuint)(b + 0));
            var v1 = Vector512.LoadUnsafe(ref row, (nuint)(b + 8));
            var s0 = Vector512.Create(Unsafe.Add(ref row, a + 0));
            c00 = Vector512.FusedMultiplyAdd(s0, v0, c00);
            c01 = Vector512.FusedMultiplyAdd(s0, v1, c01);
            var s1 = Vector512.Create(Unsafe.Add(ref row, a + 1));
            c10 = Vector512.FusedMultiplyAdd(s1, v0, c10);
            c11 = Vector512.FusedMultiplyAdd(s1, v1, c11);
            var s2 = Vector512.Create(Unsafe.Add(ref row, a + 2));
            c20 = Vector512.FusedMultiplyAdd(s2, v0, c20);
            c21 = Vector512.FusedMultiplyAdd(s2, v1, c21);
            var s3 = Vector512.Create(Unsafe.Add(ref row, a + 3));
            c30 = Vector512.FusedMultiplyAdd(s3, v0, c30);
            c31 = Vector512.FusedMultiplyAdd(s3, v1, c31);
            var s4 = Vector512.Create(Unsafe.Add(ref row, a + 4));
            c40 = Vector512.FusedMultiplyAdd(s4, v0, c40);
            c41 = Vector512.FusedMultiplyAdd(s4, v1, c41);
            var s5 = Vector512.Create(Unsafe.Add(ref row, a + 5));
            c50 = Vector512.FusedMultiplyAdd(s5, v0, c50);
            c51 = Vector512.FusedMultiplyAdd(s5, v1, c51);
            var s6 = Vector512.Create(Unsafe.Add(ref row, a + 6));
            c60 = Vector512.FusedMultiplyAdd(s6, v0, c60);
            c61 = Vector512.FusedMultiplyAdd(s6, v1, c61);
            var s7 = Vector512.Create(Unsafe.Add(ref row, a + 7));
            c70 = Vector512.FusedMultiplyAdd(s7, v0, c70);
            c71 = Vector512.FusedMultiplyAdd(s7, v1, c71);
            row = ref Unsafe.Add(ref row, p);
        }
        ref double g0 = ref Unsafe.Add(ref g, (a + 0) * p + b);
        (Vector512.LoadUnsafe(ref g0, (nuint)0) + c00).StoreUnsafe(ref g0, (nuint)0);
        (Vector512.LoadUnsafe(ref g0, (nuint)8) + c01).StoreUnsafe(ref g0, (nuint)8);
        ref double g1 = ref Unsafe.Add(ref g, (a + 1) * p + b);
        (Vector512.LoadUnsafe(ref g1, (nuint)0) + c10).StoreUnsafe(ref g1, (nuint)0);
        (Vector512.LoadUnsafe(ref g1, (nuint)8) + c11).StoreUnsafe(ref g1, (nuint)8);
        ref double g2 = ref Unsafe.Add(ref g, (a + 2) * p + b);
        (Vector512.LoadUnsafe(ref g2, (nuint)0) + c20).StoreUnsafe(ref g2, (nuint)0);
        (Vector512.LoadUnsafe(ref g2, (nuint)8) + c21).StoreUnsafe(ref g2, (nuint)8);
        ref double g3 = ref Unsafe.Add(ref g, (a + 3) * p + b);
        (Vector512.LoadUnsafe(ref g3, (nuint)0) + c30).StoreUnsafe(ref g3, (nuint)0);
        (Vector512.LoadUnsafe(ref g3, (nuint)8) + c31).StoreUnsafe(ref g3, (nuint)8);
        ref double g4 = ref Unsafe.Add(ref g, (a + 4) * p + b);
        (Vector512.LoadUnsafe(ref g4, (nuint)0) + c40).StoreUnsafe(ref g4, (nuint)0);
        (Vector512.LoadUnsafe(ref g4, (nuint)8) + c41).StoreUnsafe(ref g4, (nuint)8);
        ref double g5 = ref Unsafe.Add(ref g, (a + 5) * p + b);
        (Vector512.LoadUnsafe(ref g5, (nuint)0) + c50).StoreUnsafe(ref g5, (nuint)0);
        (Vector512.LoadUnsafe(ref g5, (nuint)8) + c51).StoreUnsafe(ref g5, (nuint)8);
        ref double g6 = ref Unsafe.Add(ref g, (a + 6) * p + b);
        (Vector512.LoadUnsafe(ref g6, (nuint)0) + c60).StoreUnsafe(ref g6, (nuint)0);
        (Vector512.LoadUnsafe(ref g6, (nuint)8) + c61).StoreUnsafe(ref g6, (nuint)8);
        ref double g7 = ref Unsafe.Add(ref g, (a + 7) * p + b);
        (Vector512.LoadUnsafe(ref g7, (nuint)0) + c70).StoreUnsafe(ref g7, (nuint)0);
        (Vector512.LoadUnsafe(ref g7, (nuint)8) + c71).StoreUnsafe(ref g7, (nuint)8);
    }

    /// <summary>G[a..a+8, b..b+8) += Σ over kb packed rows of B[i, a+r]·B[i, b..b+8) (8×1 Vector512 accumulators).</summary>
    private static void Tile8x8(ref double block, int kb, int p, int a, int b, ref double g)
    {
        var c00 = Vector512<double>.Zero;
        var c10 = Vector512<double>.Zero;
        var c20 = Vector512<double>.Zero;
        var c30 = Vector512<double>.Zero;
        var c40 = Vector512<double>.Zero;
        var c50 = Vector512<double>.Zero;
        var c60 = Vector512<double>.Zero;
        var c70 = Vector512<double>.Zero;
        ref double row = ref block;
        for (int i = 0; i < kb; i++)
        {
            var v0 = Vector512.LoadUnsafe(ref row, (nuint)(b + 0));
            var s0 = Vector512.Create(Unsafe.Add(ref row, a + 0));
            c00 = Vector512.FusedMultiplyAdd(s0, v0, c00);
            var s1 = Vector512.Create(Unsafe.Add(ref row, a + 1));
            c10 = Vector512.FusedMultiplyAdd(s1, v0, c10);
            var s2 = Vector512.Create(Unsafe.Add(ref row, a + 2));
            c20 = Vector512.FusedMultiplyAdd(s2, v0, c20);
            var s3 = Vector512.Create(Unsafe.Add(ref row, a + 3));
            c30 = Vector512.FusedMultiplyAdd(s3, v0, c30);
            var s4 = Vector512.Create(Unsafe.Add(ref row, a + 4));
            c40 = Vector512.FusedMultiplyAdd(s4, v0, c40);
            var s5 = Vector512.Create(Unsafe.Add(ref row, a + 5));
            c50 = Vector512.FusedMultiplyAdd(s5, v0, c50);
            var s6 = Vector512.Create(Unsafe.Add(ref row, a + 6));
            c60 = Vector512.FusedMultiplyAdd(s6, v0, c60);
            var s7 = Vector512.Create(Unsafe.Add(ref row, a + 7));
            c70 = Vector512.FusedMultiplyAdd(s7, v0, c70);
            row = ref Unsafe.Add(ref row, p);
        }
        ref double g0 = ref Unsafe.Add(ref g, (a + 0) * p + b);
        (Vector512.LoadUnsafe(ref g0, (nuint)0) + c00).StoreUnsafe(ref g0, (nuint)0);
        ref double g1 = ref Unsafe.Add(ref g, (a + 1) * p + b);
        (Vector512.LoadUnsafe(ref g1, (nuint)0) + c10).StoreUnsafe(ref g1, (nuint)0);
        ref double g2 = ref Unsafe.Add(ref g, (a + 2) * p + b);
        (Vector512.LoadUnsafe(ref g2, (nuint)0) + c20).StoreUnsafe(ref g2, (nuint)0);
        ref double g3 = ref Unsafe.Add(ref g, (a + 3) * p + b);
        (Vector512.LoadUnsafe(ref g3, (nuint)0) + c30).StoreUnsafe(ref g3, (nuint)0);
        ref double g4 = ref Unsafe.Add(ref g, (a + 4) * p + b);
        (Vector512.LoadUnsafe(ref g4, (nuint)0) + c40).StoreUnsafe(ref g4, (nuint)0);
        ref double g5 = ref Unsafe.Add(ref g, (a + 5) * p + b);
        (Vector512.LoadUnsafe(ref g5, (nuint)0) + c50).StoreUnsafe(ref g5, (nuint)0);
        ref double g6 = ref Unsafe.Add(ref g, (a + 6) * p + b);
        (Vector512.LoadUnsafe(ref g6, (nuint)0) + c60).StoreUnsafe(ref g6, (nuint)0);
        ref double g7 = ref Unsafe.Add(ref g, (a + 7) * p + b);
        (Vector512.LoadUnsafe(ref g7, (nuint)0) + c70).StoreUnsafe(ref g7, (nuint)0);
    }

    /// <summary>G[a..a+4, b..b+32) += Σ over kb packed rows of B[i, a+r]·B[i, b..b+32) (4×4 Vector512 accumulators).</summary>
    private static void Tile4x4(ref double block, int kb, int p, int a, int b, ref double g)
    {
        var c00 = Vector512<double>.Zero; var c01 = Vector512<double>.Zero; var c02 = Vector512<double>.Zero; var c03 = Vector512<double>.Zero;
        var c10 = Vector512<double>.Zero; var c11 = Vector512<double>.Zero; var c12 = Vector512<double>.Zero; var c13 = Vector512<double>.Zero;
        var c20 = Vector512<double>.Zero; var c21 = Vector512<double>.Zero; var c22 = Vector512<double>.Zero; var c23 = Vector512<double>.Zero;
        var c30 = Vector512<double>.Zero; var c31 = Vector512<double>.Zero; var c32 = Vector512<double>.Zero; var c33 = Vector512<double>.Zero;
        ref double row = ref block;
        for (int i = 0; i < kb; i++)
        {
            var v0 = Vector512.LoadUnsafe(ref row, (nuint)(b + 0));
            var v1 = Vector512.LoadUnsafe(ref row, (nuint)(b + 8));
            var v2 = Vector512.LoadUnsafe(ref row, (nuint)(b + 16));
            var v3 = Vector512.LoadUnsafe(ref row, (nuint)(b + 24));
            var s0 = Vector512.Create(Unsafe.Add(ref row, a + 0));
            c00 = Vector512.FusedMultiplyAdd(s0, v0, c00);
            c01 = Vector512.FusedMultiplyAdd(s0, v1, c01);
            c02 = Vector512.FusedMultiplyAdd(s0, v2, c02);
            c03 = Vector512.FusedMultiplyAdd(s0, v3, c03);
            var s1 = Vector512.Create(Unsafe.Add(ref row, a + 1));
            c10 = Vector512.FusedMultiplyAdd(s1, v0, c10);
            c11 = Vector512.FusedMultiplyAdd(s1, v1, c11);
            c12 = Vector512.FusedMultiplyAdd(s1, v2, c12);
            c13 = Vector512.FusedMultiplyAdd(s1, v3, c13);
            var s2 = Vector512.Create(Unsafe.Add(ref row, a + 2));
            c20 = Vector512.FusedMultiplyAdd(s2, v0, c20);
            c21 = Vector512.FusedMultiplyAdd(s2, v1, c21);
            c22 = Vector512.FusedMultiplyAdd(s2, v2, c22);
            c23 = Vector512.FusedMultiplyAdd(s2, v3, c23);
            var s3 = Vector512.Create(Unsafe.Add(ref row, a + 3));
            c30 = Vector512.FusedMultiplyAdd(s3, v0, c30);
            c31 = Vector512.FusedMultiplyAdd(s3, v1, c31);
            c32 = Vector512.FusedMultiplyAdd(s3, v2, c32);
            c33 = Vector512.FusedMultiplyAdd(s3, v3, c33);
            row = ref Unsafe.Add(ref row, p);
        }
        ref double g0 = ref Unsafe.Add(ref g, (a + 0) * p + b);
        (Vector512.LoadUnsafe(ref g0, (nuint)0) + c00).StoreUnsafe(ref g0, (nuint)0);
        (Vector512.LoadUnsafe(ref g0, (nuint)8) + c01).StoreUnsafe(ref g0, (nuint)8);
        (Vector512.LoadUnsafe(ref g0, (nuint)16) + c02).StoreUnsafe(ref g0, (nuint)16);
        (Vector512.LoadUnsafe(ref g0, (nuint)24) + c03).StoreUnsafe(ref g0, (nuint)24);
        ref double g1 = ref Unsafe.Add(ref g, (a + 1) * p + b);
        (Vector512.LoadUnsafe(ref g1, (nuint)0) + c10).StoreUnsafe(ref g1, (nuint)0);
        (Vector512.LoadUnsafe(ref g1, (nuint)8) + c11).StoreUnsafe(ref g1, (nuint)8);
        (Vector512.LoadUnsafe(ref g1, (nuint)16) + c12).StoreUnsafe(ref g1, (nuint)16);
        (Vector512.LoadUnsafe(ref g1, (nuint)24) + c13).StoreUnsafe(ref g1, (nuint)24);
        ref double g2 = ref Unsafe.Add(ref g, (a + 2) * p + b);
        (Vector512.LoadUnsafe(ref g2, (nuint)0) + c20).StoreUnsafe(ref g2, (nuint)0);
        (Vector512.LoadUnsafe(ref g2, (nuint)8) + c21).StoreUnsafe(ref g2, (nuint)8);
        (Vector512.LoadUnsafe(ref g2, (nuint)16) + c22).StoreUnsafe(ref g2, (nuint)16);
        (Vector512.LoadUnsafe(ref g2, (nuint)24) + c23).StoreUnsafe(ref g2, (nuint)24);
        ref double g3 = ref Unsafe.Add(ref g, (a + 3) * p + b);
        (Vector512.LoadUnsafe(ref g3, (nuint)0) + c30).StoreUnsafe(ref g3, (nuint)0);
        (Vector512.LoadUnsafe(ref g3, (nuint)8) + c31).StoreUnsafe(ref g3, (nuint)8);
        (Vector512.LoadUnsafe(ref g3, (nuint)16) + c32).StoreUnsafe(ref g3, (nuint)16);
        (Vector512.LoadUnsafe(ref g3, (nuint)24) + c33).StoreUnsafe(ref g3, (nuint)24);
    }

    /// <summary>G[a..a+4, b..b+16) += Σ over kb packed rows of B[i, a+r]·B[i, b..b+16) (4×2 Vector512 accumulators).</summary>
    private static void Tile4x2(ref double block, int kb, int p, int a, int b, ref double g)
    {
        var c00 = Vector512<double>.Zero; var c01 = Vector512<double>.Zero;
        var c10 = Vector512<double>.Zero; var c11 = Vector512<double>.Zero;
        var c20 = Vector512<double>.Zero; var c21 = Vector512<double>.Zero;
        var c30 = Vector512<double>.Zero; var c31 = Vector512<double>.Zero;
        ref double row = ref block;
        for (int i = 0; i < kb; i++)
        {
            var v0 = Vector512.LoadUnsafe(ref row, (nuint)(b + 0));
            var v1 = Vector512.LoadUnsafe(ref row, (nuint)(b + 8));
            var s0 = Vector512.Create(Unsafe.Add(ref row, a + 0));
            c00 = Vector512.FusedMultiplyAdd(s0, v0, c00);
            c01 = Vector512.FusedMultiplyAdd(s0, v1, c01);
            var s1 = Vector512.Create(Unsafe.Add(ref row, a + 1));
            c10 = Vector512.FusedMultiplyAdd(s1, v0, c10);
            c11 = Vector512.FusedMultiplyAdd(s1, v1, c11);
            var s2 = Vector512.Create(Unsafe.Add(ref row, a + 2));
            c20 = Vector512.FusedMultiplyAdd(s2, v0, c20);
            c21 = Vector512.FusedMultiplyAdd(s2, v1, c21);
            var s3 = Vector512.Create(Unsafe.Add(ref row, a + 3));
            c30 = Vector512.FusedMultiplyAdd(s3, v0, c30);
            c31 = Vector512.FusedMultiplyAdd(s3, v1, c31);
            row = ref Unsafe.Add(ref row, p);
        }
        ref double g0 = ref Unsafe.Add(ref g, (a + 0) * p + b);
        (Vector512.LoadUnsafe(ref g0, (nuint)0) + c00).StoreUnsafe(ref g0, (nuint)0);
        (Vector512.LoadUnsafe(ref g0, (nuint)8) + c01).StoreUnsafe(ref g0, (nuint)8);
        ref double g1 = ref Unsafe.Add(ref g, (a + 1) * p + b);
        (Vector512.LoadUnsafe(ref g1, (nuint)0) + c10).StoreUnsafe(ref g1, (nuint)0);
        (Vector512.LoadUnsafe(ref g1, (nuint)8) + c11).StoreUnsafe(ref g1, (nuint)8);
        ref double g2 = ref Unsafe.Add(ref g, (a + 2) * p + b);
        (Vector512.LoadUnsafe(ref g2, (nuint)0) + c20).StoreUnsafe(ref g2, (nuint)0);
        (Vector512.LoadUnsafe(ref g2, (nuint)8) + c21).StoreUnsafe(ref g2, (nuint)8);
        ref double g3 = ref Unsafe.Add(ref g, (a + 3) * p + b);
        (Vector512.LoadUnsafe(ref g3, (nuint)0) + c30).StoreUnsafe(ref g3, (nuint)0);
        (Vector512.LoadUnsafe(ref g3, (nuint)8) + c31).StoreUnsafe(ref g3, (nuint)8);
    }

    /// <summary>G[a..a+4, b..b+8) += Σ over kb packed rows of B[i, a+r]·B[i, b..b+8) (4×1 Vector512 accumulators).</summary>
    private static void Tile4x1(ref double block, int kb, int p, int a, int b, ref double g)
    {
        var c00 = Vector512<double>.Zero;
        var c10 = Vector512<double>.Zero;
        var c20 = Vector512<double>.Zero;
        var c30 = Vector512<double>.Zero;
        ref double row = ref block;
        for (int i = 0; i < kb; i++)
        {
            var v0 = Vector512.LoadUnsafe(ref row, (nuint)(b + 0));
            var s0 = Vector512.Create(Unsafe.Add(ref row, a + 0));
            c00 = Vector512.FusedMultiplyAdd(s0, v0, c00);
            var s1 = Vector512.Create(Unsafe.Add(ref row, a + 1));
            c10 = Vector512.FusedMultiplyAdd(s1, v0, c10);
            var s2 = Vector512.Create(Unsafe.Add(ref row, a + 2));
            c20 = Vector512.FusedMultiplyAdd(s2, v0, c20);
            var s3 = Vector512.Create(Unsafe.Add(ref row, a + 3));
            c30 = Vector512.FusedMultiplyAdd(s3, v0, c30);
            row = ref Unsafe.Add(ref row, p);
        }
        ref double g0 = ref Unsafe.Add(ref g, (a + 0) * p + b);
        (Vector512.LoadUnsafe(ref g0, (nuint)0) + c00).StoreUnsafe(ref g0, (nuint)0);
        ref double g1 = ref Unsafe.Add(ref g, (a + 1) * p + b);
        (Vector512.LoadUnsafe(ref g1, (nuint)0) + c10).StoreUnsafe(ref g1, (nuint)0);
        ref double g2 = ref Unsafe.Add(ref g, (a + 2) * p + b);
        (Vector512.LoadUnsafe(ref g2, (nuint)0) + c20).StoreUnsafe(ref g2, (nuint)0);
        ref double g3 = ref Unsafe.Add(ref g, (a + 3) * p + b);
        (Vector512.LoadUnsafe(ref g3, (nuint)0) + c30).StoreUnsafe(ref g3, (nuint)0);
    }
}
