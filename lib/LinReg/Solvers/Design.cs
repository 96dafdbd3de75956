using System.Globalization;
using LinReg.Numerics;

namespace LinReg.Solvers;

/// <summary>
/// Read-only view of the design [1 X] (or X) over the caller's storage, without copying it: column 0 is the
/// intercept column of ones when <see cref="Intercept"/>; the others are the columns of X. Optionally each entry and
/// each target carries a trailing double (<c>lo</c>), so that the exact value is hi + lo (double-double input).
/// </summary>
internal sealed class Design
{
    private readonly double[] _hi;
    private readonly double[]? _lo;
    private readonly bool _columnMajor;

    internal Design(double[] hi, double[]? lo, bool columnMajor, int rows, int features, bool intercept,
        double[] yHi, double[]? yLo, IReadOnlyList<string>? featureNames, string xName = "x")
    {
        XName = xName;
        _hi = hi;
        _lo = lo;
        _columnMajor = columnMajor;
        Rows = rows;
        Features = features;
        Intercept = intercept;
        Columns = features + (intercept ? 1 : 0);
        YHi = yHi;
        YLo = yLo;
        FeatureNames = featureNames;
    }

    internal int Rows { get; }
    internal int Features { get; }
    internal int Columns { get; }
    internal bool Intercept { get; }
    internal double[] YHi { get; }
    internal double[]? YLo { get; }
    internal bool HasLo => _lo is not null || YLo is not null;
    internal IReadOnlyList<string>? FeatureNames { get; }

    /// <summary>The caller's name for X (the parameter an argument problem found by a solver is reported under).</summary>
    internal string XName { get; }

    /// <summary>Design entry (row i, design column c), leading part.</summary>
    internal double Hi(int i, int c)
    {
        if (Intercept)
        {
            if (c == 0) return 1.0;
            c--;
        }
        return _columnMajor ? _hi[(long)c * Rows + i] : _hi[(long)i * Features + c];
    }

    /// <summary>Design entry (row i, design column c), trailing part (0 for plain double input).</summary>
    internal double Lo(int i, int c)
    {
        if (_lo is null) return 0.0;
        if (Intercept)
        {
            if (c == 0) return 0.0;
            c--;
        }
        return _columnMajor ? _lo[(long)c * Rows + i] : _lo[(long)i * Features + c];
    }

    /// <summary>Copies row i of the design (leading parts) into <paramref name="row"/> (length Columns).</summary>
    internal void Row(int i, Span<double> row)
    {
        int c0 = 0;
        if (Intercept)
        {
            row[0] = 1.0;
            c0 = 1;
        }
        if (!_columnMajor)
        {
            _hi.AsSpan(i * Features, Features).CopyTo(row[c0..]);
        }
        else
        {
            for (int j = 0; j < Features; j++) row[c0 + j] = _hi[(long)j * Rows + i];
        }
    }

    /// <summary>Feature index of design column c, or −1 for the intercept column.</summary>
    internal int FeatureIndex(int c) => Intercept ? c - 1 : c;

    /// <summary>"the intercept column" or "column 3" / "column 3 (age)".</summary>
    internal string ColumnName(int c)
    {
        int f = FeatureIndex(c);
        if (f < 0) return "the intercept column";
        string name = FeatureNames is not null && f < FeatureNames.Count && !string.IsNullOrEmpty(FeatureNames[f])
            ? $" ({FeatureNames[f]})" : "";
        return "column " + f.ToString(CultureInfo.InvariantCulture) + name;
    }

    /// <summary>
    /// Residuals r = y − A·x for the given solution (x = xHi + xLo per design column), each row accumulated in
    /// double-double; returns RSS = Σ r² and the total sum of squares (centered with an intercept, uncentered without),
    /// both squared and summed in double-double (so that TSS − RSS keeps its digits when R² is small).
    /// </summary>
    internal (DoubleDouble Rss, DoubleDouble Tss) SumsOfSquares(ReadOnlySpan<double> xHi, ReadOnlySpan<double> xLo)
    {
        double rssHi = 0, rssLo = 0;
        for (int i = 0; i < Rows; i++)
        {
            double yh = YHi[i], yl = YLo?[i] ?? 0.0;
            double accHi = yh, accLo = yl;
            for (int c = 0; c < Columns; c++)
                DoubleDouble.SubtractProduct(ref accHi, ref accLo, Hi(i, c), Lo(i, c), xHi[c], xLo[c]);
            AddSquare(ref rssHi, ref rssLo, accHi, accLo);
        }
        return (new DoubleDouble(rssHi, rssLo), TotalSumOfSquaresDd(YHi, YLo, Rows, Intercept));
    }

    /// <summary>
    /// TSS = Σ(yᵢ − ȳ)² with an intercept (two passes, the mean in double-double), Σyᵢ² without; y = yHi + yLo,
    /// accumulated in double-double. The streaming design in LinReg.Fast uses it too (through <see cref="FastPathSeam"/>).
    /// </summary>
    internal static double TotalSumOfSquares(double[] yHi, double[]? yLo, int rows, bool centered) =>
        (double)TotalSumOfSquaresDd(yHi, yLo, rows, centered);

    /// <summary><see cref="TotalSumOfSquares"/> in double-double: each deviation and its square carried to about 32 digits.</summary>
    internal static DoubleDouble TotalSumOfSquaresDd(double[] yHi, double[]? yLo, int rows, bool centered)
    {
        double meanHi = 0, meanLo = 0;
        if (centered)
        {
            double sumHi = 0, sumLo = 0;
            for (int i = 0; i < rows; i++) DoubleDouble.Add(ref sumHi, ref sumLo, yHi[i], yLo?[i] ?? 0.0);
            var mean = new DoubleDouble(sumHi, sumLo) / rows;
            meanHi = mean.Hi;
            meanLo = mean.Lo;
        }
        double tssHi = 0, tssLo = 0;
        for (int i = 0; i < rows; i++)
        {
            double dh = yHi[i], dl = yLo?[i] ?? 0.0;
            DoubleDouble.Add(ref dh, ref dl, -meanHi, -meanLo);
            AddSquare(ref tssHi, ref tssLo, dh, dl);
        }
        return new DoubleDouble(tssHi, tssLo);
    }

    /// <summary>s += (vHi + vLo)² in double-double (the vLo² term is below the resolution and dropped).</summary>
    private static void AddSquare(ref double sHi, ref double sLo, double vHi, double vLo)
    {
        double p = DoubleDouble.TwoProduct(vHi, vHi, out double e);
        DoubleDouble.Add(ref sHi, ref sLo, p, e + 2 * vHi * vLo);
    }
}
