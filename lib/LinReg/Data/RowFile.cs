using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace LinReg.Data;

/// <summary>
/// A simple binary file of examples, row after row, that the library writes and reads back block by block, so a
/// least-squares fit can run over data larger than memory (<see cref="Solvers.OutOfCoreLeastSquares"/>).
/// Taught in notebook 15 · Scaling up.
/// </summary>
/// <remarks>
/// <para><b>The format, version 1</b> (every number little-endian):</para>
/// <code>
/// offset  bytes  field
///      0      8  magic: the ASCII bytes "LRROWS01"
///      8      4  version (int32) = 1
///     12      4  header size in bytes (int32) = 64
///     16      8  n, the number of rows (int64, 1 … 2³¹ − 1)
///     24      4  d, the number of features (int32, 0 … 2²⁰)
///     28      4  flags (int32): bit 0 set = fit an intercept by default; the other bits must be 0
///     32      4  row size in bytes (int32) = 8·(d + 1)
///     36     28  reserved, zero
///     64   n·8·(d+1)  the rows: x₀ … x_{d−1} then y, each an IEEE-754 float64
/// </code>
/// <para>
/// So row i (0-based) starts at byte 64 + i·8·(d + 1), and the file is exactly 64 + n·8·(d + 1) bytes long. Every value
/// is finite. The layout is the one a C program would fwrite from a row-major array with y as the last column; numpy
/// reads the rows with <c>numpy.fromfile(path, '&lt;f8', offset=64).reshape(n, d + 1)</c>.
/// </para>
/// <para>
/// Writing never leaves a half-written file at the destination: rows go to a temporary file beside it, which is
/// renamed over the destination only when every row is written (<see cref="RowFileWriter.Commit"/>); a failure or an
/// uncommitted writer deletes the temporary file and leaves the destination as it was.
/// </para>
/// </remarks>
public static class RowFile
{
    /// <summary>The 8 bytes every row file starts with: ASCII "LRROWS01".</summary>
    public static ReadOnlySpan<byte> Magic => "LRROWS01"u8;

    /// <summary>The format version this library writes and reads.</summary>
    public const int Version = 1;

    /// <summary>The size of the header in bytes; row 0 starts here.</summary>
    public const int HeaderSize = 64;

    /// <summary>The largest number of features a row file may declare.</summary>
    public const int MaxFeatures = 1 << 20;

    /// <summary>Writes a dataset to <paramref name="path"/> (replacing the file when every row is written).</summary>
    /// <param name="path">The destination file.</param>
    /// <param name="data">The examples.</param>
    /// <param name="fitIntercept">Stored in the header: whether a fit of this file includes b by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="IOException">the file cannot be written (nothing is left at <paramref name="path"/>).</exception>
    public static void Write(string path, Dataset data, bool fitIntercept = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        Write(path, data.X, data.Count, data.Features, data.Y, fitIntercept);
    }

    /// <summary>Writes n rows of a row-major X (x[i·cols + j]) and y to <paramref name="path"/>.</summary>
    /// <param name="path">The destination file.</param>
    /// <param name="x">X, row-major, rows·cols values.</param>
    /// <param name="rows">n ≥ 1.</param>
    /// <param name="cols">d ≥ 0.</param>
    /// <param name="y">y, n values.</param>
    /// <param name="fitIntercept">Stored in the header: whether a fit of this file includes b by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/>, <paramref name="x"/> or <paramref name="y"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">rows &lt; 1, or cols &lt; 0 or &gt; <see cref="MaxFeatures"/>.</exception>
    /// <exception cref="ArgumentException">x.Length ≠ rows·cols, y.Length ≠ rows, or a NaN/±∞ value (named by row and column; nothing is written).</exception>
    /// <exception cref="IOException">the file cannot be written (nothing is left at <paramref name="path"/>).</exception>
    public static void Write(string path, double[] x, int rows, int cols, double[] y, bool fitIntercept = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (rows < 1) throw new ArgumentOutOfRangeException(nameof(rows), rows, $"A row file needs at least 1 row, got rows = {rows}.");
        if ((long)rows * cols != x.Length)
            throw new ArgumentException($"x has {x.Length} values but rows × cols = {rows} × {cols} = {(long)rows * cols}.", nameof(x));
        if (y.Length != rows) throw new ArgumentException($"X has {rows} rows but y has {y.Length} values.", nameof(y));
        using var writer = Create(path, cols, fitIntercept);
        for (int i = 0; i < rows; i++) writer.Append(x.AsSpan(i * cols, cols), y[i]);
        writer.Commit();
    }

    /// <summary>
    /// Starts a row file at <paramref name="path"/> for data that arrive (or do not fit in memory) row by row: append the
    /// rows, then <see cref="RowFileWriter.Commit"/>. Until then nothing exists at <paramref name="path"/>.
    /// </summary>
    /// <param name="path">The destination file.</param>
    /// <param name="features">d, the number of features per row (0 … <see cref="MaxFeatures"/>).</param>
    /// <param name="fitIntercept">Stored in the header: whether a fit of this file includes b by default.</param>
    /// <returns>The writer (dispose it; disposing without Commit deletes the temporary file).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">features &lt; 0 or &gt; <see cref="MaxFeatures"/>.</exception>
    /// <exception cref="IOException">the temporary file cannot be created.</exception>
    public static RowFileWriter Create(string path, int features, bool fitIntercept = true) => new(path, features, fitIntercept);

    /// <summary>Reads and checks the header of a row file, including that the file holds exactly the rows it declares.</summary>
    /// <param name="path">The row file.</param>
    /// <returns>n, d and the intercept flag.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="FileNotFoundException">no such file.</exception>
    /// <exception cref="InvalidDataException">
    /// a bad header (wrong magic, an unsupported version, a field out of range — each named with its value), or a file
    /// length that does not match: the message says in which row the file ends (truncated) or how many bytes follow the
    /// last row.
    /// </exception>
    public static RowFileHeader ReadHeader(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Row file not found: {Path.GetFullPath(path)}", path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
        return ReadHeader(stream, Path.GetFileName(path));
    }

    internal static RowFileHeader ReadHeader(FileStream stream, string source)
    {
        Span<byte> h = stackalloc byte[HeaderSize];
        long length = stream.Length;
        if (length < HeaderSize)
            throw new InvalidDataException($"{source}: {length} bytes, shorter than the {HeaderSize}-byte header of a row file.");
        stream.Position = 0;
        stream.ReadExactly(h);
        if (!h[..8].SequenceEqual(Magic))
            throw new InvalidDataException($"{source}: not a LinReg row file: it starts with {Quote(h[..8])}, expected \"LRROWS01\".");
        int version = BinaryPrimitives.ReadInt32LittleEndian(h[8..]);
        if (version != Version)
            throw new InvalidDataException($"{source}: row-file version {version} is not supported (this library reads version {Version}).");
        int headerSize = BinaryPrimitives.ReadInt32LittleEndian(h[12..]);
        if (headerSize != HeaderSize)
            throw new InvalidDataException($"{source}: header size is {headerSize}, expected {HeaderSize}.");
        long rows = BinaryPrimitives.ReadInt64LittleEndian(h[16..]);
        if (rows < 1 || rows > int.MaxValue)
            throw new InvalidDataException($"{source}: the header declares n = {rows} rows; a row file holds 1 to {int.MaxValue}.");
        int features = BinaryPrimitives.ReadInt32LittleEndian(h[24..]);
        if (features < 0 || features > MaxFeatures)
            throw new InvalidDataException($"{source}: the header declares d = {features} features; a row file holds 0 to {MaxFeatures}.");
        int flags = BinaryPrimitives.ReadInt32LittleEndian(h[28..]);
        if ((flags & ~1) != 0)
            throw new InvalidDataException($"{source}: the header's flags are 0x{flags:X8}; only bit 0 (intercept) is defined.");
        int rowBytes = BinaryPrimitives.ReadInt32LittleEndian(h[32..]);
        if (rowBytes != 8 * (features + 1))
            throw new InvalidDataException($"{source}: the header's row size is {rowBytes} bytes but d = {features} features and y make {8 * (features + 1)}.");
        long expected = HeaderSize + rows * rowBytes;
        if (length < expected)
        {
            long complete = (length - HeaderSize) / rowBytes;
            long cut = (length - HeaderSize) % rowBytes;
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{source}: truncated: the header declares {rows} rows ({expected} bytes) but the file has {length} bytes; it ends {(cut == 0 ? "before" : "inside")} row {complete} ({complete} complete rows{(cut == 0 ? "" : $", then {cut} of the row's {rowBytes} bytes")})."));
        }
        if (length > expected)
            throw new InvalidDataException($"{source}: {length - expected} bytes follow the last of the {rows} rows the header declares (the file has {length} bytes, expected {expected}).");
        return new RowFileHeader((int)rows, features, (flags & 1) != 0);
    }

    /// <summary>The 64-byte header for n rows of d features.</summary>
    internal static void WriteHeader(Span<byte> h, long rows, int features, bool fitIntercept)
    {
        h.Clear();
        Magic.CopyTo(h);
        BinaryPrimitives.WriteInt32LittleEndian(h[8..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(h[12..], HeaderSize);
        BinaryPrimitives.WriteInt64LittleEndian(h[16..], rows);
        BinaryPrimitives.WriteInt32LittleEndian(h[24..], features);
        BinaryPrimitives.WriteInt32LittleEndian(h[28..], fitIntercept ? 1 : 0);
        BinaryPrimitives.WriteInt32LittleEndian(h[32..], 8 * (features + 1));
    }

    private static string Quote(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder("\"");
        foreach (byte b in bytes) sb.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}");
        return sb.Append('"').ToString();
    }
}
