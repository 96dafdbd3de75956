using System.Buffers.Binary;
using LinReg.Data;

namespace LinReg.Tests.Data;

/// <summary>
/// The binary row file: its bytes are checked against the documented layout by reading them back independently
/// (BinaryPrimitives at the documented offsets), writing is all-or-nothing, and every kind of bad file gives an
/// error naming what is wrong and where.
/// </summary>
public sealed class RowFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("linreg-rowfile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static (double[] X, double[] Y) Data(int n, int d)
    {
        var x = new double[n * d];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++) x[i * d + j] = i + j / 10.0;
            y[i] = -i - 0.5;
        }
        return (x, y);
    }

    [Fact]
    public void Write_Then_Bytes_FollowTheDocumentedLayout()
    {
        var (x, y) = Data(5, 3);
        string path = PathOf("a.lrrows");

        RowFile.Write(path, x, 5, 3, y, fitIntercept: false);

        byte[] b = File.ReadAllBytes(path);
        Assert.Equal(64 + 5 * 8 * 4, b.Length);
        Assert.Equal("LRROWS01"u8.ToArray(), b[..8]);
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(8)));
        Assert.Equal(64, BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(12)));
        Assert.Equal(5L, BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(16)));
        Assert.Equal(3, BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(24)));
        Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(28)));
        Assert.Equal(32, BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(32)));
        Assert.All(b[36..64], v => Assert.Equal(0, v));
        // row 2 starts at 64 + 2·32: x = (2, 2.1, 2.2), y = −2.5
        Assert.Equal(2.1, BinaryPrimitives.ReadDoubleLittleEndian(b.AsSpan(64 + 2 * 32 + 8)));
        Assert.Equal(-2.5, BinaryPrimitives.ReadDoubleLittleEndian(b.AsSpan(64 + 2 * 32 + 24)));
        Assert.Equal(new RowFileHeader(5, 3, false), RowFile.ReadHeader(path));
    }

    [Fact]
    public void Write_NaNInRowK_ThrowsNamingItAndLeavesNothingHalfWritten()
    {
        var (x, y) = Data(1000, 4);
        string path = PathOf("b.lrrows");
        File.WriteAllText(path, "the old content");
        x[777 * 4 + 2] = double.NaN;

        var e = Assert.Throws<ArgumentException>(() => RowFile.Write(path, x, 1000, 4, y));

        Assert.Contains("x[row 777, column 2] is NaN", e.Message);
        Assert.Equal("the old content", File.ReadAllText(path));                // the destination is untouched
        Assert.Equal([path], Directory.GetFiles(_dir));                          // and no temporary file is left
    }

    [Fact]
    public void Writer_DisposedWithoutCommit_LeavesNoFile()
    {
        string path = PathOf("c.lrrows");
        using (var w = RowFile.Create(path, 2))
        {
            w.Append([1.0, 2.0], 3.0);
            Assert.Equal(1, w.Rows);
        }

        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Writer_WrongWidthOrAfterCommit_Throws()
    {
        string path = PathOf("d.lrrows");
        using var w = RowFile.Create(path, 2);
        var e = Assert.Throws<ArgumentException>(() => w.Append([1.0, 2.0, 3.0], 4.0));
        Assert.Contains("Row 0 has 3 features but the file has 2", e.Message);
        w.Append([1.0, 2.0], 3.0);
        w.Commit();
        Assert.Throws<InvalidOperationException>(() => w.Append([1.0, 2.0], 3.0));
        Assert.Equal(new RowFileHeader(1, 2, true), RowFile.ReadHeader(path));
    }

    /// <summary>A valid file of 10 rows × 3 features, then one header field overwritten.</summary>
    private string WithHeaderField(string name, int offset, long value, int width)
    {
        var (x, y) = Data(10, 3);
        string path = PathOf(name);
        RowFile.Write(path, x, 10, 3, y);
        byte[] b = File.ReadAllBytes(path);
        if (width == 8) BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(offset), value);
        else BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(offset), (int)value);
        File.WriteAllBytes(path, b);
        return path;
    }

    public static TheoryData<int, long, int, string> BadHeaders => new()
    {
        { 0, 0x4141414141414141, 8, "not a LinReg row file: it starts with \"AAAAAAAA\"" },
        { 8, 2, 4, "row-file version 2 is not supported" },
        { 12, 128, 4, "header size is 128, expected 64" },
        { 16, -5, 8, "declares n = -5 rows" },
        { 24, 2_000_000, 4, "declares d = 2000000 features" },
        { 28, 6, 4, "flags are 0x00000006" },
        { 32, 40, 4, "row size is 40 bytes but d = 3 features and y make 32" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void ReadHeader_BadField_NamesItAndItsValue(int offset, long value, int width, string expected)
    {
        string path = WithHeaderField("h.lrrows", offset, value, width);

        var e = Assert.Throws<InvalidDataException>(() => RowFile.ReadHeader(path));

        Assert.Contains(expected, e.Message);
        Assert.StartsWith("h.lrrows: ", e.Message);
    }

    [Fact]
    public void ReadHeader_TruncatedInsideARow_SaysWhichRow()
    {
        var (x, y) = Data(10, 3);
        string path = PathOf("t.lrrows");
        RowFile.Write(path, x, 10, 3, y);
        using (var f = new FileStream(path, FileMode.Open)) f.SetLength(64 + 7 * 32 + 12);   // 7 rows, then 12 bytes of row 7

        var e = Assert.Throws<InvalidDataException>(() => RowFile.ReadHeader(path));

        Assert.Contains("truncated", e.Message);
        Assert.Contains("ends inside row 7 (7 complete rows, then 12 of the row's 32 bytes)", e.Message);
    }

    [Fact]
    public void ReadHeader_TrailingBytes_SaysHowMany()
    {
        var (x, y) = Data(10, 3);
        string path = PathOf("u.lrrows");
        RowFile.Write(path, x, 10, 3, y);
        File.AppendAllText(path, "junk");

        var e = Assert.Throws<InvalidDataException>(() => RowFile.ReadHeader(path));

        Assert.Contains("4 bytes follow the last of the 10 rows", e.Message);
    }

    [Fact]
    public void ReadHeader_ShorterThanTheHeader_Throws()
    {
        string path = PathOf("s.lrrows");
        File.WriteAllBytes(path, "LRROWS"u8.ToArray());

        var e = Assert.Throws<InvalidDataException>(() => RowFile.ReadHeader(path));

        Assert.Contains("6 bytes, shorter than the 64-byte header", e.Message);
    }
}
