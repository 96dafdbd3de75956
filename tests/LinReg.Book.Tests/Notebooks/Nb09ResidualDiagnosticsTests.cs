using LinReg.Probability;
using LinReg.Book.Tests.Support;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Book.Tests.Notebooks;

public sealed class Nb09Fixture() : BookNotebookFixture("09-residual-diagnostics.ipynb");

/// <summary>
/// 09 · Residual diagnostics. Each case is generated with a known cause; expected values: the generators' parameters
/// (within a few standard errors), least-squares fits recomputed here with MathNet's QR on data regenerated from the
/// same seeds, the pure-noise ranges of the diagnostics (|curvature| &lt; 3/√n, spread ratio near 1), and exact zeros
/// that least squares guarantees (residuals orthogonal to every design column).
/// </summary>
[Collection(InProcessKernelCollection.Name)]
public sealed class Nb09ResidualDiagnosticsTests(Nb09Fixture nb) : IClassFixture<Nb09Fixture>
{
    private const int N = 600;
    private static readonly double NoiseBand = 3 / Math.Sqrt(N);

    /// <summary>The notebook's generator, rewritten: x uniform on [lo, hi], a 0/1 group, standard normal noise.</summary>
    private static (double[] X, double[] Noise, double[] Group) Draw(int seed, double lo, double hi)
    {
        var uniform = new Random(seed);
        var normal = new NormalSampler(seed + 1);
        var x = new double[N]; var noise = new double[N]; var group = new double[N];
        for (int i = 0; i < N; i++)
        {
            x[i] = lo + (hi - lo) * uniform.NextDouble();
            group[i] = uniform.NextDouble() < 0.5 ? 1 : 0;
            noise[i] = normal.Next();
        }
        return (x, noise, group);
    }

    /// <summary>Least squares with an intercept by MathNet's QR: (weights…, bias).</summary>
    private static double[] Qr(double[][] columns, double[] y)
    {
        var a = Matrix<double>.Build.Dense(y.Length, columns.Length + 1, (i, j) => j < columns.Length ? columns[j][i] : 1.0);
        return a.QR().Solve(Vector<double>.Build.Dense(y)).ToArray();
    }

    [Fact]
    public void Run_AllCells_Succeed() => Assert.False(nb.Run.Failed, nb.Run.FailureSummary);

    [Fact]
    public void Case1_Adequate_DiagnosticsInThePureNoiseRange()
    {
        Assert.InRange(Math.Abs(nb.Get<double>("curvature1")), 0, NoiseBand);
        Assert.InRange(nb.Get<double>("spread1"), 0.8, 1.25);
        Assert.InRange(nb.Get<double>("residualSd1"), 0.475, 0.525);   // σ = 0.5 "within a few percent"
        var (x, e, _) = Draw(1, -2, 2);
        var theta = Qr([x], x.Select((v, i) => 1 + 2 * v + 0.5 * e[i]).ToArray());
        object fit = nb.Get<System.Runtime.CompilerServices.ITuple>("fit1")[0]!;   // (Fit, Fitted, Residuals).Fit
        var weights = (double[])fit.GetType().GetProperty("Weights")!.GetValue(fit)!;
        Assert.Equal(theta[0], weights[0], 10);
        Assert.Equal(2.0, theta[0], 0.1);
    }

    [Fact]
    public void Case2_Curve_DetectedThenRemovedByTheSquareFeature()
    {
        double before = nb.Get<double>("curvature2");
        Assert.True(before < -0.5, $"curvature {before}");
        // upside-down U: both end bins negative, middle bin positive
        Assert.True(nb.Get<double>("bins2", "0.Mean") < -0.5);
        Assert.True(nb.Get<double>("bins2", "4.Mean") < -0.5);
        Assert.True(nb.Get<double>("bins2", "2.Mean") > 0.5);
        // with x²: residuals orthogonal to (x − x̄)² up to rounding, and the generator's 0.8 recovered
        Assert.InRange(Math.Abs(nb.Get<double>("curvature2Fixed")), 0, 1e-10);
        var (x, e, _) = Draw(2, -2, 2);
        var theta = Qr([x, x.Select(v => v * v).ToArray()], x.Select((v, i) => 1 + 2 * v + 0.8 * v * v + 0.5 * e[i]).ToArray());
        Assert.Equal(theta[1], nb.Get<double>("squareWeight2"), 10);
        Assert.Equal(0.8, theta[1], 0.06);   // ≈ 3 standard errors
    }

    [Fact]
    public void Case3_Fan_DetectedThenRemovedByTheLogTarget()
    {
        Assert.True(nb.Get<double>("spread3") > 2, $"spread ratio {nb.Get<double>("spread3")}");
        Assert.True(Math.Abs(nb.Get<double>("curvature3")) > NoiseBand);
        Assert.InRange(nb.Get<double>("spread3Fixed"), 0.8, 1.25);
        Assert.InRange(Math.Abs(nb.Get<double>("curvature3Fixed")), 0, NoiseBand);
        var (x, e, _) = Draw(3, 0, 3);
        var theta = Qr([x], x.Select((v, i) => 0.5 + 0.6 * v + 0.25 * e[i]).ToArray());   // log y, written directly
        Assert.Equal(theta[0], nb.Get<double>("slope3Fixed"), 9);
        Assert.Equal(0.6, theta[0], 0.05);
        Assert.InRange(nb.Get<double>("sigma3Fixed"), 0.225, 0.275);
    }

    [Fact]
    public void Case4_Categories_OffsetsThenSlopes_FixedByIndicatorThenInteraction()
    {
        // without the group: offsets of opposite sign and slopes of opposite sign
        Assert.True(nb.Get<double>("groups4", "0.Mean") > 0.3);
        Assert.True(nb.Get<double>("groups4", "1.Mean") < -0.3);
        Assert.True(nb.Get<double>("groups4", "0.Slope") < -0.5);
        Assert.True(nb.Get<double>("groups4", "1.Slope") > 0.5);
        // with g: means exactly 0 (orthogonal to g and to 1), slopes still opposite
        Assert.InRange(Math.Abs(nb.Get<double>("groups4Offset", "0.Mean")), 0, 1e-12);
        Assert.InRange(Math.Abs(nb.Get<double>("groups4Offset", "1.Mean")), 0, 1e-12);
        Assert.True(nb.Get<double>("groups4Offset", "0.Slope") < -0.5);
        Assert.True(nb.Get<double>("groups4Offset", "1.Slope") > 0.5);
        // with x·g: per-group slopes exactly 0 (residuals orthogonal to x and x·g), the generator's −2 recovered
        Assert.InRange(Math.Abs(nb.Get<double>("groups4Fixed", "0.Slope")), 0, 1e-10);
        Assert.InRange(Math.Abs(nb.Get<double>("groups4Fixed", "1.Slope")), 0, 1e-10);
        var (x, e, g) = Draw(4, -2, 2);
        var y = Enumerable.Range(0, N).Select(i => 1 + 2 * x[i] + g[i] * (1.5 - 2 * x[i]) + 0.5 * e[i]).ToArray();
        var theta = Qr([x, g, x.Zip(g, (a, b) => a * b).ToArray()], y);
        Assert.Equal(theta[2], nb.Get<double>("interactionWeight4"), 10);
        Assert.Equal(-2.0, theta[2], 0.15);
    }

    [Fact]
    public void Case4_ResidualLinesOfTheTwoGroups_CrossNearWhereTheTrueLinesMeet()
    {
        // model without the group: one line through both groups; the residual lines of A and B cross where the true
        // lines 1 + 2x and 2.5 meet, x = 0.75 (recomputed here from regenerated data with MathNet's QR)
        var (x, noise, g) = Draw(4, -2, 2);
        double[] y = x.Select((v, i) => 1 + 2 * v + g[i] * (1.5 - 2 * v) + 0.5 * noise[i]).ToArray();
        double[] common = Qr([x], y);
        double[] r = x.Select((v, i) => common[0] * v + common[1] - y[i]).ToArray();
        double[] LineOf(double group)
        {
            int[] rows = Enumerable.Range(0, N).Where(i => g[i] == group).ToArray();
            return Qr([rows.Select(i => x[i]).ToArray()], rows.Select(i => r[i]).ToArray());
        }
        double[] a = LineOf(0), b = LineOf(1);
        double crossing = (b[1] - a[1]) / (a[0] - b[0]);
        Assert.Equal(crossing, nb.Get<double>("crossing"), 9);
        Assert.Equal(0.75, crossing, 0.1);
    }

    [Fact]
    public void SummaryTable_EveryFixedFitIsBackInTheNoiseRange()
    {
        var curvatures = nb.Get<double[]>("curvatures");
        var spreads = nb.Get<double[]>("spreads");
        // rows: 1, 2, 2+x², 3, 3 log, 4, 4+g, 4+g+x·g
        foreach (int fixedRow in new[] { 0, 2, 4, 7 })
        {
            Assert.InRange(Math.Abs(curvatures[fixedRow]), 0, NoiseBand);
            Assert.InRange(spreads[fixedRow], 0.8, 1.25);
        }
        Assert.True(Math.Abs(curvatures[1]) > NoiseBand);   // the curve
        Assert.True(spreads[3] > 2);                        // the fan
    }
}
