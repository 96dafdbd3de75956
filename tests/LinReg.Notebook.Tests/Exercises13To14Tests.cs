using LinReg.Data;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Notebook.Tests;

/// <summary>
/// The answers of the exercises of notebooks 13–14, each derived here independently of the answer table (a trace
/// computed numerically, moments of the uniform distribution, finite differences, a ridge solution solved with
/// MathNet), then fed to the reader's check, which must say "correct"; a nearby wrong value must not.
/// </summary>
public class Exercises13To14Tests
{
    private static string Verdict(string id, double value) => Check.Verdict(Exercises.ById[id], value);

    private static string Verdict(string id, IReadOnlyList<double> values) => Check.Verdict(Exercises.ById[id], values);

    // ------------------------------------------------------------------ 13

    [Fact]
    public void Answer_13_1_ExpectedTrainingMse_IsSigmaSquaredTimesTheTraceOfIMinusHOverN()
    {
        // y = Aβ + ε with A the degree-3 design: RSS = εᵀ(I − H)ε, so E[RSS] = σ² tr(I − H). The trace is computed here
        // from the hat matrix of a random design, not from the formula n − p.
        var rng = new Random(13);
        var a = Matrix<double>.Build.Dense(20, 4, (i, j) => 0.0);
        for (int i = 0; i < 20; i++)
        {
            double x = 2 * rng.NextDouble() - 1;
            for (int j = 0; j < 4; j++) a[i, j] = Math.Pow(x, j);
        }
        var hat = a * (a.TransposeThisAndMultiply(a)).Inverse() * a.Transpose();
        double expectedTrainingMse = 0.25 * 0.25 * (Matrix<double>.Build.DenseIdentity(20) - hat).Trace() / 20;
        Assert.Equal("✔ Exercise 13.1 correct", Verdict("13.1", expectedTrainingMse));
        Assert.StartsWith("✘ Exercise 13.1", Verdict("13.1", 0.0625));          // the noise floor itself, not the training error
    }

    [Fact]
    public void Answer_13_2_DegreeTwoPlateau_FromTheMomentsOfTheUniformDistribution()
    {
        // E[x^k] = 1/(k + 1) for even k, 0 for odd k on U[−1, 1]. The best quadratic c solves G c = h with
        // G_jk = E[x^(j+k)], h_j = E[x^j f]; its squared error is E[f²] − hᵀc.
        double M(int k) => k % 2 == 1 ? 0 : 1.0 / (k + 1);
        double[] f = [1, -3, 1, 4];
        var g = Matrix<double>.Build.Dense(3, 3, (j, k) => M(j + k));
        var h = Vector<double>.Build.Dense(3, j => Enumerable.Range(0, 4).Sum(i => f[i] * M(i + j)));
        double ef2 = Enumerable.Range(0, 4).Sum(i => Enumerable.Range(0, 4).Sum(k => f[i] * f[k] * M(i + k)));
        double plateau = 0.25 * 0.25 + ef2 - h.DotProduct(g.Solve(h));
        Assert.Equal("✔ Exercise 13.2 correct", Verdict("13.2", plateau));
        Assert.StartsWith("✘ Exercise 13.2", Verdict("13.2", plateau - 0.0625));   // forgot the noise
    }

    [Fact]
    public void Answer_13_3_FoldSizes_ByDealingTheRowsOutOneAtATime()
    {
        // Deal 23 rows round-robin into 5 folds: the first folds receive the extra rows.
        var sizes = new double[5];
        for (int row = 0; row < 23; row++) sizes[row % 5]++;
        Assert.Equal("✔ Exercise 13.3 correct", Verdict("13.3", sizes));
        Assert.Equal(sizes, new KFold(23, 5, seed: 0).FoldSizes.Select(s => (double)s));
        Assert.StartsWith("✘ Exercise 13.3", Verdict("13.3", [4.0, 4.0, 5.0, 5.0, 5.0]));
    }

    // ------------------------------------------------------------------ 14

    [Fact]
    public void Answer_14_1_DecayedStep_FromFiniteDifferencesOfThePenalizedObjective()
    {
        // J(w, b) = 1/(2·2) Σ (w xᵢ + b − yᵢ)² + (λ/2) w² on the batch (1, 2), (3, 6), λ = 1; central differences.
        double J(double w, double b) => ((w * 1 + b - 2) * (w * 1 + b - 2) + (w * 3 + b - 6) * (w * 3 + b - 6)) / 4 + 0.5 * 1.0 * w * w;
        const double h = 1e-6;
        double gw = (J(1 + h, 0) - J(1 - h, 0)) / (2 * h), gb = (J(1, h) - J(1, -h)) / (2 * h);
        double[] step = [1 - 0.1 * gw, 0 - 0.1 * gb];
        Assert.Equal("✔ Exercise 14.1 correct", Verdict("14.1", step));
        Assert.StartsWith("✘ Exercise 14.1", Verdict("14.1", [1.5, 0.2]));      // the undecayed step
    }

    [Fact]
    public void Answer_14_2_DegreesOfFreedom_AsTheTraceOfTheRidgeHatMatrix()
    {
        // X_c with orthogonal centred columns of squared norms 9 and 1 (n = 10); α = nλ = 1; df = tr(X_c (X_cᵀX_c + αI)⁻¹ X_cᵀ).
        var xc = Matrix<double>.Build.Dense(10, 2);
        xc[0, 0] = 3 / Math.Sqrt(2); xc[1, 0] = -3 / Math.Sqrt(2);
        xc[2, 1] = 1 / Math.Sqrt(2); xc[3, 1] = -1 / Math.Sqrt(2);
        var gram = xc.TransposeThisAndMultiply(xc);
        Assert.Equal([9.0, 0.0, 0.0, 1.0], gram.ToColumnMajorArray(), (a, b) => Math.Abs(a - b) < 1e-12);
        var hat = xc * (xc.TransposeThisAndMultiply(xc) + 10 * 0.1 * Matrix<double>.Build.DenseIdentity(2)).Inverse() * xc.Transpose();
        Assert.Equal("✔ Exercise 14.2 correct", Verdict("14.2", hat.Trace()));
        Assert.StartsWith("✘ Exercise 14.2", Verdict("14.2", 9 / 9.1 + 1 / 1.1));   // λ used without the factor n
    }

    [Fact]
    public void Answer_14_3_WeightDecays_ReadOffTheStationarityConditionAtTheRidgeSolution()
    {
        // Solve ridge with α = 10 (intercept free) by MathNet on the augmented system [1 X; 0 √α I] θ ≈ [y; 0]. At its
        // solution the book's gradient (1/n) X̃ᵀr must cancel λw, and nn.MSELoss's (2/n) X̃ᵀr must cancel λw: read λ off.
        var data = SyntheticData.Linear([1.0, -2.0, 0.5], 0.7, 50, 0.5, seed: 4);
        int n = 50, d = 3;
        const double alpha = 10;
        var aug = Matrix<double>.Build.Dense(n + d, d + 1, (i, j) =>
            i < n ? (j == 0 ? 1.0 : data.X[i * d + j - 1]) : (j == i - n + 1 ? Math.Sqrt(alpha) : 0.0));
        var rhs = Vector<double>.Build.Dense(n + d, i => i < n ? data.Y[i] : 0.0);
        var theta = aug.QR().Solve(rhs);
        var design = aug.SubMatrix(0, n, 0, d + 1);
        var residual = design * theta - Vector<double>.Build.Dense(data.Y);      // r = ŷ − y
        var xtr = design.TransposeThisAndMultiply(residual);
        Assert.Equal(0, xtr[0], 1e-9);                                            // the free intercept: Σ r = 0
        double lambdaHalf = -xtr[1] / n / theta[1], lambdaMse = -2 * xtr[1] / n / theta[1];
        Assert.Equal(lambdaHalf, -xtr[2] / n / theta[2], 1e-9);                   // the same λ from every weight
        Assert.Equal("✔ Exercise 14.3 correct", Verdict("14.3", [lambdaHalf, lambdaMse]));
        Assert.StartsWith("✘ Exercise 14.3", Verdict("14.3", [lambdaMse, lambdaHalf]));
    }
}
