namespace LinReg.Metrics;

/// <summary>
/// Residuals of one category.
/// Taught in notebook 09 · Residual diagnostics.
/// </summary>
/// <param name="Label">The category.</param>
/// <param name="Count">Examples in it.</param>
/// <param name="Mean">Mean residual: an offset the model misses for this category when far from 0.</param>
/// <param name="Std">Standard deviation of its residuals (divisor Count).</param>
/// <param name="Slope">Least-squares slope of the residual against x within the category (NaN when no x was given or
/// x is constant in the category, also up to rounding: standard deviation ≤ 8ε·max|x|): a slope the model misses for
/// this category.</param>
public sealed record ResidualGroup(string Label, int Count, double Mean, double Std, double Slope);
