namespace LinReg.Data;

/// <summary>
/// A dataset made from a CSV table, with what was done to get it and the categorical labels of each row.
/// Taught in notebook 10 · Baselines on real data.
/// </summary>
/// <param name="Data">Features (numeric columns, then one-hot indicators) and targets.</param>
/// <param name="Report">Missing values, dropped rows, imputations, categories.</param>
/// <param name="Labels">For each categorical column, the raw label of every kept row (for plots by category).</param>
public sealed record TableDataset(Dataset Data, LoadReport Report, IReadOnlyDictionary<string, string[]> Labels);
