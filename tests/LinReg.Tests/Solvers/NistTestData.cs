using LinReg.Solvers;

namespace LinReg.Tests.Solvers;

/// <summary>The NIST StRD files as the test project copies them (data/nist/*.dat beside the test assembly).</summary>
internal static class NistTestData
{
    public static readonly string[] All =
        ["Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley", "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5"];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var n in All) data.Add(n);
        return data;
    }

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "data", "nist", name + ".dat");

    public static NistDataset Load(string name) => NistDataset.Load(PathOf(name));

    public static string Table(NistDataset ds, double[] lre) =>
        string.Join(", ", ds.ParameterNames.Select((p, k) => $"{p}={lre[k]:F1}"));
}
