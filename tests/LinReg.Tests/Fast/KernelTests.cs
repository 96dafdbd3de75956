using LinReg.Probability;
using LinReg.Fast;

namespace LinReg.Tests.Fast;

/// <summary>The streaming kernels against plain loops (the definitions written out).</summary>
public class KernelTests
{
    private static (double[] X, double[] Y) Data(int n, int d, int seed)
    {
        var s = new NormalSampler(seed);
        var x = new double[n * d];
        var y = new double[n];
        s.Fill(x);
        s.Fill(y, 3, 2);
        return (x, y);
    }

    [Theory]
    [InlineData(1000, 13, 1)]   // P = 16: an 8×16 tile, then 8×8 on the diagonal band
    [InlineData(2500, 45, 2)]   // P = 48: 8×24 tiles, then 8×16 and 8×8 as the bands shorten
    [InlineData(3000, 30, 2)]   // P = 32: 8×24 + 8×8, several blocks per thread
    [InlineData(7, 1, 2)]       // fewer rows than a block, more threads than blocks
    [InlineData(900, 86, 2)]    // P = 88: 8×24 tiles, then 8×16 at the right edge
    [InlineData(1200, 62, 1)]   // P = 64: two 8×24 tiles and an 8×16 per row band, several blocks
    public void GramKernel_Compute_EqualsThePlainSumsOfProducts(int n, int d, int threads)
    {
        var (x, y) = Data(n, d, seed: d);

        var g = GramKernel.Compute(x, n, d, y, threads);

        int p = GramKernel.PaddedWidth(d);
        Assert.Equal(p * p, g.Length);
        double At(int i, int c) => c < d ? x[i * d + c] : c == d ? 1.0 : c == d + 1 ? y[i] : 0.0;
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++)
            {
                double s = 0, abs = 0;
                for (int i = 0; i < n; i++)
                {
                    s += At(i, a) * At(i, b);
                    abs += Math.Abs(At(i, a) * At(i, b));
                }
                Assert.True(Math.Abs(g[a * p + b] - s) <= 1e-13 * abs + 1e-300, $"G[{a},{b}] = {g[a * p + b]} vs {s}");
            }
    }

    [Theory]
    [InlineData(700, 9, true, 1)]
    [InlineData(2000, 24, false, 2)]
    public void StreamingQr_Factor_RtREqualsScaledGram(int n, int d, bool intercept, int threads)
    {
        var (x, y) = Data(n, d, seed: 7);
        var a = new RowMajorDesign(x, null, n, d, y, null, intercept);
        int p = a.Columns;
        var scale = Enumerable.Range(0, p).Select(j => Math.ScaleB(1.0, -(j % 3))).ToArray();

        var r = StreamingQr.Factor(a, scale, threads);

        for (int i = 0; i < p; i++)
            for (int j = 0; j < i; j++) Assert.Equal(0.0, r[i * p + j]);   // upper triangular
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++)
            {
                double rtr = 0;
                for (int k = 0; k < p; k++) rtr += r[k * p + i] * r[k * p + j];
                double g = 0, abs = 0;
                for (int row = 0; row < n; row++)
                {
                    double v = a.Hi(row, i) * scale[i] * a.Hi(row, j) * scale[j];
                    g += v;
                    abs += Math.Abs(v);
                }
                Assert.True(Math.Abs(rtr - g) <= 1e-12 * abs, $"(RᵀR)[{i},{j}] = {rtr} vs {g}");
            }
    }

    [Fact]
    public void Residuals_SmallIntegers_ExactRssAndGradient()
    {
        // y = 1 + 2x₁ + 3x₂ exactly except row 2 (+1): with x = (1, 2, 3) the residuals are 0, 0, 1, 0, so RSS = 1 and
        // Aᵀr = (1, x₁ of row 2, x₂ of row 2) = (1, 5, −2) — by hand.
        double[] x = [1, 0, 0, 1, 5, -2, 2, 2];
        double[] y = [3, 4, 1 + 10 - 6 + 1, 1 + 4 + 6];
        var a = new RowMajorDesign(x, null, 4, 2, y, null, intercept: true);
        var g = new double[3];

        double rss = a.Residuals([1, 2, 3], [0, 0, 0], g, threads: 2);

        Assert.Equal(1.0, rss);
        Assert.Equal([1.0, 5.0, -2.0], g);
    }

    [Fact]
    public void Residuals_CancellationBeyondDouble_ResolvedInDoubleDouble()
    {
        // yᵢ = 1e16·xᵢ + 1 with x = 1: in double, 1e16 + 1 rounds to 1e16; the pass must still see r = 1 when given
        // y as hi + lo = 1e16 + 1 and the solution 1e16 for the single column: RSS = n.
        int n = 64;
        var x = Enumerable.Repeat(1.0, n).ToArray();
        var yHi = Enumerable.Repeat(1e16, n).ToArray();
        var yLo = Enumerable.Repeat(1.0, n).ToArray();
        var a = new RowMajorDesign(x, null, n, 1, yHi, yLo, intercept: false);

        double rss = a.Residuals([1e16], [0], null, threads: 1);

        Assert.Equal(n, rss);
    }
}

/// <summary>
/// The fused total sum of squares of the normal-equation path against the readable two-pass routine, on targets whose
/// mean dwarfs their spread (1e7 + u, u uniform on [−0.5, 0.5]): a one-pass Σy² − (Σy)²/n in double would cancel all of
/// its digits here; the fused pass must agree with the two-pass double-double value whatever centre it is given.
/// </summary>
public class FusedTotalSumOfSquaresTests
{
    [Theory]
    [InlineData(true, 1e7)]          // the centre the Gram pass gives: Σy/n
    [InlineData(true, 1e7 + 0.37)]   // a poor centre: the correction term makes it exact anyway
    [InlineData(false, 1e7)]         // no intercept: Σy²
    public void ResidualsAndTotal_LargeMean_EqualsTheReadableTwoPassSum(bool intercept, double center)
    {
        var rng = new Random(5);
        int n = 50_000;
        var y = Enumerable.Range(0, n).Select(_ => 1e7 + (rng.NextDouble() - 0.5)).ToArray();
        var x = Enumerable.Range(0, n * 2).Select(_ => rng.NextDouble()).ToArray();
        var a = new RowMajorDesign(x, null, n, 2, y, null, intercept);
        int p = intercept ? 3 : 2;

        var (_, tss) = a.ResidualsAndTotal(new double[p], new double[p], center, threads: 2);

        double expected = LinReg.FastPathSeam.TotalSumOfSquares(y, null, n, intercept);
        Assert.Equal(expected, tss, 1e-13 * expected);
        if (intercept) Assert.InRange(expected, n / 12.0 * 0.9, n / 12.0 * 1.1);   // Var(u) = 1/12
    }
}

/// <summary>
/// The compact-WY fold of a block into R against the one-reflector-at-a-time fold (the definition of the Householder
/// steps written out): the same reflectors, so the same triangle up to rounding, on shapes with full 8-column panels, a
/// narrower last panel, row counts that are not a multiple of the vector width, and a zero column.
/// </summary>
public class BlockedAbsorbTests
{
    [Theory]
    [InlineData(27, 37, 40)]    // 3 full panels + 3 columns; 37 rows: 4 vectors + 5 tail rows
    [InlineData(16, 64, 64)]    // two full panels, whole vectors
    [InlineData(9, 5, 8)]       // fewer rows than columns, a one-column trailing part (odd count)
    [InlineData(102, 316, 321)] // the out-of-core benchmark's [1 x y] at d = 100
    public void AbsorbBlocked_EqualsTheUnblockedFold(int p, int m, int mb)
    {
        var rng = new Random(p * 1000 + m);
        var r0 = new double[p * p];
        for (int i = 0; i < p; i++)
            for (int j = i; j < p; j++) r0[i * p + j] = rng.NextDouble() - 0.5 + (i == j ? 3 : 0);
        var b0 = new double[mb * p];
        for (int c = 0; c < p; c++)
            for (int i = 0; i < m; i++) b0[c * mb + i] = c == 5 ? 0 : rng.NextDouble() - 0.5;   // column 5 all zeros

        var (r1, b1) = ((double[])r0.Clone(), (double[])b0.Clone());
        var (r2, b2) = ((double[])r0.Clone(), (double[])b0.Clone());
        StreamingQr.Absorb(r1, p, b1, m, mb);
        StreamingQr.AbsorbBlocked(r2, p, b2, m, mb);

        double scale = r1.Max(Math.Abs);
        for (int k = 0; k < r1.Length; k++) Assert.Equal(r1[k], r2[k], 1e-12 * scale);
    }
}
