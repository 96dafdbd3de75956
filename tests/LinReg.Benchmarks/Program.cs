using BenchmarkDotNet.Running;
using LinReg.Benchmarks;

// dotnet run -c Release --project tests/LinReg.Benchmarks -- --filter '*'     (the whole suite; see README.md)
// dotnet run -c Release --project tests/LinReg.Benchmarks -- --smoke 100 [ls] (quick Stopwatch timings while tuning)
if (args.Length > 0 && args[0] == "--smoke")
{
    Smoke.Run(args);
    return;
}
// dotnet run -c Release --project tests/LinReg.Benchmarks -- --outofcore [cold|warm] [refine|onepass|read|write]
// (one fit from the 8 GB file in a fresh process: wall time and the process's peak resident memory; see README.md)
// dotnet run -c Release --project tests/LinReg.Benchmarks -- --nist   (the library's NIST StRD accuracy, beside the peers')
if (args.Length > 0 && args[0] == "--nist")
{
    NistAccuracy.Print();
    return;
}
if (args.Length > 0 && args[0] == "--outofcore")
{
    OutOfCoreRun.Run(args);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Workload).Assembly).Run(args);
