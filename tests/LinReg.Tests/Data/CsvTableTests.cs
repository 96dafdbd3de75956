using LinReg.Data;

namespace LinReg.Tests.Data;

public class CsvTableTests
{
    private const string Text = "a,b,cat,y\n1,2,x,10\n3,,y,20\n5,6,x,30\n7,8,\"z,z\",40\n";

    private static CsvTable Table() => CsvTable.Parse(new StringReader(Text), "t.csv");

    [Fact]
    public void ToDataset_ErrorPolicy_NamesLineAndColumn()
    {
        var ex = Assert.Throws<FormatException>(() => Table().ToDataset("y", ["cat"]));
        Assert.Contains("line 3, column 'b'", ex.Message);
    }

    [Fact]
    public void ToDataset_DropRows_DropsAndReports()
    {
        var t = Table().ToDataset("y", ["cat"], MissingValuePolicy.DropRows);
        Assert.Equal(3, t.Data.Count);
        Assert.Equal(1, t.Report.RowsDropped);
        Assert.Equal(1, t.Report.MissingByColumn["b"]);
        Assert.Equal([10.0, 30.0, 40.0], t.Data.Y);
        // categories x, z,z remain; x is the reference; one indicator column for "z,z"
        Assert.Equal(["a", "b", "cat=z,z"], t.Data.FeatureNames);
        Assert.Equal([1.0, 2.0, 0.0, 5.0, 6.0, 0.0, 7.0, 8.0, 1.0], t.Data.X);
        Assert.Equal(["x", "x", "z,z"], t.Labels["cat"]);
    }

    [Fact]
    public void ToDataset_ImputeMean_FillsWithTheMeanOfPresentValues()
    {
        var t = Table().ToDataset("y", ["cat"], MissingValuePolicy.ImputeMean, dropFirstCategory: false);
        Assert.Equal(4, t.Data.Count);
        Assert.Equal((2 + 6 + 8) / 3.0, t.Report.ImputedValues["b"], 15);
        Assert.Equal((2 + 6 + 8) / 3.0, t.Data.X[1 * t.Data.Features + 1], 15);
        Assert.Equal(["a", "b", "cat=x", "cat=y", "cat=z,z"], t.Data.FeatureNames);
    }

    [Fact]
    public void Parse_RaggedRow_NamesTheLine()
    {
        var ex = Assert.Throws<FormatException>(() => CsvTable.Parse(new StringReader("a,b\n1,2\n3\n"), "r.csv"));
        Assert.Contains("line 3", ex.Message);
    }

    [Fact]
    public void ToDataset_NonNumeric_NamesValueLineAndColumn()
    {
        var ex = Assert.Throws<FormatException>(() => CsvTable.Parse(new StringReader("a,y\n1,2\nfoo,3\n")).ToDataset("y"));
        Assert.Contains("'foo'", ex.Message);
        Assert.Contains("line 3", ex.Message);
    }

    [Fact]
    public void ToDataset_UnknownColumn_ListsColumns()
    {
        var ex = Assert.Throws<ArgumentException>(() => Table().ToDataset("nope"));
        Assert.Contains("a, b, cat, y", ex.Message);
    }

    [Fact]
    public void ToDataset_ImputeMean_ConstantColumnNotExactInBinary_ImputesTheValueItself()
    {
        // 1000 present values all "14.62": their mean is 14.62 (a naive running sum gives 14.620000000000298).
        var text = "a,y\n" + string.Concat(Enumerable.Range(0, 1000).Select(i => $"14.62,{i}\n")) + ",1000\n";
        var t = CsvTable.Parse(new StringReader(text), "c.csv").ToDataset("y", missing: MissingValuePolicy.ImputeMean);
        Assert.Equal(14.62, t.Report.ImputedValues["a"]);
        Assert.Equal(14.62, t.Data.X[1000]);
    }

    [Fact]
    public void Housing_MatchesTheFactsInItsReadme()
    {
        // data/housing/README.md: 20,640 rows; 207 empty total_bedrooms; ocean_proximity counts.
        var table = CsvTable.Load(Path.Combine(RepoRoot(), "data", "housing", "housing.csv"));
        Assert.Equal(20640, table.RowCount);
        var t = table.ToDataset("median_house_value", ["ocean_proximity"], MissingValuePolicy.DropRows);
        Assert.Equal(207, t.Report.MissingByColumn["total_bedrooms"]);
        Assert.Equal(20640 - 207, t.Data.Count);
        var counts = table.Column("ocean_proximity").GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(9136, counts["<1H OCEAN"]);
        Assert.Equal(5, counts["ISLAND"]);
        Assert.Equal(965, table.Column("median_house_value").Count(v => v == "500001.0"));
        Assert.Equal(["<1H OCEAN", "INLAND", "ISLAND", "NEAR BAY", "NEAR OCEAN"], t.Report.OneHotCategories["ocean_proximity"]);
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LinRegNotebooks.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("LinRegNotebooks.sln not found above " + AppContext.BaseDirectory);
    }
}
