using LinReg.Probability;

namespace LinReg.Notebook.Tests;

/// <summary>
/// The answers of notebook 12's exercises, each derived here independently of the answer table and of the library's
/// MLP (a count by the shapes, a central finite difference of the loss written out, the least-squares constant of
/// regenerated data), then fed to the reader's check, which must say "correct"; a nearby wrong value must not.
/// </summary>
public class Exercises12Tests
{
    private static string Verdict(string id, double value) => Check.Verdict(Exercises.ById[id], value);

    private static void AssertCorrect(string id, double value) => Assert.Equal($"✔ Exercise {id} correct", Verdict(id, value));

    private static void AssertWrong(string id, double value) => Assert.StartsWith($"✘ Exercise {id} not yet", Verdict(id, value));

    [Fact]
    public void Answer_12_1_ParameterCount_FromTheShapes()
    {
        // d = 12 inputs: the 8 numeric columns of the housing CSV besides the target and the 4 one-hot indicators of
        // ocean_proximity's 5 categories (one is the reference)
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "LinRegNotebooks.sln"))) dir = Path.GetDirectoryName(dir);
        string header = File.ReadLines(Path.Combine(dir!, "data", "housing", "housing.csv")).First();
        int numeric = header.Split(',').Length - 2;   // all columns but median_house_value and ocean_proximity
        int d = numeric + (5 - 1), h = 32;
        Assert.Equal(12, d);
        int count = h * d /* W₁ */ + h /* b₁ */ + h /* w₂ */ + 1 /* b₂ */;
        AssertCorrect("12.1", count);
        AssertWrong("12.1", h * d + h + 1);   // forgetting b₁ or w₂
    }

    [Fact]
    public void Answer_12_2_ChainRuleByHand_EqualsACentralDifference()
    {
        // L(w₁) = ½(0.5 + 2·tanh(0.5·w₁ + 0) − 1)², differentiated numerically at w₁ = 1
        static double Loss(double w1) => 0.5 * Math.Pow(0.5 + 2 * Math.Tanh(0.5 * w1) - 1, 2);
        const double h = 1e-5;
        double numeric = (Loss(1 + h) - Loss(1 - h)) / (2 * h);
        AssertCorrect("12.2", numeric);
        AssertWrong("12.2", numeric / 0.5);   // forgetting the factor ∂z/∂w₁ = x = 0.5
    }

    [Fact]
    public void Answer_12_3_ZeroInitLimit_IsTheMeanTrainingTarget()
    {
        // notebook 09's generator, case 2, seed 2: x uniform on [−2, 2] from Random(2) (a group draw after each x),
        // noise from NormalSampler(3), y = 1 + 2x + 0.8x² + 0.5ε
        var uniform = new Random(2);
        var normal = new NormalSampler(3);
        double sum = 0;
        for (int i = 0; i < 600; i++)
        {
            double x = -2 + 4 * uniform.NextDouble();
            _ = uniform.NextDouble();
            sum += 1 + 2 * x + 0.8 * x * x + 0.5 * normal.Next();
        }
        double mean = sum / 600;
        // full-batch gradient descent on b alone: b ← b − η·(2/n)Σ(b − yᵢ) converges to the minimizer of Σ(b − yᵢ)²
        double b = 0;
        for (int step = 0; step < 2000; step++) b -= 0.1 * 2 * (b - mean);
        AssertCorrect("12.3", b);
        AssertWrong("12.3", 1 + 0.8 * 4.0 / 3);   // the population mean E[y] = 1 + 0.8·E[x²], not this sample's
    }
}
