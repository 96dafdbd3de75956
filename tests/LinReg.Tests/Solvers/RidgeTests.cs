using CsCheck;
using LinReg.Data;
using LinReg.Losses;
using LinReg.Models;
using LinReg.Numerics;
using LinReg.Optim;
using LinReg.Solvers;
using LinReg.Training;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Tests.Solvers;

/// <summary>
/// LeastSquares.FitRidge against independent computations: the penalized normal equations solved in exact rational
/// arithmetic on the same doubles, the dual form Xᵀ(XXᵀ + αI)⁻¹y and the hat-matrix trace with MathNet, the limits
/// α → 0 (least squares) and α → ∞ (w → 0, b → ȳ), and full-batch gradient descent with weight decay λ = α/n.
/// </summary>
public class RidgeTests
{
    private const string Seed = "0N0XIzNsQ0O2";

    /// <summary>
    /// The minimizer of ‖y − Xw − b1‖² + α‖w‖² exactly: setting the gradient to zero gives the (d+1)×(d+1) system
    /// [n, 1ᵀX; Xᵀ1, XᵀX + αI] (b, w) = (1ᵀy, Xᵀy) — the intercept's row has no α — solved by Gaussian elimination on
    /// rationals. Returns (b, w₀, …, w_{d−1}).
    /// </summary>
    private static Rational[] ExactRidge(double[] x, int n, int d, double[] y, double alpha)
    {
        int p = d + 1;
        Rational X(int i, int c) => c == 0 ? Rational.One : Rational.FromDouble(x[i * d + c - 1]);
        var a = new Rational[p, p + 1];
        for (int r = 0; r < p; r++)
        {
            for (int c = 0; c < p; c++)
            {
                Rational s = Rational.Zero;
                for (int i = 0; i < n; i++) s += X(i, r) * X(i, c);
                a[r, c] = r == c && r > 0 ? s + Rational.FromDouble(alpha) : s;
            }
            Rational t = Rational.Zero;
            for (int i = 0; i < n; i++) t += X(i, r) * Rational.FromDouble(y[i]);
            a[r, p] = t;
        }
        for (int k = 0; k < p; k++)
        {
            int pivot = Enumerable.Range(k, p - k).First(r => !a[r, k].IsZero);
            for (int c = 0; c <= p; c++) (a[k, c], a[pivot, c]) = (a[pivot, c], a[k, c]);
            for (int r = 0; r < p; r++)
            {
                if (r == k || a[r, k].IsZero) continue;
                Rational f = a[r, k] / a[k, k];
                for (int c = k; c <= p; c++) a[r, c] -= f * a[k, c];
            }
        }
        return Enumerable.Range(0, p).Select(k => a[k, p] / a[k, k]).ToArray();
    }

    private static double RelativeError(RidgeResult fit, Rational[] exact)
    {
        double[] e = exact.Select(v => v.ToDouble()).ToArray();
        double scale = Math.Max(1e-300, e.Max(Math.Abs));
        double err = Math.Abs(fit.Bias - e[0]);
        for (int j = 0; j < fit.Weights.Length; j++) err = Math.Max(err, Math.Abs(fit.Weights[j] - e[j + 1]));
        return err / scale;
    }

    private static Matrix<double> Centred(Dataset data)
    {
        var m = data.ToMatrix();
        for (int j = 0; j < m.ColumnCount; j++)
        {
            double mean = m.Column(j).Average();
            for (int i = 0; i < m.RowCount; i++) m[i, j] -= mean;
        }
        return m;
    }

    // ------------------------------------------------------------------ exact answers

    /// <summary>
    /// Found by the property test below (CsCheck seed 1XV2DMyAXG53): a column of size 1e-71 under α = 8. The QR solve
    /// of the augmented system rounds Qᵀ[y_c; 0] to exactly 0, and refinement stopped on its first pass because a zero
    /// correction of a zero solution looked converged, returning w = 0 for the exact 4.765e-71 / (2·(2.3825e-71)² + 8)
    /// (closed form of one centred feature: w = x_cᵀy_c / (x_cᵀx_c + α)).
    /// </summary>
    [Fact]
    public void FitRidge_TinyColumnUnderLargeAlpha_RefinementRecoversTheWeight()
    {
        double x1 = 4765e-74;
        var fit = LeastSquares.FitRidge([0, x1], 2, 1, [-1, 1], 8);
        double half = x1 / 2;
        double expected = x1 / (2 * half * half + 8);
        Assert.Equal(expected, fit.Weights[0], Math.Abs(expected) * 1e-14);
        Assert.True(fit.RefinementIterations >= 2, $"{fit.RefinementIterations} passes");
    }

    [Fact]
    public void FitRidge_SmallRandomProblems_MatchExactRationalSolution()
    {
        Gen.Select(Gen.Int[2, 8], Gen.Int[1, 4]).SelectMany((n, d) =>
                Gen.Select(Gen.Double[-3, 3].Array[n * d], Gen.Double[-5, 5].Array[n], Gen.Double[1e-3, 50], (x, y, a) => (n, d, x, y, a)))
            .Sample(t =>
            {
                var fit = LeastSquares.FitRidge(t.x, t.n, t.d, t.y, t.a);
                var exact = ExactRidge(t.x, t.n, t.d, t.y, t.a);
                Assert.True(RelativeError(fit, exact) < 1e-13, $"n={t.n} d={t.d} α={t.a}: error {RelativeError(fit, exact):G3}");
            }, iter: 200, seed: Seed);
    }

    [Fact]
    public void FitRidge_IllConditionedPolynomialDesign_KeepsTheDigitsTheNormalEquationsLose()
    {
        // x, x², …, x⁷ on x = 1.0, 1.1, …, 2.5: the centred columns are nearly dependent (cond ≈ 1e9) and a small α
        // barely regularizes them. Forming XᵀX + αI squares that; the augmented QR with refinement does not.
        int n = 16, d = 7;
        double[] t = Enumerable.Range(0, n).Select(i => 1.0 + 0.1 * i).ToArray();
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) x[i * d + j] = Math.Pow(t[i], j + 1);
        double[] y = t.Select(v => Math.Sin(3 * v)).ToArray();
        const double alpha = 1e-9;
        var exact = ExactRidge(x, n, d, y, alpha);

        var fit = LeastSquares.FitRidge(x, n, d, y, alpha);

        Assert.True(RelativeError(fit, exact) < 1e-14, $"ridge error {RelativeError(fit, exact):G3}");
        Assert.Null(fit.Warning);

        // the same problem through the penalized normal equations in double loses most of the digits: this data is
        // hard, and the accuracy above is the solver's doing
        var a = Matrix<double>.Build.Dense(d + 1, d + 1);
        var rhs = Vector<double>.Build.Dense(d + 1);
        for (int i = 0; i < n; i++)
        {
            var row = new double[d + 1];
            row[0] = 1;
            for (int j = 0; j < d; j++) row[j + 1] = x[i * d + j];
            for (int r = 0; r <= d; r++)
            {
                rhs[r] += row[r] * y[i];
                for (int c = 0; c <= d; c++) a[r, c] += row[r] * row[c];
            }
        }
        for (int j = 1; j <= d; j++) a[j, j] += alpha;
        var naive = a.Solve(rhs);
        double[] e = exact.Select(v => v.ToDouble()).ToArray();
        double naiveError = Enumerable.Range(0, d + 1).Max(k => Math.Abs(naive[k] - e[k])) / e.Max(Math.Abs);
        Assert.True(naiveError > 1e-8, $"the normal equations were expected to lose digits here, error {naiveError:G3}");
    }

    [Fact]
    public void FitRidge_MoreFeaturesThanRows_MatchesTheDualForm()
    {
        // d = 200 > n = 20 (notebook 14's demo): w = X_cᵀ(X_cX_cᵀ + αI)⁻¹y_c, an n×n solve, independent of the d×d route
        var data = SyntheticData.Linear(Enumerable.Repeat(0.01, 200).ToArray(), 0.05, 20, 0.01, seed: 3);
        const double alpha = 0.7;
        var xc = Centred(data);
        var y = data.TargetVector();
        double yMean = y.Average();
        var yc = y - yMean;
        var w = xc.TransposeThisAndMultiply((xc * xc.Transpose() + alpha * Matrix<double>.Build.DenseIdentity(20)).Solve(yc));
        double b = yMean - Enumerable.Range(0, 200).Sum(j => data.Column(j).Average() * w[j]);

        var fit = LeastSquares.FitRidge(data, alpha);

        for (int j = 0; j < 200; j++) Assert.Equal(w[j], fit.Weights[j], 1e-12);
        Assert.Equal(b, fit.Bias, 1e-12);
        Assert.Equal(20, fit.SingularValues.Length);
    }

    // ------------------------------------------------------------------ limits

    [Fact]
    public void FitRidge_AlphaZero_IsOrdinaryLeastSquares_AndTinyAlphaIsClose()
    {
        var data = SyntheticData.Linear([1.5, -2.0, 0.5], 3.0, 50, 0.3, seed: 1);
        var ols = LeastSquares.Fit(data);

        var zero = LeastSquares.FitRidge(data, 0);
        var tiny = LeastSquares.FitRidge(data, 1e-9);

        Assert.Equal(ols.Weights, zero.Weights, (a, b) => Math.Abs(a - b) < 1e-13);
        Assert.Equal(ols.Bias, zero.Bias, 1e-13);
        Assert.Equal(ols.ResidualSumOfSquares, zero.ResidualSumOfSquares, 1e-12);
        Assert.Equal(3.0, zero.EffectiveDegreesOfFreedom);   // rank of the centred design: d
        // the solution moves like α·(X_cᵀX_c)⁻²X_cᵀy_c: at α = 1e-9 and X_cᵀX_c ≈ 50·I, by about 1e-11·‖w‖
        Assert.Equal(ols.Weights, tiny.Weights, (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Fact]
    public void FitRidge_HugeAlpha_WeightsVanishLikeOneOverAlpha_BiasTendsToMeanY()
    {
        var data = SyntheticData.Linear([1.5, -2.0, 0.5], 3.0, 50, 0.3, seed: 1);
        double yMean = data.Y.Average();
        var xc = Centred(data);
        var xty = xc.TransposeThisAndMultiply(data.TargetVector() - yMean);   // w ≈ X_cᵀy_c/α for α ≫ ‖X_c‖²

        var fit = LeastSquares.FitRidge(data, 1e12);

        for (int j = 0; j < 3; j++) Assert.Equal(xty[j] / 1e12, fit.Weights[j], 1e-20);
        Assert.Equal(yMean, fit.Bias, 1e-9);
        Assert.InRange(fit.EffectiveDegreesOfFreedom, 0, 1e-9);
        Assert.Equal(fit.TotalSumOfSquares, fit.ResidualSumOfSquares, 1e-6);
    }

    [Fact]
    public void FitRidge_NoFeatures_FitsTheMean()
    {
        var fit = LeastSquares.FitRidge([], 4, 0, [1.0, 2.0, 3.0, 10.0], alpha: 5);
        Assert.Empty(fit.Weights);
        Assert.Equal(4.0, fit.Bias);
        Assert.Equal(0.0, fit.EffectiveDegreesOfFreedom);
    }

    // ------------------------------------------------------------------ effective degrees of freedom

    [Fact]
    public void EffectiveDegreesOfFreedom_EqualsTheTraceOfTheHatMatrix()
    {
        // tr(X_c (X_cᵀX_c + αI)⁻¹ X_cᵀ) formed and traced with MathNet, for n > d and n < d
        foreach (var (n, d) in new[] { (40, 5), (10, 30) })
        {
            var data = SyntheticData.Linear(Enumerable.Repeat(1.0, d).ToArray(), 0, n, 1.0, seed: n);
            var xc = Centred(data);
            foreach (double alpha in new[] { 0.01, 1.0, 37.0 })
            {
                var hat = xc * (xc.TransposeThisAndMultiply(xc) + alpha * Matrix<double>.Build.DenseIdentity(d)).Inverse() * xc.Transpose();
                Assert.Equal(hat.Trace(), LeastSquares.FitRidge(data, alpha).EffectiveDegreesOfFreedom, 1e-10);
            }
        }
    }

    [Fact]
    public void EffectiveDegreesOfFreedom_HandExample_SingularValuesThreeAndOne()
    {
        // X_c = [[3, 0], [0, 1], [−3, 0], [0, −1]] / √2 … built so that X_cᵀX_c = diag(9, 1): d = (3, 1).
        // df(α = 1) = 9/10 + 1/2 = 1.4; df(α = 9) = 9/18 + 1/10 = 0.6.
        double s = 3 / Math.Sqrt(2), t = 1 / Math.Sqrt(2);
        double[] x = [s, 0, 0, t, -s, 0, 0, -t];
        double[] y = [1, 2, 3, 4];
        Assert.Equal(1.4, LeastSquares.FitRidge(x, 4, 2, y, 1).EffectiveDegreesOfFreedom, 1e-14);
        Assert.Equal(0.6, LeastSquares.FitRidge(x, 4, 2, y, 9).EffectiveDegreesOfFreedom, 1e-14);
        Assert.Equal([3.0, 1.0], LeastSquares.FitRidge(x, 4, 2, y, 9).SingularValues, (a, b) => Math.Abs(a - b) < 1e-14);
    }

    [Fact]
    public void EffectiveDegreesOfFreedom_MoreFeaturesThanRows_TendsToNMinusOneAsAlphaShrinks()
    {
        var data = SyntheticData.Linear(Enumerable.Repeat(0.01, 200).ToArray(), 0.05, 20, 0.01, seed: 3);
        Assert.Equal(19.0, LeastSquares.FitRidge(data, 1e-12).EffectiveDegreesOfFreedom, 1e-9);
        Assert.InRange(LeastSquares.FitRidge(data, 1e12).EffectiveDegreesOfFreedom, 0, 1e-6);
    }

    // ------------------------------------------------------------------ the weight-decay scale

    [Fact]
    public void FitRidge_AlphaNLambda_IsTheLimitOfFullBatchGradientDescentWithWeightDecayLambda()
    {
        // Sgd(weightDecay: λ) on the mean ½-squared loss descends L + (λ/2)‖w‖² (bias not decayed); full-batch GD
        // converges to its minimizer, which must be FitRidge with α = n·λ.
        var data = SyntheticData.Linear([1.5, -2.0, 0.5], 3.0, 50, 0.3, seed: 1);
        const double lambda = 0.4;
        var model = new Linear(3, seed: 0);
        var trainer = new Trainer(model, new SquaredLoss(), new Sgd(model.Parameters, 0.3, weightDecay: lambda));
        trainer.Fit([Batch.FromDataset(data)], epochs: 600);

        var fit = LeastSquares.FitRidge(data, data.Count * lambda);

        Assert.Equal(lambda, fit.WeightDecay, 1e-15);
        for (int j = 0; j < 3; j++) Assert.Equal(fit.Weights[j], model.Weight.Value[j], 1e-10);
        Assert.Equal(fit.Bias, model.Bias.Value[0], 1e-10);
    }

    [Fact]
    public void Predict_DatasetAndRow_GiveXwPlusB()
    {
        var data = SyntheticData.Linear([1.5, -2.0], 3.0, 10, 0.3, seed: 2);
        var fit = LeastSquares.FitRidge(data, 2.0);
        double[] yHat = fit.Predict(data);
        for (int i = 0; i < data.Count; i++)
            Assert.Equal(fit.Bias + fit.Weights[0] * data.Row(i)[0] + fit.Weights[1] * data.Row(i)[1], yHat[i], 1e-14);
        Assert.Equal(fit.ResidualSumOfSquares, yHat.Zip(data.Y, (p, v) => (p - v) * (p - v)).Sum(), 1e-12);
        Assert.Equal(fit.ResidualSumOfSquares + 2.0 * (fit.Weights[0] * fit.Weights[0] + fit.Weights[1] * fit.Weights[1]), fit.Objective, 1e-12);
    }

    // ------------------------------------------------------------------ bad input

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void FitRidge_BadAlpha_ThrowsNamingAlpha(double alpha)
    {
        var data = SyntheticData.Linear([1.0], 0, 5, 0.1, seed: 0);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => LeastSquares.FitRidge(data, alpha));
        Assert.Equal("alpha", ex.ParamName);
        Assert.Contains(Format.Num(alpha), ex.Message);
    }

    [Fact]
    public void FitRidge_AlphaZeroWithMoreFeaturesThanRows_ThrowsRankDeficientSuggestingAPositiveAlpha()
    {
        var data = SyntheticData.Linear(Enumerable.Repeat(0.01, 30).ToArray(), 0.05, 10, 0.01, seed: 3);
        var ex = Assert.Throws<RankDeficientException>(() => LeastSquares.FitRidge(data, 0));
        Assert.Equal(9, ex.Rank);                        // n − 1 after centring
        Assert.Contains("at most n − 1 = 9", ex.Message);
        Assert.Contains("alpha > 0", ex.Message);
    }

    [Fact]
    public void FitRidge_AlphaZeroWithAConstantColumn_SaysTheColumnIsConstant()
    {
        var data = Dataset.FromRows([[1.0, 7.0], [2.0, 7.0], [3.0, 7.0], [5.0, 7.0]], [1.0, 2.0, 2.0, 4.0]);
        var ex = Assert.Throws<RankDeficientException>(() => LeastSquares.FitRidge(data, 0));
        Assert.Contains("column 1 (x1) is constant", ex.Message);
        Assert.Equal([1], ex.DependentColumns);
        // with a penalty the constant column simply gets weight 0
        Assert.Equal(0.0, LeastSquares.FitRidge(data, 1.0).Weights[1]);
    }

    [Fact]
    public void FitRidge_ShapeOrValueProblems_ThrowNamingTheArgument()
    {
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => LeastSquares.FitRidge(new double[5], 2, 2, new double[2], 1)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => LeastSquares.FitRidge(new double[4], 2, 2, new double[3], 1)).ParamName);
        var nan = Assert.Throws<ArgumentException>(() => LeastSquares.FitRidge([1, double.NaN, 3, 4], 2, 2, [1.0, 2.0], 1));
        Assert.Contains("x[row 0, column 1] is NaN", nan.Message);
        Assert.Throws<ArgumentNullException>(() => LeastSquares.FitRidge(null!, 1));
    }
}
