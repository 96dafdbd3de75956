namespace LinReg.Data;

/// <summary>What the header of a <see cref="RowFile"/> declares (checked against the file's length). Taught in notebook 15 · Scaling up.</summary>
/// <param name="Rows">n, the number of rows (examples).</param>
/// <param name="Features">d, the number of features per row (each row also holds y).</param>
/// <param name="FitIntercept">Whether a fit of the file includes the intercept b by default.</param>
public sealed record RowFileHeader(int Rows, int Features, bool FitIntercept)
{
    /// <summary>Bytes per row: 8·(d + 1).</summary>
    public int RowBytes => 8 * (Features + 1);

    /// <summary>The file's size in bytes: the header and n rows.</summary>
    public long FileBytes => RowFile.HeaderSize + (long)Rows * RowBytes;
}
