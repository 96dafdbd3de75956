using System.Runtime.InteropServices;
using LinReg.Numerics;

namespace LinReg.Data;

/// <summary>
/// Writes a <see cref="RowFile"/> row by row into a temporary file beside the destination; <see cref="Commit"/>
/// writes the header and renames the finished file over the destination. Disposing without Commit (or any failure)
/// deletes the temporary file, so the destination is never half-written. Not thread-safe.
/// Taught in notebook 15 · Scaling up.
/// </summary>
public sealed class RowFileWriter : IDisposable
{
    private const int BufferBytes = 1 << 20;
    private readonly string _path;
    private readonly string _temp;
    private readonly bool _fitIntercept;
    private FileStream? _stream;
    private readonly byte[] _buffer = new byte[BufferBytes];
    private int _used;
    private bool _committed;

    internal RowFileWriter(string path, int features, bool fitIntercept)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (features < 0 || features > RowFile.MaxFeatures)
            throw new ArgumentOutOfRangeException(nameof(features), features, $"A row file holds 0 to {RowFile.MaxFeatures} features, got {features}.");
        Features = features;
        _fitIntercept = fitIntercept;
        _path = Path.GetFullPath(path);
        _temp = Path.Combine(Path.GetDirectoryName(_path) ?? ".", "." + Path.GetFileName(_path) + ".partial-" + Guid.NewGuid().ToString("N")[..8]);
        _stream = new FileStream(_temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        _stream.Write(new byte[RowFile.HeaderSize]);   // the header is written at Commit, when n is known
    }

    /// <summary>d, the features per row.</summary>
    public int Features { get; }

    /// <summary>The rows appended so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Appends one example.</summary>
    /// <param name="x">Its d features.</param>
    /// <param name="y">Its target.</param>
    /// <exception cref="ArgumentException">x has another length than d, or a value is NaN/±∞ (named by row and column).</exception>
    /// <exception cref="InvalidOperationException">the writer was committed or disposed.</exception>
    public void Append(ReadOnlySpan<double> x, double y)
    {
        var stream = _stream ?? throw new InvalidOperationException(_committed ? "The row file was committed; start a new writer to write more rows." : "The writer was disposed.");
        if (x.Length != Features)
            throw new ArgumentException($"Row {Rows} has {x.Length} features but the file has {Features}.", nameof(x));
        for (int j = 0; j < x.Length; j++)
            if (!double.IsFinite(x[j]))
                throw new ArgumentException($"x[row {Rows}, column {j}] is {Format.Num(x[j])}; every value must be finite.", nameof(x));
        if (!double.IsFinite(y)) throw new ArgumentException($"y[{Rows}] is {Format.Num(y)}; every value must be finite.", nameof(y));
        int bytes = 8 * (Features + 1);
        if (_used + bytes > _buffer.Length) Flush(stream);
        if (bytes > _buffer.Length)
        {
            stream.Write(MemoryMarshal.AsBytes(x));
            stream.Write(MemoryMarshal.AsBytes(new ReadOnlySpan<double>(in y)));
        }
        else
        {
            var dst = MemoryMarshal.Cast<byte, double>(_buffer.AsSpan(_used, bytes));
            x.CopyTo(dst);
            dst[Features] = y;
            _used += bytes;
        }
        Rows++;
    }

    /// <summary>Appends every row of a dataset.</summary>
    /// <param name="data">The examples (same number of features).</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">the dataset has another number of features.</exception>
    /// <exception cref="InvalidOperationException">the writer was committed or disposed.</exception>
    public void Append(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Features != Features)
            throw new ArgumentException($"The dataset has {data.Features} features but the file has {Features}.", nameof(data));
        for (int i = 0; i < data.Count; i++) Append(data.X.AsSpan(i * Features, Features), data.Y[i]);
    }

    /// <summary>Writes the header, flushes to disk and renames the file over the destination.</summary>
    /// <exception cref="InvalidOperationException">no rows were appended, or the writer was committed or disposed.</exception>
    /// <exception cref="IOException">the file cannot be finished (the temporary file is deleted; the destination is unchanged).</exception>
    public void Commit()
    {
        var stream = _stream ?? throw new InvalidOperationException(_committed ? "The row file was committed already." : "The writer was disposed.");
        if (Rows == 0) throw new InvalidOperationException("A row file needs at least 1 row; none was appended.");
        if (Rows > int.MaxValue) throw new InvalidOperationException($"A row file holds at most {int.MaxValue} rows; {Rows} were appended.");
        try
        {
            Flush(stream);
            Span<byte> header = stackalloc byte[RowFile.HeaderSize];
            RowFile.WriteHeader(header, Rows, Features, _fitIntercept);
            stream.Position = 0;
            stream.Write(header);
            stream.Flush(flushToDisk: true);
            stream.Dispose();
            _stream = null;
            File.Move(_temp, _path, overwrite: true);
            _committed = true;
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    /// <summary>Deletes the temporary file unless <see cref="Commit"/> succeeded.</summary>
    public void Dispose()
    {
        if (!_committed) Abandon();
    }

    private void Flush(FileStream stream)
    {
        stream.Write(_buffer, 0, _used);
        _used = 0;
    }

    private void Abandon()
    {
        _stream?.Dispose();
        _stream = null;
        try
        {
            File.Delete(_temp);
        }
        catch (IOException)
        {
            // the temporary file stays behind under its hidden name; the destination is untouched either way
        }
    }
}
