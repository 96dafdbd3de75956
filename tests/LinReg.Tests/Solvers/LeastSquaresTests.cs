using CsCheck;
using LinReg.Data;
using LinReg.Solvers;
using LinReg.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Tests.Solvers;

/// <summary>
/// The four solvers on small problems whose answers are known independently: the seed's hand calculation,
/// closed forms, and <see cref="ExactLeastSquares"/> (exact rational arithmetic on the same doubles).
/// </summary>
public class LeastSquaresTests
{
    private const string Seed = "0N0XIzNsQ0O2";

    public static TheoryData<LeastSquaresMethod> AllMethods => new(Enum.GetValues<LeastSquaresMethod>());

    public static TheoryData<LeastSquaresMethod> FullRankMethods =>
        new(LeastSquaresMethod.NormalEquations, LeastSquaresMethod.Qr, LeastSquaresMethod.RefinedQr);

    // ------------------------------------------------------------------ the seed's worked example 2

    [Theory]
    [MemberData(nameof(AllMethods))]
    public void Fit_WorkedExample2_GivesTwoPointSixAndOrthogonalResidual(LeastSquaresMethod method)
    {
        // Seed, worked example 2: X = [1; 2], y = [3; 5], no bias: XᵀX = 5, Xᵀy = 13, w* = 13/5 = 2.6,
        // ŷ = (2.6, 5.2), r = ŷ − y = (−0.4, 0.2), Xᵀr = 1·(−0.4) + 2·0.2 = 0.
        double[] x = [1, 2], y = [3, 5];

        var fit = LeastSquares.Fit(x, 2, 1, y, method, fitIntercept: false);

        Assert.Equal(2.6, fit.Weights[0], 1e-15);
        Assert.Equal(0.0, fit.Bias);
        double r0 = x[0] * fit.Weights[0] - y[0], r1 = x[1] * fit.Weights[0] - y[1];
        Assert.Equal(-0.4, r0, 1e-14);
        Assert.Equal(0.2, r1, 1e-14);
        Assert.Equal(0.0, 1 * r0 + 2 * r1, 1e-14);
        Assert.Equal(0.2, fit.ResidualSumOfSquares, 1e-14); // 0.16 + 0.04
        Assert.Equal(1, fit.Rank);
        Assert.Equal(1.0, fit.ConditionNumber, 1e-12); // one column: σ₁/σ₁
    }

    /// <summary>
    /// The same kind as RidgeTests.FitRidge_TinyColumnUnderLargeAlpha_RefinementRecoversTheWeight, without ridge: y
    /// almost orthogonal to the one column, so the plain QR solve rounds Qᵀy to exactly 0 and only refinement can find
    /// the weight. Exact answer by the closed form of one column without intercept: w = xᵀy / xᵀx = 1e-20 / 3.
    /// </summary>
    [Fact]
    public void Fit_RefinedQr_ZeroFirstSolveOfANonzeroAnswer_IsRefined()
    {
        var fit = LeastSquares.Fit([1.0, 1.0, 1.0], 3, 1, [-1.0, 1.0, 1e-20], LeastSquaresMethod.RefinedQr, fitIntercept: false);
        Assert.Equal(1e-20 / 3, fit.Weights[0], 1e-20 / 3 * 1e-14);
    }

    [Fact]
    public void ExactSolve_WorkedExample2_IsThirteenFifths()
    {
        var fit = ExactLeastSquares.Solve(new double[] { 1, 2 }, 2, 1, new double[] { 3, 5 }, fitIntercept: false);

        Assert.Equal(new Rational(13, 5), fit.Weights[0]);
        Assert.Equal("13/5", fit.Weights[0].ToString());
        Assert.Equal(["-2/5", "1/5"], fit.Residuals.Select(r => r.ToString()));
        Assert.All(fit.Orthogonality, v => Assert.True(v.IsZero, $"Xᵀr = {v}"));
        Assert.Equal(new Rational(1, 5), fit.ResidualSumOfSquares);
        Assert.Equal(Rational.Zero, fit.Bias);
        Assert.Equal([2.6], fit.WeightsAsDoubles());
    }

    [Fact]
    public void ExactSolve_DecimalStrings_GiveExactFractions()
    {
        // y = 0.1 + 0.2x exactly on x = 0, 1, 2: b = 1/10, w = 1/5 (not their binary approximations).
        var fit = ExactLeastSquares.Solve(["0", "1", "2"], 3, 1, ["0.1", "0.3", "0.5"]);

        Assert.Equal("1/10", fit.Bias.ToString());
        Assert.Equal("1/5", fit.Weights[0].ToString());
        Assert.True(fit.ResidualSumOfSquares.IsZero);
    }

    // ------------------------------------------------------------------ closed forms

    [Theory]
    [MemberData(nameof(AllMethods))]
    public void Fit_ExactLineWithIntercept_RecoversSlopeAndIntercept(LeastSquaresMethod method)
    {
        // y = 3 + 2x exactly.
        double[] x = [0, 1, 2, 3, 4], y = [3, 5, 7, 9, 11];

        var fit = LeastSquares.Fit(x, 5, 1, y, method);

        Assert.Equal(2.0, fit.Weights[0], 1e-13);
        Assert.Equal(3.0, fit.Bias, 1e-13);
        Assert.True(fit.ResidualSumOfSquares < 1e-25);
        Assert.Equal(1.0, fit.RSquared, 1e-14);
        Assert.Equal(2, fit.Rank);
        Assert.Equal(2, fit.Columns);
    }

    [Theory]
    [MemberData(nameof(AllMethods))]
    public void Fit_NoColumnsWithIntercept_ReturnsTheMean(LeastSquaresMethod method)
    {
        // Only b: argmin Σ(yᵢ − b)² = mean(y) = 3; RSS = 4 + 1 + 9 = 14; TSS = RSS (R² = 0).
        var fit = LeastSquares.Fit([], 3, 0, [1, 2, 6], method);

        Assert.Equal(3.0, fit.Bias, 1e-14);
        Assert.Empty(fit.Weights);
        Assert.Equal(14.0, fit.ResidualSumOfSquares, 1e-13);
        Assert.Equal(0.0, fit.RSquared, 1e-14);
    }

    [Theory]
    [MemberData(nameof(AllMethods))]
    public void Fit_OrthogonalColumnsOfNorms1And10_ReportsConditionNumber10(LeastSquaresMethod method)
    {
        // X = [[1, 0], [0, 10], [0, 0]]: singular values 10 and 1, so cond(X) = 10, cond(XᵀX) = 100; after scaling
        // each column to unit norm the columns are orthonormal: scaled cond = 1. Solution: w = (1, 0.2).
        double[] x = [1, 0, 0, 10, 0, 0], y = [1, 2, 3];

        var fit = LeastSquares.Fit(x, 3, 2, y, method, fitIntercept: false);

        Assert.Equal(10.0, fit.ConditionNumber, 1e-12);
        Assert.Equal(100.0, fit.GramConditionNumber, 1e-10);
        Assert.Equal(1.0, fit.ScaledConditionNumber, 1e-12);
        Assert.Equal([10.0, 1.0], fit.SingularValues.Select(s => Math.Round(s, 12)));
        Assert.Equal(1.0, fit.Weights[0], 1e-15);
        Assert.Equal(0.2, fit.Weights[1], 1e-15);
        Assert.Equal(9.0, fit.ResidualSumOfSquares, 1e-13); // r = (0, 0, 3)
        Assert.Null(fit.Warning);
    }

    [Fact]
    public void Svd_DuplicatedColumn_ReturnsMinimumNormSplit()
    {
        // X = [x, x], x = (1, 2, 3), y = (1, 2, 2). Any w with w₀ + w₁ = β = xᵀy/xᵀx = 11/14 fits; the minimum-norm
        // one splits it evenly: w = (11/28, 11/28).
        double[] x = [1, 1, 2, 2, 3, 3], y = [1, 2, 2];

        var fit = LeastSquares.Fit(x, 3, 2, y, LeastSquaresMethod.Svd, fitIntercept: false);

        Assert.Equal(1, fit.Rank);
        Assert.Equal(11.0 / 28, fit.Weights[0], 1e-15);
        Assert.Equal(11.0 / 28, fit.Weights[1], 1e-15);
        Assert.True(double.IsPositiveInfinity(fit.ConditionNumber) || fit.ConditionNumber > 1e15);
    }

    [Fact]
    public void Svd_FewerRowsThanColumns_ReturnsMinimumNormSolution()
    {
        // One equation 3w₀ + 4w₁ = 5: the minimum-norm solution is x·y/‖x‖² = (3, 4)·5/25 = (0.6, 0.8).
        var fit = LeastSquares.Fit([3, 4], 1, 2, [5], LeastSquaresMethod.Svd, fitIntercept: false);

        Assert.Equal(0.6, fit.Weights[0], 1e-15);
        Assert.Equal(0.8, fit.Weights[1], 1e-15);
        Assert.Equal(1, fit.Rank);
        Assert.True(double.IsPositiveInfinity(fit.ConditionNumber));
        Assert.Equal(0.0, fit.ResidualSumOfSquares, 1e-28);
    }

    // ------------------------------------------------------------------ agreement with exact arithmetic

    private static readonly Gen<(int N, int D, double[] X, double[] Y, bool Intercept)> WellConditioned =
        from d in Gen.Int[1, 5]
        from n in Gen.Int[3 * d + 6, 60]
        from x in Gen.Double[-3, 3].Array[n * d]
        from w in Gen.Double[-2, 2].Array[d]
        from noise in Gen.Double[-0.5, 0.5].Array[n]
        from intercept in Gen.Bool
        select (n, d, x, Enumerable.Range(0, n).Select(i => 1.5 + noise[i] + Enumerable.Range(0, d).Sum(j => x[i * d + j] * w[j])).ToArray(), intercept);

    [Fact]
    public void Fit_RandomWellConditionedProblems_AllMethodsAgreeWithExactArithmetic()
    {
        WellConditioned.Sample(p =>
        {
            var exact = ExactLeastSquares.Solve(p.X, p.N, p.D, p.Y, p.Intercept);
            var truth = exact.WeightsAsDoubles().Append(exact.Bias.ToDouble()).ToArray();
            double scale = truth.Max(Math.Abs);
            foreach (var (method, tol) in new[]
                     {
                         (LeastSquaresMethod.NormalEquations, 1e-11), (LeastSquaresMethod.Qr, 1e-13),
                         (LeastSquaresMethod.Svd, 1e-13), (LeastSquaresMethod.RefinedQr, 4e-16),
                     })
            {
                var fit = LeastSquares.Fit(p.X, p.N, p.D, p.Y, method, p.Intercept);
                var got = fit.Weights.Append(fit.Bias).ToArray();
                double err = got.Zip(truth, (a, b) => Math.Abs(a - b)).Max() / scale;
                Assert.True(err <= tol, $"{method}: max error {err:G3} > {tol:G1} (n={p.N}, d={p.D}, cond {fit.ConditionNumber:G3})");
                Assert.Equal(p.D + (p.Intercept ? 1 : 0), fit.Rank);
                Assert.Null(fit.Warning);
                Assert.Equal(exact.ResidualSumOfSquares.ToDouble(), fit.ResidualSumOfSquares, 1e-9 * exact.ResidualSumOfSquares.ToDouble());
            }
        }, iter: 40, seed: Seed);
    }

    private static (double[] X, double[] Y) NearlyCollinear(double delta, int n = 30, int seed = 7) =>
        TestDesigns.NearlyCollinear(delta, n, seed);

    [Fact]
    public void RefinedQr_NearlyCollinearCond1e10_StillMatchesExactTo13Digits()
    {
        var (x, y) = NearlyCollinear(1e-9);
        var exact = ExactLeastSquares.Solve(x, 30, 3, y);
        var truth = exact.WeightsAsDoubles().Prepend(exact.Bias.ToDouble()).ToArray();

        var refined = LeastSquares.Fit(x, 30, 3, y);
        var qr = LeastSquares.Fit(x, 30, 3, y, LeastSquaresMethod.Qr);

        var lre = refined.Weights.Prepend(refined.Bias).Select((v, k) => NistDataset.Lre(v, truth[k])).ToArray();
        Assert.True(lre.All(v => v >= 13), $"RefinedQr LRE vs exact: {string.Join(", ", lre.Select(v => v.ToString("F1")))}");
        Assert.True(refined.ScaledConditionNumber > 1e8, $"scaled cond {refined.ScaledConditionNumber:G3}");
        double qrMin = qr.Weights.Prepend(qr.Bias).Select((v, k) => NistDataset.Lre(v, truth[k])).Min();
        Assert.True(qrMin < 12, $"plain QR LRE {qrMin:F1}: the test must be hard enough for refinement to matter");
    }

    [Fact]
    public void NormalEquations_NearlyCollinearCond1e10_ThrowsInsteadOfReturningNoise()
    {
        // cond(X) ≈ 1e10 after scaling → cond(XᵀX) ≈ 1e20 ≫ 1/ε: the Gram matrix carries no information about the
        // third column's independent part.
        var (x, y) = NearlyCollinear(1e-9);

        var ex = Assert.Throws<RankDeficientException>(() => LeastSquares.Fit(x, 30, 3, y, LeastSquaresMethod.NormalEquations));

        Assert.Contains("column 2", ex.Message);
        Assert.Contains("columns 0 and 1", ex.Message);
        Assert.Equal([2], ex.DependentColumns);
        Assert.True(ex.ConditionNumber > 1e8);
    }

    [Fact]
    public void NormalEquations_ModeratelyIllConditioned_SetsWarningButQrDoesNot()
    {
        // δ = 1e-4: scaled cond(X) ≈ 1e5, cond(XᵀX) ≈ 1e10 > 1e6.
        var (x, y) = NearlyCollinear(1e-4);

        var ne = LeastSquares.Fit(x, 30, 3, y, LeastSquaresMethod.NormalEquations);
        var qr = LeastSquares.Fit(x, 30, 3, y, LeastSquaresMethod.Qr);
        var refined = LeastSquares.Fit(x, 30, 3, y);

        Assert.NotNull(ne.Warning);
        Assert.Contains("cond(XᵀX)", ne.Warning);
        Assert.Null(qr.Warning);
        Assert.Null(refined.Warning);
        Assert.Equal(refined.Weights[2], ne.Weights[2], 1e-3 * Math.Abs(refined.Weights[2]));
    }

    // ------------------------------------------------------------------ rank deficiency

    // col2 = col0 + col1 exactly (small integers, so exact in double too)
    private static readonly double[] CollinearX = [1, 2, 3, 2, 1, 3, 3, 5, 8, 4, 3, 7, 5, 8, 13, 0, 1, 1];
    private static readonly double[] CollinearY = [1, 2, 3, 4, 5, 6];

    [Theory]
    [MemberData(nameof(FullRankMethods))]
    public void Fit_ExactlyCollinearColumns_ThrowsNamingTheColumns(LeastSquaresMethod method)
    {
        var ex = Assert.Throws<RankDeficientException>(() => LeastSquares.Fit(CollinearX, 6, 3, CollinearY, method));

        Assert.Contains("singular", ex.Message);
        Assert.Contains("rank 3 of 4", ex.Message);
        Assert.Contains("column 2 is (numerically) a linear combination of columns 0 and 1", ex.Message);
        Assert.Contains("Svd", ex.Message);
        Assert.Equal(3, ex.Rank);
        Assert.Equal(4, ex.Columns);
        Assert.Equal([2], ex.DependentColumns);
        Assert.Equal(method, ex.Method);
        Assert.True(ex.ConditionNumber > 1e14, $"cond {ex.ConditionNumber:G3}");
        Assert.IsAssignableFrom<InvalidOperationException>(ex);
    }

    [Fact]
    public void ExactSolve_ExactlyCollinearColumns_ThrowsWithInfiniteCondition()
    {
        var ex = Assert.Throws<RankDeficientException>(() => ExactLeastSquares.Solve(CollinearX, 6, 3, CollinearY));

        Assert.Contains("column 2 is exactly a linear combination of columns 0 and 1", ex.Message);
        Assert.Contains("rank 3 of 4", ex.Message);
        Assert.True(double.IsPositiveInfinity(ex.ConditionNumber));
        Assert.Null(ex.Method);
    }

    [Fact]
    public void Svd_ExactlyCollinearColumns_ReturnsRankAndASolutionOfTheNormalEquations()
    {
        var fit = LeastSquares.Fit(CollinearX, 6, 3, CollinearY, LeastSquaresMethod.Svd);

        Assert.Equal(3, fit.Rank);
        // Aᵀr = 0 for A = [1 X]: the result is a least-squares solution.
        for (int c = -1; c < 3; c++)
        {
            double s = 0;
            for (int i = 0; i < 6; i++)
            {
                double r = CollinearY[i] - fit.Predict(CollinearX.AsSpan(i * 3, 3));
                s += (c < 0 ? 1 : CollinearX[i * 3 + c]) * r;
            }
            Assert.True(Math.Abs(s) < 1e-12, $"column {c}: Aᵀr = {s:G3}");
        }
        // and the minimum-norm one has no component along the null vector (0, 1, 1, −1) of A
        Assert.Equal(0.0, fit.Weights[0] + fit.Weights[1] - fit.Weights[2], 1e-13);
    }

    [Theory]
    [MemberData(nameof(FullRankMethods))]
    public void Fit_ConstantColumnWithIntercept_SaysItIsAMultipleOfTheIntercept(LeastSquaresMethod method)
    {
        double[] x = [5, 1, 5, 2, 5, 4, 5, 7], y = [1, 2, 3, 5];

        var ex = Assert.Throws<RankDeficientException>(() => LeastSquares.Fit(x, 4, 2, y, method));

        Assert.Contains("column 0 is (numerically) constant (a multiple of the intercept column)", ex.Message);
        Assert.Equal([0], ex.DependentColumns);
    }

    [Theory]
    [MemberData(nameof(FullRankMethods))]
    public void Fit_ZeroColumn_SaysItIsAllZeros(LeastSquaresMethod method)
    {
        double[] x = [1, 0, 2, 0, 4, 0], y = [1, 2, 3];

        var ex = Assert.Throws<RankDeficientException>(() => LeastSquares.Fit(x, 3, 2, y, method));

        Assert.Contains("column 1 is all zeros", ex.Message);
    }

    [Fact]
    public void Fit_DatasetWithNamedCollinearFeatures_NamesThemInTheMessage()
    {
        var data = new Dataset((double[])CollinearX.Clone(), (double[])CollinearY.Clone(), 3, ["rooms", "bathrooms", "total"]);

        var ex = Assert.Throws<RankDeficientException>(() => LeastSquares.Fit(data, LeastSquaresMethod.Qr));

        Assert.Contains("column 2 (total) is (numerically) a linear combination of column 0 (rooms) and column 1 (bathrooms)", ex.Message);
    }

    // ------------------------------------------------------------------ overloads agree

    [Theory]
    [MemberData(nameof(AllMethods))]
    public void Fit_AllInputForms_GiveIdenticalResults(LeastSquaresMethod method)
    {
        var (x, y) = NearlyCollinear(0.5, n: 12, seed: 3);
        var array2d = new double[12, 3];
        for (int i = 0; i < 12; i++)
            for (int j = 0; j < 3; j++) array2d[i, j] = x[i * 3 + j];

        var flat = LeastSquares.Fit(x, 12, 3, y, method);
        var twoD = LeastSquares.Fit(array2d, y, method);
        var mathNet = LeastSquares.Fit(Matrix<double>.Build.DenseOfArray(array2d), Vector<double>.Build.Dense(y), method);
        var dataset = LeastSquares.Fit(new Dataset(x, y, 3), method);

        foreach (var other in new[] { twoD, mathNet, dataset })
        {
            Assert.Equal(flat.Weights, other.Weights);
            Assert.Equal(flat.Bias, other.Bias);
        }
        if (method == LeastSquaresMethod.RefinedQr)
        {
            var dd = LeastSquares.FitDoubleDouble(x, null, 12, 3, y, null);
            Assert.Equal(flat.Weights, dd.Weights);
        }
    }

    // ------------------------------------------------------------------ bad input

    [Fact]
    public void Fit_NullArrays_ThrowArgumentNull()
    {
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => LeastSquares.Fit((double[])null!, 1, 1, [1])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentNullException>(() => LeastSquares.Fit([1.0], 1, 1, null!)).ParamName);
        Assert.Throws<ArgumentNullException>(() => LeastSquares.Fit((Dataset)null!));
        Assert.Throws<ArgumentNullException>(() => LeastSquares.Fit((double[,])null!, [1.0]));
    }

    [Fact]
    public void Fit_ZeroRows_ThrowsOutOfRangeQuotingValue()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => LeastSquares.Fit([], 0, 2, []));

        Assert.Equal("rows", ex.ParamName);
        Assert.Contains("rows = 0", ex.Message);
    }

    [Fact]
    public void Fit_NegativeColumns_ThrowsOutOfRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => LeastSquares.Fit([1.0], 1, -1, [1.0]));

        Assert.Equal("cols", ex.ParamName);
        Assert.Contains("-1", ex.Message);
    }

    [Fact]
    public void Fit_XLengthNotRowsTimesCols_ThrowsQuotingShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => LeastSquares.Fit(new double[5], 2, 3, [1, 2]));

        Assert.Equal("x", ex.ParamName);
        Assert.Contains("x has 5 values but rows × cols = 2 × 3 = 6", ex.Message);
    }

    [Fact]
    public void Fit_YLengthNotRows_ThrowsQuotingBoth()
    {
        var ex = Assert.Throws<ArgumentException>(() => LeastSquares.Fit([1, 2, 3, 4], 4, 1, [1, 2, 3]));

        Assert.Equal("y", ex.ParamName);
        Assert.Contains("X has 4 rows but y has 3 values", ex.Message);
    }

    [Fact]
    public void Fit_NaNInX_ThrowsNamingRowAndColumn()
    {
        double[] x = [1, 2, 3, 4, 5, double.NaN, 7, 8, 9, 1, 0, 0];

        var ex = Assert.Throws<ArgumentException>(() => LeastSquares.Fit(x, 4, 3, [1, 2, 3, 4]));

        Assert.Contains("x[row 1, column 2] is NaN", ex.Message);
    }

    [Fact]
    public void Fit_NaNInMathNetMatrix_ThrowsNamingRowAndColumn()
    {
        var m = Matrix<double>.Build.Dense(4, 3, 1.0);
        m[1, 2] = double.NegativeInfinity;

        var ex = Assert.Throws<ArgumentException>(() => LeastSquares.Fit(m, Vector<double>.Build.Dense(4, 1.0)));

        Assert.Contains("x[row 1, column 2] is -∞", ex.Message);
    }

    [Fact]
    public void Fit_InfinityInY_ThrowsNamingIndex()
    {
        var ex = Assert.Throws<ArgumentException>(() => LeastSquares.Fit([1, 2, 3, 4], 4, 1, [1, 2, 3, double.PositiveInfinity]));

        Assert.Contains("y[3] is +∞", ex.Message);
    }

    [Fact]
    public void Fit_MathNetShapesDisagree_ThrowsQuotingBoth()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            LeastSquares.Fit(Matrix<double>.Build.Dense(5, 2, 1.0), Vector<double>.Build.Dense(4, 1.0)));

        Assert.Contains("X has 5 rows but y has 4 values", ex.Message);
    }

    [Fact]
    public void Fit_UndefinedMethod_ThrowsOutOfRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => LeastSquares.Fit([1, 2], 2, 1, [1, 2], (LeastSquaresMethod)42));

        Assert.Equal("method", ex.ParamName);
        Assert.Contains("42", ex.Message);
    }

    [Fact]
    public void Fit_NoColumnsNoIntercept_ThrowsNothingToFit()
    {
        var ex = Assert.Throws<ArgumentException>(() => LeastSquares.Fit([], 2, 0, [1, 2], fitIntercept: false));

        Assert.Contains("Nothing to fit", ex.Message);
    }

    [Theory]
    [MemberData(nameof(FullRankMethods))]
    public void Fit_FewerRowsThanUnknowns_ThrowsSuggestingSvd(LeastSquaresMethod method)
    {
        var ex = Assert.Throws<ArgumentException>(() => LeastSquares.Fit([1, 2, 3, 4], 2, 2, [1, 2], method));

        Assert.Contains("X has 2 rows but there are 3 unknowns (2 columns + intercept)", ex.Message);
        Assert.Contains("Svd", ex.Message);
    }

    [Fact]
    public void FitDoubleDouble_LoPartsWithWrongShape_Throw()
    {
        var ex1 = Assert.Throws<ArgumentException>(() => LeastSquares.FitDoubleDouble([1, 2, 3], [0, 0], 3, 1, [1, 2, 3], null));
        var ex2 = Assert.Throws<ArgumentException>(() => LeastSquares.FitDoubleDouble([1, 2, 3], null, 3, 1, [1, 2, 3], [0]));

        Assert.Contains("xLo has 2 values but xHi has 3", ex1.Message);
        Assert.Contains("yLo has 1 values but yHi has 3", ex2.Message);
    }

    [Fact]
    public void Predict_WrongLength_ThrowsQuotingBoth()
    {
        var fit = LeastSquares.Fit([0, 1, 2], 3, 1, [1, 3, 5]);

        var ex = Assert.Throws<ArgumentException>(() => fit.Predict([1.0, 2.0]));

        Assert.Contains("x has 2 values but the model has 1 weights", ex.Message);
        Assert.Equal(7.0, fit.Predict([3.0]), 1e-13); // y = 1 + 2x
    }

    [Fact]
    public void ExactSolve_BadInputs_ThrowQuotingValues()
    {
        var nan = Assert.Throws<ArgumentException>(() => ExactLeastSquares.Solve(new[] { 1.0, double.NaN }, 2, 1, new[] { 1.0, 2.0 }));
        var text = Assert.Throws<FormatException>(() => ExactLeastSquares.Solve(["1", "abc"], 2, 1, ["1", "2"]));
        var shape = Assert.Throws<ArgumentException>(() => ExactLeastSquares.Solve(new[] { 1.0, 2.0 }, 2, 1, new[] { 1.0 }));
        var under = Assert.Throws<ArgumentException>(() => ExactLeastSquares.Solve(new[] { 1.0, 2.0 }, 1, 2, new[] { 1.0 }));

        Assert.Contains("x[row 1, column 0] is NaN", nan.Message);
        Assert.Contains("x[row 1, column 0] = \"abc\"", text.Message);
        Assert.Contains("X has 2 rows but y has 1 values", shape.Message);
        Assert.Contains("1 rows but there are 3 unknowns", under.Message);
        Assert.Throws<ArgumentNullException>(() => ExactLeastSquares.Solve((Rational[])null!, 1, 1, [Rational.One]));
    }
}
