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
            for (int r0 = start; r0 < end; r0 += mb)
            {
                int m = Math.Min(mb, end - r0);
                Pack(a, scale, r0, m, mb, block);
                Absorb(r, p, block, m, mb);
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
