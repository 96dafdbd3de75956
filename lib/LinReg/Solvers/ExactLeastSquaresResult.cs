using System.Globalization;
using LinReg.Numerics;

namespace LinReg.Solvers;

/// <summary>
/// The exact least-squares solution and its exact residuals; and the inference statistics of the fit computed
/// exactly (standard errors, R², the ANOVA table), each rounded once, correctly, to a double at the end.
/// Taught in notebook 03 · The normal equation and notebook 16 · How sure are we?
/// </summary>
/// <remarks>
/// The statistics here are what a floating-point solver's are checked against: every number is the exact value for
/// the data as given (the decimals of a NIST file, or the binary values of doubles), so NIST's certified values —
/// the exact values rounded to 15 digits — are reproduced to the last printed digit. Square roots (standard errors,
/// the residual standard error) are taken in integer arithmetic and correctly rounded
/// (<see cref="Rational.SqrtToDouble"/>). p-values and interval quantiles come from MathNet's Student t in double.
/// (AᵀA)⁻¹ is computed on first use (p³ exact operations).
/// </remarks>
public sealed class ExactLeastSquaresResult
{
    private readonly Lazy<Rational[,]> _inverseGram;

    internal ExactLeastSquaresResult(Rational[] weights, Rational bias, bool fitIntercept, Rational[] residuals,
        Rational residualSumOfSquares, Rational[] orthogonality, Rational totalSumOfSquares, Lazy<Rational[,]> inverseGram)
    {
        Weights = weights;
        Bias = bias;
        FitIntercept = fitIntercept;
        Residuals = residuals;
        ResidualSumOfSquares = residualSumOfSquares;
        Orthogonality = orthogonality;
        TotalSumOfSquares = totalSumOfSquares;
        _inverseGram = inverseGram;
    }

    /// <summary>w*, exact (length d).</summary>
    public Rational[] Weights { get; }

    /// <summary>b*, exact; 0 without intercept.</summary>
    public Rational Bias { get; }

    /// <summary>Whether the intercept was fitted.</summary>
    public bool FitIntercept { get; }

    /// <summary>r = ŷ − y = (Xw* + b*) − y, exact (length n; the seed's sign convention).</summary>
    public Rational[] Residuals { get; }

    /// <summary>Σ rᵢ², exact.</summary>
    public Rational ResidualSumOfSquares { get; }

    /// <summary>
    /// Aᵀr for the design A = [1 X] (intercept first) or X: the normal equation says it is exactly zero, and here it is
    /// computed, not assumed (the seed's check Xᵀr = 1·(−0.4) + 2·(0.2) = 0).
    /// </summary>
    public Rational[] Orthogonality { get; }

    /// <summary>The weights rounded to the nearest doubles.</summary>
    public double[] WeightsAsDoubles() => Weights.Select(w => w.ToDouble()).ToArray();

    // ------------------------------------------------------------------ inference (notebook 16)

    /// <summary>n, the number of rows.</summary>
    public int Observations => Residuals.Length;

    /// <summary>p = d + 1 with an intercept, else d (the exact solver only accepts full-rank designs).</summary>
    public int Columns => Weights.Length + (FitIntercept ? 1 : 0);

    /// <summary>θ = (b, w₁, …, w_d) with an intercept, w without: the order of every per-coefficient statistic.</summary>
    public Rational[] Coefficients => FitIntercept ? Weights.Prepend(Bias).ToArray() : (Rational[])Weights.Clone();

    /// <summary>n − p.</summary>
    public int ResidualDegreesOfFreedom => Observations - Columns;

    /// <summary>TSS = Σ(yᵢ − ȳ)² with an intercept, Σyᵢ² without (uncentred, as NIST certifies), exact.</summary>
    public Rational TotalSumOfSquares { get; }

    /// <summary>SSR = TSS − RSS, exact.</summary>
    public Rational RegressionSumOfSquares => TotalSumOfSquares - ResidualSumOfSquares;

    /// <summary>R² = SSR/TSS, exact.</summary>
    /// <exception cref="NotEstimableException">TSS = 0 (y constant: there is nothing to explain).</exception>
    public Rational RSquared
    {
        get
        {
            if (TotalSumOfSquares.IsZero)
                throw new NotEstimableException("R² = SSR/TSS is undefined: TSS = 0 (every yᵢ equals the mean, or 0 without intercept).",
                    Columns, Columns, Observations);
            return RegressionSumOfSquares / TotalSumOfSquares;
        }
    }

    /// <summary>s² = RSS/(n − p), the unbiased estimate of σ², exact.</summary>
    /// <exception cref="NotEstimableException">n = p (no residual degrees of freedom).</exception>
    public Rational ResidualVariance
    {
        get
        {
            RequireDf("the residual variance");
            return ResidualSumOfSquares / ResidualDegreesOfFreedom;
        }
    }

    /// <summary>s = √(RSS/(n − p)), correctly rounded.</summary>
    /// <exception cref="NotEstimableException">n = p.</exception>
    public double ResidualStandardError => ResidualVariance.SqrtToDouble();

    /// <summary>1 − (RSS/(n − p))/(TSS/(n − k)), k = 1 with an intercept, 0 without; rounded once.</summary>
    /// <exception cref="NotEstimableException">n = p, or TSS = 0.</exception>
    public double AdjustedRSquared
    {
        get
        {
            var s2 = ResidualVariance;
            if (TotalSumOfSquares.IsZero) _ = RSquared; // throws with the reason
            int k = FitIntercept ? 1 : 0;
            return (Rational.One - s2 * (Observations - k) / TotalSumOfSquares).ToDouble();
        }
    }

    /// <summary>The covariance of the estimates s²(AᵀA)⁻¹, p×p, intercept first, exact.</summary>
    /// <exception cref="NotEstimableException">n = p.</exception>
    public Rational[,] Covariance
    {
        get
        {
            var s2 = ResidualVariance;
            var c = _inverseGram.Value;
            int p = Columns;
            var cov = new Rational[p, p];
            for (int i = 0; i < p; i++)
                for (int j = 0; j < p; j++) cov[i, j] = s2 * c[i, j];
            return cov;
        }
    }

    /// <summary>SE(θ̂ⱼ) = √(s²·((AᵀA)⁻¹)ⱼⱼ), each correctly rounded (intercept first).</summary>
    /// <exception cref="NotEstimableException">n = p.</exception>
    public double[] StandardErrors
    {
        get
        {
            var s2 = ResidualVariance;
            var c = _inverseGram.Value;
            return Enumerable.Range(0, Columns).Select(j => (s2 * c[j, j]).SqrtToDouble()).ToArray();
        }
    }

    /// <summary>tⱼ = θ̂ⱼ/SE(θ̂ⱼ), correctly rounded (from t² exactly); ±∞ for an exact fit.</summary>
    /// <exception cref="NotEstimableException">n = p.</exception>
    public double[] TStatistics
    {
        get
        {
            var s2 = ResidualVariance;
            var c = _inverseGram.Value;
            var theta = Coefficients;
            return theta.Select((v, j) =>
            {
                var variance = s2 * c[j, j];
                if (variance.IsZero) return v.IsZero ? double.NaN : v.Sign * double.PositiveInfinity;
                return v.Sign * (v * v / variance).SqrtToDouble();
            }).ToArray();
        }
    }

    /// <summary>The ANOVA table from the exact sums of squares (each rounded once; F from double-double).</summary>
    /// <exception cref="NotEstimableException">n = p, or an intercept-only model (nothing to test).</exception>
    public AnovaTable Anova
    {
        get
        {
            RequireDf("the ANOVA table");
            int regressionDf = Columns - (FitIntercept ? 1 : 0);
            if (regressionDf == 0)
                throw new NotEstimableException(
                    "The ANOVA table's F test needs at least one weight: this fit has only the intercept, so there is no regression to test.",
                    Columns, Columns, Observations);
            return new AnovaTable(regressionDf, ResidualDegreesOfFreedom, FitIntercept, DoubleDouble.FromRational(RegressionSumOfSquares),
                DoubleDouble.FromRational(ResidualSumOfSquares), DoubleDouble.FromRational(TotalSumOfSquares));
        }
    }

    /// <summary>The summary table (as <see cref="LeastSquaresResult.Summary"/>), from the exact statistics.</summary>
    /// <param name="level">The confidence level of the intervals (default 0.95).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not strictly between 0 and 1.</exception>
    /// <exception cref="NotEstimableException">n = p, or TSS = 0.</exception>
    public RegressionSummary Summary(double level = 0.95)
    {
        if (!(level > 0 && level < 1))
            throw new ArgumentOutOfRangeException(nameof(level), level, $"The confidence level must be strictly between 0 and 1 (e.g. 0.95), got {Format.Num(level)}.");
        var se = StandardErrors;
        var t = TStatistics;
        int df = ResidualDegreesOfFreedom;
        double crit = SamplingDistributions.TCritical(level, df);
        var theta = Coefficients;
        var rows = new CoefficientSummary[Columns];
        for (int j = 0; j < rows.Length; j++)
        {
            double est = theta[j].ToDouble();
            string name = FitIntercept && j == 0 ? "(Intercept)" : "x" + (j - (FitIntercept ? 1 : 0)).ToString(CultureInfo.InvariantCulture);
            rows[j] = new CoefficientSummary(name, est, se[j], t[j], SamplingDistributions.TwoSidedTPValue(t[j], df),
                new ConfidenceInterval(est - crit * se[j], est + crit * se[j], level));
        }
        bool hasWeights = Weights.Length > 0;
        return new RegressionSummary("exact rational arithmetic", Observations, FitIntercept, rows, level, ResidualStandardError, df,
            RSquared.ToDouble(), AdjustedRSquared, hasWeights ? Anova : null);
    }

    private void RequireDf(string what)
    {
        if (ResidualDegreesOfFreedom <= 0)
            throw new NotEstimableException(
                $"Cannot compute {what}: n = {Observations} observations and p = {Columns} coefficients leave no residual degrees of freedom, so the noise σ cannot be estimated (s² = RSS/(n − p) needs n > p).",
                Columns, Columns, Observations);
    }
}
