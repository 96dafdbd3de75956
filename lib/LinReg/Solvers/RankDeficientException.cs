namespace LinReg.Solvers;

/// <summary>
/// The design matrix (the columns of X plus the intercept column of ones, when fitted) does not have full column
/// rank, exactly or numerically: some column is (nearly) a linear combination of the others, so XᵀX is singular
/// and the least-squares weights are not unique. The message names the offending column(s), the rank and the
/// condition number, and suggests <see cref="LeastSquaresMethod.Svd"/> (minimum-norm solution).
/// Taught in notebook 03 · The normal equation.
/// </summary>
public sealed class RankDeficientException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The full explanation.</param>
    /// <param name="rank">The (numerical) rank found.</param>
    /// <param name="columns">Number of unknowns: feature columns plus 1 for the intercept.</param>
    /// <param name="conditionNumber">2-norm condition number of the design (∞ when exactly singular).</param>
    /// <param name="dependentColumns">Indices into the columns of X (0-based) found to depend on earlier columns.</param>
    /// <param name="method">The solver that refused.</param>
    public RankDeficientException(string message, int rank, int columns, double conditionNumber, IReadOnlyList<int> dependentColumns, LeastSquaresMethod? method)
        : base(message)
    {
        Rank = rank;
        Columns = columns;
        ConditionNumber = conditionNumber;
        DependentColumns = dependentColumns;
        Method = method;
    }

    /// <summary>The (numerical) rank of the design.</summary>
    public int Rank { get; }

    /// <summary>The number of unknowns (feature columns + 1 when the intercept is fitted).</summary>
    public int Columns { get; }

    /// <summary>The 2-norm condition number σ_max/σ_min of the design (including the intercept column); ∞ when exactly singular.</summary>
    public double ConditionNumber { get; }

    /// <summary>
    /// Feature columns (0-based indices into X) found to be (numerically) linear combinations of earlier columns
    /// (or of the intercept). Empty when the trouble is global ill-conditioning with no single culprit.
    /// </summary>
    public IReadOnlyList<int> DependentColumns { get; }

    /// <summary>The solver that refused, or null for <see cref="ExactLeastSquares"/>.</summary>
    public LeastSquaresMethod? Method { get; }
}
