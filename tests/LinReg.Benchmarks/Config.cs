using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace LinReg.Benchmarks;

/// <summary>
/// A short job (1 launch, 1 warm-up, 3 measured iterations) run IN-PROCESS, so the 0.8–4 GB workloads are generated
/// once per process and shared, plus the memory diagnoser and a column with what each method reached (RMSE, passes).
/// </summary>
public sealed class ShortInProcessConfig : ManualConfig
{
    public ShortInProcessConfig()
    {
        // LINREG_BENCH_DRY=1: one call per case, to check the suite end to end quickly (not for the README's numbers)
        AddJob(Environment.GetEnvironmentVariable("LINREG_BENCH_DRY") == "1"
            ? Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithStrategy(RunStrategy.ColdStart)
                .WithLaunchCount(1).WithIterationCount(1).WithId("Dry")
            : Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3).WithId("Short"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new QualityColumn());
    }
}

/// <summary>One invocation, no warm-up (the peers that take tens of seconds to minutes per call).</summary>
public sealed class SingleShotInProcessConfig : ManualConfig
{
    public SingleShotInProcessConfig()
    {
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithStrategy(RunStrategy.ColdStart)
            .WithLaunchCount(1).WithIterationCount(1).WithId("SingleShot"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new QualityColumn());
    }
}

/// <summary>The "Reached" column: RMSE on the training data, solver passes, rows used — filled in by the benchmarks' setups.</summary>
public sealed class QualityColumn : IColumn
{
    public static readonly ConcurrentDictionary<string, string> Values = new();

    public static string Key(string method, params object[] parameters) =>
        method + "|" + string.Join(",", parameters.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture)));

    public static void Set(string text, string method, params object[] parameters) => Values[Key(method, parameters)] = text;

    private static string KeyOf(BenchmarkCase c) =>
        Key(c.Descriptor.WorkloadMethod.Name, c.Parameters.Items.Select(p => p.Value).ToArray());

    public string Id => "Reached";
    public string ColumnName => "Reached";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => false;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "What the method reached: RMSE on the training data after the timed work (noise σ = 0.1), passes, rows used";
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => Values.TryGetValue(KeyOf(benchmarkCase), out var v) ? v : "-";
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}
