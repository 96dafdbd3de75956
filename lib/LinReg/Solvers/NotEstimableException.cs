namespace LinReg.Solvers;

/// <summary>
/// An inference statistic was asked of a fit that cannot support it: the design is rank deficient (only
/// <see cref="LeastSquaresMethod.Svd"/> returns such fits: the individual coefficients are then not estimable), or
/// there are no residual degrees of freedom (n ≤ p: the noise variance σ² cannot be estimated, so neither can any
/// standard error), or the model has no regressors to test (an intercept-only fit has no F statistic). Thrown instead
/// of returning NaN, with the reason in the message.
/// Taught in notebook 16 · How sure are we?
/// </summary>
public sealed class NotEstimableException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What cannot be computed, and why.</param>
    /// <param name="rank">The rank of the design.</param>
    /// <param name="columns">The number of unknowns p (feature columns plus 1 for the intercept).</param>
    /// <param name="observations">The number of rows n.</param>
    public NotEstimableException(string message, int rank, int columns, int observations)
        : base(message)
    {
        Rank = rank;
        Columns = columns;
        Observations = observations;
    }

    /// <summary>The rank of the design.</summary>
    public int Rank { get; }

    /// <summary>The number of unknowns p (feature columns plus 1 for the intercept).</summary>
    public int Columns { get; }

    /// <summary>The number of rows n.</summary>
    public int Observations { get; }

    /// <summary>n − rank: the residual degrees of freedom (≤ 0 when σ² cannot be estimated).</summary>
    public int ResidualDegreesOfFreedom => Observations - Rank;
}
