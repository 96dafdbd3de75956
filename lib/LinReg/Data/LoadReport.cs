using System.Globalization;
using System.Text;

namespace LinReg.Data;

/// <summary>
/// What <see cref="CsvTable.ToDataset"/> did to the table.
/// Taught in notebook 10 · Baselines on real data.
/// </summary>
/// <param name="RowsRead">Data rows in the file.</param>
/// <param name="RowsDropped">Rows removed by <see cref="MissingValuePolicy.DropRows"/>.</param>
/// <param name="MissingByColumn">Empty cells per column (before any policy was applied).</param>
/// <param name="ImputedValues">The value written into each imputed column.</param>
/// <param name="OneHotCategories">For each categorical column, its categories in the order of the indicator columns; the dropped reference category is first.</param>
public sealed record LoadReport(
    int RowsRead,
    int RowsDropped,
    IReadOnlyDictionary<string, int> MissingByColumn,
    IReadOnlyDictionary<string, double> ImputedValues,
    IReadOnlyDictionary<string, IReadOnlyList<string>> OneHotCategories)
{
    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{RowsRead} rows read, {RowsDropped} dropped");
        foreach (var (col, n) in MissingByColumn.Where(kv => kv.Value > 0))
            sb.Append(CultureInfo.InvariantCulture, $"; {col}: {n} missing");
        foreach (var (col, v) in ImputedValues)
            sb.Append(CultureInfo.InvariantCulture, $"; {col} imputed with {v:G6}");
        foreach (var (col, cats) in OneHotCategories)
            sb.Append(CultureInfo.InvariantCulture, $"; {col} one-hot: reference '{cats[0]}', indicators {string.Join(", ", cats.Skip(1).Select(c => $"'{c}'"))}");
        return sb.ToString();
    }
}
