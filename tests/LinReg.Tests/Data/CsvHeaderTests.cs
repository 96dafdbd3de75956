using System.Text;
using LinReg.Data;

namespace LinReg.Tests.Data;

/// <summary>
/// Issue 12 §2: CSV headers. Both entry points read a byte-order mark the same way, duplicate names are refused, and one
/// trimming rule holds for header and cells: whitespace around an UNQUOTED field is not part of it; a quoted field is
/// kept exactly as written between its quotes.
/// </summary>
public class CsvHeaderTests
{
    private const string Bom = "\uFEFF";

    private static CsvTable Parse(string text) => CsvTable.Parse(new StringReader(text), "t.csv");

    [Fact]
    public void Parse_LeadingByteOrderMark_IsNotPartOfTheFirstColumnName()
    {
        var t = Parse(Bom + "x,y\n1,2\n");

        Assert.Equal(["x", "y"], t.Columns);
        Assert.Equal(["1"], t.Column("x"));
    }

    [Fact]
    public void LoadAndParse_SameBytesWithBom_ReadIdentically()
    {
        string text = Bom + "x,\"y, in m\",cat\r\n1,2.5,\" a \"\r\n3,4,b\r\n";
        string path = Path.Combine(Path.GetTempPath(), $"bom-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)); // the BOM is in the text itself
            Assert.Equal(0xEF, File.ReadAllBytes(path)[0]);

            var loaded = CsvTable.Load(path);
            var parsed = Parse(text);
            // and a reader that does not strip the mark itself
            using var raw = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
            var rawParsed = CsvTable.Parse(raw, "raw");

            foreach (var t in new[] { loaded, parsed, rawParsed })
            {
                Assert.Equal(["x", "y, in m", "cat"], t.Columns);
                Assert.Equal(["1", "3"], t.Column("x"));
                Assert.Equal([" a ", "b"], t.Column("cat"));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("a,a,y\n1,2,3\n", "'a'", "columns 1 and 2")]
    [InlineData("y,a,b,a,a\n1,2,3,4,5\n", "'a'", "columns 2, 4 and 5")]
    [InlineData("a, a ,y\n1,2,3\n", "'a'", "columns 1 and 2")]             // the same name once trimmed
    public void Parse_DuplicateHeaderNames_ThrowsNamingTheHeaderAndItsPositions(string text, string name, string positions)
    {
        var ex = Assert.Throws<FormatException>(() => Parse(text));

        Assert.Contains("duplicate", ex.Message);
        Assert.Contains(name, ex.Message);
        Assert.Contains(positions, ex.Message);
        Assert.StartsWith("t.csv", ex.Message);
    }

    [Fact]
    public void Parse_TwoDuplicatedNames_NamesBoth()
    {
        var ex = Assert.Throws<FormatException>(() => Parse("a,b,a,b,y\n1,2,3,4,5\n"));
        Assert.Contains("'a' (columns 1 and 3)", ex.Message);
        Assert.Contains("'b' (columns 2 and 4)", ex.Message);
    }

    [Fact]
    public void Parse_NamesDifferingOnlyInCase_AreDistinctColumns()
    {
        var t = Parse("a,A,y\n1,2,3\n");
        Assert.Equal(["a", "A", "y"], t.Columns);
    }

    [Fact]
    public void Parse_WhitespaceAroundUnquotedFields_IsTrimmedInHeaderAndCellsAlike()
    {
        var t = Parse(" x , y\t,cat\n 1 ,\t2, a b \n");

        Assert.Equal(["x", "y", "cat"], t.Columns);
        Assert.Equal(["1"], t.Column("x"));
        Assert.Equal(["2"], t.Column("y"));
        Assert.Equal(["a b"], t.Column("cat"));   // inner whitespace is data
    }

    [Fact]
    public void Parse_QuotedFields_KeepTheirWhitespaceInHeaderAndCells()
    {
        var t = Parse("\" x\", \"y \" ,cat\n1,2,\" a \"\n");

        Assert.Equal([" x", "y ", "cat"], t.Columns);
        Assert.Equal([" a "], t.Column("cat"));
    }

    [Fact]
    public void ToDataset_QuotedCategoriesWithSpaces_AreDistinctLevels()
    {
        // one rule: the label is the field as parsed, no second trimming inside ToDataset
        var t = Parse("cat,y\nx,1\n\" x\",2\nx,3\n").ToDataset("y", ["cat"], dropFirstCategory: false);

        Assert.Equal([" x", "x"], t.Report.OneHotCategories["cat"]);
        Assert.Equal(["x", " x", "x"], t.Labels["cat"]);
    }

    [Fact]
    public void Parse_TextAfterAClosingQuote_ThrowsNamingLineAndField()
    {
        var ex = Assert.Throws<FormatException>(() => Parse("a,b\n1,\"2\"x\n"));
        Assert.Contains("line 2", ex.Message);
        Assert.Contains("closing quote", ex.Message);
    }

    [Fact]
    public void Parse_QuoteInsideAnUnquotedField_IsKeptLiterally()
    {
        var t = Parse("height,y\n5'10\",1\n");
        Assert.Equal(["5'10\""], t.Column("height"));
    }

    [Fact]
    public void Parse_QuotedFieldSpanningLines_IsOneFieldAndLaterLinesKeepTheirNumbers()
    {
        string text = "note,x,y\n\"two\r\nlines\",1,2\n\"ok\",oops,3\n";

        var table = Parse(text);
        Assert.Equal(["two\r\nlines", "ok"], table.Column("note"));
        var ex = Assert.Throws<FormatException>(() => table.ToDataset("y", exclude: ["note"]));
        Assert.Contains("line 4", ex.Message);   // physical line of the record holding 'oops'
        Assert.Contains("'oops'", ex.Message);
    }

    [Fact]
    public void ToDataset_BlankLinesBeforeABadValue_NamesItsPhysicalLine()
    {
        var ex = Assert.Throws<FormatException>(() => Parse("x,y\n1,2\n\n\n3,oops\n").ToDataset("y"));
        Assert.Contains("line 5", ex.Message);
    }

    [Fact]
    public void Parse_UnterminatedQuote_NamesTheLineItOpenedOn()
    {
        var ex = Assert.Throws<FormatException>(() => Parse("a,b\n1,2\n3,\"4\n5,6\n"));
        Assert.Contains("line 3", ex.Message);
        Assert.Contains("unterminated", ex.Message);
    }

    [Fact]
    public void FeatureMapIndexOf_NameCarriedByTwoColumns_ThrowsInsteadOfPickingOne()
    {
        // the same kind as a repeated CSV header: a lookup by name must not silently take the first of several
        var data = new Dataset([1, 2, 3, 4], [0.0, 0.0], 2, ["a", "a"]);
        var ex = Assert.Throws<ArgumentException>(() => FeatureMap.IndexOf(data, "a"));
        Assert.Contains("'a'", ex.Message);
        Assert.Contains("columns 0 and 1", ex.Message);
        Assert.Equal("name", ex.ParamName);
    }

    [Fact]
    public void Parse_LoneCarriageReturnLineEnds_AreRecordEndsToo()
    {
        // the documented rule: LF, CRLF or a lone CR (old Mac files) end a record; lines are counted the same way
        var t = Parse("x,y\r1,2\r\r3,oops\r");
        Assert.Equal(["1", "3"], t.Column("x"));
        var ex = Assert.Throws<FormatException>(() => t.ToDataset("y"));
        Assert.Contains("line 4", ex.Message);
    }
}
