using System.Text;
using CsCheck;
using LinReg.Data;

namespace LinReg.Tests.Data;

/// <summary>
/// Issue 12 §2, the property: any table of strings, written as CSV the way a careful writer would (RFC 4180 quoting where
/// a field needs it, sometimes where it does not; LF or CRLF line ends; an optional byte-order mark; an optional final
/// line end), reads back identically — names, cells and their order. The writer here is the independent side: it only
/// knows the format, not the reader.
/// </summary>
public class CsvRoundTripPropertyTests
{
    private const string Seed = "0N0XIzNsQ0O2";

    // letters, digits, blanks (space, tab, no-break space), the separator, the quote, both line-break characters, non-ASCII
    private const string Alphabet = "aZ07.- \t\u00A0,\"\n\ré";

    private static readonly Gen<string> Text =
        Gen.Int[0, Alphabet.Length - 1].Select(i => Alphabet[i]).Array[0, 6].Select(cs => new string(cs));

    private sealed record Table(string[] Header, string[][] Rows, bool Crlf, bool Bom, bool FinalNewline, bool[] QuoteAlways)
    {
        public override string ToString() => Write(this).Replace("\r", "\\r").Replace("\n", "\\n\n");
    }

    private static readonly Gen<Table> Tables =
        from cols in Gen.Int[1, 5]
        from header in Text.Array[cols].Where(h => h.Distinct().Count() == h.Length)
        from rows in Gen.Int[1, 6]
        from cells in Text.Array[cols].Array[rows]
        from crlf in Gen.Bool
        from bom in Gen.Bool
        from finalNewline in Gen.Bool
        from quoteAlways in Gen.Bool.Array[rows + 1]
        select new Table(header, cells, crlf, bom, finalNewline, quoteAlways);

    /// <summary>An RFC 4180 writer. A field is quoted when it must be — it holds a comma, a quote or a line break, has
    /// whitespace at either end (the reader's documented rule trims unquoted fields), or is a lone empty field (an empty
    /// line would read as a blank line) — or when the line's coin says so.</summary>
    private static string Write(Table t)
    {
        var sb = new StringBuilder();
        if (t.Bom) sb.Append('\uFEFF');
        string eol = t.Crlf ? "\r\n" : "\n";
        var lines = new[] { t.Header }.Concat(t.Rows).ToArray();
        for (int r = 0; r < lines.Length; r++)
        {
            string[] fields = lines[r];
            for (int j = 0; j < fields.Length; j++)
            {
                if (j > 0) sb.Append(',');
                string f = fields[j];
                bool must = f.IndexOfAny([',', '"', '\n', '\r']) >= 0 || f != f.Trim() || (f.Length == 0 && fields.Length == 1);
                sb.Append(must || t.QuoteAlways[r] ? "\"" + f.Replace("\"", "\"\"") + "\"" : f);
            }
            if (r < lines.Length - 1 || t.FinalNewline) sb.Append(eol);
        }
        return sb.ToString();
    }

    [Fact]
    public void Parse_RandomTablesWrittenAsCsv_ReadBackIdentically()
    {
        Tables.Sample(t =>
        {
            var table = CsvTable.Parse(new StringReader(Write(t)), "p.csv");

            Assert.Equal(t.Header, table.Columns);
            Assert.Equal(t.Rows.Length, table.RowCount);
            for (int j = 0; j < t.Header.Length; j++)
                Assert.Equal(t.Rows.Select(r => r[j]).ToArray(), table.Column(t.Header[j]));
        }, iter: 2000, seed: Seed);
    }

    [Fact]
    public void Load_RandomTablesWrittenToAFile_ReadBackIdenticallyToParse()
    {
        string path = Path.Combine(Path.GetTempPath(), $"prop-{Guid.NewGuid():N}.csv");
        try
        {
            Tables.Sample(t =>
            {
                string text = Write(t);
                File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                var loaded = CsvTable.Load(path);
                var parsed = CsvTable.Parse(new StringReader(text));

                Assert.Equal(parsed.Columns, loaded.Columns);
                Assert.Equal(t.Header, loaded.Columns);
                foreach (string name in t.Header) Assert.Equal(parsed.Column(name), loaded.Column(name));
            }, iter: 200, seed: Seed, threads: 1);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
