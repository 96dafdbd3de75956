using System.Diagnostics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using LinReg.Data;
using LinReg.Probability;
using LinReg.Solvers;

namespace LinReg.Benchmarks;

/// <summary>One invocation per iteration, no warm-up, 3 iterations (each reads 8 GB).</summary>
public sealed class FileConfig : ManualConfig
{
    public FileConfig()
    {
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1).WithWarmupCount(0).WithIterationCount(3).WithInvocationCount(1).WithUnrollFactor(1).WithId("File"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new QualityColumn());
    }
}

/// <summary>
/// Least squares from a file on disk: n = 1e7 rows, d = 100 (a RowFile of 8.08 GB, written once into
/// $LINREG_BENCH_DIR, default /tmp; delete it afterwards). The floor is reading the file once with the same reads
/// (chunks of whole rows, one thread, every value touched). Cache = Cold evicts the file from the page cache
/// (posix_fadvise DONTNEED) before every iteration, so the first pass reads from the disk; Warm leaves it cached.
/// The Reached column holds the process's peak resident memory (VmHWM of /proc/self/status) after the case.
/// </summary>
[Config(typeof(FileConfig))]
public class OutOfCoreBenchmarks
{
    public const int Rows = 10_000_000;
    public const int Features = 100;

    [Params("Cold", "Warm")]
    public string Cache { get; set; } = "Cold";

    private string _path = "";
    private LeastSquaresResult? _last;

    public static string FilePath =>
        Path.Combine(Environment.GetEnvironmentVariable("LINREG_BENCH_DIR") ?? Path.GetTempPath(), $"linreg-bench-{Rows}x{Features}.lrrows");

    /// <summary>Writes the benchmark file once (xᵢ ~ 𝒩(0, I), y = Xw + 0.5 + 0.1ε, the suite's workload recipe), row by row.</summary>
    public static string EnsureFile()
    {
        string path = FilePath;
        long bytes = RowFile.HeaderSize + (long)Rows * 8 * (Features + 1);
        if (File.Exists(path) && new FileInfo(path).Length == bytes) return path;
        var w = new double[Features];
        new NormalSampler(1).Fill(w);
        var noise = new NormalSampler(42);
        var x = new double[Features];
        var clock = Stopwatch.StartNew();
        using (var writer = RowFile.Create(path, Features))
        {
            for (int i = 0; i < Rows; i++)
            {
                noise.Fill(x);
                double y = Workload.TrueBias + Workload.NoiseStd * noise.Next();
                for (int j = 0; j < Features; j++) y += x[j] * w[j];
                writer.Append(x, y);
            }
            writer.Commit();
        }
        Console.WriteLine($"// wrote {path} ({bytes / 1e9:F2} GB) in {clock.Elapsed.TotalSeconds:F0} s");
        return path;
    }

    [GlobalSetup]
    public void Setup() => _path = EnsureFile();

    [IterationSetup]
    public void Evict()
    {
        if (Cache == "Cold") DropFromPageCache(_path);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        string peak = $"VmHWM {PeakResidentMegabytes():F0} MB";
        if (_last is not null) QualityColumn.Set($"{peak}; {_last.RefinementIterations} refinement pass(es)", nameof(FitFromFile), Cache);
        QualityColumn.Set(peak, nameof(ReadFileOnce), Cache);
        _last = null;
    }

    /// <summary>The floor: every byte of the file read once, in the solver's chunks, each value added up.</summary>
    [Benchmark(Baseline = true)]
    public double ReadFileOnce() => ReadAll(_path);

    /// <summary>OutOfCoreLeastSquares.Fit: TSQR pass plus refinement passes.</summary>
    [Benchmark]
    public LeastSquaresResult FitFromFile() => _last = OutOfCoreLeastSquares.Fit(_path);

    /// <summary>The one-pass TSQR solution (no refinement).</summary>
    [Benchmark]
    public LeastSquaresResult FitFromFileOnePass() => OutOfCoreLeastSquares.Fit(_path, refine: false);

    public static double ReadAll(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        int rowBytes = 8 * (Features + 1);
        var buffer = new byte[Math.Max(1, (4 << 20) / rowBytes) * rowBytes];
        long offset = RowFile.HeaderSize;
        double sum = 0;
        int k;
        while ((k = RandomAccess.Read(stream.SafeFileHandle, buffer, offset)) > 0)
        {
            offset += k;
            sum += System.Numerics.Tensors.TensorPrimitives.Sum(MemoryMarshal.Cast<byte, double>(buffer.AsSpan(0, k / 8 * 8)));
        }
        return sum;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int posix_fadvise(int fd, long offset, long len, int advice);

    /// <summary>Asks the kernel to drop the file's cached pages (POSIX_FADV_DONTNEED = 4), so the next read comes from the disk.</summary>
    public static void DropFromPageCache(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        int fd = (int)stream.SafeFileHandle.DangerousGetHandle();
        int rc = posix_fadvise(fd, 0, 0, 4);
        if (rc != 0) throw new IOException($"posix_fadvise(DONTNEED) failed with {rc}.");
    }

    /// <summary>The process's peak resident set size so far (VmHWM), in MB.</summary>
    public static double PeakResidentMegabytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
        return double.NaN;
    }
}
