using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace LinReg.Solvers;

/// <summary>
/// The tail probabilities and quantiles the inference statistics need, from MathNet.Numerics: Student's t with ν
/// degrees of freedom and Fisher's F with (ν₁, ν₂). Each is computed from the tail it reports, so that small p-values
/// keep their digits (1 − CDF would round them to 0 below 1e-16).
/// </summary>
internal static class SamplingDistributions
{
    /// <summary>P(|T| ≥ |t|) for T ~ t(ν): 2·F_T(−|t|) (MathNet's CDF is an incomplete beta function there); 0 for t = ±∞.</summary>
    internal static double TwoSidedTPValue(double t, int df)
    {
        if (double.IsNaN(t)) return double.NaN;
        if (double.IsInfinity(t)) return 0.0;
        return Math.Min(1.0, 2 * StudentT.CDF(0, 1, df, -Math.Abs(t)));
    }

    /// <summary>
    /// The two-sided critical value c with P(|T| ≤ c) = level for T ~ t(ν): MathNet's quantile (a root search, about
    /// 12 correct digits) polished by two Newton steps on the lower tail, F_T(−c) = (1 − level)/2.
    /// </summary>
    internal static double TCritical(double level, int df)
    {
        double alpha = (1 - level) / 2;
        double c = StudentT.InvCDF(0, 1, df, 1 - alpha);
        for (int k = 0; k < 2; k++)
        {
            double density = StudentT.PDF(0, 1, df, c);
            if (!(density > 0)) break;
            c += (StudentT.CDF(0, 1, df, -c) - alpha) / density;
        }
        return c;
    }

    /// <summary>
    /// P(F ≥ f) for F ~ F(ν₁, ν₂), as the regularized incomplete beta function I_x(ν₂/2, ν₁/2) at x = ν₂/(ν₂ + ν₁f);
    /// 0 for f = +∞.
    /// </summary>
    internal static double FUpperTail(double f, int df1, int df2)
    {
        if (double.IsNaN(f)) return double.NaN;
        if (double.IsPositiveInfinity(f)) return 0.0;
        if (f <= 0) return 1.0;
        return SpecialFunctions.BetaRegularized(0.5 * df2, 0.5 * df1, df2 / (df2 + df1 * f));
    }
}
