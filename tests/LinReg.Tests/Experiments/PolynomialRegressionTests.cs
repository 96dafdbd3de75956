using CsCheck;
using LinReg.Experiments;
using LinReg.Solvers;

namespace LinReg.Tests.Experiments;

/// <summary>
/// PolynomialRegression against independent answers: a cubic through exact points, MathNet's own polynomial fit
/// (Fit.Polynomial, a QR on the raw powers), the mean for degree 0, and the nesting of the model family (a higher
/// degree never fits the training points worse).
/// </summary>
public class PolynomialRegressionTests
{
    private const string Seed = "0N0XIzNsQ0O2";

    private static double Horner(IReadOnlyList<double> c, double x)
    {
        double s = 0;
        for (int j = c.Count - 1; j >= 0; j--) s = s * x + c[j];
        return s;
    }

    [Fact]
    public void Fit_NoiselessCubic_RecoversItsCoefficients()
    {
        double[] truth = [1, -3, 1, 4];
        double[] x = Enumerable.Range(0, 9).Select(i => -1 + 0.25 * i).ToArray();
        double[] y = x.Select(v => Horner(truth, v)).ToArray();

        var fit = PolynomialRegression.Fit(x, y, 3);

        Assert.Equal(truth, fit.Coefficients, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(Horner(truth, 0.3), fit.Predict(0.3), 1e-12);
    }

    [Fact]
    public void Fit_RandomData_MatchesMathNetPolynomialFit_AndPredictEvaluatesTheCoefficients()
    {
        Gen.Select(Gen.Int[0, 6], Gen.Int[0, 1000]).Sample((degree, seed) =>
        {
            var rng = new Random(seed);
            double[] x = Enumerable.Range(0, 25).Select(_ => 2 * rng.NextDouble() - 1).ToArray();
            double[] y = x.Select(v => Math.Sin(3 * v) + 0.3 * rng.NextDouble()).ToArray();

            var fit = PolynomialRegression.Fit(x, y, degree);
            double[] reference = MathNet.Numerics.Fit.Polynomial(x, y, degree);

            Assert.Equal(reference, fit.Coefficients, (a, b) => Math.Abs(a - b) < 1e-9 * (1 + Math.Abs(b)));
            foreach (double t in new[] { -0.9, 0.0, 0.37 }) Assert.Equal(Horner(fit.Coefficients, t), fit.Predict(t), 1e-10);
        }, iter: 100, seed: Seed);
    }

    [Fact]
    public void Fit_DegreeZero_IsTheMean()
    {
        var fit = PolynomialRegression.Fit([0.0, 1.0, 5.0], [1.0, 2.0, 6.0], 0);
        Assert.Equal([3.0], fit.Coefficients);
        Assert.Equal([3.0, 3.0], fit.Predict([-7.0, 100.0]));
        Assert.Equal("degree 0: ŷ = 3", fit.ToString());
    }

    [Fact]
    public void TrainingError_NeverRisesWithTheDegree()
    {
        // The degree-k family contains the degree-(k−1) family, so the least-squares training error cannot go up.
        var rng = new Random(5);
        double[] x = Enumerable.Range(0, 30).Select(_ => 2 * rng.NextDouble() - 1).ToArray();
        double[] y = x.Select(v => 1 - 3 * v + v * v + 4 * v * v * v + 0.25 * (rng.NextDouble() - 0.5)).ToArray();
        double previous = double.PositiveInfinity;
        for (int k = 0; k <= 15; k++)
        {
            var fit = PolynomialRegression.Fit(x, y, k);
            double rss = fit.Predict(x).Zip(y, (p, v) => (p - v) * (p - v)).Sum();
            Assert.True(rss <= previous * (1 + 1e-12), $"degree {k}: RSS {rss} > {previous}");
            previous = rss;
        }
    }

    [Fact]
    public void ToString_WritesThePolynomialWithSuperscripts()
    {
        double[] x = [-1, 0, 1, 2];
        var fit = PolynomialRegression.Fit(x, x.Select(v => 1 - 3 * v + 0.5 * v * v + 4 * v * v * v).ToArray(), 3);
        Assert.Equal("degree 3: ŷ = 1 − 3x + 0.5x² + 4x³", fit.ToString());
    }

    [Fact]
    public void Fit_BadInput_ThrowsNamingTheArgument()
    {
        Assert.Equal("degree", Assert.Throws<ArgumentOutOfRangeException>(() => PolynomialRegression.Fit([1.0], [1.0], -1)).ParamName);
        var few = Assert.Throws<ArgumentException>(() => PolynomialRegression.Fit([1.0, 2.0], [1.0, 2.0], 2));
        Assert.Contains("3 coefficients but there are only 2 points", few.Message);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => PolynomialRegression.Fit([1.0, 2.0], [1.0], 1)).ParamName);
        Assert.Contains("x[1] is NaN", Assert.Throws<ArgumentException>(() => PolynomialRegression.Fit([1.0, double.NaN], [1.0, 2.0], 1)).Message);
        Assert.Throws<RankDeficientException>(() => PolynomialRegression.Fit([1.0, 1.0, 2.0, 2.0], [1.0, 2.0, 3.0, 4.0], 2));
    }
}
