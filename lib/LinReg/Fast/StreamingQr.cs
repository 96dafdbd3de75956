using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LinReg.Fast;

/// <summary>
/// The R factor of the column-scaled design A·D by Householder QR applied to blocks of rows as they stream past,
/// without storing Q or copying the design: R starts at 0 (p×p); each block B of m rows (packed, scaled,
/// column-major, m ≤ <see cref="BlockRows"/>) is absorbed by the QR factorization of the stacked [R; B], whose
/// reflector k touches only row k of R and column k of B. Each worker factors its own row range; the workers'
/// triangles are merged the same way. Costs 2·n·p² flops (as for Householder QR of A), backward stable as any
/// Householder QR: the R is the exact R of A·D + E with ‖E‖ ≈ ε‖A·D‖ column-wise.
/// </summary>
internal static class StreamingQr
{
    internal static int BlockRows(int p) => Math.Clamp(32768 / Math.Max(p, 1), 16, 512);

    /// <summary>R (p×p, row-major, upper triangular) of the design with column c multiplied by scale[c].</summary>
    internal static double[] Factor(RowMajorDesign a, double[] scale, int threads)
    {
        int p = a.Columns;
        var ranges = a.Ranges(threads);
        var rs = new double[ranges.Length][];
        Parallel.For(0, ranges.Length, new ParallelOptions { MaxDegreeOfParallelism = ranges.Length }, t =>
        {
            var (start, end) = ranges[t];
            int mb = BlockRows(p);
            var r = new double[p * p];
            var block = new double[mb * p];
            var workspace = new double[Nb * p];
            for (int r0 = start; r0 < end; r0 += mb)
            {
                int m = Math.Min(mb, end - r0);
                Pack(a, scale, r0, m, mb, block);
                AbsorbBlocked(r, p, block, m, mb, workspace);
            }
            rs[t] = r;
        });
        var result = rs[0];
        for (int t = 1; t < rs.Length; t++)
        {
            // the other triangle's rows as a block (column-major, p rows)
            var block = new double[p * p];
            for (int i = 0; i < p; i++)
                for (int c = i; c < p; c++) block[c * p + i] = rs[t][i * p + c];
            Absorb(result, p, block, p, p);
        }
        return result;
    }

    /// <summary>Rows r0..r0+m of the scaled design into a column-major block with leading dimension mb.</summary>
    private static void Pack(RowMajorDesign a, double[] scale, int r0, int m, int mb, double[] block)
    {
        int p = a.Columns, d = a.Features, off = a.Intercept ? 1 : 0;
        if (a.Intercept)
        {
            var col = block.AsSpan(0, m);
            col.Fill(scale[0]);
        }
        double[] x = a.X;
        for (int i = 0; i < m; i++)
        {
            int src = (r0 + i) * d;
            for (int j = 0; j < d; j++) block[(j + off) * mb + i] = x[src + j] * scale[j + off];
        }
        _ = p;
    }

    /// <summary>QR of [R; B] in place: R ← R̃ (p×p upper), B ← 0 (implicitly). B is column-major, m valid rows, leading dimension mb.</summary>
    internal static void Absorb(double[] r, int p, double[] block, int m, int mb)
    {
        for (int k = 0; k < p; k++)
        {
            var xb = block.AsSpan(k * mb, m);
            double sigma = Dot(xb, xb);
            if (sigma == 0) continue;   // nothing below R[k,k] to annihilate
            double x0 = r[k * p + k];
            double norm = Math.Sqrt(x0 * x0 + sigma);
            double alpha = x0 >= 0 ? -norm : norm;
            double v0 = x0 - alpha;
            double tau = -1.0 / (alpha * v0);       // H = I − τ v vᵀ, v = [v0; xb]
            r[k * p + k] = alpha;
            for (int j = k + 1; j < p; j++)
            {
                var bj = block.AsSpan(j * mb, m);
                double s = tau * (v0 * r[k * p + j] + Dot(xb, bj));
                if (s == 0) continue;
                r[k * p + j] -= s * v0;
                TensorPrimitives.MultiplyAdd(xb, -s, bj, bj);   // bj += −s·xb
            }
        }
    }

    /// <summary>Panel width of <see cref="AbsorbBlocked"/>.</summary>
    private const int Nb = 8;

    /// <summary>
    /// The same QR of [R; B] as <see cref="Absorb"/> (the same reflectors, so the same R up to rounding), with the
    /// reflectors applied to the trailing columns 8 at a time in compact-WY form: for a panel of 8 columns,
    /// H₀H₁⋯H₇ = I − V T Vᵀ (LAPACK's dlarft, forward), and the trailing columns C ← C − V Tᵀ (Vᵀ C). Each reflector
    /// vᵢ = [v0ᵢ·e_(k0+i); B[:, k0+i]] touches one row of R, so Vᵀ C = diag(v0)·R[panel rows, ·] + V_Bᵀ C_B, and the two
    /// products with the block are matrix–matrix work: two columns of C at a time against the 8 panel columns, 16 FMAs
    /// per 10 vector loads instead of a dot and an axpy (1 FMA per 2 loads) per reflector and column.
    /// </summary>
    /// <param name="r">R, row-major p×p, updated in place.</param>
    /// <param name="p">Columns.</param>
    /// <param name="block">B, column-major with leading dimension <paramref name="mb"/>; overwritten.</param>
    /// <param name="m">Valid rows of B.</param>
    /// <param name="mb">Leading dimension of B.</param>
    /// <param name="workspace">8·p doubles reused across calls (allocated when null or too short).</param>
    internal static void AbsorbBlocked(double[] r, int p, double[] block, int m, int mb, double[]? workspace = null)
    {
        Span<double> tau = stackalloc double[Nb];
        Span<double> v0 = stackalloc double[Nb];
        Span<double> t = stackalloc double[Nb * Nb];
        Span<double> z = stackalloc double[Nb];
        var w = workspace is not null && workspace.Length >= Nb * p ? workspace : new double[Nb * p];
        for (int k0 = 0; k0 < p; k0 += Nb)
        {
            int kb = Math.Min(Nb, p - k0);
            // 1. the panel, one reflector at a time, applied to the panel's own columns only
            for (int jj = 0; jj < kb; jj++)
            {
                int k = k0 + jj;
                var xb = block.AsSpan(k * mb, m);
                double sigma = Dot(xb, xb);
                tau[jj] = 0;
                v0[jj] = 0;
                if (sigma == 0) continue;
                double x0 = r[k * p + k];
                double norm = Math.Sqrt(x0 * x0 + sigma);
                double alpha = x0 >= 0 ? -norm : norm;
                double v0k = x0 - alpha;
                double tk = -1.0 / (alpha * v0k);
                r[k * p + k] = alpha;
                tau[jj] = tk;
                v0[jj] = v0k;
                for (int j = k + 1; j < k0 + kb; j++)
                {
                    var bj = block.AsSpan(j * mb, m);
                    double sc = tk * (v0k * r[k * p + j] + Dot(xb, bj));
                    if (sc == 0) continue;
                    r[k * p + j] -= sc * v0k;
                    TensorPrimitives.MultiplyAdd(xb, -sc, bj, bj);
                }
            }
            int c0 = k0 + kb, nc = p - c0;
            if (nc <= 0) break;
            if (kb < Nb)
            {
                // (only a last, narrower panel could get here, and it has no trailing columns; kept for safety)
                ApplyOneByOne(r, p, block, m, mb, k0, kb, tau, v0);
                continue;
            }
            // 2. T (upper triangular): T[i,i] = τᵢ, T[0:i, i] = −τᵢ·T[0:i, 0:i]·(V[:, 0:i]ᵀ vᵢ), with V_jᵀvᵢ = B_jᵀB_i (j ≠ i)
            t.Clear();
            for (int i = 0; i < Nb; i++)
            {
                t[i * Nb + i] = tau[i];
                if (tau[i] == 0) continue;
                var bi = block.AsSpan((k0 + i) * mb, m);
                for (int j = 0; j < i; j++) z[j] = Dot(block.AsSpan((k0 + j) * mb, m), bi);
                for (int a = 0; a < i; a++)
                {
                    double sum = 0;
                    for (int j = a; j < i; j++) sum += t[a * Nb + j] * z[j];
                    t[a * Nb + i] = -tau[i] * sum;
                }
            }
            // 3. W = Vᵀ C (8 × nc), then W ← Tᵀ W, then C −= V W
            VtC(block, m, mb, k0, c0, p, w);
            for (int c = c0; c < p; c++)
            {
                for (int i = 0; i < Nb; i++) w[i * p + c] += v0[i] * r[(k0 + i) * p + c];
                for (int i = Nb - 1; i >= 0; i--)
                {
                    double sum = 0;
                    for (int j = 0; j <= i; j++) sum += t[j * Nb + i] * w[j * p + c];
                    w[i * p + c] = sum;
                }
                for (int i = 0; i < Nb; i++) r[(k0 + i) * p + c] -= v0[i] * w[i * p + c];
            }
            UpdateC(block, m, mb, k0, c0, p, w);
        }
    }

    /// <summary>w[i, c] = B[:, k0+i]ᵀ B[:, c] for the 8 panel columns i and every trailing column c (two at a time).</summary>
    private static void VtC(double[] block, int m, int mb, int k0, int c0, int p, double[] w)
    {
        ref double b = ref MemoryMarshal.GetArrayDataReference(block);
        int m8 = Vector512.IsHardwareAccelerated ? m / 8 * 8 : 0;
        Span<double> sx = stackalloc double[Nb];
        Span<double> sy = stackalloc double[Nb];
        int c = c0;
        for (; c + 1 < p; c += 2)
        {
            ref double x = ref Unsafe.Add(ref b, c * mb);
            ref double y = ref Unsafe.Add(ref b, (c + 1) * mb);
            var a0 = Vector512<double>.Zero; var a1 = Vector512<double>.Zero; var a2 = Vector512<double>.Zero; var a3 = Vector512<double>.Zero;
            var a4 = Vector512<double>.Zero; var a5 = Vector512<double>.Zero; var a6 = Vector512<double>.Zero; var a7 = Vector512<double>.Zero;
            var e0 = Vector512<double>.Zero; var e1 = Vector512<double>.Zero; var e2 = Vector512<double>.Zero; var e3 = Vector512<double>.Zero;
            var e4 = Vector512<double>.Zero; var e5 = Vector512<double>.Zero; var e6 = Vector512<double>.Zero; var e7 = Vector512<double>.Zero;
            ref double v = ref Unsafe.Add(ref b, k0 * mb);
            for (int i = 0; i < m8; i += 8)
            {
                var cx = Vector512.LoadUnsafe(ref x, (nuint)i);
                var cy = Vector512.LoadUnsafe(ref y, (nuint)i);
                var v0 = Vector512.LoadUnsafe(ref v, (nuint)i); a0 = Vector512.FusedMultiplyAdd(v0, cx, a0); e0 = Vector512.FusedMultiplyAdd(v0, cy, e0);
                var v1 = Vector512.LoadUnsafe(ref v, (nuint)(mb + i)); a1 = Vector512.FusedMultiplyAdd(v1, cx, a1); e1 = Vector512.FusedMultiplyAdd(v1, cy, e1);
                var v2 = Vector512.LoadUnsafe(ref v, (nuint)(2 * mb + i)); a2 = Vector512.FusedMultiplyAdd(v2, cx, a2); e2 = Vector512.FusedMultiplyAdd(v2, cy, e2);
                var v3 = Vector512.LoadUnsafe(ref v, (nuint)(3 * mb + i)); a3 = Vector512.FusedMultiplyAdd(v3, cx, a3); e3 = Vector512.FusedMultiplyAdd(v3, cy, e3);
                var v4 = Vector512.LoadUnsafe(ref v, (nuint)(4 * mb + i)); a4 = Vector512.FusedMultiplyAdd(v4, cx, a4); e4 = Vector512.FusedMultiplyAdd(v4, cy, e4);
                var v5 = Vector512.LoadUnsafe(ref v, (nuint)(5 * mb + i)); a5 = Vector512.FusedMultiplyAdd(v5, cx, a5); e5 = Vector512.FusedMultiplyAdd(v5, cy, e5);
                var v6 = Vector512.LoadUnsafe(ref v, (nuint)(6 * mb + i)); a6 = Vector512.FusedMultiplyAdd(v6, cx, a6); e6 = Vector512.FusedMultiplyAdd(v6, cy, e6);
                var v7 = Vector512.LoadUnsafe(ref v, (nuint)(7 * mb + i)); a7 = Vector512.FusedMultiplyAdd(v7, cx, a7); e7 = Vector512.FusedMultiplyAdd(v7, cy, e7);
            }
            sx[0] = Vector512.Sum(a0); sx[1] = Vector512.Sum(a1); sx[2] = Vector512.Sum(a2); sx[3] = Vector512.Sum(a3);
            sx[4] = Vector512.Sum(a4); sx[5] = Vector512.Sum(a5); sx[6] = Vector512.Sum(a6); sx[7] = Vector512.Sum(a7);
            sy[0] = Vector512.Sum(e0); sy[1] = Vector512.Sum(e1); sy[2] = Vector512.Sum(e2); sy[3] = Vector512.Sum(e3);
            sy[4] = Vector512.Sum(e4); sy[5] = Vector512.Sum(e5); sy[6] = Vector512.Sum(e6); sy[7] = Vector512.Sum(e7);
            for (int i = m8; i < m; i++)
            {
                double cx = Unsafe.Add(ref x, i), cy = Unsafe.Add(ref y, i);
                for (int j = 0; j < Nb; j++)
                {
                    double vj = Unsafe.Add(ref v, j * mb + i);
                    sx[j] += vj * cx;
                    sy[j] += vj * cy;
                }
            }
            for (int j = 0; j < Nb; j++)
            {
                w[j * p + c] = sx[j];
                w[j * p + c + 1] = sy[j];
            }
        }
        for (; c < p; c++)
        {
            var col = block.AsSpan(c * mb, m);
            for (int j = 0; j < Nb; j++) w[j * p + c] = Dot(block.AsSpan((k0 + j) * mb, m), col);
        }
    }

    /// <summary>B[:, c] −= Σᵢ B[:, k0+i]·w[i, c] for every trailing column c (two at a time).</summary>
    private static void UpdateC(double[] block, int m, int mb, int k0, int c0, int p, double[] w)
    {
        ref double b = ref MemoryMarshal.GetArrayDataReference(block);
        ref double v = ref Unsafe.Add(ref b, k0 * mb);
        int m8 = Vector512.IsHardwareAccelerated ? m / 8 * 8 : 0;
        int c = c0;
        for (; c + 1 < p; c += 2)
        {
            ref double x = ref Unsafe.Add(ref b, c * mb);
            ref double y = ref Unsafe.Add(ref b, (c + 1) * mb);
            var wx0 = Vector512.Create(-w[0 * p + c]); var wx1 = Vector512.Create(-w[1 * p + c]); var wx2 = Vector512.Create(-w[2 * p + c]); var wx3 = Vector512.Create(-w[3 * p + c]);
            var wx4 = Vector512.Create(-w[4 * p + c]); var wx5 = Vector512.Create(-w[5 * p + c]); var wx6 = Vector512.Create(-w[6 * p + c]); var wx7 = Vector512.Create(-w[7 * p + c]);
            var wy0 = Vector512.Create(-w[0 * p + c + 1]); var wy1 = Vector512.Create(-w[1 * p + c + 1]); var wy2 = Vector512.Create(-w[2 * p + c + 1]); var wy3 = Vector512.Create(-w[3 * p + c + 1]);
            var wy4 = Vector512.Create(-w[4 * p + c + 1]); var wy5 = Vector512.Create(-w[5 * p + c + 1]); var wy6 = Vector512.Create(-w[6 * p + c + 1]); var wy7 = Vector512.Create(-w[7 * p + c + 1]);
            for (int i = 0; i < m8; i += 8)
            {
                var cx = Vector512.LoadUnsafe(ref x, (nuint)i);
                var cy = Vector512.LoadUnsafe(ref y, (nuint)i);
                var v0 = Vector512.LoadUnsafe(ref v, (nuint)i); cx = Vector512.FusedMultiplyAdd(v0, wx0, cx); cy = Vector512.FusedMultiplyAdd(v0, wy0, cy);
                var v1 = Vector512.LoadUnsafe(ref v, (nuint)(mb + i)); cx = Vector512.FusedMultiplyAdd(v1, wx1, cx); cy = Vector512.FusedMultiplyAdd(v1, wy1, cy);
                var v2 = Vector512.LoadUnsafe(ref v, (nuint)(2 * mb + i)); cx = Vector512.FusedMultiplyAdd(v2, wx2, cx); cy = Vector512.FusedMultiplyAdd(v2, wy2, cy);
                var v3 = Vector512.LoadUnsafe(ref v, (nuint)(3 * mb + i)); cx = Vector512.FusedMultiplyAdd(v3, wx3, cx); cy = Vector512.FusedMultiplyAdd(v3, wy3, cy);
                var v4 = Vector512.LoadUnsafe(ref v, (nuint)(4 * mb + i)); cx = Vector512.FusedMultiplyAdd(v4, wx4, cx); cy = Vector512.FusedMultiplyAdd(v4, wy4, cy);
                var v5 = Vector512.LoadUnsafe(ref v, (nuint)(5 * mb + i)); cx = Vector512.FusedMultiplyAdd(v5, wx5, cx); cy = Vector512.FusedMultiplyAdd(v5, wy5, cy);
                var v6 = Vector512.LoadUnsafe(ref v, (nuint)(6 * mb + i)); cx = Vector512.FusedMultiplyAdd(v6, wx6, cx); cy = Vector512.FusedMultiplyAdd(v6, wy6, cy);
                var v7 = Vector512.LoadUnsafe(ref v, (nuint)(7 * mb + i)); cx = Vector512.FusedMultiplyAdd(v7, wx7, cx); cy = Vector512.FusedMultiplyAdd(v7, wy7, cy);
                cx.StoreUnsafe(ref x, (nuint)i);
                cy.StoreUnsafe(ref y, (nuint)i);
            }
            for (int i = m8; i < m; i++)
            {
                double sx = Unsafe.Add(ref x, i), sy = Unsafe.Add(ref y, i);
                for (int j = 0; j < Nb; j++)
                {
                    double vj = Unsafe.Add(ref v, j * mb + i);
                    sx -= vj * w[j * p + c];
                    sy -= vj * w[j * p + c + 1];
                }
                Unsafe.Add(ref x, i) = sx;
                Unsafe.Add(ref y, i) = sy;
            }
        }
        for (; c < p; c++)
        {
            var col = block.AsSpan(c * mb, m);
            for (int j = 0; j < Nb; j++) TensorPrimitives.MultiplyAdd(block.AsSpan((k0 + j) * mb, m), -w[j * p + c], col, col);
        }
    }

    /// <summary>Applies the panel's reflectors to the trailing columns one at a time (the unblocked way).</summary>
    private static void ApplyOneByOne(double[] r, int p, double[] block, int m, int mb, int k0, int kb, ReadOnlySpan<double> tau, ReadOnlySpan<double> v0)
    {
        for (int jj = 0; jj < kb; jj++)
        {
            if (tau[jj] == 0) continue;
            int k = k0 + jj;
            var xb = block.AsSpan(k * mb, m);
            for (int j = k0 + kb; j < p; j++)
            {
                var bj = block.AsSpan(j * mb, m);
                double sc = tau[jj] * (v0[jj] * r[k * p + j] + Dot(xb, bj));
                if (sc == 0) continue;
                r[k * p + j] -= sc * v0[jj];
                TensorPrimitives.MultiplyAdd(xb, -sc, bj, bj);
            }
        }
    }

    /// <summary>xᵀy, written out: TensorPrimitives.Dot measured 25 % slower on these columns (KernelChoiceBenchmarks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double yr = ref MemoryMarshal.GetReference(y);
        int n = x.Length, j = 0;
        double s = 0;
        if (Vector512.IsHardwareAccelerated && n >= 16)
        {
            var a0 = Vector512<double>.Zero;
            var a1 = Vector512<double>.Zero;
            for (; j <= n - 16; j += 16)
            {
                a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref xr, (nuint)j), Vector512.LoadUnsafe(ref yr, (nuint)j), a0);
                a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref xr, (nuint)(j + 8)), Vector512.LoadUnsafe(ref yr, (nuint)(j + 8)), a1);
            }
            s = Vector512.Sum(a0 + a1);
        }
        for (; j < n; j++) s += Unsafe.Add(ref xr, j) * Unsafe.Add(ref yr, j);
        return s;
    }
}
