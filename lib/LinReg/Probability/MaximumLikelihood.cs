using LinReg.Data;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using LinReg.Numerics;

namespace LinReg.Probability;

/// <summary>
/// Maximum-likelihood fits of y = Xw + b + ε for the two noise models of the book. The Gaussian fit is computed by a
/// general-purpose optimizer (MathNet's BFGS) that sees only the negative log-likelihood and its gradient — it never
/// solves a least-squares problem — so comparing its answer with least squares is an independent check of the claim
/// "minimizing squared error = maximizing the Gaussian likelihood".
/// Taught in notebook 07 · Noise and likelihood.
/// </summary>
public static class MaximumLikelihood
{
    /// <summary>
    /// The Gaussian negative log-likelihood per example and its gradient, as a function of θ = (w₁…w_d, b, s) with
    /// s = log σ (so σ = eˢ stays positive without constraints):
    /// f(θ) = (1/n)·[ n·s + (n/2)·log 2π + e^{−2s}·½·Σᵢ rᵢ² ], rᵢ = xᵢᵀw + b − yᵢ;
    /// ∂f/∂w = e^{−2s}·Xᵀr/n, ∂f/∂b = e^{−2s}·Σᵢ rᵢ/n, ∂f/∂s = 1 − e^{−2s}·Σᵢ rᵢ²/n.
    /// </summary>
    /// <param name="data">The examples.</param>
    /// <param name="theta">(w, b, log σ), length d + 2.</param>
    /// <returns>f(θ) and ∇f(θ) (length d + 2).</returns>
    /// <exception cref="ArgumentException">theta has a length other than d + 2, or a non-finite entry.</exception>
    public static (double Value, double[] Gradient) GaussianObjective(Dataset data, ReadOnlySpan<double> theta)
    {
        ArgumentNullException.ThrowIfNull(data);
        int d = data.Features, n = data.Count;
        if (theta.Length != d + 2)
            throw new ArgumentException($"theta must hold d + 2 = {d + 2} values (w, b, log σ), got {theta.Length}.", nameof(theta));
        Guard.AllFinite(theta, nameof(theta));
        double b = theta[d], s = theta[d + 1];
        double inv = Math.Exp(-2 * s);
        var grad = new double[d + 2];
        double ss = 0, sr = 0;
        for (int i = 0; i < n; i++)
        {
            double r = b - data.Y[i];
            for (int j = 0; j < d; j++) r += data.X[i * d + j] * theta[j];
            ss += r * r;
            sr += r;
            for (int j = 0; j < d; j++) grad[j] += data.X[i * d + j] * r;
        }
        for (int j = 0; j < d; j++) grad[j] *= inv / n;
        grad[d] = inv * sr / n;
        grad[d + 1] = 1 - inv * ss / n;
        double value = s + 0.5 * Math.Log(2 * Math.PI) + 0.5 * inv * ss / n;
        return (value, grad);
    }

    /// <summary>
    /// Maximizes the Gaussian likelihood of y = Xw + b + ε, ε ~ 𝒩(0, σ²), over w, b AND σ by minimizing
    /// <see cref="GaussianObjective"/> with BFGS, starting from w = 0, b = ȳ, σ = std(y).
    /// </summary>
    /// <param name="data">The examples (n ≥ d + 2 so that σ̂ &gt; 0 is possible).</param>
    /// <param name="gradientTolerance">Stop when ‖∇f‖∞ falls below this (f is per example).</param>
    /// <param name="maxIterations">BFGS iteration limit.</param>
    /// <returns>ŵ, b̂, σ̂ and the total negative log-likelihood there.</returns>
    /// <exception cref="ArgumentException">
    /// the targets are constant, so σ̂ would be 0 and the likelihood unbounded — also up to rounding (standard deviation
    /// ≤ 8ε·max|yᵢ|, the library's one rule for "constant": 1000 copies of 14.62 are constant).
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">gradientTolerance ≤ 0 or maxIterations ≤ 0.</exception>
    /// <exception cref="MaximumIterationsException">BFGS did not converge even with a 10⁶× looser tolerance.</exception>
    public static GaussianMleFit FitGaussian(Dataset data, double gradientTolerance = 1e-12, int maxIterations = 2000)
    {
        ArgumentNullException.ThrowIfNull(data);
        Guard.Positive(gradientTolerance, nameof(gradientTolerance), "The gradient tolerance");
        Guard.Positive(maxIterations, nameof(maxIterations), "The iteration limit");
        int d = data.Features, n = data.Count;
        var y = Spread.Of(data.Y);
        if (y.IsConstant)
            throw new ArgumentException(
                $"All {n} targets equal {Format.Num(y.Mean)}{(y.StandardDeviation > 0 ? $" up to rounding (standard deviation {Format.Num(y.StandardDeviation)})" : "")}: σ̂ would be 0 and the likelihood unbounded.",
                nameof(data));
        var start = new double[d + 2];
        start[d] = y.Mean;
        start[d + 1] = Math.Log(y.StandardDeviation);
        var objective = ObjectiveFunction.Gradient(v =>
        {
            var (f, g) = GaussianObjective(data, v.AsArray() ?? v.ToArray());
            return (f, Vector<double>.Build.Dense(g));
        });
        // MathNet's BFGS stops on an ABSOLUTE gradient norm. When the fit is nearly exact (tiny σ) the likelihood is so
        // peaked that rounding keeps the gradient above a very strict tolerance (maximum iterations, or a failed line
        // search): then retry with a 100× looser tolerance, at most three times. GradientNorm reports what was reached.
        MinimizationResult? result = null;
        double tol = gradientTolerance;
        for (int attempt = 0; result is null; attempt++)
        {
            try
            {
                result = new BfgsMinimizer(tol, attempt == 0 ? 1e-15 : 0, 0, maxIterations).FindMinimum(objective, Vector<double>.Build.Dense(start));
            }
            catch (Exception e) when (attempt < 3 && e is MaximumIterationsException or InnerOptimizationException)
            {
                tol *= 100;
            }
        }
        double[] theta = result.MinimizingPoint.ToArray();
        var (value, grad) = GaussianObjective(data, theta);
        return new GaussianMleFit(theta[..d], theta[d], Math.Exp(theta[d + 1]), value * n, result.Iterations,
            grad.Max(Math.Abs));
    }

    /// <summary>
    /// Maximizes the Laplace likelihood of y = Xw + b + ε, p(ε) = exp(−|ε|/s)/(2s): the weights and bias are the
    /// least-absolute-deviations fit (<see cref="LeastAbsoluteDeviations.Fit"/>) and ŝ = mean |rᵢ|.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// the LAD fit has every residual zero (ŝ would be 0) — also up to rounding: ŝ ≤ 8ε·max|yᵢ|, the size of the rounding
    /// errors a line through the data leaves in residuals of targets that size.
    /// </exception>
    public static LaplaceMleFit FitLaplace(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var lad = LeastAbsoluteDeviations.Fit(data);
        double[] r = lad.Residuals(data);
        double scale = LaplaceNoise.MleScale(r);
        double magnitude = data.Y.Max(Math.Abs);
        if (Spread.IsNegligible(scale, magnitude))
            throw new ArgumentException(
                $"Every residual of the least-absolute-deviations fit is 0{(scale > 0 ? $" up to rounding (mean |r| = {Format.Num(scale)} for targets up to {Format.Num(magnitude)})" : "")}: ŝ would be 0 and the likelihood unbounded.",
                nameof(data));
        return new LaplaceMleFit(lad.Weights, lad.Bias, scale, LaplaceNoise.NegativeLogLikelihood(r, scale));
    }
}
