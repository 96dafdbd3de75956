using System.Globalization;
using LinReg.Data;

namespace LinReg.Solvers;

/// <summary>
/// The ridge (L2-penalized least-squares) solution of min over w, b of ‖y − Xw − b·1‖² + α‖w‖², the intercept b not
/// penalized, with what a reader needs to judge it: the penalty on both scales (<see cref="Alpha"/>,
/// <see cref="WeightDecay"/>), the singular values of the centred design and the effective degrees of freedom.
/// Made by <see cref="LeastSquares.FitRidge(Dataset, double)"/>.
/// Taught in notebook 14 · Weight decay.
/// </summary>
public sealed class RidgeResult
{
    internal RidgeResult(double alpha, double[] weights, double bias, int observations, double[] singularValues,
        double effectiveDegreesOfFreedom, double residualSumOfSquares, double totalSumOfSquares, int refinementIterations,
        string? warning)
    {
        Alpha = alpha;
        Weights = weights;
        Bias = bias;
        Observations = observations;
        SingularValues = singularValues;
        EffectiveDegreesOfFreedom = effectiveDegreesOfFreedom;
        ResidualSumOfSquares = residualSumOfSquares;
        TotalSumOfSquares = totalSumOfSquares;
        RefinementIterations = refinementIterations;
        Warning = warning;
    }

    /// <summary>
    /// α ≥ 0, the penalty on the sum-of-squares scale: the solution minimizes ‖y − Xw − b·1‖² + α‖w‖² (scikit-learn's
    /// <c>Ridge(alpha)</c>, the λ of Hastie, Tibshirani &amp; Friedman's ESL).
    /// </summary>
    public double Alpha { get; }

    /// <summary>
    /// λ = α/n, the same penalty on the book's scale: the solution also minimizes L(w, b) + (λ/2)‖w‖² with
    /// L = (1/n) Σ ½(ŷᵢ − yᵢ)², the mean ½-squared loss (that objective is the one above divided by 2n). This λ is the
    /// <c>weightDecay</c> of <see cref="Optim.Sgd"/> (PyTorch's <c>weight_decay</c>) whose full-batch gradient descent on
    /// <see cref="Losses.SquaredLoss"/> converges to this solution.
    /// </summary>
    public double WeightDecay => Alpha / Observations;

    /// <summary>w, one weight per feature (length d).</summary>
    public double[] Weights { get; }

    /// <summary>b, the unpenalized intercept: b = ȳ − x̄ᵀw.</summary>
    public double Bias { get; }

    /// <summary>n, the number of examples fitted.</summary>
    public int Observations { get; }

    /// <summary>d, the number of features.</summary>
    public int Features => Weights.Length;

    /// <summary>
    /// The singular values d₁ ≥ d₂ ≥ … of the centred design X_c = X − 1x̄ᵀ, min(n, d) of them. Centring costs one
    /// dimension (the rows of X_c sum to zero), so at most n − 1 of them are non-zero; values at rounding level
    /// (≤ max(n, d)·ε·d₁) stand for exact zeros.
    /// </summary>
    public double[] SingularValues { get; }

    /// <summary>
    /// df(α) = tr(X_c (X_cᵀX_c + αI)⁻¹ X_cᵀ) = Σⱼ dⱼ²/(dⱼ² + α): the effective number of parameters the penalized weights
    /// use (ESL §3.4.1; the unpenalized intercept adds 1 more to the trace of the full hat matrix). It falls from
    /// rank(X_c) (= d when n &gt; d and the columns are independent) at α = 0 towards 0 as α → ∞.
    /// </summary>
    public double EffectiveDegreesOfFreedom { get; }

    /// <summary>RSS = Σᵢ (yᵢ − xᵢᵀw − b)² on the fitted data, the residuals accumulated in double-double.</summary>
    public double ResidualSumOfSquares { get; }

    /// <summary>Σᵢ (yᵢ − ȳ)², the residual sum of squares of the intercept-only model (the α → ∞ limit).</summary>
    public double TotalSumOfSquares { get; }

    /// <summary>The minimized objective RSS + α‖w‖². Divided by 2n it is L + (λ/2)‖w‖² with λ = <see cref="WeightDecay"/>.</summary>
    public double Objective => ResidualSumOfSquares + Alpha * Weights.Sum(v => v * v);

    /// <summary>How many refinement passes the accurate least-squares solver ran on the augmented system.</summary>
    public int RefinementIterations { get; }

    /// <summary>Null when the solver has no reason to doubt its answer; otherwise why digits may be lost.</summary>
    public string? Warning { get; }

    /// <summary>ŷ = xᵀw + b for one example x (length d).</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> does not have d values.</exception>
    public double Predict(ReadOnlySpan<double> x)
    {
        if (x.Length != Weights.Length)
            throw new ArgumentException($"x has {x.Length} values but the model has {Weights.Length} weights.", nameof(x));
        double s = Bias;
        for (int j = 0; j < x.Length; j++) s += x[j] * Weights[j];
        return s;
    }

    /// <summary>ŷᵢ = xᵢᵀw + b for every row of <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> does not have d features.</exception>
    public double[] Predict(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Features != Weights.Length)
            throw new ArgumentException($"The dataset has {data.Features} features but the model has {Weights.Length} weights.", nameof(data));
        var yHat = new double[data.Count];
        for (int i = 0; i < yHat.Length; i++) yHat[i] = Predict(data.Row(i));
        return yHat;
    }

    /// <summary>One line: α (and λ = α/n), df, ‖w‖, b, RSS, and the warning if any.</summary>
    public override string ToString()
    {
        double norm = Math.Sqrt(Weights.Sum(v => v * v));
        return string.Create(CultureInfo.InvariantCulture,
            $"Ridge: alpha = {Alpha:G6} (weight decay λ = alpha/n = {WeightDecay:G6}), df = {EffectiveDegreesOfFreedom:G6} of {Features}, ‖w‖ = {norm:G6}, b = {Bias:G6}, RSS = {ResidualSumOfSquares:G6}")
            + (Warning is null ? "" : " — " + Warning);
    }
}
