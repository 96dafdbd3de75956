using System.Text.Json;
using LinReg.Book.Tests.Support;
using LinReg.Data;
using LinReg.Probability;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Book.Tests.Notebooks;

public sealed class Nb12Fixture() : BookNotebookFixture("12-replace-the-model-keep-the-loop.ipynb");

/// <summary>
/// 12 · Replace the model, keep the loop. Expected values: the generator's closed forms (noise floor σ² = 0.25, the best
/// line's MSE 0.25 + 0.64·Var(x²)), data regenerated here from notebook 09's seeds, least squares by MathNet's QR, the
/// networks' predictions recomputed here from their trained parameters with an independent forward pass (MathNet
/// matrices and Math.Tanh), correlations written out, the mean baseline computed by hand, and the source of notebook
/// 06's training cell (the settings the swap keeps).
/// </summary>
[Collection(InProcessKernelCollection.Name)]
public sealed class Nb12ReplaceTheModelTests(Nb12Fixture nb) : IClassFixture<Nb12Fixture>
{
    private const int N = 600;

    /// <summary>Notebook 09's generator, case 2, rewritten: x uniform on [−2, 2], a group draw after each x, y = 1 + 2x + 0.8x² + 0.5ε.</summary>
    private static (double[] X, double[] Y, double[] Noise) Curved(int seed)
    {
        var uniform = new Random(seed);
        var normal = new NormalSampler(seed + 1);
        var x = new double[N]; var y = new double[N]; var e = new double[N];
        for (int i = 0; i < N; i++)
        {
            x[i] = -2 + 4 * uniform.NextDouble();   // lo + (hi − lo)·u, as the notebook computes it
            _ = uniform.NextDouble();
            e[i] = normal.Next();
        }
        for (int i = 0; i < N; i++) y[i] = 1 + 2 * x[i] + 0.8 * x[i] * x[i] + 0.5 * e[i];
        return (x, y, e);
    }

    private static readonly Lazy<(double[] X, double[] Y, double[] Noise)> Train = new(() => Curved(2));
    private static readonly Lazy<(double[] X, double[] Y, double[] Noise)> Valid = new(() => Curved(12));

    /// <summary>ŷ = φ(X W₁ᵀ + b₁) w₂ + b₂ (tanh) with MathNet, from a network's parameters read out of the notebook.</summary>
    private double[] TanhNetwork(string name, double[] x, int d)
    {
        double[] w1 = nb.Get<double[]>(name, "HiddenWeight.Value"), b1 = nb.Get<double[]>(name, "HiddenBias.Value");
        double[] w2 = nb.Get<double[]>(name, "OutputWeight.Value");
        double b2 = nb.Get<double[]>(name, "OutputBias.Value")[0];
        int h = b1.Length, n = x.Length / d;
        var z = Matrix<double>.Build.DenseOfRowMajor(n, d, x) * Matrix<double>.Build.DenseOfRowMajor(h, d, w1).Transpose();
        var a = z.MapIndexed((i, k, v) => Math.Tanh(v + b1[k]));
        return (a * Vector<double>.Build.Dense(w2)).Add(b2).ToArray();
    }

    private static double Mse(double[] p, double[] y) => p.Zip(y, (a, b) => (a - b) * (a - b)).Average();

    private static double Pearson(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average();
        double sab = a.Zip(b, (u, v) => (u - ma) * (v - mb)).Sum();
        return sab / Math.Sqrt(a.Sum(u => (u - ma) * (u - ma)) * b.Sum(v => (v - mb) * (v - mb)));
    }

    /// <summary>The residuals' correlation with (x − x̄)², notebook 09's curvature statistic, written out.</summary>
    private static double Curvature(double[] x, double[] residuals)
    {
        double mx = x.Average();
        return Pearson(x.Select(v => (v - mx) * (v - mx)).ToArray(), residuals);
    }

    [Fact]
    public void Run_AllCells_Succeed() => Assert.False(nb.Run.Failed, nb.Run.FailureSummary);

    [Fact]
    public void Data_AreNotebook09sGenerator_TrainingSeed2_ValidationSeed12()
    {
        Assert.Equal(Train.Value.X, nb.Get<double[]>("train", "X"));
        Assert.Equal(Train.Value.Y, nb.Get<double[]>("train", "Y"));
        Assert.Equal(Valid.Value.Y, nb.Get<double[]>("valid", "Y"));
    }

    [Fact]
    public void TheSwap_TwoTrainingCellsDifferInTheModelLineOnly_AndKeepNotebook06sSettings()
    {
        var cells = nb.Run.CodeCells.Where(c => c.Source.Contains("IRegressionModel net = ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, cells.Count);
        string[] linear = cells[0].Source.Split('\n'), mlp = cells[1].Source.Split('\n');
        Assert.Equal(linear.Length, mlp.Length);
        var differing = Enumerable.Range(0, linear.Length).Where(i => linear[i] != mlp[i]).ToList();
        Assert.Equal([0], differing);
        Assert.Equal("IRegressionModel net = new Linear(features: 1, seed: 0);", linear[0]);
        Assert.StartsWith("IRegressionModel net = new Mlp(", mlp[0]);

        // the pieces and settings of notebook 06's training cell, read from its source
        using var nb06 = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoNotebooks, "06-training-concisely.ipynb")));
        string cell06 = nb06.RootElement.GetProperty("cells").EnumerateArray()
            .Select(c => string.Concat(c.GetProperty("source").EnumerateArray().Select(l => l.GetString())))
            .Single(s => s.Contains("var trainer = new Trainer(net, lossFn, optimizer);", StringComparison.Ordinal));
        foreach (var piece in new[] { "batchSize: 32, shuffle: true, seed: 0)", "var lossFn = new MseLoss(Reduction.Mean, halved: false);",
                     "var optimizer = new Sgd(net.Parameters, learningRate: 0.03);", "var trainer = new Trainer(net, lossFn, optimizer);" })
        {
            Assert.Contains(piece, cell06);
            Assert.Contains(piece, cells[0].Source);
        }
    }

    [Fact]
    public void GradientCheck_BothActivations_AgreeWithFiniteDifferences()
    {
        foreach (var name in new[] { "gradientErrorTanh", "gradientErrorRelu" })
        {
            double e = nb.Get<double>(name);
            Assert.InRange(e, 1e-13, 1e-7);   // > 0: real finite differences were compared, not a copy of the gradient
        }
        Assert.Equal(49, nb.Get<int>("parameterCount"));
    }

    [Fact]
    public void CurvedData_LineMissesTheCurve_MlpFitsIt_ByTheStatedMargins()
    {
        var (tx, ty, _) = Train.Value;
        var (vx, vy, ve) = Valid.Value;
        // the best line by MathNet's QR: its validation MSE near the closed form 0.25 + 0.64·Var(x²) = 1.160
        var design = Matrix<double>.Build.Dense(N, 2, (i, j) => j == 0 ? tx[i] : 1.0);
        var theta = design.QR().Solve(Vector<double>.Build.Dense(ty));
        double qrMse = Mse(vx.Select(x => theta[0] * x + theta[1]).ToArray(), vy);
        Assert.Equal(0.25 + 0.64 * (16.0 / 5 - 16.0 / 9), qrMse, 0.05);
        double linearMse = nb.Get<double>("linearMse");
        Assert.Equal(qrMse, linearMse, 0.01);                        // SGD after 200 epochs ≈ the least-squares line
        Assert.Equal(1.18, linearMse, 0.005);                       // the number in the prose

        // the MLP's validation MSE from its trained parameters, recomputed here
        double[] mlpPrediction = TanhNetwork("mlp", vx, 1);
        double mlpMse = Mse(mlpPrediction, vy);
        Assert.Equal(mlpMse, nb.Get<double>("mlpMse"), 12);
        double oracle = ve.Average(e => 0.25 * e * e);             // the true curve's MSE on this sample (≈ σ² = 0.25)
        Assert.InRange(mlpMse, oracle - 0.02, 0.30);
        Assert.True(mlpMse < linearMse / 4, $"MLP {mlpMse} vs linear {linearMse}: the stated margin is 'below a quarter'");

        // residual curvature: the MLP inside the pure-noise band 3/√n, the line far outside
        double mlpCurvature = Curvature(vx, mlpPrediction.Zip(vy, (p, y) => p - y).ToArray());
        Assert.Equal(mlpCurvature, nb.Get<double>("mlpCurvature"), 10);
        Assert.InRange(Math.Abs(mlpCurvature), 0, 3 / Math.Sqrt(N));
        Assert.True(nb.Get<double>("linearCurvature") < -0.5);
    }

    [Fact]
    public void ZeroStart_OnlyTheOutputBiasMoved_TheNetworkIsTheConstantBaseline()
    {
        foreach (var p in new[] { "HiddenWeight", "HiddenBias", "OutputWeight" })
            Assert.All(nb.Get<double[]>("zeroNet", p + ".Value"), v => Assert.Equal(0.0, v));
        double b2 = nb.Get<double[]>("zeroNet", "OutputBias.Value")[0];
        var (_, ty, _) = Train.Value;
        var (_, vy, _) = Valid.Value;
        double mean = ty.Average();
        Assert.Equal(mean, b2, 0.1);                                  // SGD's jitter around the least-squares constant
        Assert.Equal(vy.Average(y => (b2 - y) * (b2 - y)), nb.Get<double>("zeroNetMse"), 10);
        Assert.Equal(vy.Average(y => (mean - y) * (mean - y)), nb.Get<double>("constantBaselineMse"), 10);
        Assert.Equal(3800, nb.Get<int>("zeroHistory", "Steps.Count"));
    }

    [Fact]
    public void IdenticalStart_UnitsStayIdentical_AndEqualOneUnitWithSixteenTimesTheOutputWeight()
    {
        double[] w1 = nb.Get<double[]>("twinNet", "HiddenWeight.Value"), b1 = nb.Get<double[]>("twinNet", "HiddenBias.Value");
        double[] w2 = nb.Get<double[]>("twinNet", "OutputWeight.Value");
        Assert.Equal(16, w1.Length);
        Assert.All(w1, v => Assert.Equal(w1[0], v));
        Assert.All(b1, v => Assert.Equal(b1[0], v));
        Assert.All(w2, v => Assert.Equal(w2[0], v));
        Assert.True(Math.Abs(w1[0] - 0.5) > 0.1 && Math.Abs(b1[0]) > 0.1 && Math.Abs(w2[0] - 0.5) > 0.1, "the units trained");
        double b2 = nb.Get<double[]>("twinNet", "OutputBias.Value")[0];
        var (vx, _, _) = Valid.Value;
        var oneUnit = vx.Select(x => 16 * w2[0] * Math.Tanh(w1[0] * x + b1[0]) + b2).ToArray();
        Assert.Equal(0, TanhNetwork("twinNet", vx, 1).Zip(oneUnit, (a, b) => Math.Abs(a - b)).Max(), 1e-12);
        Assert.Equal(0.0, nb.Get<double>("twinSpread"));
    }

    private static readonly Lazy<(Dataset Train, Dataset Valid)> Housing = new(() =>
    {
        var loaded = CsvTable.Load(Path.Combine(TestPaths.RepoRoot, "data", "housing", "housing.csv"))
            .ToDataset("median_house_value", ["ocean_proximity"], MissingValuePolicy.DropRows).Data;
        var data = loaded.WithTargets(loaded.Y.Select(v => v / 100_000).ToArray());
        var (train, valid, _) = Split.TrainValidationTest(data, 0.2, 0.2, seed: 42);
        return (train, valid);
    });

    /// <summary>Validation features standardized here with the training rows' mean and population standard deviation.</summary>
    private static double[] StandardizedValidation(Dataset train, Dataset valid)
    {
        int d = train.Features;
        var mu = Enumerable.Range(0, d).Select(j => train.Column(j).Average()).ToArray();
        var s = Enumerable.Range(0, d).Select(j => Math.Sqrt(train.Column(j).Average(v => (v - mu[j]) * (v - mu[j])))).ToArray();
        return valid.X.Select((v, k) => (v - mu[k % d]) / s[k % d]).ToArray();
    }

    private static double Rmse(double[] p, double[] y) => Math.Sqrt(Mse(p, y));

    [Fact]
    public void Housing_MlpBeatsTheLinearBaseline_ByTheStatedAmount()
    {
        var (train, valid) = Housing.Value;
        int d = train.Features;
        Assert.Equal(12, d);
        double[] validZ = StandardizedValidation(train, valid);
        // the linear baseline by MathNet's QR on the standardized training set (notebook 10: about $67,100)
        double[] trainZ = StandardizedValidation(train, train);
        var a = Matrix<double>.Build.Dense(train.Count, d + 1, (i, j) => j < d ? trainZ[i * d + j] : 1.0);
        var theta = a.QR().Solve(Vector<double>.Build.Dense(train.Y));
        double[] linear = Enumerable.Range(0, valid.Count).Select(i => Enumerable.Range(0, d).Sum(j => validZ[i * d + j] * theta[j]) + theta[d]).ToArray();
        double linearRmse = Rmse(linear, valid.Y);
        Assert.Equal(linearRmse, nb.Get<double>("linearRmse"), 9);

        double mlpRmse = Rmse(TanhNetwork("houseNet", validZ, d), valid.Y);
        Assert.Equal(mlpRmse, nb.Get<double>("mlpRmse"), 9);
        // the prose: about $55,500 against about $67,100, a gain of about $11,600; R² about 0.77 against 0.66
        Assert.Equal(0.671, linearRmse, 0.0005);
        Assert.Equal(0.555, mlpRmse, 0.0005);
        Assert.True(linearRmse - mlpRmse > 0.1, $"the gain is {linearRmse - mlpRmse} (×$100k)");
        double sst = valid.Y.Sum(y => (y - valid.Y.Average()) * (y - valid.Y.Average()));
        Assert.Equal(1 - mlpRmse * mlpRmse * valid.Count / sst, nb.Get<double>("mlpR2"), 9);
        Assert.True(nb.Get<double>("mlpWorstBin") < 0.1 && nb.Get<double>("linearWorstBin") > 0.2);
    }

    [Fact]
    public void Housing_RawFeatures_SaturateTheUnits_AndLoseToTheConstantBaseline()
    {
        var (train, valid) = Housing.Value;
        double mean = train.Y.Average();
        double constantRmse = Math.Sqrt(valid.Y.Average(y => (mean - y) * (mean - y)));
        Assert.Equal(constantRmse, nb.Get<double>("constantRmse"), 12);
        double rawRmse = Rmse(TanhNetwork("rawNet", valid.X, train.Features), valid.Y);
        Assert.Equal(rawRmse, nb.Get<double>("rawRmse"), 9);
        Assert.True(rawRmse > constantRmse, $"raw {rawRmse} vs constant {constantRmse}");
        Assert.True(nb.Get<double>("saturatedFraction") > 0.999);
        Assert.True(nb.Get<double>("saturatedFractionZ") < 0.1);
    }
}
