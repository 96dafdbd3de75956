using System.Globalization;
using System.Text;
using LinReg.Numerics;

namespace LinReg.Solvers;

/// <summary>
/// The analysis-of-variance table of a least-squares fit: the total sum of squares split into the part the model
/// explains and the residual, TSS = SSR + RSS, with degrees of freedom, mean squares MS = SS/df, and the F statistic
/// F = MS_regression / MS_residual testing "every weight is 0" (Fisher's F(df_regression, df_residual) when the
/// noise is 𝒩(0, σ²) and the weights are 0).
/// Taught in notebook 16 · How sure are we?
/// </summary>
/// <remarks>
/// With an intercept the total is centred, TSS = Σ(yᵢ − ȳ)², with n − 1 degrees of freedom, and the regression has
/// p − 1 (the weights, not the intercept). Without an intercept the total is uncentred, TSS = Σyᵢ², with n degrees of
/// freedom, and the regression has p: the null model is ŷ = 0. That is the convention of NIST's StRD certified values
/// and of R's <c>summary(lm(y ~ 0 + x))</c>. SSR is computed as TSS − RSS in double-double, so it keeps its digits
/// even when R² is tiny. When RSS = 0 (an exact fit with residual degrees of freedom left) F is +∞ and its p-value 0,
/// as NIST certifies for Wampler1 and Wampler2.
/// </remarks>
public sealed class AnovaTable
{
    internal AnovaTable(int regressionDf, int residualDf, bool centered, DoubleDouble ssr, DoubleDouble rss, DoubleDouble tss)
    {
        RegressionDegreesOfFreedom = regressionDf;
        ResidualDegreesOfFreedom = residualDf;
        Centered = centered;
        RegressionSumOfSquares = (double)ssr;
        ResidualSumOfSquares = (double)rss;
        TotalSumOfSquares = (double)tss;
        var msr = ssr / regressionDf;
        var mse = rss / residualDf;
        RegressionMeanSquare = (double)msr;
        ResidualMeanSquare = (double)mse;
        FStatistic = rss.Hi == 0 ? (ssr.Hi == 0 ? double.NaN : double.PositiveInfinity) : (double)(msr / mse);
        FPValue = double.IsNaN(FStatistic) ? double.NaN : SamplingDistributions.FUpperTail(FStatistic, regressionDf, residualDf);
    }

    /// <summary>Whether the total is centred (a fit with intercept) or uncentred (through the origin).</summary>
    public bool Centered { get; }

    /// <summary>df of the regression: p − 1 with an intercept, p without.</summary>
    public int RegressionDegreesOfFreedom { get; }

    /// <summary>df of the residual: n − p.</summary>
    public int ResidualDegreesOfFreedom { get; }

    /// <summary>df of the total: n − 1 with an intercept (centred), n without.</summary>
    public int TotalDegreesOfFreedom => RegressionDegreesOfFreedom + ResidualDegreesOfFreedom;

    /// <summary>SSR = TSS − RSS = Σ(ŷᵢ − ȳ)² (Σŷᵢ² without intercept) at the least-squares solution.</summary>
    public double RegressionSumOfSquares { get; }

    /// <summary>RSS = Σ(yᵢ − ŷᵢ)².</summary>
    public double ResidualSumOfSquares { get; }

    /// <summary>TSS = Σ(yᵢ − ȳ)² with an intercept, Σyᵢ² without.</summary>
    public double TotalSumOfSquares { get; }

    /// <summary>SSR / df_regression.</summary>
    public double RegressionMeanSquare { get; }

    /// <summary>RSS / df_residual = s², the unbiased estimate of the noise variance σ².</summary>
    public double ResidualMeanSquare { get; }

    /// <summary>
    /// F = MS_regression / MS_residual; +∞ for an exact fit (RSS = 0) that explains something, NaN only when both SSR
    /// and RSS are 0 (y ≡ 0 fitted exactly).
    /// </summary>
    public double FStatistic { get; }

    /// <summary>P(F(df_regression, df_residual) ≥ F): the p-value of the test that every weight is 0 (0 when F = +∞).</summary>
    public double FPValue { get; }

    /// <summary>The table in NIST's layout (source, df, sum of squares, mean square, F, p-value), values to 7 significant digits.</summary>
    public override string ToString()
    {
        static string N(double v) => double.IsPositiveInfinity(v) ? "Infinity" : RegressionSummary.G(v, 7);
        string I(int v) => v.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.AppendLine($"{"Source",-20} {"df",7} {"Sum of squares",16} {"Mean square",16} {"F statistic",14} {"p-value",10}");
        sb.AppendLine($"{"Regression",-20} {I(RegressionDegreesOfFreedom),7} {N(RegressionSumOfSquares),16} {N(RegressionMeanSquare),16} {N(FStatistic),14} {RegressionSummary.FormatP(FPValue, 2.2e-16),10}");
        sb.AppendLine($"{"Residual",-20} {I(ResidualDegreesOfFreedom),7} {N(ResidualSumOfSquares),16} {N(ResidualMeanSquare),16}");
        sb.Append($"{(Centered ? "Total" : "Total (uncentred)"),-20} {I(TotalDegreesOfFreedom),7} {N(TotalSumOfSquares),16}");
        return sb.ToString();
    }
}
