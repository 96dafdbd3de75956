using System.Globalization;
using LinReg.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Solvers;

/// <summary>
/// The solution of min over w, b of ‖y − (Xw + b·1)‖² and the diagnostics a reader needs to judge it:
/// rank, condition numbers, residual sum of squares, and a warning when the answer should not be trusted; and, under
/// the noise model y = Xw + b + ε with independent ε ~ 𝒩(0, σ²), how sure we can be of each coefficient: standard
/// errors, t statistics, p-values, confidence intervals, R² and adjusted R², the ANOVA table and its F test, the
/// covariance of the estimates, and <see cref="Summary"/>, the table R's summary(lm) prints.
/// Taught in notebook 03 · The normal equation and notebook 16 · How sure are we?
/// </summary>
/// <remarks>
/// <para>
/// The coefficients θ = (b, w₁, …, w_d) are listed intercept first, as R and NIST list them (<see cref="Coefficients"/>,
/// <see cref="CoefficientNames"/>); without an intercept θ = w. With A = [1 X] (or X), p = <see cref="Columns"/>
/// and n = <see cref="Observations"/>: Var(θ̂) = σ²(AᵀA)⁻¹, estimated by s²(AᵀA)⁻¹ with s² = RSS/(n − p).
/// (AᵀA)⁻¹ comes from the solver's triangular factor R (QR, or Cholesky for NormalEquations) as R⁻¹R⁻ᵀ on the
/// column-scaled design, never by inverting AᵀA; RefinedQr refines it in double-double when the column-scaled
/// condition number exceeds 8 (NIST StRD: every certified standard deviation to LRE ≥ 13).
/// </para>
/// <para>
/// When the statistics do not exist they are not NaN: a rank-deficient fit (only Svd returns one) or n ≤ p (no
/// residual degrees of freedom) makes every member that needs them throw <see cref="NotEstimableException"/> with
/// the reason, and so does the F test of an intercept-only model.
/// </para>
/// </remarks>
public sealed class LeastSquaresResult
{
    private readonly DoubleDouble _rss;
    private readonly DoubleDouble _tss;
    private readonly UnscaledCovariance _covariance;
    private readonly bool _constantTargets;

    internal LeastSquaresResult(
        LeastSquaresMethod method, double[] weights, double bias, bool fitIntercept, int observations, int rank,
        double[] singularValues, double conditionNumber, double scaledConditionNumber, DoubleDouble residualSumOfSquares,
        DoubleDouble totalSumOfSquares, int refinementIterations, string? warning, bool constantTargets,
        UnscaledCovariance covariance, IReadOnlyList<string>? featureNames)
    {
        _rss = residualSumOfSquares;
        _tss = totalSumOfSquares;
        _covariance = covariance;
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
        ResidualSumOfSquares = (double)residualSumOfSquares;
        TotalSumOfSquares = (double)totalSumOfSquares;
        RefinementIterations = refinementIterations;
        Warning = warning;
        var names = new List<string>(Columns);
        if (fitIntercept) names.Add("(Intercept)");
        for (int j = 0; j < weights.Length; j++)
            names.Add(featureNames is not null && j < featureNames.Count && !string.IsNullOrEmpty(featureNames[j])
                ? featureNames[j] : "x" + j.ToString(CultureInfo.InvariantCulture));
        CoefficientNames = names;
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
    /// R² = 1 − RSS/TSS = SSR/TSS, the fraction of the total sum of squares the model explains (see
    /// <see cref="TotalSumOfSquares"/> for the no-intercept convention), computed as SSR/TSS with SSR = TSS − RSS in
    /// double-double, so that a small R² keeps its digits. NaN when TSS = 0, and with an intercept also when the
    /// targets are constant up to rounding (their standard deviation √(TSS/n) is at most 8ε·max|yᵢ|, the library's one
    /// rule for "constant"): TSS is then rounding noise and the ratio means nothing.
    /// </summary>
    public double RSquared => _tss.Hi == 0 || _constantTargets ? double.NaN : (double)((_tss - _rss) / _tss);

    /// <summary>
    /// The residual standard deviation √(RSS / (n − rank)), NIST's name for <see cref="ResidualStandardError"/>; NaN
    /// when n ≤ rank (<see cref="ResidualStandardError"/> throws instead).
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

    // ------------------------------------------------------------------ inference (notebook 16)

    /// <summary>"(Intercept)" (when fitted), then one name per weight: the dataset's feature names, else x0, x1, ….</summary>
    public IReadOnlyList<string> CoefficientNames { get; }

    /// <summary>θ = (b, w₁, …, w_d) with an intercept, θ = w without: the order of every per-coefficient statistic.</summary>
    public double[] Coefficients => FitIntercept ? Weights.Prepend(Bias).ToArray() : (double[])Weights.Clone();

    /// <summary>n − rank: the residual degrees of freedom (n − p for a full-rank fit).</summary>
    public int ResidualDegreesOfFreedom => Observations - Rank;

    /// <summary>
    /// SSR = TSS − RSS, the part of the total sum of squares the model explains (Σ(ŷᵢ − ȳ)², or Σŷᵢ² without intercept),
    /// subtracted in double-double.
    /// </summary>
    public double RegressionSumOfSquares => (double)(_tss - _rss);

    /// <summary>
    /// s = √(RSS/(n − p)), the estimate of the noise standard deviation σ (R's "residual standard error"), on
    /// <see cref="ResidualDegreesOfFreedom"/> degrees of freedom. Dividing by n − p, not n, makes s² unbiased: the fit
    /// spends p degrees of freedom, and the residuals are shorter than the noise by exactly that much on average.
    /// </summary>
    /// <exception cref="NotEstimableException">n ≤ p (no residual degrees of freedom), or the design is rank deficient.</exception>
    public double ResidualStandardError
    {
        get
        {
            RequireEstimable("the residual standard error");
            return Math.Sqrt((double)(_rss / ResidualDegreesOfFreedom));
        }
    }

    /// <summary>
    /// Adjusted R² = 1 − (RSS/(n − p)) / (TSS/(n − k)), k = 1 with an intercept and 0 without: R² penalized for the
    /// number of coefficients (it can fall when a useless feature is added). NaN when <see cref="RSquared"/> is.
    /// </summary>
    /// <exception cref="NotEstimableException">n ≤ p, or the design is rank deficient.</exception>
    public double AdjustedRSquared
    {
        get
        {
            RequireEstimable("adjusted R²");
            if (_tss.Hi == 0 || _constantTargets) return double.NaN;
            int k = FitIntercept ? 1 : 0;
            return 1 - (double)(_rss * (Observations - k) / (_tss * ResidualDegreesOfFreedom));
        }
    }

    /// <summary>
    /// The estimated covariance matrix of the coefficients, s²(AᵀA)⁻¹ (p×p, intercept first): its diagonal holds the
    /// squared standard errors, its off-diagonal entries say how the errors of two estimates move together.
    /// </summary>
    /// <exception cref="NotEstimableException">n ≤ p, or the design is rank deficient.</exception>
    public Matrix<double> Covariance
    {
        get
        {
            var c = UnscaledCovarianceMatrix("the covariance of the estimates");
            double s2 = (double)(_rss / ResidualDegreesOfFreedom);
            return Matrix<double>.Build.Dense(Columns, Columns, (i, j) => s2 * c[i, j]);
        }
    }

    /// <summary>
    /// SE(θ̂ⱼ) = s·√((AᵀA)⁻¹)ⱼⱼ, the estimated standard deviation of each coefficient (intercept first), what NIST
    /// certifies as "standard deviation of estimate".
    /// </summary>
    /// <exception cref="NotEstimableException">n ≤ p, or the design is rank deficient.</exception>
    public double[] StandardErrors
    {
        get
        {
            var c = UnscaledCovarianceMatrix("standard errors");
            double s2 = (double)(_rss / ResidualDegreesOfFreedom);
            var se = new double[Columns];
            for (int j = 0; j < se.Length; j++) se[j] = Math.Sqrt(s2 * c[j, j]);
            return se;
        }
    }

    /// <summary>
    /// tⱼ = θ̂ⱼ / SE(θ̂ⱼ), the t statistic for "θⱼ = 0": under that hypothesis and the noise model it follows Student's t
    /// with n − p degrees of freedom. ±∞ when the fit is exact (SE = 0; NaN if the coefficient is 0 too).
    /// </summary>
    /// <exception cref="NotEstimableException">n ≤ p, or the design is rank deficient.</exception>
    public double[] TStatistics
    {
        get
        {
            var se = StandardErrors;
            var theta = Coefficients;
            return theta.Select((v, j) => v / se[j]).ToArray();
        }
    }

    /// <summary>
    /// Two-sided p-values P(|T| ≥ |tⱼ|), T ~ Student t(n − p) (MathNet's distribution): how often noise alone would give
    /// an estimate at least this far from 0 if θⱼ were 0. Small p is evidence against θⱼ = 0, not a measure of
    /// importance, and it is only as good as the noise model.
    /// </summary>
    /// <exception cref="NotEstimableException">n ≤ p, or the design is rank deficient.</exception>
    public double[] PValues => TStatistics.Select(t => SamplingDistributions.TwoSidedTPValue(t, ResidualDegreesOfFreedom)).ToArray();

    /// <summary>
    /// θ̂ⱼ ± t·SE(θ̂ⱼ) with t the two-sided Student-t(n − p) critical value for <paramref name="level"/> (1.96… for 95 %
    /// and large n): intervals that cover the true θⱼ in a fraction <paramref name="level"/> of repeated experiments
    /// when the noise model holds.
    /// </summary>
    /// <param name="level">The confidence level, strictly between 0 and 1 (default 0.95).</param>
    /// <returns>One interval per coefficient, intercept first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not strictly between 0 and 1.</exception>
    /// <exception cref="NotEstimableException">n ≤ p, or the design is rank deficient.</exception>
    public IReadOnlyList<ConfidenceInterval> ConfidenceIntervals(double level = 0.95)
    {
        CheckLevel(level);
        var se = StandardErrors;
        var theta = Coefficients;
        double t = SamplingDistributions.TCritical(level, ResidualDegreesOfFreedom);
        return theta.Select((v, j) => new ConfidenceInterval(v - t * se[j], v + t * se[j], level)).ToArray();
    }

    /// <summary>
    /// The analysis-of-variance table: regression and residual degrees of freedom, sums of squares and mean squares,
    /// and the F test of "every weight is 0" (uncentred total without intercept, as NIST and R do; see
    /// <see cref="AnovaTable"/>).
    /// </summary>
    /// <exception cref="NotEstimableException">n ≤ p, the design is rank deficient, the model has no weights (an
    /// intercept-only fit: there is nothing to test), or the targets are constant up to rounding.</exception>
    public AnovaTable Anova
    {
        get
        {
            RequireEstimable("the ANOVA table");
            int regressionDf = Rank - (FitIntercept ? 1 : 0);
            if (regressionDf == 0)
                throw new NotEstimableException(
                    "The ANOVA table's F test needs at least one weight: this fit has only the intercept, so there is no regression to test.",
                    Rank, Columns, Observations);
            if (_constantTargets)
                throw new NotEstimableException(
                    "The ANOVA table's F test is undefined here: the targets are constant up to rounding (their standard deviation is at most 8ε·max|yᵢ|), so there is no variation for the model to explain.",
                    Rank, Columns, Observations);
            return new AnovaTable(regressionDf, ResidualDegreesOfFreedom, FitIntercept, _tss - _rss, _rss, _tss);
        }
    }

    /// <summary>F = MS_regression / MS_residual of <see cref="Anova"/>: the statistic of the test that every weight is 0.</summary>
    /// <exception cref="NotEstimableException">As for <see cref="Anova"/>.</exception>
    public double FStatistic => Anova.FStatistic;

    /// <summary>The p-value of <see cref="FStatistic"/>, P(F(p − k, n − p) ≥ F).</summary>
    /// <exception cref="NotEstimableException">As for <see cref="Anova"/>.</exception>
    public double FPValue => Anova.FPValue;

    /// <summary>
    /// The table R's summary(lm) prints, with statsmodels' confidence intervals: per coefficient the estimate, standard
    /// error, t, p and interval; the residual standard error with its degrees of freedom; R² and adjusted R²; F with its
    /// p-value (omitted for an intercept-only fit, and when the targets are constant up to rounding). <c>ToString()</c> of
    /// the result is the text table.
    /// </summary>
    /// <param name="level">The confidence level of the intervals (default 0.95).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not strictly between 0 and 1.</exception>
    /// <exception cref="NotEstimableException">n ≤ p, or the design is rank deficient.</exception>
    public RegressionSummary Summary(double level = 0.95)
    {
        CheckLevel(level);
        var se = StandardErrors;
        var t = TStatistics;
        var pv = PValues;
        var ci = ConfidenceIntervals(level);
        var theta = Coefficients;
        var rows = theta.Select((v, j) => new CoefficientSummary(CoefficientNames[j], v, se[j], t[j], pv[j], ci[j])).ToArray();
        bool testable = Rank - (FitIntercept ? 1 : 0) > 0 && !_constantTargets;
        return new RegressionSummary(Method.ToString(), Observations, FitIntercept, rows, level, ResidualStandardError,
            ResidualDegreesOfFreedom, RSquared, AdjustedRSquared, testable ? Anova : null);
    }

    private double[,] UnscaledCovarianceMatrix(string what)
    {
        RequireEstimable(what);
        return _covariance.Matrix!;
    }

    private void RequireEstimable(string what)
    {
        if (_covariance.NotEstimableReason is { } reason)
            throw new NotEstimableException($"Cannot compute {what}: {reason}.", Rank, Columns, Observations);
        if (ResidualDegreesOfFreedom <= 0)
            throw new NotEstimableException(
                $"Cannot compute {what}: n = {Observations} observations and p = {Rank} coefficients leave {ResidualDegreesOfFreedom} residual degrees of freedom. The fit passes through every point, so the data say nothing about the noise σ (s² = RSS/(n − p) needs n > p). Collect more rows than coefficients.",
                Rank, Columns, Observations);
    }

    private static void CheckLevel(double level)
    {
        if (!(level > 0 && level < 1))
            throw new ArgumentOutOfRangeException(nameof(level), level, $"The confidence level must be strictly between 0 and 1 (e.g. 0.95), got {Format.Num(level)}.");
    }

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
