namespace LinReg.Solvers;

/// <summary>
/// The solution of min over w, b of ‖y − (Xw + b·1)‖² and the diagnostics a reader needs to judge it:
/// rank, condition numbers, residual sum of squares, and a warning when the answer should not be trusted.
/// Taught in notebook 03 · The normal equation.
/// </summary>
public sealed class LeastSquaresResult
{
    private readonly bool _constantTargets;

    internal LeastSquaresResult(
        LeastSquaresMethod method, double[] weights, double bias, bool fitIntercept, int observations, int rank,
        double[] singularValues, double conditionNumber, double scaledConditionNumber, double residualSumOfSquares,
        double totalSumOfSquares, int refinementIterations, string? warning, bool constantTargets)
    {
        _constantTargets = constantTargets;
        Method = method;
        Weights = weights;
        Bias = bias;
        FitIntercept = fitIntercept;
        Observations = observations;
        Rank = rank;
        SingularValues = singularValues;
        ConditionNumber = conditionNumber;
        ScaledConditionNumber = scaledConditionNumber;
        ResidualSumOfSquares = residualSumOfSquares;
        TotalSumOfSquares = totalSumOfSquares;
        RefinementIterations = refinementIterations;
        Warning = warning;
    }

    /// <summary>The solver that produced this result.</summary>
    public LeastSquaresMethod Method { get; }

    /// <summary>w, one weight per column of X (length d).</summary>
    public double[] Weights { get; }

    /// <summary>b, the intercept; 0 when <see cref="FitIntercept"/> is false.</summary>
    public double Bias { get; }

    /// <summary>Whether a column of ones (the intercept b) was part of the design.</summary>
    public bool FitIntercept { get; }

    /// <summary>n, the number of rows (examples).</summary>
    public int Observations { get; }

    /// <summary>p = d + 1 with an intercept, else d: the number of unknowns.</summary>
    public int Columns => Weights.Length + (FitIntercept ? 1 : 0);

    /// <summary>
    /// The rank of the design. Equal to <see cref="Columns"/> for NormalEquations, Qr and RefinedQr (they throw
    /// <see cref="RankDeficientException"/> otherwise); for Svd the numerical rank: the number of singular values
    /// above max(n, p)·ε·σ₁.
    /// </summary>
    public int Rank { get; }

    /// <summary>
    /// The singular values σ₁ ≥ … ≥ σ_p of the design [1 X] (or X without intercept), as far as a double computation can
    /// resolve them: the smallest carry an absolute error of about ε·σ₁, so only their order of magnitude means
    /// anything once σ₁/σ_p approaches 1/ε ≈ 4.5e15. For NormalEquations they are square roots of the computed
    /// eigenvalues of XᵀX (resolved only down to about √ε·σ₁).
    /// </summary>
    public double[] SingularValues { get; }

    /// <summary>
    /// cond₂ = σ₁/σ_p of the design including the intercept column, on the columns as given (∞ when σ_p = 0).
    /// It depends on units: rescaling one column changes it.
    /// </summary>
    public double ConditionNumber { get; }

    /// <summary>
    /// cond(XᵀX) = <see cref="ConditionNumber"/>²: what the normal equation has to solve, and why it loses about
    /// log10(cond) more digits than QR when the residuals are small (about 2·log10(cond) in all, against log10(cond)).
    /// </summary>
    public double GramConditionNumber => ConditionNumber * ConditionNumber;

    /// <summary>
    /// The condition number after scaling every column of the design to unit 2-norm. Scaling does not change the
    /// fitted model, and it is this number (not <see cref="ConditionNumber"/>) that governs the accuracy of
    /// Cholesky and Householder QR (van der Sluis): expect about 16 − log10(ScaledConditionNumber) correct digits
    /// from Qr, and about 16 − 2·log10(ScaledConditionNumber) from NormalEquations.
    /// </summary>
    public double ScaledConditionNumber { get; }

    /// <summary>RSS = Σᵢ (yᵢ − ŷᵢ)², the residuals evaluated in double-double for the returned w and b.</summary>
    public double ResidualSumOfSquares { get; }

    /// <summary>
    /// Σ (yᵢ − ȳ)² with an intercept, Σ yᵢ² without one (the uncentered total, as NIST StRD certifies no-intercept R²).
    /// </summary>
    public double TotalSumOfSquares { get; }

    /// <summary>
    /// R² = 1 − RSS/TSS (see <see cref="TotalSumOfSquares"/> for the no-intercept convention); NaN when TSS = 0, and with an
    /// intercept also when the targets are constant up to rounding (their standard deviation √(TSS/n) is at most
    /// 8ε·max|yᵢ|, the library's one rule for "constant"): TSS is then rounding noise and the ratio means nothing.
    /// </summary>
    public double RSquared => TotalSumOfSquares == 0 || _constantTargets ? double.NaN : 1 - ResidualSumOfSquares / TotalSumOfSquares;

    /// <summary>
    /// The residual standard deviation √(RSS / (n − rank)), the estimate of the noise σ; NaN when n ≤ rank.
    /// </summary>
    public double ResidualStandardDeviation => Observations > Rank ? Math.Sqrt(ResidualSumOfSquares / (Observations - Rank)) : double.NaN;

    /// <summary>
    /// RefinedQr: how many refinement passes ran (the first is the plain QR solve); 0 for the other methods.
    /// </summary>
    public int RefinementIterations { get; }

    /// <summary>
    /// Null when the solver has no reason to doubt its answer — then it has about 10 or more correct digits. Otherwise a
    /// sentence saying what is wrong and what to do: NormalEquations sets it when the column-scaled cond(XᵀX) exceeds 1e6
    /// (it then loses about log10 of that many digits, often more: NIST Wampler1, cond(XᵀX) ≈ 4.9e6, keeps 6.6);
    /// Qr and Svd when an a-posteriori check (two passes of iterative refinement, residuals in double-double) moves the
    /// answer by more than 1e-10 relative, stating the digits left; Svd also whenever its numerical rank is below
    /// <see cref="Columns"/> (the weights are then the minimum-norm solution, and for a design that has full rank once its
    /// columns are scaled, not the least-squares fit at all) or the system is underdetermined; RefinedQr when iterative
    /// refinement did not converge. (Numerically singular XᵀX is not a warning: NormalEquations throws.)
    /// </summary>
    public string? Warning { get; }

    /// <summary>ŷ = x·w + b for one example x (length d).</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> does not have d values.</exception>
    public double Predict(ReadOnlySpan<double> x)
    {
        if (x.Length != Weights.Length)
            throw new ArgumentException($"x has {x.Length} values but the model has {Weights.Length} weights.", nameof(x));
        double s = Bias;
        for (int j = 0; j < x.Length; j++) s += x[j] * Weights[j];
        return s;
    }

    /// <summary>A one-line summary: method, w, b, rank, condition number, RSS (and the warning, if any).</summary>
    public override string ToString() =>
        FormattableString.Invariant($"{Method}: w = [{string.Join(", ", Weights.Select(v => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))}], b = {Bias:G6}, rank {Rank}/{Columns}, cond {ConditionNumber:G3}, RSS {ResidualSumOfSquares:G6}")
        + (Warning is null ? "" : " — " + Warning);
}
