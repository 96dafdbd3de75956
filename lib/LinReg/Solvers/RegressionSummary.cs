using System.Globalization;
using System.Text;

namespace LinReg.Solvers;

/// <summary>
/// What R's <c>summary(lm(...))</c> and statsmodels' <c>OLS(...).fit().summary()</c> print, for a least-squares fit:
/// one row per coefficient (estimate, standard error, t statistic, p-value, confidence interval), the residual
/// standard error with its degrees of freedom, R² and adjusted R², and the F statistic with its p-value.
/// <see cref="ToString"/> is the text table; notebooks show an HTML table of the same (LinReg.Notebook).
/// Taught in notebook 16 · How sure are we?
/// </summary>
/// <remarks>
/// Every number here rests on the noise model y = Xw + b + ε with independent ε ~ 𝒩(0, σ²) and on the linear model
/// being right. A residual plot with structure (a curve, a fan, a cap) says the model is wrong, and then the standard
/// errors and p-values are wrong too, usually too small.
/// </remarks>
public sealed class RegressionSummary
{
    internal RegressionSummary(string method, int observations, bool fitIntercept, IReadOnlyList<CoefficientSummary> coefficients,
        double level, double residualStandardError, int residualDf, double rSquared, double adjustedRSquared, AnovaTable? anova)
    {
        Method = method;
        Observations = observations;
        FitIntercept = fitIntercept;
        Coefficients = coefficients;
        Level = level;
        ResidualStandardError = residualStandardError;
        ResidualDegreesOfFreedom = residualDf;
        RSquared = rSquared;
        AdjustedRSquared = adjustedRSquared;
        Anova = anova;
    }

    /// <summary>The solver that produced the fit ("RefinedQr", …, or "exact rational arithmetic").</summary>
    public string Method { get; }

    /// <summary>n.</summary>
    public int Observations { get; }

    /// <summary>Whether the model has the intercept b (listed first, as "(Intercept)").</summary>
    public bool FitIntercept { get; }

    /// <summary>One row per coefficient, the intercept first.</summary>
    public IReadOnlyList<CoefficientSummary> Coefficients { get; }

    /// <summary>The confidence level of the intervals, e.g. 0.95.</summary>
    public double Level { get; }

    /// <summary>s = √(RSS / (n − p)), the estimate of the noise σ.</summary>
    public double ResidualStandardError { get; }

    /// <summary>n − p.</summary>
    public int ResidualDegreesOfFreedom { get; }

    /// <summary>R² = SSR/TSS (uncentred without intercept).</summary>
    public double RSquared { get; }

    /// <summary>1 − (1 − R²)(n − k)/(n − p), k = 1 with an intercept, 0 without.</summary>
    public double AdjustedRSquared { get; }

    /// <summary>The ANOVA table with the F test, or null for an intercept-only model (nothing to test).</summary>
    public AnovaTable? Anova { get; }

    /// <summary>The summary as a text table in the layout of R's summary(lm), with the confidence interval columns of statsmodels.</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        int p = Coefficients.Count;
        sb.Append(inv, $"Least squares ({Method}): n = {Observations}, p = {p} coefficient{(p == 1 ? "" : "s")}")
          .AppendLine(FitIntercept ? "" : " (no intercept)");
        sb.AppendLine();
        sb.AppendLine("Coefficients:");
        int nameWidth = Math.Max(12, Coefficients.Max(c => c.Name.Length) + 2);
        string lo = ((1 - Level) / 2).ToString("0.0##", inv), hi = (1 - (1 - Level) / 2).ToString("0.0##", inv);
        sb.AppendLine($"{"".PadRight(nameWidth)}{"Estimate",12} {"Std. Error",12} {"t value",10} {"Pr(>|t|)",10} {"[" + lo,12} {hi + "]",12}");
        foreach (var c in Coefficients)
        {
            var cells = FormatCells(c);
            sb.AppendLine($"{c.Name.PadRight(nameWidth)}{cells[0],12} {cells[1],12} {cells[2],10} {cells[3],10} {cells[4],12} {cells[5],12}");
        }
        sb.AppendLine();
        sb.AppendLine(string.Create(inv, $"Residual standard error: {Num(ResidualStandardError)} on {ResidualDegreesOfFreedom} degrees of freedom"));
        sb.Append(string.Create(inv, $"Multiple R-squared: {G(RSquared, 5)},\tAdjusted R-squared: {G(AdjustedRSquared, 5)}"));
        if (Anova is not null)
        {
            sb.AppendLine();
            sb.Append(string.Create(inv,
                $"F-statistic: {(double.IsPositiveInfinity(Anova.FStatistic) ? "Inf" : G(Anova.FStatistic, 5))} on {Anova.RegressionDegreesOfFreedom} and {Anova.ResidualDegreesOfFreedom} DF,  p-value: {FormatP(Anova.FPValue, 2.2e-16)}"));
        }
        if (ResidualStandardError == 0)
        {
            sb.AppendLine();
            sb.Append("Note: an exact fit (RSS = 0): every standard error is 0, so t and p are degenerate.");
        }
        return sb.ToString();
    }

    /// <summary>
    /// The six cells of a coefficient's row exactly as the text table prints them: estimate, standard error, t value,
    /// p-value, lower and upper end of the interval (for other renderings of the same table, e.g. HTML in notebooks).
    /// </summary>
    /// <param name="row">One of <see cref="Coefficients"/>.</param>
    /// <returns>Six strings, in the order of the table's columns.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="row"/> is null.</exception>
    public static IReadOnlyList<string> FormatCells(CoefficientSummary row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return [Num(row.Estimate), Num(row.StandardError), T(row.TStatistic), FormatP(row.PValue, 2e-16), Num(row.Interval.Lower), Num(row.Interval.Upper)];
    }

    /// <summary>
    /// A p-value as the tables print it: 3 significant digits, or "&lt; floor" below <paramref name="floor"/> (R prints
    /// &lt;2e-16 in the coefficient table and &lt; 2.2e-16 for F: below that, double arithmetic cannot tell p from 0).
    /// </summary>
    /// <param name="p">The p-value.</param>
    /// <param name="floor">The smallest value printed as a number (default 2.2e-16, the double epsilon).</param>
    public static string FormatPValue(double p, double floor = 2.2e-16) => FormatP(p, floor);

    /// <summary>A number as the tables print it: <paramref name="significantDigits"/> significant digits, the exponent in
    /// lower case as R prints it (2.44e-10).</summary>
    /// <param name="value">The number.</param>
    /// <param name="significantDigits">1 to 17 (default 6, the coefficient table's).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="significantDigits"/> is not in 1..17.</exception>
    public static string FormatNumber(double value, int significantDigits = 6)
    {
        if (significantDigits is < 1 or > 17)
            throw new ArgumentOutOfRangeException(nameof(significantDigits), significantDigits, $"significantDigits must be 1 to 17, got {significantDigits}.");
        return G(value, significantDigits);
    }

    /// <summary>A number to 6 significant digits, as a table cell (exponent in lower case, as R prints it: 2.44e-10).</summary>
    internal static string Num(double v) => G(v, 6);

    /// <summary>v to <paramref name="digits"/> significant digits, exponent in lower case (1.2e-05).</summary>
    internal static string G(double v, int digits) =>
        v.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).Replace('E', 'e');

    /// <summary>A t statistic: 3 decimals, or ±Inf.</summary>
    internal static string T(double v) =>
        double.IsPositiveInfinity(v) ? "Inf" : double.IsNegativeInfinity(v) ? "-Inf" : v.ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>A p-value to 3 significant digits, or "&lt; floor" below the floor.</summary>
    internal static string FormatP(double p, double floor) =>
        double.IsNaN(p) ? "NaN" : p < floor ? "< " + G(floor, 2) : G(p, 3);
}
