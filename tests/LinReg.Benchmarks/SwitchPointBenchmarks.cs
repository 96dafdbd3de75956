using BenchmarkDotNet.Attributes;
using LinReg.Data;
using LinReg.Fast;
using LinReg.Probability;
using LinReg.Solvers;

namespace LinReg.Benchmarks;

/// <summary>
/// Where LeastSquares.Fit should switch from the readable solvers to the streaming ones: both paths on a grid of n and
/// d around the chosen threshold (LeastSquares.StreamingMinRows = 50 000 rows and n·p² ≥ 2e7 multiply-adds), for the
/// accurate solver and the normal equation. The README reads the crossover and the readable path's time at the switch.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class SwitchPointBenchmarks
{
    [Params(10_000, 50_000, 200_000)]
    public int N { get; set; }

    [Params(5, 20, 50)]
    public int D { get; set; }

    private Dataset _data = null!;

    [GlobalSetup]
    public void Setup()
    {
        var w = new double[D];
        new NormalSampler(1).Fill(w);
        _data = SyntheticData.Linear(w, Workload.TrueBias, N, Workload.NoiseStd, seed: 42);
        QualityColumn.Set(LeastSquares.UsesStreamingPath(N, D) ? "Fit streams" : "Fit readable", nameof(ReadableRefinedQr), N, D);
    }

    [Benchmark]
    public LeastSquaresResult ReadableRefinedQr() => LeastSquares.FitReadable(_data.X, N, D, _data.Y, LeastSquaresMethod.RefinedQr, true);

    [Benchmark]
    public LeastSquaresResult StreamingRefinedQr() => FastLeastSquares.Fit(_data.X, N, D, _data.Y);

    [Benchmark]
    public LeastSquaresResult ReadableNormalEquations() => LeastSquares.FitReadable(_data.X, N, D, _data.Y, LeastSquaresMethod.NormalEquations, true);

    [Benchmark]
    public LeastSquaresResult StreamingNormalEquations() => FastLeastSquares.Fit(_data.X, N, D, _data.Y, LeastSquaresMethod.NormalEquations);
}
