using BenchmarkDotNet.Attributes;
using LinReg.Probability;
using LinReg.Data;
using LinReg.Fast;
using LinReg.Losses;
using LinReg.Models;
using LinReg.Optim;
using LinReg.Training;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Benchmarks;

/// <summary>
/// One shuffled SGD epoch over n = 1e6, d = 100 (lr 0.03, ½·mean squared loss), each path continuing from where its
/// previous epoch stopped. Baseline: a read of every row of X in shuffled order (the floor of a shuffled epoch).
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class SgdEpochBenchmarks
{
    public const int D = 100;
    public const double LearningRate = 0.03;

    [Params(32, 1024)]
    public int Batch { get; set; }

    private Dataset _data = null!;
    private int[] _order = null!;
    private Trainer _scratch = null!;
    private DataIter _scratchIter = null!;
    private Trainer _concise = null!;
    private DataLoader _conciseLoader = null!;
    private FastSgdTrainer _fast = null!;
    private DataIter _fastIter = null!;
    private MathNetIdiomatic _mathNet = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = Workload.Get(Workload.N, D);
        _order = Enumerable.Range(0, _data.Count).ToArray();
        DataIter.ShuffleInPlace(_order, new Random(7));
        var scratch = new LinearRegressionScratch(D, seed: 0);
        _scratch = new Trainer(scratch, new SquaredLoss(), new ScratchSgd(scratch.Parameters, LearningRate));
        _scratchIter = new DataIter(_data, Batch, seed: 0);
        var linear = new Linear(D, seed: 0);
        _concise = new Trainer(linear, new MseLoss(halved: true), new Sgd(linear.Parameters, LearningRate));
        _conciseLoader = new DataLoader(_data, Batch, seed: 0);
        var fastModel = new LinearRegressionScratch(D, seed: 0);
        _fast = new FastSgdTrainer(fastModel, new SquaredLoss(), LearningRate) { RecordSteps = false };
        _fastIter = new DataIter(_data, Batch, seed: 0);
        _mathNet = new MathNetIdiomatic(_data, Batch, LearningRate, seed: 0);

        // What one epoch from the same start reaches (separate models, so the timed ones are untouched).
        if (!QualityColumn.Values.ContainsKey(QualityColumn.Key(nameof(FastPath), Batch)))
        {
            var m1 = new LinearRegressionScratch(D, seed: 0);
            new Trainer(m1, new SquaredLoss(), new ScratchSgd(m1.Parameters, LearningRate)).Fit(new DataIter(_data, Batch, seed: 0), 1);
            QualityColumn.Set(Rmse(m1), nameof(LibraryScratch), Batch);
            var m2 = new Linear(D, seed: 0);
            new Trainer(m2, new MseLoss(halved: true), new Sgd(m2.Parameters, LearningRate)).Fit(new DataLoader(_data, Batch, seed: 0), 1);
            QualityColumn.Set(Rmse(m2), nameof(LibraryMathNetBacked), Batch);
            var m3 = new LinearRegressionScratch(D, seed: 0);
            new FastSgdTrainer(m3, new SquaredLoss(), LearningRate).Fit(new DataIter(_data, Batch, seed: 0), 1);
            QualityColumn.Set(Rmse(m3) + $" (Δw vs scratch {MaxDiff(m1, m3):G2})", nameof(FastPath), Batch);
            var m4 = new MathNetIdiomatic(_data, Batch, LearningRate, seed: 0);
            m4.Epoch();
            QualityColumn.Set($"RMSE {Workload.Rmse(_data, m4.W.AsArray(), m4.B):F4}", nameof(MathNetIdiomaticEpoch), Batch);
            QualityColumn.Set("(reads only)", nameof(FloorShuffledRead), Batch);
        }
    }

    // through the general contract: a linear model's parameters are (weight, bias)
    private string Rmse(IRegressionModel m) => $"RMSE {Workload.Rmse(_data, m.Parameters[0].Value, m.Parameters[1].Value[0]):F4}";

    private static double MaxDiff(IRegressionModel a, IRegressionModel b)
    {
        double m = 0;
        for (int k = 0; k < a.Parameters.Count; k++)
            for (int j = 0; j < a.Parameters[k].Length; j++) m = Math.Max(m, Math.Abs(a.Parameters[k].Value[j] - b.Parameters[k].Value[j]));
        return m;
    }

    /// <summary>The floor: every row of X read once in a shuffled order (1 thread, Vector512 loads).</summary>
    [Benchmark(Baseline = true)]
    public double FloorShuffledRead() => Limits.ShuffledRead(_data.X, D, _order);

    /// <summary>The book's from-scratch loop: Trainer + LinearRegressionScratch + SquaredLoss + ScratchSgd + DataIter.</summary>
    [Benchmark]
    public TrainingHistory LibraryScratch() => _scratch.Fit(_scratchIter, 1);

    /// <summary>The book's concise loop: Trainer + Linear (MathNet) + MseLoss + Sgd + DataLoader.</summary>
    [Benchmark]
    public TrainingHistory LibraryMathNetBacked() => _concise.Fit(_conciseLoader, 1);

    /// <summary>The fast path: FastSgdTrainer over the same DataIter semantics (rows read in place, fused SIMD, no per-batch allocation).</summary>
    [Benchmark]
    public TrainingHistory FastPath() => _fast.Fit(_fastIter, 1);

    /// <summary>MathNet used idiomatically: a matrix per minibatch, r = X_B w + b − y_B, ∇w = X_Bᵀr/|B|.</summary>
    [Benchmark]
    public double MathNetIdiomaticEpoch() => _mathNet.Epoch();
}

/// <summary>SGD written the way a MathNet user would: gather the minibatch into a new matrix, matrix–vector products.</summary>
public sealed class MathNetIdiomatic
{
    private readonly Dataset _data;
    private readonly int _batch;
    private readonly double _lr;
    private readonly Random _rng;

    public MathNetIdiomatic(Dataset data, int batch, double lr, int seed)
    {
        _data = data;
        _batch = batch;
        _lr = lr;
        _rng = new Random(seed);
        W = Vector<double>.Build.Dense(data.Features);
        new NormalSampler(seed).Fill(W.AsArray(), 0, 0.01);
    }

    public Vector<double> W { get; }
    public double B { get; private set; }

    public double Epoch()
    {
        int n = _data.Count, d = _data.Features;
        var order = Enumerable.Range(0, n).ToArray();
        DataIter.ShuffleInPlace(order, _rng);
        double total = 0;
        for (int start = 0; start < n; start += _batch)
        {
            int size = Math.Min(_batch, n - start);
            var xb = Matrix<double>.Build.Dense(size, d);
            var yb = Vector<double>.Build.Dense(size);
            for (int k = 0; k < size; k++)
            {
                int i = order[start + k];
                for (int j = 0; j < d; j++) xb[k, j] = _data.X[i * d + j];
                yb[k] = _data.Y[i];
            }
            var r = xb * W + B - yb;
            var grad = xb.TransposeThisAndMultiply(r) / size;
            W.Subtract(grad * _lr, W);
            B -= _lr * r.Sum() / size;
            total += r.DotProduct(r);
        }
        return total / (2 * n);
    }
}
