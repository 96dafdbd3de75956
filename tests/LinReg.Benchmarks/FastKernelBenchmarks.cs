using BenchmarkDotNet.Attributes;
using LinReg.Probability;
using LinReg.Data;
using LinReg.Fast;

namespace LinReg.Benchmarks;

/// <summary>
/// The fast paths' small kernels one by one, so that a change to one of them (a hand-written SIMD loop replaced by a
/// System.Numerics.Tensors primitive, say) shows up on its own and not only inside a whole epoch or solve:
/// a dot product, an axpy and a scale over each row of a 1024×d block that stays in L2 (as the SGD path uses them on
/// one row or on the gradient), the streaming QR preconditioner (RefinedQr on ill-conditioned designs, which the
/// well-conditioned workload of <see cref="LeastSquaresBenchmarks"/> never reaches), and the finite-value scan of
/// <see cref="FastLeastSquares"/> over a raw array (a <see cref="Dataset"/> skips it).
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class FastKernelBenchmarks
{
    private const int Rows = 1024;

    [Params(10, 100)]
    public int D { get; set; }

    private double[] _block = null!;
    private double[] _w = null!;
    private double[] _dst = null!;
    private Dataset _data = null!;
    private RowMajorDesign _design = null!;
    private double[] _scale = null!;

    [GlobalSetup]
    public void Setup()
    {
        var normal = new NormalSampler(3);
        _block = new double[Rows * D];
        normal.Fill(_block);
        _w = new double[D];
        normal.Fill(_w);
        _dst = new double[D];
        _data = Workload.Get(Workload.N, D);
        _design = new RowMajorDesign(_data.X, null, _data.Count, D, _data.Y, null, intercept: true);
        _scale = Enumerable.Repeat(1.0, D + 1).ToArray();
    }

    /// <summary>xᵢ·w for every row of the block.</summary>
    [Benchmark]
    public double DotRows()
    {
        double s = 0;
        for (int i = 0; i < Rows; i++) s += SimdKernels.Dot(_block, i * D, _w, D);
        return s;
    }

    /// <summary>g += cᵢ·xᵢ for every row of the block.</summary>
    [Benchmark]
    public double AxpyRows()
    {
        Array.Clear(_dst);
        for (int i = 0; i < Rows; i++) SimdKernels.Axpy(1e-3 * (i & 7), _block, i * D, _dst, D);
        return _dst[0];
    }

    /// <summary>dst = a·xᵢ for every row of the block.</summary>
    [Benchmark]
    public double ScaleRows()
    {
        double s = 0;
        for (int i = 0; i < Rows; i++)
        {
            SimdKernels.Scale(0.5, _block, i * D, _dst, D);
            s += _dst[0];
        }
        return s;
    }

    /// <summary>R of the n = 1e6 design [1 X] by the streaming Householder QR, 2 threads.</summary>
    [Benchmark]
    public double[] StreamingQrFactor() => StreamingQr.Factor(_design, _scale, threads: 2);

    /// <summary>Whether every one of the n·d values of X is finite, 2 threads.</summary>
    [Benchmark]
    public bool AllFiniteScan() => FastLeastSquares.AllFinite(_data.X, threads: 2);
}
