using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;

namespace LinReg.Benchmarks;

/// <summary>
/// Hand-written SIMD loop or System.Numerics.Tensors primitive? Each single-row kernel of the fast paths, both ways, in
/// one process, over every row of a 1024×D block: D = 10 and 100 are the SGD path's rows, 324 the column length of a
/// streaming-QR block at d = 100. lib/LinReg/Fast keeps whichever is not slower (see the README's table).
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class KernelChoiceBenchmarks
{
    [Params(10, 100, 324)]
    public int D { get; set; }
    private const int Rows = 1024;
    private double[] _x = null!, _w = null!, _dst = null!;

    [GlobalSetup]
    public void Setup()
    {
        var r = new Random(1);
        _x = Enumerable.Range(0, Rows * D).Select(_ => r.NextDouble()).ToArray();
        _w = Enumerable.Range(0, D).Select(_ => r.NextDouble()).ToArray();
        _dst = new double[D];
    }

    [Benchmark] public double DotHand() { double s = 0; for (int i = 0; i < Rows; i++) s += LinReg.Fast.SimdKernels.Dot(_x, i * D, _w, D); return s; }
    [Benchmark] public double DotTp() { double s = 0; for (int i = 0; i < Rows; i++) s += TensorPrimitives.Dot(new ReadOnlySpan<double>(_x, i * D, D), new ReadOnlySpan<double>(_w, 0, D)); return s; }
    [Benchmark] public double AxpyHand() { for (int i = 0; i < Rows; i++) LinReg.Fast.SimdKernels.Axpy(1e-3, _x, i * D, _dst, D); return _dst[0]; }
    [Benchmark] public double AxpyTpFma() { for (int i = 0; i < Rows; i++) { var y = new Span<double>(_dst, 0, D); TensorPrimitives.FusedMultiplyAdd(new ReadOnlySpan<double>(_x, i * D, D), 1e-3, y, y); } return _dst[0]; }
    [Benchmark] public double AxpyTpMulAdd() { for (int i = 0; i < Rows; i++) { var y = new Span<double>(_dst, 0, D); TensorPrimitives.MultiplyAdd(new ReadOnlySpan<double>(_x, i * D, D), 1e-3, y, y); } return _dst[0]; }
    [Benchmark] public double ScaleHand() { double s = 0; for (int i = 0; i < Rows; i++) { LinReg.Fast.SimdKernels.Scale(0.5, _x, i * D, _dst, D); s += _dst[0]; } return s; }
    [Benchmark] public double ScaleTp() { double s = 0; for (int i = 0; i < Rows; i++) { TensorPrimitives.Multiply(new ReadOnlySpan<double>(_x, i * D, D), 0.5, new Span<double>(_dst, 0, D)); s += _dst[0]; } return s; }
}
