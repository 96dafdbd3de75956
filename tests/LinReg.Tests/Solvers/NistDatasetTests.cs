using LinReg.Solvers;
using LinReg.Numerics;

namespace LinReg.Tests.Solvers;

/// <summary>Parsing the NIST .dat files; expected values are read off the files themselves (data/nist/*.dat).</summary>
public class NistDatasetTests
{
    [Theory]
    [InlineData("Norris", 36, 1, true, 1, 2)]
    [InlineData("Pontius", 40, 1, true, 2, 3)]
    [InlineData("NoInt1", 11, 1, false, 1, 1)]
    [InlineData("NoInt2", 3, 1, false, 1, 1)]
    [InlineData("Filip", 82, 1, true, 10, 11)]
    [InlineData("Longley", 16, 6, true, 1, 7)]
    [InlineData("Wampler1", 21, 1, true, 5, 6)]
    [InlineData("Wampler5", 21, 1, true, 5, 6)]
    public void Load_EachFile_ReadsModelAndShape(string name, int n, int predictors, bool intercept, int degree, int parameters)
    {
        var ds = NistTestData.Load(name);

        Assert.Equal(name, ds.Name);
        Assert.Equal(n, ds.Observations);
        Assert.Equal(predictors, ds.Predictors);
        Assert.Equal(intercept, ds.HasIntercept);
        Assert.Equal(degree, ds.Degree);
        Assert.Equal(parameters, ds.ParameterNames.Count);
        Assert.Equal(parameters, ds.CertifiedValues.Length);
        Assert.Equal(parameters, ds.CertifiedStandardDeviations.Length);
        Assert.Equal(n * predictors, ds.X.Length);
        Assert.Equal(parameters - (intercept ? 1 : 0), ds.DesignColumns);
    }

    [Fact]
    public void Load_Filip_KeepsExactDecimalsAndCertifiedValues()
    {
        var ds = NistTestData.Load("Filip");

        // Filip.dat line 31, line 41 and the first data line (61).
        Assert.Equal("-1467.48961422980", ds.CertifiedValueTexts[0]);
        Assert.Equal(-1467.48961422980, ds.CertifiedValues[0]);
        Assert.Equal("-0.402962525080404E-04", ds.CertifiedValueTexts[10]);
        Assert.Equal(298.084530995537, ds.CertifiedStandardDeviations[0]);
        Assert.Equal(0.334801051324544E-02, ds.CertifiedResidualStandardDeviation);
        Assert.Equal(0.996727416185620, ds.CertifiedRSquared);
        Assert.Equal("0.8116", ds.YTexts[0]);
        Assert.Equal("-6.860120914", ds.XTexts[0]);
        Assert.Equal(-6.860120914, ds.X[0]);
        Assert.Equal("B0", ds.ParameterNames[0]);
        Assert.Equal("B10", ds.ParameterNames[10]);
    }

    [Fact]
    public void Load_NoInt1_FirstParameterIsB1()
    {
        var ds = NistTestData.Load("NoInt1");

        Assert.Equal(["B1"], ds.ParameterNames);
        Assert.Equal(2.07438016528926, ds.CertifiedValues[0]);
    }

    [Fact]
    public void Load_Norris_IgnoresTrailingBlankLine()
    {
        // Norris.dat ends with one line of spaces after its 36 data lines (README quirk); line 96 is "0.2  0.5".
        var ds = NistTestData.Load("Norris");

        Assert.Equal(36, ds.Observations);
        Assert.Equal("0.2", ds.YTexts[^1]);
        Assert.Equal("0.5", ds.XTexts[^1]);
    }

    [Fact]
    public void BuildDesign_Filip_HasPowersOfX()
    {
        var ds = NistTestData.Load("Filip");

        var a = ds.BuildDesign();

        Assert.Equal(82 * 10, a.Length);
        double x0 = -6.860120914;
        Assert.Equal(x0, a[0]);
        Assert.Equal(Math.Pow(x0, 10), a[9], 1e-12 * Math.Pow(x0, 10));
    }

    [Fact]
    public void BuildDesignDoubleDouble_Filip_CarriesTheExactPowerTo30Digits()
    {
        var ds = NistTestData.Load("Filip");

        var (hi, lo) = ds.BuildDesignDoubleDouble();

        // Independent: (-6.860120914)^10 in exact rational arithmetic from the decimal string.
        var exact = Rational.Pow(Rational.Parse("-6.860120914"), 10);
        var dd = Rational.FromDouble(hi[9]) + Rational.FromDouble(lo[9]);
        var relErr = Rational.Abs((dd - exact) / exact).ToDouble();
        Assert.True(relErr < 1e-30, $"relative error {relErr:G3}");
        Assert.NotEqual(0.0, lo[9]); // the double alone would not carry it
    }

    [Fact]
    public void BuildDesign_Longley_IsThePredictorsAsGiven()
    {
        var ds = NistTestData.Load("Longley");

        var a = ds.BuildDesign();

        // Longley.dat line 61: 60323 83.0 234289 2356 1590 107608 1947
        Assert.Equal([83.0, 234289, 2356, 1590, 107608, 1947], a.AsSpan(0, 6).ToArray());
        Assert.Equal(60323, ds.Y[0]);
    }

    [Theory]
    [InlineData(1.0000001, 1.0, 7.0)]      // |Δ|/|c| = 1e-7
    [InlineData(2.5, 2.0, 0.60205999)]     // −log10(0.25)
    [InlineData(1e-9, 0.0, 9.0)]           // certified 0: −log10|estimate|
    [InlineData(3.0, 3.0, 15.0)]           // exact: capped at 15
    [InlineData(1.0 + 1e-16, 1.0, 15.0)]   // beyond 15 digits: capped
    [InlineData(5.0, 1.0, 0.0)]            // wrong in the first digit: floored at 0
    [InlineData(double.NaN, 1.0, 0.0)]
    public void Lre_ClosedForms_MatchDefinition(double estimate, double certified, double expected)
    {
        Assert.Equal(expected, NistDataset.Lre(estimate, certified), 6);
    }

    [Fact]
    public void Estimates_FitWithWrongShape_ThrowsNamingTheMismatch()
    {
        var filip = NistTestData.Load("Filip");
        var norris = NistTestData.Load("Norris");
        var fit = norris.Fit();

        var ex = Assert.Throws<ArgumentException>(() => filip.Estimates(fit));

        Assert.Contains("1 weights", ex.Message);
        Assert.Contains("Filip needs 10", ex.Message);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFoundWithPath()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => NistDataset.Load("no/such/Nothing.dat"));

        Assert.Contains("Nothing.dat", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Load_EmptyPath_ThrowsArgumentException(string path)
    {
        var ex = Assert.Throws<ArgumentException>(() => NistDataset.Load(path));

        Assert.Equal("path", ex.ParamName);
    }

    [Fact]
    public void Parse_NotAStrdFile_ThrowsFormatExceptionNamingSource()
    {
        var ex = Assert.Throws<FormatException>(() => NistDataset.Parse("hello\nworld\n", "bogus.dat"));

        Assert.Contains("bogus.dat", ex.Message);
    }

    [Fact]
    public void Parse_BadNumberInData_ThrowsNamingTheLine()
    {
        var text = File.ReadAllText(NistTestData.PathOf("NoInt2"));
        var lines = text.Split('\n');
        lines[60] = "   4   x5"; // line 61, the first data line
        var ex = Assert.Throws<FormatException>(() => NistDataset.Parse(string.Join('\n', lines), "NoInt2.dat"));

        Assert.Contains("line 61", ex.Message);
        Assert.Contains("\"x5\"", ex.Message);
    }

    [Fact]
    public void Parse_MissingDataLine_ThrowsCountingObservations()
    {
        var text = File.ReadAllText(NistTestData.PathOf("NoInt2"));
        var lines = text.Split('\n');
        lines[62] = ""; // line 63, the last data line
        var ex = Assert.Throws<FormatException>(() => NistDataset.Parse(string.Join('\n', lines), "NoInt2.dat"));

        Assert.Contains("line 63", ex.Message);
    }

    [Fact]
    public void Fit_NoInt2_WorksThroughTheOrigin()
    {
        var ds = NistTestData.Load("NoInt2");

        var fit = ds.Fit(LeastSquaresMethod.Qr);

        Assert.False(fit.FitIntercept);
        Assert.Equal(0.0, fit.Bias);
        Assert.Equal(0.727272727272727, ds.Estimates(fit)[0], 1e-14); // NoInt2.dat line 31
    }

    // ------------------------------------------------------------------ the certified ANOVA block (issue 11)

    [Theory]
    // the certified ANOVA lines of each file, copied here by hand
    [InlineData("NoInt1", 1, 200457.727272727, 200457.727272727, 15750.2500000000, 10, 127.272727272727, 12.7272727272727)]
    [InlineData("NoInt2", 1, 40.7272727272727, 40.7272727272727, 298.6666666666667, 2, 0.272727272727273, 0.136363636363636)]
    [InlineData("Filip", 10, 0.242391619837339, 0.242391619837339E-01, 2162.43954511489, 71, 0.795851382172941E-03, 0.112091743968020E-04)]
    [InlineData("Wampler5", 5, 18814317208116.7, 3762863441623.33, 6.7552445824012241E-03, 15, 0.835542680000000E+16, 557028453333333.0)]
    [InlineData("Wampler1", 5, 18814317208116.7, 3762863441623.33, double.PositiveInfinity, 15, 0.0, 0.0)]
    public void Load_CertifiedAnova_ReadsEveryEntry(string name, int dfReg, double ssReg, double msReg, double f, int dfRes, double ssRes, double msRes)
    {
        var ds = NistTestData.Load(name);

        Assert.Equal(dfReg, ds.CertifiedRegressionDegreesOfFreedom);
        Assert.Equal(ssReg, ds.CertifiedRegressionSumOfSquares);
        Assert.Equal(msReg, ds.CertifiedRegressionMeanSquare);
        Assert.Equal(f, ds.CertifiedFStatistic);
        Assert.Equal(dfRes, ds.CertifiedResidualDegreesOfFreedom);
        Assert.Equal(ssRes, ds.CertifiedResidualSumOfSquares);
        Assert.Equal(msRes, ds.CertifiedResidualMeanSquare);
    }

    [Fact]
    public void Parse_NoAnovaResidualLine_ThrowsNamingIt()
    {
        var text = File.ReadAllText(NistTestData.PathOf("NoInt2"));
        var broken = text.Replace("Residual     2     0.272727272727273   0.136363636363636", "Residual     2     0.272727272727273");

        var ex = Assert.Throws<FormatException>(() => NistDataset.Parse(broken, "NoInt2.dat"));

        Assert.Contains("NoInt2.dat", ex.Message);
        Assert.Contains("ANOVA", ex.Message);
        Assert.Contains("Residual", ex.Message);
    }

    [Fact]
    public void Parse_AnovaResidualDfDisagreesWithTheData_ThrowsQuotingBoth()
    {
        // NoInt2: n = 3 observations, p = 1 parameter → residual df must be 2.
        var text = File.ReadAllText(NistTestData.PathOf("NoInt2"));
        var broken = text.Replace("Residual     2     0.272727272727273", "Residual     5     0.272727272727273");

        var ex = Assert.Throws<FormatException>(() => NistDataset.Parse(broken, "NoInt2.dat"));

        Assert.Contains("5", ex.Message);
        Assert.Contains("3 − 1 = 2", ex.Message);
    }

    [Theory]
    [InlineData(double.PositiveInfinity, 15)]  // the certified value itself
    [InlineData(1e20, 15)]                     // 1/F = 1e-20 against 0: capped at 15
    [InlineData(1e10, 10)]                     // 1/F = 1e-10: 10 digits
    [InlineData(0.5, 0)]                       // 1/F = 2: clamped at 0
    [InlineData(double.NegativeInfinity, 0)]
    [InlineData(double.NaN, 0)]
    public void Lre_CertifiedInfinity_ComparesTheReciprocal(double estimate, double expected)
    {
        Assert.Equal(expected, NistDataset.Lre(estimate, double.PositiveInfinity), 12);
    }

    [Theory]
    [InlineData(0.0, 15)]
    [InlineData(1e-9, 9)]     // certified 0: the log absolute error
    [InlineData(-1e-20, 15)]
    public void Lre_CertifiedZero_IsTheLogAbsoluteError(double estimate, double expected)
    {
        Assert.Equal(expected, NistDataset.Lre(estimate, 0.0), 12);
    }
}
