namespace LinReg.Data;

/// <summary>
/// What to do with an empty cell in a numeric column.
/// Taught in notebook 10 · Baselines on real data.
/// </summary>
public enum MissingValuePolicy
{
    /// <summary>Throw, naming the first missing cell's line and column.</summary>
    Error,

    /// <summary>Drop every row with a missing value (and report how many).</summary>
    DropRows,

    /// <summary>Replace missing values by the column mean over the rows present (and report how many, and the value).</summary>
    ImputeMean,
}
