using BenchmarkDotNet.Running;
using LinReg.Benchmarks;

// dotnet run -c Release --project tests/LinReg.Benchmarks -- --filter '*'     (the whole suite; see README.md)
// dotnet run -c Release --project tests/LinReg.Benchmarks -- --smoke 100 [ls] (quick Stopwatch timings while tuning)
if (args.Length > 0 && args[0] == "--smoke")
{
    Smoke.Run(args);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Workload).Assembly).Run(args);
