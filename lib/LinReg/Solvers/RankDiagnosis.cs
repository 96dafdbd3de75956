using System.Globalization;
using System.Text;

namespace LinReg.Solvers;

/// <summary>
/// Why a design is rank deficient, in words: which column depends on which others (<see cref="Explain"/>), the rank
/// and the condition number, assembled into the message of <see cref="RankDeficientException"/>.
/// </summary>
internal static class RankDiagnosis
{
    /// <summary>The condition number and numerical rank of a design from a column-scaled Householder QR.</summary>
    internal static (double Cond, int Rank) ByQr(Design d)
    {
        var qr = HouseholderQr.Factor(d, scaleColumns: true);
        var sv = HouseholderQr.SingularValues(qr.RMatrix(unitColumns: false));
        double tol = Math.Max(d.Rows, d.Columns) * LeastSquaresSolvers.Eps * sv[0];
        return (HouseholderQr.Cond(sv), sv.Count(v => v > tol));
    }

    /// <summary>The exception naming the dependent columns, the rank and the condition numbers.</summary>
    internal static RankDeficientException Deficient(Design d, LeastSquaresMethod method, string headline, List<int> dependent,
        Func<int, Dictionary<int, double>> coefficients, double cond, int rank, bool nearly = false)
    {
        var sb = new StringBuilder();
        sb.Append(headline).Append(": rank ").Append(rank.ToString(CultureInfo.InvariantCulture)).Append(" of ")
          .Append(d.Columns.ToString(CultureInfo.InvariantCulture)).Append(" columns")
          .Append(d.Intercept ? " (intercept included)" : "").Append("; ");
        var features = new List<int>();
        for (int a = 0; a < dependent.Count; a++)
        {
            int k = dependent[a];
            if (a > 0) sb.Append("; ");
            sb.Append(Explain(d, k, coefficients(k), nearly));
            int f = d.FeatureIndex(k);
            if (f >= 0) features.Add(f);
        }
        sb.Append("; condition number of the design ").Append(FormatCond(cond));
        if (double.IsFinite(cond)) sb.Append(", of XᵀX ").Append(FormatCond(cond * cond)).Append(" (1/ε ≈ 4.5e15)");
        sb.Append(" — remove or combine the dependent column(s), or use LeastSquaresMethod.Svd for the minimum-norm solution.");
        return new RankDeficientException(sb.ToString(), rank, d.Columns, cond, features, method);
    }

    internal static string FormatCond(double c) => double.IsPositiveInfinity(c) ? "∞" : c.ToString("G2", CultureInfo.InvariantCulture);

    internal static string Explain(Design d, int k, Dictionary<int, double> coefficients, bool nearly, bool exact = false)
    {
        string name = d.ColumnName(k);
        if (d.FeatureIndex(k) >= 0 && IsZeroColumn(d, k)) return $"{name} is all zeros";
        double max = coefficients.Count == 0 ? 0 : coefficients.Values.Max(Math.Abs);
        var partners = coefficients
            .Where(kv => exact ? kv.Value != 0 : Math.Abs(kv.Value) > 1e-8 * max && Math.Abs(kv.Value) > 1e-10)
            .Select(kv => kv.Key).OrderBy(j => j).ToList();
        string how = exact ? "exactly" : nearly ? "nearly" : "(numerically)";
        if (partners.Count == 0) return $"{name} is {how} zero once the earlier columns are accounted for";
        if (partners.Count == 1 && d.Intercept && partners[0] == 0) return $"{name} is {how} constant (a multiple of the intercept column)";
        if (partners.Count == 1) return $"{name} is {how} a multiple of {d.ColumnName(partners[0])}";
        return $"{name} is {how} a linear combination of {ListColumns(d, partners)}";
    }

    /// <summary>"the intercept column and columns 0–7", "columns 0 and 1", "column 2 (age) and column 5 (income)".</summary>
    internal static string ListColumns(Design d, List<int> designColumns)
    {
        var parts = new List<string>();
        if (d.Intercept && designColumns.Contains(0)) parts.Add("the intercept column");
        var features = designColumns.Select(d.FeatureIndex).Where(f => f >= 0).ToList();
        if (d.FeatureNames is not null)
        {
            parts.AddRange(designColumns.Where(c => d.FeatureIndex(c) >= 0).Select(d.ColumnName));
        }
        else if (features.Count == 1)
        {
            parts.Add("column " + features[0].ToString(CultureInfo.InvariantCulture));
        }
        else if (features.Count > 1)
        {
            bool contiguous = features[^1] - features[0] == features.Count - 1;
            string inv(int v) => v.ToString(CultureInfo.InvariantCulture);
            parts.Add(contiguous && features.Count > 2
                ? $"columns {inv(features[0])}–{inv(features[^1])}"
                : "columns " + string.Join(", ", features.Take(features.Count - 1).Select(inv)) + " and " + inv(features[^1]));
        }
        return parts.Count <= 1 ? string.Concat(parts) : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1];
    }

    internal static bool IsZeroColumn(Design d, int c)
    {
        for (int i = 0; i < d.Rows; i++) if (d.Hi(i, c) != 0 || d.Lo(i, c) != 0) return false;
        return true;
    }
}
