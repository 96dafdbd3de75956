using LinReg.Data;

namespace LinReg.Tests.Data;

public class FeatureMapTests
{
    private static readonly Dataset Small = new([1, 2, 3, 4, 5, 6], [10, 20, 30], 2, ["a", "g"]);

    [Fact]
    public void AppendSquareAndProduct_SmallData_AddColumnsWithNames()
    {
        var sq = FeatureMap.AppendSquare(Small, 0);
        Assert.Equal(["a", "g", "a^2"], sq.FeatureNames);
        Assert.Equal([1.0, 9, 25], sq.Column(2));
        var prod = FeatureMap.AppendProduct(Small, 0, 1);
        Assert.Equal([2.0, 12, 30], prod.Column(2));
        Assert.Equal("a*g", prod.FeatureNames[2]);
        Assert.Equal(Small.Y, prod.Y);
        Assert.Equal(2, Small.Features);   // the input is untouched
    }

    [Fact]
    public void SelectAndIndexOf_SmallData_KeepColumnsInOrder()
    {
        var s = FeatureMap.Select(Small, [1, 0]);
        Assert.Equal([2.0, 1, 4, 3, 6, 5], s.X);
        Assert.Equal(["g", "a"], s.FeatureNames);
        Assert.Equal(1, FeatureMap.IndexOf(Small, "g"));
        var ex = Assert.Throws<ArgumentException>(() => FeatureMap.IndexOf(Small, "z"));
        Assert.Contains("a, g", ex.Message);
    }

    [Fact]
    public void MapTargets_Log_TransformsYOnly()
    {
        var logged = FeatureMap.MapTargets(Small, Math.Log);
        Assert.Equal(Math.Log(20), logged.Y[1], 15);
        Assert.Equal(Small.X, logged.X);
        var bad = FeatureMap.MapTargets(Small, v => v - 20);
        var ex = Assert.Throws<ArgumentException>(() => FeatureMap.MapTargets(bad, Math.Log));
        Assert.Contains("row 0", ex.Message);
    }

    [Fact]
    public void FeatureMap_BadInput_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureMap.AppendSquare(Small, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureMap.AppendProduct(Small, 0, -1));
        Assert.Throws<ArgumentException>(() => FeatureMap.Select(Small, []));
        var nan = Assert.Throws<ArgumentException>(() => FeatureMap.Append(Small, "bad", row => row[0] > 2 ? double.NaN : 0));
        Assert.Contains("row 1", nan.Message);
    }
}

public class FeatureMapOneHotTests
{
    [Fact]
    public void DecodeOneHot_CsvWithCategories_RecoversTheLabelsOfTheLoader()
    {
        // independent reference: the loader's own Labels for the same rows
        var csv = "x,c,y\n1,red,1\n2,blue,2\n3,green,3\n4,red,4\n";
        var t = LinReg.Data.CsvTable.Parse(new StringReader(csv)).ToDataset("y", ["c"]);
        string reference = t.Report.OneHotCategories["c"][0];
        Assert.Equal(t.Labels["c"], FeatureMap.DecodeOneHot(t.Data, "c", reference));
    }

    [Fact]
    public void DecodeOneHot_BadInput_Throws()
    {
        var d = new Dataset([1, 0.5, 2, 0], [1, 2], 2, ["x", "c=a"]);
        var ex = Assert.Throws<ArgumentException>(() => FeatureMap.DecodeOneHot(d, "c", "ref"));
        Assert.Contains("Row 0", ex.Message);
        Assert.Throws<ArgumentException>(() => FeatureMap.DecodeOneHot(d, "z", "ref"));
        var two = new Dataset([1, 1, 0, 0], [1, 2], 2, ["c=a", "c=b"]);
        Assert.Throws<ArgumentException>(() => FeatureMap.DecodeOneHot(two, "c", "ref"));
    }
}
