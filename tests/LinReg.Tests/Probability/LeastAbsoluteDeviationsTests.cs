using LinReg.Data;
using LinReg.Probability;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Tests.Probability;

public class LeastAbsoluteDeviationsTests
{
    private static double Sar(Dataset data, IReadOnlyList<double> w, double b)
    {
        double s = 0;
        for (int i = 0; i < data.Count; i++)
        {
            double r = b - data.Y[i];
            for (int j = 0; j < data.Features; j++) r += data.X[i * data.Features + j] * w[j];
            s += Math.Abs(r);
        }
        return s;
    }

    private static Dataset Noisy(int seed, int n, int d)
    {
        var normal = new NormalSampler(seed);
        var lap = new LaplaceSampler(seed + 1000);
        var x = new double[n * d];
        normal.Fill(x);
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = 0.5 + lap.Next(1);
            for (int j = 0; j < d; j++) y[i] += (j + 1) * x[i * d + j];
        }
        return new Dataset(x, y, d);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Fit_OneFeature_MatchesBruteForceOverAllLinesThroughTwoPoints(int seed)
    {
        // An L1 line fit passes through two of the points: trying every pair is an independent exact answer.
        var data = Noisy(seed, 25, 1);
        double best = double.MaxValue;
        for (int i = 0; i < data.Count; i++)
            for (int k = i + 1; k < data.Count; k++)
            {
                double w = (data.Y[k] - data.Y[i]) / (data.X[k] - data.X[i]);
                best = Math.Min(best, Sar(data, [w], data.Y[i] - w * data.X[i]));
            }
        var fit = LeastAbsoluteDeviations.Fit(data);
        Assert.Equal(best, fit.SumAbsoluteResiduals, 10);
        Assert.Equal(Sar(data, fit.Weights, fit.Bias), fit.SumAbsoluteResiduals, 12);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void Fit_TwoFeatures_MatchesBruteForceOverAllPlanesThroughThreePoints(int seed)
    {
        var data = Noisy(seed, 14, 2);
        double best = double.MaxValue;
        for (int i = 0; i < data.Count; i++)
            for (int j = i + 1; j < data.Count; j++)
                for (int k = j + 1; k < data.Count; k++)
                {
                    int[] rows = [i, j, k];
                    var a = Matrix<double>.Build.Dense(3, 3, (r, c) => c < 2 ? data.X[rows[r] * 2 + c] : 1.0);
                    var beta = a.Solve(Vector<double>.Build.Dense(3, r => data.Y[rows[r]]));
                    best = Math.Min(best, Sar(data, [beta[0], beta[1]], beta[2]));
                }
        Assert.Equal(best, LeastAbsoluteDeviations.Fit(data).SumAbsoluteResiduals, 10);
    }

    [Fact]
    public void Fit_GroupIndicator_GivesEachGroupsMedian()
    {
        // y = b + w·g with g ∈ {0, 1}: the L1 fit makes b the median of group 0 and b + w the median of group 1.
        double[] g = [0, 0, 0, 0, 0, 1, 1, 1];
        double[] y = [5, 1, 9, 3, 7, 10, 40, 20];   // medians 5 and 20
        var fit = LeastAbsoluteDeviations.Fit(new Dataset(g, y, 1));
        Assert.Equal(5.0, fit.Bias, 12);
        Assert.Equal(15.0, fit.Weights[0], 12);
    }

    [Fact]
    public void Fit_OutlierMovedFurther_DoesNotMoveTheFit()
    {
        // L1 optimality depends only on the SIGNS of the non-interpolated residuals: pushing an outlier further out
        // on the same side leaves the fit unchanged (least squares would follow it).
        var data = Noisy(8, 30, 1);
        var y = (double[])data.Y.Clone();
        y[29] -= 50;
        var a = LeastAbsoluteDeviations.Fit(data.WithTargets(y));
        y[29] -= 500;
        var b = LeastAbsoluteDeviations.Fit(data.WithTargets(y));
        Assert.Equal(a.Weights[0], b.Weights[0], 12);
        Assert.Equal(a.Bias, b.Bias, 12);
    }

    [Fact]
    public void Fit_BadInput_Throws()
    {
        var few = new Dataset([1, 2, 3, 4], [1, 2], 2);   // 2 rows, 2 features + bias = 3 unknowns
        var ex = Assert.Throws<ArgumentException>(() => LeastAbsoluteDeviations.Fit(few));
        Assert.Contains("n ≥ 3", ex.Message);
        var constant = new Dataset([1, 1, 1, 1], [1, 2, 3, 4], 1);   // x is a copy of the bias column
        var rank = Assert.Throws<ArgumentException>(() => LeastAbsoluteDeviations.Fit(constant));
        Assert.Contains("rank", rank.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => LeastAbsoluteDeviations.Fit(Noisy(1, 5, 1), maxIterations: 0));
        Assert.Throws<ArgumentException>(() => LeastAbsoluteDeviations.Fit(Noisy(1, 5, 1)).Residuals(Noisy(1, 5, 2)));
    }
}
