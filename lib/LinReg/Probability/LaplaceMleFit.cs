namespace LinReg.Probability;

/// <summary>
/// A linear model fitted by maximum likelihood under Laplace noise.
/// Taught in notebook 07 · Noise and likelihood.
/// </summary>
/// <param name="Weights">ŵ (length d): the least-absolute-deviations weights.</param>
/// <param name="Bias">b̂.</param>
/// <param name="Scale">ŝ = (1/n) Σ |rᵢ|, the maximum-likelihood Laplace scale.</param>
/// <param name="NegativeLogLikelihood">−log p(y | X, ŵ, b̂, ŝ) at the optimum.</param>
public sealed record LaplaceMleFit(double[] Weights, double Bias, double Scale, double NegativeLogLikelihood);
