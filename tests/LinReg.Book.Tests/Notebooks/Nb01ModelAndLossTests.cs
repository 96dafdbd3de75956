using System.Reflection;
using LinReg.Book.Runner;
using LinReg.Book.Tests.Support;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Book.Tests.Notebooks;

/// <summary>
/// Runs one book notebook once (in-process) for all the tests of a class, and reads what its cells computed.
/// Used by the Nb01…Nb06 test classes.
/// </summary>
public abstract class BookNotebookFixture : IAsyncLifetime
{
    private readonly string _fileName;
    private NotebookRun? _run;

    protected BookNotebookFixture(string fileName) => _fileName = fileName;

    /// <summary>The finished run (every cell executed).</summary>
    public NotebookRun Run => _run ?? throw new InvalidOperationException($"{_fileName} has not been run.");

    public async Task InitializeAsync() => _run = await NotebookRunner.RunAsync(Path.Combine(TestPaths.RepoNotebooks, _fileName));

    public async Task DisposeAsync()
    {
        if (_run is not null) await _run.DisposeAsync();
    }

    /// <summary>A notebook variable of a BCL type (double, double[], string, …).</summary>
    public T Get<T>(string name) => Run.GetVariable<T>(name);

    /// <summary>
    /// A property path of a notebook object, e.g. ("separate", "Weight.Value"), read by reflection: the kernel loads
    /// LinReg.dll and MathNet from its own paths, so the test cannot cast the objects to its own copies of those types.
    /// Only the leaf must be a BCL type.
    /// </summary>
    public T Get<T>(string name, string path)
    {
        object? value = Run.GetVariable<object>(name);
        foreach (var part in path.Split('.'))
        {
            if (value is null) throw new InvalidOperationException($"{name}.{path}: null before '{part}'.");
            if (int.TryParse(part, out int index))
            {
                var indexer = value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .First(p => p.GetIndexParameters() is [{ ParameterType: var t }] && t == typeof(int));
                value = indexer.GetValue(value, [index]);
            }
            else
            {
                var property = value.GetType().GetProperty(part, BindingFlags.Public | BindingFlags.Instance)
                    ?? throw new InvalidOperationException($"{value.GetType().FullName} has no property '{part}' ({name}.{path}).");
                value = property.GetValue(value);
            }
        }
        return (T)value!;
    }

    /// <summary>Standard output of the first code cell whose source contains <paramref name="marker"/>.</summary>
    public string OutputOfCellContaining(string marker) =>
        Run.CodeCells.First(c => c.Source.Contains(marker, StringComparison.Ordinal)).StandardOutput;
}

public sealed class Nb01Fixture() : BookNotebookFixture("01-the-model-and-the-loss.ipynb");

/// <summary>
/// 01 · The model and the loss. Expected values: the hand calculations in the notebook's text (re-derived in the
/// comments), closed forms, and least-squares / ridge solutions computed here with MathNet's QR, independently of the
/// library's solvers.
/// </summary>
[Collection(InProcessKernelCollection.Name)]
public sealed class Nb01ModelAndLossTests(Nb01Fixture nb) : IClassFixture<Nb01Fixture>
{
    [Fact]
    public void Run_AllCells_Succeed() => Assert.False(nb.Run.Failed, nb.Run.FailureSummary);

    [Fact]
    public void Predictions_SmallExample_MatchTheHandCalculation()
    {
        // x·(2, −3.4) + 4.2 for x = (1, 2), (0, −1), (3, 0.5), (−2, 1): −0.6, 7.6, 8.5, −3.2
        double[] expected = [2 * 1 - 3.4 * 2 + 4.2, 3.4 + 4.2, 6 - 1.7 + 4.2, -4 - 3.4 + 4.2];
        var loops = nb.Get<double[]>("yHatLoops");
        Assert.Equal(4, loops.Length);
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i], loops[i], 12);
        Assert.Equal(-0.6, loops[0], 12);
        // The text's claims about rounding, to the bit: in the loop's order, (0 + 1·2) + 2·(−3.4), then + 4.2, ends
        // 4.4e-16 above the double nearest −0.6, while the other three land exactly on the decimals' doubles.
        Assert.Equal(-0.5999999999999996, loops[0]);
        Assert.NotEqual(-0.6, loops[0]);
        Assert.Equal(((0 + 1 * 2.0) + 2 * -3.4) + 4.2, loops[0]);
        Assert.Equal([7.6, 8.5, -3.2], loops[1..]);
    }

    [Fact]
    public void LoopsAndMathNet_Agree_To1e12()
    {
        Assert.InRange(nb.Get<double>("smallDiff"), 0, 1e-12);
        Assert.InRange(nb.Get<double>("bigDiff"), 0, 1e-12);
        // the big batch really was 1000×50 and the predictions are not trivially zero
        var pred = nb.Get<double[]>("predScratch");
        Assert.Equal(1000, pred.Length);
        Assert.True(pred.Max(Math.Abs) > 1);
    }

    [Fact]
    public void EmpiricalRisk_IsTheHandValue_AndTheMetricHasNoHalf()
    {
        // residuals (0.4, −0.4, 0, −0.2): L = (0.16 + 0.16 + 0 + 0.04)/(2·4) = 0.045; MSE = 0.09
        Assert.Equal(0.045, nb.Get<double>("risk"), 12);
        Assert.Equal(0.045, nb.Get<double>("lossScratch"), 12);
        Assert.Equal(0.045, nb.Get<double>("lossMathNet"), 12);
        Assert.Equal(0.09, nb.Get<double>("mseMetric"), 12);
    }

    [Fact]
    public void HalfDoesNotMoveTheMinimizer_BothCurvesBottomOutAt13Over5()
    {
        // w* = Σxy/Σx² = (3 + 10)/(1 + 4) = 13/5
        Assert.Equal(13.0 / 5, nb.Get<double>("argminHalf"), 9);
        Assert.Equal(13.0 / 5, nb.Get<double>("argminFull"), 9);
        var half = nb.Get<double[]>("curveHalf");
        var full = nb.Get<double[]>("curveFull");
        var grid = nb.Get<double[]>("wGrid");
        Assert.Equal(301, grid.Length);
        for (int k = 0; k < grid.Length; k++)
        {
            double lHalf = (Math.Pow(grid[k] * 1 - 3, 2) + Math.Pow(grid[k] * 2 - 5, 2)) / 4;   // 1/(2n) Σ (w xᵢ − yᵢ)²
            Assert.Equal(lHalf, half[k], 12);
            Assert.Equal(2 * lHalf, full[k], 12);
        }
    }

    [Fact]
    public void BiasSeparateOrAbsorbed_ClosedForm_SameFitAsAnIndependentQrSolve()
    {
        // The notebook's data, regenerated; least squares by MathNet's QR on [X 1] (not the library's solver).
        var data = LinReg.Data.SyntheticData.Linear([2.0, -3.4], 4.2, 200, 0.5, 1);
        var a = Matrix<double>.Build.Dense(200, 3, (i, j) => j < 2 ? data.X[i * 2 + j] : 1.0);
        var theta = a.QR().Solve(Vector<double>.Build.Dense(data.Y));

        var wSeparate = nb.Get<double[]>("fitSeparate", "Weights");
        var wAbsorbed = nb.Get<double[]>("fitAbsorbed", "Weights");
        Assert.Equal(theta[0], wSeparate[0], 10);
        Assert.Equal(theta[1], wSeparate[1], 10);
        Assert.Equal(theta[2], nb.Get<double>("fitSeparate", "Bias"), 10);
        Assert.Equal(3, wAbsorbed.Length);
        for (int j = 0; j < 3; j++) Assert.Equal(theta[j], wAbsorbed[j], 10);
    }

    [Fact]
    public void BiasSeparateOrAbsorbed_Sgd_IdenticalTrajectories()
    {
        var w = nb.Get<double[]>("separate", "Weight.Value");
        double b = nb.Get<double[]>("separate", "Bias.Value")[0];
        var wTilde = nb.Get<double[]>("absorbed", "Weight.Value");
        Assert.Equal(w[0], wTilde[0], 12);
        Assert.Equal(w[1], wTilde[1], 12);
        Assert.Equal(b, wTilde[2], 12);
        Assert.Equal(0.0, nb.Get<double[]>("absorbed", "Bias.Value")[0]);
        // and training did something: 20 epochs of SGD land near the truth (2, −3.4, 4.2) of noise-0.5 data
        Assert.Equal(2.0, w[0], 0.2);
        Assert.Equal(4.2, b, 0.2);
    }

    [Fact]
    public void WeightDecay_MatchesRidgeSolvedHere_AndShrinksOnlyTheAbsorbedBias()
    {
        // Fixed point of GD with decay: (AᵀA/n + λD)θ = Aᵀy/n, D = diag(1, 1, 0) (bias excluded) or I (absorbed).
        var data = LinReg.Data.SyntheticData.Linear([2.0, -3.4], 4.2, 200, 0.5, 1);
        var a = Matrix<double>.Build.Dense(200, 3, (i, j) => j < 2 ? data.X[i * 2 + j] : 1.0);
        var gram = a.TransposeThisAndMultiply(a) / 200;
        var rhs = a.TransposeThisAndMultiply(Vector<double>.Build.Dense(data.Y)) / 200;
        double bSeparate = (gram + 0.1 * Matrix<double>.Build.DiagonalOfDiagonalArray([1.0, 1.0, 0.0])).Cholesky().Solve(rhs)[2];
        double bAbsorbed = (gram + 0.1 * Matrix<double>.Build.DenseIdentity(3)).Cholesky().Solve(rhs)[2];

        Assert.Equal(bSeparate, nb.Get<double>("bSeparateDecay"), 9);
        Assert.Equal(bAbsorbed, nb.Get<double>("bAbsorbedDecay"), 9);
        Assert.True(bSeparate - bAbsorbed > 0.3, $"decaying the bias should pull it well below the undecayed one: {bSeparate} vs {bAbsorbed}");
        // the prose: "stays near its true 4.2" and "pulled down to about 3.87"
        Assert.Equal(4.2, bSeparate, 0.1);
        Assert.Equal(3.87, bAbsorbed, 0.005);
    }

    [Fact]
    public void Exercises_PrintHintsNotAnswers()
    {
        var output = nb.OutputOfCellContaining("Check.Answer(\"1.1\"") + nb.OutputOfCellContaining("Check.Answer(\"1.2\"") + nb.OutputOfCellContaining("Check.Answer(\"1.3\"");
        Assert.Contains("✘ Exercise 1.1 not yet", output);
        Assert.Contains("✘ Exercise 1.3 not yet", output);
        Assert.DoesNotContain("2.8", output);
        Assert.DoesNotContain("3.125", output);
    }
}
