using MathNet.Numerics.Distributions;

namespace LinReg.Notebook.Tests;

/// <summary>
/// The answers of notebook 16's exercises, each derived here independently of the answer table: by bisection on the
/// quantity the question names, by numerical integration instead of the notebook's closed form, and with MathNet's
/// distributions (not the library's own t quantile), then fed to the reader's check, which must say "correct"; a
/// nearby wrong value must not.
/// </summary>
public class Exercises16Tests
{
    private static string Verdict(string id, double value) => Check.Verdict(Exercises.ById[id], value);

    private static void AssertCorrect(string id, double value) => Assert.Equal($"✔ Exercise {id} correct", Verdict(id, value));

    private static void AssertWrong(string id, double value) => Assert.StartsWith($"✘ Exercise {id}", Verdict(id, value));

    /// <summary>The root of an increasing function on [lo, hi] by bisection.</summary>
    private static double Root(Func<double, double> f, double lo, double hi)
    {
        for (int k = 0; k < 200; k++)
        {
            double mid = (lo + hi) / 2;
            if (f(mid) < 0) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
    }

    [Fact]
    public void Answer_16_1_TheRowsThatHalveTheStandardError()
    {
        double sigma = 0.01, seAt1000 = sigma / Math.Sqrt(1000);
        double n = Root(m => seAt1000 / 2 - sigma / Math.Sqrt(m), 1000, 1e6); // SE falls as n grows
        AssertCorrect("16.1", Math.Round(n));
        AssertWrong("16.1", 2000);   // halving n's √, not n
    }

    [Fact]
    public void Answer_16_2_MilderFan_CoverageByNumericalIntegration()
    {
        // E[x² e^{2γx}] / E[e^{2γx}] for x ~ 𝒩(0, 1), γ = 0.3, by the trapezoid rule on [−12, 12] (no closed form used)
        double Integral(Func<double, double> f)
        {
            const int m = 200_000;
            double h = 24.0 / m, s = 0;
            for (int i = 0; i <= m; i++)
            {
                double x = -12 + i * h, w = i == 0 || i == m ? 0.5 : 1;
                s += w * f(x) * Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI);
            }
            return s * h;
        }
        double factor = Integral(x => x * x * Math.Exp(0.6 * x)) / Integral(x => Math.Exp(0.6 * x));
        double t = StudentT.InvCDF(0, 1, 997, 0.975);
        double coverage = 2 * Normal.CDF(0, 1, t / Math.Sqrt(factor)) - 1;
        AssertCorrect("16.2", coverage);
        AssertWrong("16.2", 2 * Normal.CDF(0, 1, t / Math.Sqrt(2.44)) - 1);   // the notebook's stronger fan: 0.79
        AssertWrong("16.2", 0.95);
    }

    [Fact]
    public void Answer_16_3_TQuantileWithTwoDegreesOfFreedom_ByBisectionOnItsDistributionFunction()
    {
        // ν = 2: P(|T| ≤ c) = c/√(c² + 2) (integrating the density (1 + t²/2)^(−3/2)/(2√2)); solve it for 0.95.
        double c = Root(x => x / Math.Sqrt(x * x + 2) - 0.95, 0, 100);
        AssertCorrect("16.3", c);
        AssertWrong("16.3", 1.96);   // the normal quantile: far too narrow with 2 degrees of freedom
        AssertWrong("16.3", StudentT.InvCDF(0, 1, 13, 0.975));   // n − p taken as 13
    }
}
