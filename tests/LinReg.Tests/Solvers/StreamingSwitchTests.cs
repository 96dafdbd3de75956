using LinReg.Data;
using LinReg.Fast;
using LinReg.Probability;
using LinReg.Solvers;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Tests.Solvers;

/// <summary>
/// LeastSquares.Fit switches to the streaming multi-core solvers of LinReg.Fast from a size threshold on. The
/// reference is the readable solver run on the same data (LeastSquares.FitReadable: Householder QR of a copy and
/// Björck's augmented refinement, or the normal equation formed row by row): an independent algorithm, so equality
/// to 1e-12 relative shows the switch changes the speed and not the answer. Error messages must be the readable ones.
/// </summary>
public class StreamingSwitchTests
{
    /// <summary>The smallest d with n·(d + 1)² ≥ the threshold at n = StreamingMinRows: the switch point.</summary>
    private static int SwitchPointFeatures(bool intercept)
    {
        int d = 0;
        while ((long)LeastSquares.StreamingMinRows * (d + (intercept ? 1 : 0)) * (d + (intercept ? 1 : 0)) < LeastSquares.StreamingMinMultiplyAdds) d++;
        return d;
    }

    private static Dataset Random(int n, int d, int seed)
    {
        var w = new double[d];
        new NormalSampler(seed).Fill(w);
        return SyntheticData.Linear(w, 0.7, n, 0.1, seed + 1);
    }

    private static void AssertEqualRelative(LeastSquaresResult expected, LeastSquaresResult actual, double rel)
    {
        Assert.Equal(expected.Weights.Length, actual.Weights.Length);
        double scale = Math.Max(Math.Abs(expected.Bias), expected.Weights.Max(Math.Abs));
        for (int j = 0; j < expected.Weights.Length; j++) Assert.Equal(expected.Weights[j], actual.Weights[j], rel * scale);
        Assert.Equal(expected.Bias, actual.Bias, rel * scale);
        Assert.Equal(expected.ResidualSumOfSquares, actual.ResidualSumOfSquares, rel * expected.ResidualSumOfSquares);
        Assert.Equal(expected.TotalSumOfSquares, actual.TotalSumOfSquares, rel * expected.TotalSumOfSquares);
        Assert.Equal(expected.Method, actual.Method);
        Assert.Equal(expected.Rank, actual.Rank);
        Assert.Equal(expected.Warning is null, actual.Warning is null);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void UsesStreamingPath_AtTheSwitchPoint_TrueAndOneRowOrColumnLessFalse(bool intercept)
    {
        int n = LeastSquares.StreamingMinRows, d = SwitchPointFeatures(intercept);

        Assert.True(LeastSquares.UsesStreamingPath(n, d, LeastSquaresMethod.RefinedQr, intercept));
        Assert.True(LeastSquares.UsesStreamingPath(n, d, LeastSquaresMethod.NormalEquations, intercept));
        Assert.False(LeastSquares.UsesStreamingPath(n - 1, d, LeastSquaresMethod.RefinedQr, intercept));
        Assert.False(LeastSquares.UsesStreamingPath(n, d - 1, LeastSquaresMethod.RefinedQr, intercept));
        Assert.False(LeastSquares.UsesStreamingPath(n, d, LeastSquaresMethod.Qr, intercept));
        Assert.False(LeastSquares.UsesStreamingPath(n, d, LeastSquaresMethod.Svd, intercept));
        // the book's notebooks 01–11 stay on the readable path: their largest fits are n = 20 000 rows (08) and n = 2 000, d = 320 (03)
        Assert.False(LeastSquares.UsesStreamingPath(20_000, 10));
        Assert.False(LeastSquares.UsesStreamingPath(2_000, 320, LeastSquaresMethod.NormalEquations));
    }

    [Theory]
    [InlineData(LeastSquaresMethod.RefinedQr, true)]
    [InlineData(LeastSquaresMethod.RefinedQr, false)]
    [InlineData(LeastSquaresMethod.NormalEquations, true)]
    [InlineData(LeastSquaresMethod.NormalEquations, false)]
    public void Fit_AtTheSwitchPoint_EqualsTheReadableSolverTo1e12(LeastSquaresMethod method, bool intercept)
    {
        int n = LeastSquares.StreamingMinRows, d = SwitchPointFeatures(intercept);
        var data = Random(n, d, seed: d);

        int before = FastLeastSquares.RunsOnThisThread;
        var auto = LeastSquares.Fit(data.X, n, d, data.Y, method, intercept);
        Assert.Equal(before + 1, FastLeastSquares.RunsOnThisThread);   // the switch took the streaming path
        var readable = LeastSquares.FitReadable(data.X, n, d, data.Y, method, intercept);
        Assert.Equal(before + 1, FastLeastSquares.RunsOnThisThread);   // and the reference did not

        AssertEqualRelative(readable, auto, 1e-12);
        // every overload takes the same path to the same answer; one row fewer takes the readable path
        AssertEqualRelative(readable, LeastSquares.Fit(data, method, intercept), 1e-12);
        LeastSquares.Fit(data.X.AsSpan(0, (n - 1) * d).ToArray(), n - 1, d, data.Y.AsSpan(0, n - 1).ToArray(), method, intercept);
        Assert.Equal(before + 2, FastLeastSquares.RunsOnThisThread);
        var rect = new double[n, d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) rect[i, j] = data.X[i * d + j];
        AssertEqualRelative(readable, LeastSquares.Fit(rect, data.Y, method, intercept), 1e-12);
        var m = Matrix<double>.Build.Dense(n, d, (i, j) => data.X[i * d + j]);
        AssertEqualRelative(readable, LeastSquares.Fit(m, Vector<double>.Build.DenseOfArray(data.Y), method, intercept), 1e-12);
        Assert.Equal(before + 4, FastLeastSquares.RunsOnThisThread);
    }

    [Fact]
    public void FitDoubleDouble_AtTheSwitchPoint_EqualsTheReadableSolverTo1e12()
    {
        int n = LeastSquares.StreamingMinRows, d = SwitchPointFeatures(true);
        var data = Random(n, d, seed: 3);
        var lo = data.X.Select(v => v * 1e-17).ToArray();   // trailing parts: the exact entries are hi + lo

        var auto = LeastSquares.FitDoubleDouble(data.X, lo, n, d, data.Y, null);
        var readable = LeastSquares.FitDoubleDoubleReadable(data.X, lo, n, d, data.Y, null, true);

        AssertEqualRelative(readable, auto, 1e-12);
    }

    public static TheoryData<string> Nist => NistTestData.Names();

    [Theory]
    [MemberData(nameof(Nist))]
    public void StreamingRefinedQr_NistDataset_EqualsTheReadableSolverTo1e12(string name)
    {
        // the NIST designs are far below the threshold, so the streaming path is called directly: the same entry the
        // automatic switch calls (FastLeastSquares.Run), on the exact decimal data in double-double
        var ds = NistTestData.Load(name);
        var (xHi, xLo) = ds.BuildDesignDoubleDouble();
        var (yHi, yLo) = ds.TargetsDoubleDouble();

        var streamed = FastLeastSquares.FitDoubleDouble(xHi, xLo, ds.Observations, ds.DesignColumns, yHi, yLo, ds.HasIntercept);
        var readable = LeastSquares.FitDoubleDoubleReadable(xHi, xLo, ds.Observations, ds.DesignColumns, yHi, yLo, ds.HasIntercept);

        var e = ds.Estimates(streamed);
        var r = ds.Estimates(readable);
        for (int k = 0; k < e.Length; k++) Assert.Equal(r[k], e[k], 1e-12 * Math.Abs(r[k]));
        // Wampler1/2 fit exactly: their RSS is rounding-level on both paths, so it is compared relative to TSS
        Assert.Equal(readable.ResidualSumOfSquares, streamed.ResidualSumOfSquares,
            Math.Max(1e-12 * readable.ResidualSumOfSquares, 1e-26 * readable.TotalSumOfSquares));
    }

    [Theory]
    [InlineData("Norris")]
    [InlineData("Pontius")]
    [InlineData("NoInt1")]
    [InlineData("NoInt2")]
    public void StreamingNormalEquations_WellConditionedNistDataset_EqualsTheReadableSolverTo1e12(string name)
    {
        // The normal equation itself is only as good as cond(XᵀX)·ε: on Longley and the Wampler sets the readable and the
        // streaming Gram sums (added in different orders) legitimately differ beyond 1e-12 (FastLeastSquaresTests covers
        // them at that tolerance); on the well-conditioned sets both must agree to 1e-12.
        var ds = NistTestData.Load(name);

        var streamed = FastLeastSquares.Fit(ds.BuildDesign(), ds.Observations, ds.DesignColumns, ds.Y, LeastSquaresMethod.NormalEquations, ds.HasIntercept);
        var readable = LeastSquares.FitReadable(ds.BuildDesign(), ds.Observations, ds.DesignColumns, ds.Y, LeastSquaresMethod.NormalEquations, ds.HasIntercept);

        var e = ds.Estimates(streamed);
        var r = ds.Estimates(readable);
        for (int k = 0; k < e.Length; k++) Assert.Equal(r[k], e[k], 1e-12 * Math.Abs(r[k]));
    }

    public static TheoryData<int, int, bool> BadEntries => new()
    {
        { 0, 0, false },            // the first entry
        { 12_345, 7, false },
        { 49_999, -1, false },      // the last entry of X (column d − 1)
        { 31_000, 3, true },        // ±∞ instead of NaN
    };

    [Theory]
    [MemberData(nameof(BadEntries))]
    public void Fit_StreamedWithNonFiniteX_SameMessageAsTheReadableCheck(int row, int col, bool infinity)
    {
        // the scan is fused into the Gram pass: the error must still name the row and the column, word for word as the
        // readable check does
        int n = LeastSquares.StreamingMinRows, d = SwitchPointFeatures(true);
        var data = Random(n, d, seed: 4);
        if (col < 0) col = d - 1;
        var x = (double[])data.X.Clone();
        x[row * d + col] = infinity ? double.NegativeInfinity : double.NaN;
        Assert.True(LeastSquares.UsesStreamingPath(n, d));

        foreach (var method in new[] { LeastSquaresMethod.RefinedQr, LeastSquaresMethod.NormalEquations })
        {
            var fast = Assert.Throws<ArgumentException>(() => LeastSquares.Fit(x, n, d, data.Y, method));
            var readable = Assert.Throws<ArgumentException>(() => LeastSquares.FitReadable(x, n, d, data.Y, method, true));
            Assert.Equal(readable.Message, fast.Message);
            Assert.Equal("x", fast.ParamName);
            Assert.Contains($"x[row {row}, column {col}] is {(infinity ? "-∞" : "NaN")}", fast.Message);
        }
    }

    [Fact]
    public void Fit_StreamedWithTwoBadEntries_NamesTheFirstInRowOrder()
    {
        int n = LeastSquares.StreamingMinRows, d = SwitchPointFeatures(true);
        var data = Random(n, d, seed: 5);
        var x = (double[])data.X.Clone();
        x[40_000 * d + 2] = double.NaN;
        x[20_000 * d + 9] = double.PositiveInfinity;

        var e = Assert.Throws<ArgumentException>(() => LeastSquares.Fit(x, n, d, data.Y));

        Assert.StartsWith("x[row 20000, column 9] is +∞", e.Message);
    }

    [Fact]
    public void Fit_StreamedWithNonFiniteY_SameMessageAsTheReadableCheck()
    {
        int n = LeastSquares.StreamingMinRows, d = SwitchPointFeatures(false);
        var data = Random(n, d, seed: 6);
        var y = (double[])data.Y.Clone();
        y[777] = double.NaN;

        var fast = Assert.Throws<ArgumentException>(() => LeastSquares.Fit(data.X, n, d, y, fitIntercept: false));
        var readable = Assert.Throws<ArgumentException>(() => LeastSquares.FitReadable(data.X, n, d, y, LeastSquaresMethod.RefinedQr, false));

        Assert.Equal(readable.Message, fast.Message);
        Assert.StartsWith("y[777] is NaN", fast.Message);
    }

    [Fact]
    public void FitMatrix_StreamedWithTwoBadEntries_NamesTheFirstInColumnOrderAsTheReadableCheck()
    {
        // MathNet stores X by columns and the readable check scans it in that order; the streaming path works on a
        // row-major copy but must name the same entry
        int n = LeastSquares.StreamingMinRows, d = SwitchPointFeatures(true);
        var data = Random(n, d, seed: 7);
        var m = Matrix<double>.Build.Dense(n, d, (i, j) => data.X[i * d + j]);
        m[100, 5] = double.NaN;     // first in row order
        m[30_000, 1] = double.NaN;  // first in column order
        var y = Vector<double>.Build.DenseOfArray(data.Y);

        var e = Assert.Throws<ArgumentException>(() => LeastSquares.Fit(m, y));

        Assert.StartsWith("x[row 30000, column 1] is NaN", e.Message);
    }
}
