namespace LinReg.Numerics;

/// <summary>
/// The library's one accurate mean and spread, and its one rule for "this sequence is constant" — used by the
/// standardizer, the metrics (R², the mean baseline), the residual diagnostics, the likelihood fits, the CSV reader's
/// mean imputation and the least-squares result's R², so they all agree on what "constant" means.
/// </summary>
/// <remarks>
/// <para>
/// <b>Why not <c>variance == 0</c>.</b> A running double sum of 1000 copies of 14.62 gives the mean 14.620000000000298,
/// so every deviation is −3e-13 and the "variance" 9e-26 is not 0: a constant column looks scaled by 3e-13, and an
/// exact-zero test never fires. The mean here is accurate instead: the values are summed in double-double (every
/// addition's rounding error kept), the sum divided in double-double, the deviations xᵢ − x̄ formed against that
/// double-double mean and their squares accumulated in double-double (a two-pass algorithm whose first pass is
/// compensated). The mean of n copies of v is then v itself and their spread is (practically) 0, and for data whose
/// spread is a tiny fraction of their size — NIST's NumAcc4: 1e7 + 0.1…0.3 — mean and standard deviation keep about
/// 15 digits (a naive two-pass keeps about 12).
/// </para>
/// <para>
/// <b>The rule.</b> A sequence counts as constant when its population standard deviation is at most
/// <see cref="RelativeTolerance"/> = 8ε ≈ 1.8e-15 times its largest magnitude max|xᵢ|: the values then agree in all but
/// about their last three bits — the spread that a few roundings leave between copies of one number computed by
/// different routes (0.1 + 0.2 versus 0.3), never a property of measured data. scikit-learn faced the same report
/// (its StandardScaler scaled a constant column by rounding noise) and now calls a feature constant when its variance
/// lies below the error bound of its own (uncompensated) two-pass algorithm, a bound that grows with n; with a
/// compensated mean that algorithmic error is far below 8ε, so the bound here does not grow with n and measures
/// only how far apart the values themselves are.
/// </para>
/// <para>
/// Values are scaled by a power of two (exact) before squaring, so neither overflow (|x| near 1e308) nor underflow
/// (spreads below 1e-154) can turn a real spread into ∞ or 0.
/// </para>
/// </remarks>
internal static class Spread
{
    /// <summary>8ε = 2⁻⁴⁹ ≈ 1.78e-15: a standard deviation at most this fraction of max|xᵢ| is a constant's.</summary>
    internal static readonly double RelativeTolerance = Math.ScaleB(1.0, -49);

    /// <summary>Whether a spread of <paramref name="spread"/> (a standard deviation, ≥ 0) in values of size
    /// <paramref name="magnitude"/> is a constant's by the rule above.</summary>
    internal static bool IsNegligible(double spread, double magnitude) => spread <= RelativeTolerance * magnitude;

    /// <summary>Mean, population standard deviation and largest magnitude of n ≥ 1 values.</summary>
    internal readonly record struct Moments(int Count, double Mean, double StandardDeviation, double MaxAbs)
    {
        /// <summary>Σ(xᵢ − x̄)² = n·s² (may overflow to ∞ or underflow to 0 at the extremes of the double range, unlike s).</summary>
        internal double SumOfSquares => Count * StandardDeviation * StandardDeviation;

        /// <summary>s ≤ 8ε·max|xᵢ| (see <see cref="Spread"/>).</summary>
        internal bool IsConstant => IsNegligible(StandardDeviation, MaxAbs);
    }

    /// <summary>The moments of a sequence of n ≥ 1 finite values.</summary>
    internal static Moments Of(ReadOnlySpan<double> values) => Of(values, 0, 1, values.Length);

    /// <summary>The moments of a sequence of n ≥ 1 finite values.</summary>
    internal static Moments Of(IReadOnlyList<double> values) => values is double[] a ? Of(a) : Of(values.ToArray());

    /// <summary>The moments of <paramref name="count"/> ≥ 1 finite values data[offset + i·stride] (a column of a row-major matrix).</summary>
    internal static Moments Of(ReadOnlySpan<double> data, int offset, int stride, int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "Moments need at least one value.");
        double max = 0;
        for (int i = 0; i < count; i++) max = Math.Max(max, Math.Abs(data[offset + i * stride]));
        if (max == 0) return new Moments(count, 0.0, 0.0, 0.0);
        int k = Math.ILogB(max);   // scaled values lie in (−2, 2): exact, no overflow, no harmful underflow

        double sumHi = 0, sumLo = 0;
        for (int i = 0; i < count; i++) DoubleDouble.Add(ref sumHi, ref sumLo, Math.ScaleB(data[offset + i * stride], -k), 0.0);
        var mean = new DoubleDouble(sumHi, sumLo) / count;

        double ssHi = 0, ssLo = 0;
        for (int i = 0; i < count; i++)
        {
            double dh = Math.ScaleB(data[offset + i * stride], -k), dl = 0;
            DoubleDouble.Add(ref dh, ref dl, -mean.Hi, -mean.Lo);
            double dev = dh + dl;
            double sq = DoubleDouble.TwoProduct(dev, dev, out double e);
            DoubleDouble.Add(ref ssHi, ref ssLo, sq, e);
        }
        double sd = Math.Sqrt((ssHi + ssLo) / count);
        return new Moments(count, Math.ScaleB(mean.Hi + mean.Lo, k), Math.ScaleB(sd, k), max);
    }
}
