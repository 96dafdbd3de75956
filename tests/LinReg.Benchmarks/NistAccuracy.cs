using System.Globalization;
using LinReg.Solvers;

namespace LinReg.Benchmarks;

/// <summary>
/// `--nist`: the smallest LRE over the certified coefficients of each NIST StRD set for the library's solvers, in the
/// peers script's format (the accuracy table beside numpy, scikit-learn, statsmodels and R): RefinedQr on the data as
/// doubles (what the peers get) and on the exact decimal data in double-double, and the normal equation.
/// </summary>
public static class NistAccuracy
{
    public static readonly string[] Sets = ["Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley", "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5"];

    public static void Print()
    {
        string dir = Path.Combine(FindRoot(), "data", "nist");
        var rows = new (string Name, Func<NistDataset, LeastSquaresResult> Fit)[]
        {
            ("LinReg RefinedQr (doubles)", ds => LeastSquares.Fit(ds.BuildDesign(), ds.Observations, ds.DesignColumns, ds.Y, LeastSquaresMethod.RefinedQr, ds.HasIntercept)),
            ("LinReg RefinedQr (double-double data)", ds =>
            {
                var (xh, xl) = ds.BuildDesignDoubleDouble();
                var (yh, yl) = ds.TargetsDoubleDouble();
                return LeastSquares.FitDoubleDouble(xh, xl, ds.Observations, ds.DesignColumns, yh, yl, ds.HasIntercept);
            }),
            ("LinReg NormalEquations", ds => ds.Fit(LeastSquaresMethod.NormalEquations)),
        };
        foreach (var (name, fit) in rows)
        {
            var cells = Sets.Select(set =>
            {
                var ds = NistDataset.Load(Path.Combine(dir, set + ".dat"));
                try
                {
                    return $"'{set}': {Math.Round(ds.Lre(fit(ds)).Min(), 1).ToString(CultureInfo.InvariantCulture)}";
                }
                catch (RankDeficientException)
                {
                    return $"'{set}': 0.0";   // no answer counts as no correct digit, as for the peers
                }
            });
            Console.WriteLine($"{name} {{{string.Join(", ", cells)}}}");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LinRegNotebooks.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("LinRegNotebooks.sln not found above " + AppContext.BaseDirectory);
    }
}
