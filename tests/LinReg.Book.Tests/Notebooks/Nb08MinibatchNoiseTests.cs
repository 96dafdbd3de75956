using LinReg.Book.Tests.Support;
using LinReg.Data;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Book.Tests.Notebooks;

public sealed class Nb08Fixture() : BookNotebookFixture("08-minibatch-noise.ipynb");

/// <summary>
/// 08 · Minibatch noise. Expected values: the hand calculation on the four-example dataset (g = (−2, −1),
/// E‖g_B − g‖² = 19.5/3 = 6.5), gradients and the closed-form variance recomputed here from the per-example gradients
/// (rᵢxᵢ, rᵢ) with MathNet, and the small-step noise floor pησ²/(4|B|); the training claims that do not depend on the
/// machine (which batch sizes reach the target, in how many epochs). Timings are shown, not asserted.
/// </summary>
[Collection(InProcessKernelCollection.Name)]
public sealed class Nb08MinibatchNoiseTests(Nb08Fixture nb) : IClassFixture<Nb08Fixture>
{
    [Fact]
    public void Run_AllCells_Succeed() => Assert.False(nb.Run.Failed, nb.Run.FailureSummary);

    [Fact]
    public void TinyExample_EveryMinibatch_UnbiasedWithTheHandVariance()
    {
        // per-example gradients (−1, −1), (−9, −3), (2, 1), (0, −1); g = (−2, −1); deviations² 1, 53, 20, 4 → 19.5 · (2/(2·3))
        Assert.Equal([-2.0, -1.0], nb.Get<double[]>("tinyFull"));
        Assert.Equal([-2.0, -1.0], nb.Get<double[]>("averageOfPairs"));
        Assert.Equal(6.5, nb.Get<double>("varianceByEnumeration"), 12);
        Assert.Equal(6.5, nb.Get<double>("varianceByFormula"), 12);
    }

    /// <summary>Per-example gradients of the ½-squared loss, ∇ℓᵢ = (rᵢxᵢ, rᵢ), computed here.</summary>
    private static Matrix<double> PerExample(Dataset data, double[] w, double b)
    {
        int n = data.Count, d = data.Features;
        return Matrix<double>.Build.Dense(n, d + 1, (i, j) =>
        {
            double r = b - data.Y[i];
            for (int k = 0; k < d; k++) r += data.X[i * d + k] * w[k];
            return j < d ? r * data.X[i * d + j] : r;
        });
    }

    [Fact]
    public void Variance_MeasuredMatchesTheClosedFormComputedHere_AndFallsLikeOneOverB()
    {
        var data = SyntheticData.SeedListing(0);
        var g = PerExample(data, [0.0, 0.0], 0.0);
        var mean = g.ColumnSums() / data.Count;
        Assert.Equal(mean.L2Norm(), nb.Get<double>("fullNormStart"), 10);
        double spread = Enumerable.Range(0, data.Count).Average(i => (g.Row(i) - mean).DotProduct(g.Row(i) - mean));
        int[] sizes = nb.Get<int[]>("batchSizes");
        var theory = nb.Get<double[]>("varianceTheory");
        var measured = nb.Get<double[]>("varianceMeasured");
        for (int k = 0; k < sizes.Length; k++)
        {
            int b = sizes[k];
            double expected = (double)(data.Count - b) / (b * (data.Count - 1.0)) * spread;
            Assert.Equal(expected, theory[k], 9);
            if (b < data.Count) Assert.InRange(measured[k] / expected, 0.75, 1.3);   // 300 draws
        }
        Assert.InRange(measured[^1], 0, 1e-20);   // |B| = n: one possible batch, no noise
    }

    [Fact]
    public void Cosines_FarFromTheMinimumAlignedNearItNoisy_LargerBatchesFixIt()
    {
        var cosStart = nb.Get<double[]>("meanCosineStart");
        var cosNear = nb.Get<double[]>("meanCosineNear");
        var upStart = nb.Get<double[]>("uphillStart");
        var upNear = nb.Get<double[]>("uphillNear");
        int[] sizes = nb.Get<int[]>("batchSizes");
        Assert.InRange(cosStart[0], 0.35, 0.7);       // "about 0.5"
        Assert.InRange(upStart[0], 0, 0.06);          // "only a few percent uphill"
        Assert.True(upNear[0] > 0.1, $"uphill near the optimum at |B| = 1: {upNear[0]}");   // "more than one in ten"
        for (int k = Array.IndexOf(sizes, 32); k < sizes.Length; k++) Assert.Equal(0, upNear[k]);
        for (int k = 1; k < sizes.Length; k++)
        {
            Assert.True(cosStart[k] >= cosStart[k - 1] - 0.02);
            Assert.True(cosNear[k] >= cosNear[k - 1] - 0.02);
        }
        Assert.Equal(1.0, cosNear[^1], 12);
        Assert.True(nb.Get<double>("fullNormNear") < 0.01 * nb.Get<double>("fullNormStart"));
    }

    [Fact]
    public void Training_BatchSizeTradeoff_TargetsAndNoiseFloors()
    {
        Assert.Equal([1, 4, 16, 64, 256, 1024], nb.Get<int[]>("trainBatchSizes"));
        var toTarget = nb.Get<double[]>("epochsToTarget");
        Assert.Equal(double.PositiveInfinity, toTarget[0]);    // |B| = 1: floor above the target
        Assert.Equal(double.PositiveInfinity, toTarget[5]);    // |B| = 1024: too few steps in 3 epochs
        for (int k = 2; k <= 4; k++) Assert.True(toTarget[k] > toTarget[k - 1], $"epochs to target not increasing at {k}");
        Assert.True(toTarget[4] < 3);

        // noise floor against pησ²/(4|B|), p = 11, η = 0.03, σ = 0.5, for the converged batch sizes
        var floor = nb.Get<double[]>("floorMeasured");
        int[] sizes = [1, 4, 16, 64];
        for (int k = 0; k < sizes.Length; k++)
            Assert.InRange(floor[k] / (11 * 0.03 * 0.25 / (4.0 * sizes[k])), 0.6, 1.5);
        Assert.True(floor[0] > 10 * floor[2]);
    }
}
