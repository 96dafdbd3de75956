// Writes the training rows of the housing model of notebooks 10 and 16 (the same CSV handling, split and
// standardization) and this library's summary of the least-squares fit on them, for the one-time comparison with
// R's summary(lm) and statsmodels (compare.sh). Not part of the build or the tests.
#:project ../../../lib/LinReg/LinReg.csproj
using System.Globalization;
using LinReg.Data;
using LinReg.Solvers;

string outDir = args.Length > 0 ? args[0] : ".";
string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

var loaded = CsvTable.Load("../../../data/housing/housing.csv")
    .ToDataset("median_house_value", new[] { "ocean_proximity" }, MissingValuePolicy.DropRows);
var data = FeatureMap.MapTargets(loaded.Data, v => v / 100_000);
var (train, _, _) = Split.TrainValidationTest(data, validationFraction: 0.2, testFraction: 0.2, seed: 42);
var trainZ = Standardizer.Fit(train).Transform(train);

using (var w = new StreamWriter(Path.Combine(outDir, "train.csv")))
{
    w.WriteLine(string.Join(",", trainZ.FeatureNames.Select(n => "\"" + n + "\"").Append("\"y\"")));
    for (int i = 0; i < trainZ.Count; i++)
        w.WriteLine(string.Join(",", trainZ.Row(i).ToArray().Select(R).Append(R(trainZ.Y[i]))));
}

var fit = LeastSquares.Fit(trainZ);
var s = fit.Summary();
using (var w = new StreamWriter(Path.Combine(outDir, "linreg.csv")))
{
    w.WriteLine("name,estimate,se,t,p,lower,upper");
    foreach (var c in s.Coefficients)
        w.WriteLine($"\"{c.Name}\",{R(c.Estimate)},{R(c.StandardError)},{R(c.TStatistic)},{R(c.PValue)},{R(c.Interval.Lower)},{R(c.Interval.Upper)}");
    w.WriteLine($"\"sigma\",{R(s.ResidualStandardError)},,,,,");
    w.WriteLine($"\"r.squared\",{R(s.RSquared)},,,,,");
    w.WriteLine($"\"adj.r.squared\",{R(s.AdjustedRSquared)},,,,,");
    w.WriteLine($"\"F\",{R(s.Anova!.FStatistic)},,,{R(s.Anova.FPValue)},,");
}
Console.WriteLine(s);
