using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text;
using LinReg.Data;
using LinReg.Numerics;

namespace LinReg.Solvers;

/// <summary>A chunk of raw rows as read from a file, before decoding: its bytes and where it sits in the file.</summary>
internal sealed class RawChunk(int capacity)
{
    internal byte[] Bytes = new byte[capacity];
    internal int Length;
    /// <summary>0-based index of the chunk's first data row.</summary>
    internal long FirstRow;
    /// <summary>Data rows in the chunk.</summary>
    internal int Rows;
    /// <summary>1-based line number of the chunk's first line (CSV).</summary>
    internal long FirstLine;
    /// <summary>Position of the chunk in the file (0, 1, 2, …).</summary>
    internal long Index;
}

/// <summary>
/// The rows of a data file, read sequentially in chunks (<see cref="Read"/>, one thread) and decoded into row-major X
/// and y blocks with every value checked (<see cref="Decode"/>, any thread): what the out-of-core solver streams over.
/// Errors name the file and the row (and for CSV the line).
/// </summary>
internal abstract class RowBlockSource : IDisposable
{
    internal abstract string Source { get; }
    internal abstract int Features { get; }
    /// <summary>Bytes a chunk buffer needs.</summary>
    internal abstract int ChunkCapacity { get; }
    /// <summary>The most rows one chunk decodes to.</summary>
    internal abstract int MaxChunkRows { get; }
    /// <summary>Starts a pass from the first row.</summary>
    internal abstract void Rewind();
    /// <summary>Reads the next chunk of the pass; false at the end.</summary>
    internal abstract bool Read(RawChunk chunk);
    /// <summary>Decodes a chunk into x (row-major, Rows × Features) and y, checking that every value is finite.</summary>
    internal abstract void Decode(RawChunk chunk, double[] x, double[] y);
    public abstract void Dispose();
}

/// <summary>A <see cref="RowFile"/> read in chunks of whole rows (RandomAccess reads, no memory mapping).</summary>
internal sealed class RowFileSource : RowBlockSource
{
    private readonly FileStream _stream;
    private readonly RowFileHeader _header;
    private readonly int _chunkRows;
    private long _next;

    internal RowFileSource(string path, int chunkRows)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Row file not found: {Path.GetFullPath(path)}", path);
        Source = Path.GetFileName(path);
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        try
        {
            _header = RowFile.ReadHeader(_stream, Source);
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
        _chunkRows = chunkRows > 0 ? chunkRows : Math.Max(1, (4 << 20) / _header.RowBytes);
    }

    internal RowFileHeader Header => _header;
    internal override string Source { get; }
    internal override int Features => _header.Features;
    internal override int ChunkCapacity => _chunkRows * _header.RowBytes;
    internal override int MaxChunkRows => _chunkRows;

    internal override void Rewind()
    {
        _next = 0;
        _advisedUpTo = 0;
    }

    /// <summary>How far ahead of the reads the kernel is asked to fetch the file (Linux readahead hint).</summary>
    private const long AheadBytes = 256L << 20;
    private long _advisedUpTo;

    internal override bool Read(RawChunk chunk)
    {
        if (_next >= _header.Rows) return false;
        ReadAhead(RowFile.HeaderSize + _next * _header.RowBytes);
        int rows = (int)Math.Min(_chunkRows, _header.Rows - _next);
        int bytes = rows * _header.RowBytes;
        long offset = RowFile.HeaderSize + _next * _header.RowBytes;
        int got = 0;
        while (got < bytes)
        {
            int k = RandomAccess.Read(_stream.SafeFileHandle, chunk.Bytes.AsSpan(got, bytes - got), offset + got);
            if (k == 0)
            {
                long row = _next + got / _header.RowBytes;
                throw new InvalidDataException($"{Source}: the file ended inside row {row} while it was read (it is shorter than the {_header.Rows} rows its header declares; was it changed during the fit?).");
            }
            got += k;
        }
        chunk.Length = bytes;
        chunk.FirstRow = _next;
        chunk.Rows = rows;
        _next += rows;
        return true;
    }

    internal override void Decode(RawChunk chunk, double[] x, double[] y)
    {
        int d = _header.Features, w = d + 1;
        var values = MemoryMarshal.Cast<byte, double>(chunk.Bytes.AsSpan(0, chunk.Length));
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("Row files are little-endian; this machine is not.");
        for (int i = 0; i < chunk.Rows; i++)
        {
            var row = values.Slice(i * w, w);
            if (!TensorPrimitives.IsFiniteAll(row)) throw NotFinite(chunk.FirstRow + i, row);
            row[..d].CopyTo(x.AsSpan(i * d, d));
            y[i] = row[d];
        }
    }

    /// <summary>
    /// Keeps the disk busy while the workers compute: asks the kernel (posix_fadvise WILLNEED, Linux) to start reading
    /// the next <see cref="AheadBytes"/> of the file in the background, so a read finds its bytes in the page cache
    /// instead of waiting for them. A hint only: where it is unavailable the reads are the same, just less overlapped.
    /// </summary>
    private void ReadAhead(long offset)
    {
        if (!OperatingSystem.IsLinux() || offset + AheadBytes / 2 < _advisedUpTo) return;
        long from = Math.Max(offset, _advisedUpTo), to = Math.Min(_header.FileBytes, offset + AheadBytes);
        if (to <= from) return;
        _ = LinuxFileHints.posix_fadvise((int)_stream.SafeFileHandle.DangerousGetHandle(), from, to - from, LinuxFileHints.WillNeed);   // 0 or an errno: a hint either way
        _advisedUpTo = to;
    }

    private InvalidDataException NotFinite(long row, ReadOnlySpan<double> values)
    {
        int j = 0;
        while (double.IsFinite(values[j])) j++;
        string where = j < Features ? $"column {j}" : "the target y";
        long offset = RowFile.HeaderSize + row * _header.RowBytes + 8L * j;
        return new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
            $"{Source}: row {row}, {where} is {Format.Num(values[j])} (byte offset {offset}); every value must be finite."));
    }

    public override void Dispose() => _stream.Dispose();
}

/// <summary>
/// A numeric CSV file read in chunks of whole lines: a header line of column names, then one example per line, fields
/// separated by commas (no quotes: every field is a number), one column the target. Empty lines are skipped.
/// </summary>
internal sealed class CsvSource : RowBlockSource
{
    private const int ChunkBytes = 1 << 20;
    private readonly FileStream _stream;
    private readonly int _targetColumn;
    private readonly int _fields;
    private readonly long _dataStart;
    private readonly int _firstDataLine;
    private readonly byte[] _carry = new byte[2 * ChunkBytes];
    private int _carried;
    private long _position;
    private long _row;
    private long _line;

    internal CsvSource(string path, string target)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(target);
        if (!File.Exists(path)) throw new FileNotFoundException($"CSV file not found: {Path.GetFullPath(path)}", path);
        Source = Path.GetFileName(path);
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        try
        {
            // the header: the first line (at most one chunk long)
            var head = new byte[ChunkBytes];
            int n = _stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            int end = head.AsSpan(0, n).IndexOf((byte)'\n');
            if (n == 0) throw new FormatException($"{Source}: the file is empty (no header line).");
            if (end < 0 && n == head.Length) throw new FormatException($"{Source}: the header line is longer than {ChunkBytes} bytes.");
            int lineEnd = end < 0 ? n : end;
            string header = Encoding.UTF8.GetString(head, 0, lineEnd).TrimEnd('\r');
            if (header.Length > 0 && header[0] == '\uFEFF') header = header[1..];
            Columns = header.Split(',').Select(c => c.Trim()).ToArray();
            _fields = Columns.Count;
            _targetColumn = Array.IndexOf((string[])Columns, target);
            if (_targetColumn < 0)
                throw new ArgumentException($"{Source} has no column '{target}'; columns are: {string.Join(", ", Columns)}.", nameof(target));
            FeatureNames = Columns.Where((_, j) => j != _targetColumn).ToArray();
            _dataStart = end < 0 ? n : end + 1;
            _firstDataLine = 2;
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
        Rewind();
    }

    internal IReadOnlyList<string> Columns { get; }
    internal IReadOnlyList<string> FeatureNames { get; }
    internal override string Source { get; }
    internal override int Features => _fields - 1;
    internal override int ChunkCapacity => 2 * ChunkBytes;
    /// <summary>A chunk of at most 2·ChunkBytes bytes: every field takes at least 2 bytes ("0," or "0\n").</summary>
    internal override int MaxChunkRows => ChunkBytes / _fields + 1;
    /// <summary>Data rows seen by the last complete pass.</summary>
    internal long RowsRead => _row;

    internal override void Rewind()
    {
        _position = _dataStart;
        _carried = 0;
        _row = 0;
        _line = _firstDataLine;
    }

    internal override bool Read(RawChunk chunk)
    {
        // the partial line carried over from the last chunk, then up to ChunkBytes new bytes; the chunk ends at its last newline
        _carry.AsSpan(0, _carried).CopyTo(chunk.Bytes);
        int got = _carried, target = _carried + ChunkBytes;
        while (got < target)
        {
            int k = RandomAccess.Read(_stream.SafeFileHandle, chunk.Bytes.AsSpan(got, target - got), _position);
            if (k == 0) break;
            got += k;
            _position += k;
        }
        if (got == 0) return false;
        bool atEnd = got < target || _position >= _stream.Length;
        int cut = atEnd ? got : chunk.Bytes.AsSpan(0, got).LastIndexOf((byte)'\n') + 1;
        if (cut == 0 || got - cut > ChunkBytes)
            throw new FormatException($"{Source}, line {_line}: a line longer than {ChunkBytes} bytes.");
        _carried = got - cut;
        chunk.Bytes.AsSpan(cut, _carried).CopyTo(_carry);
        chunk.Length = cut;
        // count lines and data rows (non-empty lines)
        var span = chunk.Bytes.AsSpan(0, cut);
        int rows = 0, lines = 0;
        int start = 0;
        while (start < span.Length)
        {
            int nl = span[start..].IndexOf((byte)'\n');
            int stop = nl < 0 ? span.Length : start + nl;
            var line = span[start..stop];
            if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1];
            if (!line.IsEmpty && !line.ContainsAnyExcept((byte)' ', (byte)'\t')) line = default;
            if (!line.IsEmpty) rows++;
            lines++;
            start = stop + 1;
        }
        chunk.FirstRow = _row;
        chunk.FirstLine = _line;
        chunk.Rows = rows;
        _row += rows;
        _line += lines;
        return true;
    }

    internal override void Decode(RawChunk chunk, double[] x, double[] y)
    {
        int d = Features;
        var span = chunk.Bytes.AsSpan(0, chunk.Length);
        int start = 0, row = 0;
        long line = chunk.FirstLine;
        while (start < span.Length)
        {
            int nl = span[start..].IndexOf((byte)'\n');
            int stop = nl < 0 ? span.Length : start + nl;
            var text = span[start..stop];
            if (text.Length > 0 && text[^1] == (byte)'\r') text = text[..^1];
            if (!text.IsEmpty && text.ContainsAnyExcept((byte)' ', (byte)'\t'))
            {
                long dataRow = chunk.FirstRow + row;
                int field = 0, f0 = 0;
                for (int pos = 0; pos <= text.Length; pos++)
                {
                    if (pos < text.Length && text[pos] != (byte)',') continue;
                    if (field >= _fields)
                        throw new FormatException($"{Source}, line {line} (row {dataRow}): more than the header's {_fields} fields.");
                    var raw = text[f0..pos].Trim((byte)' ');
                    if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                        throw new FormatException($"{Source}, line {line} (row {dataRow}), column '{Columns[field]}': '{Encoding.UTF8.GetString(raw)}' is not a number.");
                    if (!double.IsFinite(v))
                        throw new FormatException($"{Source}, line {line} (row {dataRow}), column '{Columns[field]}' is {Format.Num(v)}; every value must be finite.");
                    if (field == _targetColumn) y[row] = v;
                    else x[row * d + (field < _targetColumn ? field : field - 1)] = v;
                    field++;
                    f0 = pos + 1;
                }
                if (field != _fields)
                    throw new FormatException($"{Source}, line {line} (row {dataRow}): {field} fields but the header has {_fields}.");
                row++;
            }
            line++;
            start = stop + 1;
        }
    }

    public override void Dispose() => _stream.Dispose();
}

/// <summary>The one OS call the out-of-core reader makes beyond ordinary reads: a readahead hint.</summary>
internal static partial class LinuxFileHints
{
    internal const int WillNeed = 3;   // POSIX_FADV_WILLNEED

    [DllImport("libc", EntryPoint = "posix_fadvise")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int posix_fadvise(int fd, long offset, long length, int advice);
}
