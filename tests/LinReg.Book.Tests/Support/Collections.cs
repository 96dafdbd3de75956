namespace LinReg.Book.Tests.Support;

/// <summary>
/// Tests that run notebooks in-process. The runner serializes runs anyway (working directory, formatters and the
/// default load context are process-wide); one xunit collection keeps these tests from occupying test threads
/// while they wait for each other, so the real-kernel tests (separate processes) run beside them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InProcessKernelCollection
{
    public const string Name = "In-process kernel";
}

/// <summary>Tests that run notebooks in the real kernel (dotnet-repl processes).</summary>
[CollectionDefinition(Name)]
public sealed class RealKernelCollection
{
    public const string Name = "Real kernel (dotnet-repl)";
}
