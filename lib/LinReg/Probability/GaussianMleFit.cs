namespace LinReg.Probability;

/// <summary>
/// A linear model fitted by maximum likelihood under Gaussian noise.
/// Taught in notebook 07 · Noise and likelihood.
/// </summary>
/// <param name="Weights">ŵ (length d).</param>
/// <param name="Bias">b̂.</param>
/// <param name="Sigma">σ̂, the maximum-likelihood noise standard deviation.</param>
/// <param name="NegativeLogLikelihood">−log p(y | X, ŵ, b̂, σ̂) at the optimum (total over the n examples).</param>
/// <param name="Iterations">Optimizer iterations used.</param>
/// <param name="GradientNorm">‖∇(−log p)/n‖∞ at the returned point (how close to stationary it is).</param>
public sealed record GaussianMleFit(double[] Weights, double Bias, double Sigma, double NegativeLogLikelihood, int Iterations, double GradientNorm);
