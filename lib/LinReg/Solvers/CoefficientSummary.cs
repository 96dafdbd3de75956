namespace LinReg.Solvers;

/// <summary>
/// One row of a <see cref="RegressionSummary"/>: a coefficient's estimate, its standard error, the t statistic for
/// "this coefficient is 0", its two-sided p-value, and the confidence interval.
/// Taught in notebook 16 · How sure are we?
/// </summary>
/// <param name="Name">"(Intercept)" for b, else the feature's name (x0, x1, … when the data had none).</param>
/// <param name="Estimate">The least-squares estimate.</param>
/// <param name="StandardError">Its estimated standard deviation, s·√((AᵀA)⁻¹)ⱼⱼ.</param>
/// <param name="TStatistic">Estimate / StandardError.</param>
/// <param name="PValue">P(|T| ≥ |t|) for T ~ Student t with n − p degrees of freedom.</param>
/// <param name="Interval">Estimate ± t_crit·StandardError at the summary's level.</param>
public sealed record CoefficientSummary(string Name, double Estimate, double StandardError, double TStatistic, double PValue,
    ConfidenceInterval Interval);
