using LinReg.Numerics;

namespace LinReg.Data;

/// <summary>
/// Seeded random splits into training, validation and test sets.
/// Taught in notebook 10 · Baselines on real data.
/// </summary>
public static class Split
{
    /// <summary>Splits rows at random into (train, validation); the validation set gets round(n·fraction) rows.</summary>
    /// <exception cref="ArgumentOutOfRangeException">fraction not in (0, 1).</exception>
    /// <exception cref="ArgumentException">either part would be empty.</exception>
    public static (Dataset Train, Dataset Validation) TrainValidation(Dataset data, double validationFraction, int seed)
    {
        var (train, valid, _) = Three(data, validationFraction, 0, seed);
        return (train, valid);
    }

    /// <summary>Splits rows at random into (train, validation, test) with the given fractions for the last two.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a fraction not in (0, 1), or their sum ≥ 1.</exception>
    /// <exception cref="ArgumentException">any part would be empty.</exception>
    public static (Dataset Train, Dataset Validation, Dataset Test) TrainValidationTest(
        Dataset data, double validationFraction, double testFraction, int seed)
    {
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, $"testFraction must be in (0, 1), got {Format.Num(testFraction)}.");
        var (train, valid, test) = Three(data, validationFraction, testFraction, seed);
        return (train, valid, test!);
    }

    private static (Dataset, Dataset, Dataset?) Three(Dataset data, double vf, double tf, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(vf > 0 && vf < 1))
            throw new ArgumentOutOfRangeException("validationFraction", vf, $"validationFraction must be in (0, 1), got {Format.Num(vf)}.");
        if (vf + tf >= 1)
            throw new ArgumentOutOfRangeException("testFraction", tf, $"validationFraction + testFraction must be < 1, got {Format.Num(vf + tf)}.");
        int n = data.Count;
        int nv = (int)Math.Round(n * vf), nt = (int)Math.Round(n * tf);
        int ntr = n - nv - nt;
        if (nv == 0 || ntr <= 0 || (tf > 0 && nt == 0))
            throw new ArgumentException($"Splitting n = {n} rows with fractions {Format.Num(vf)}/{Format.Num(tf)} leaves an empty part (train {ntr}, validation {nv}, test {nt}).", nameof(data));
        var order = Enumerable.Range(0, n).ToArray();
        DataIter.ShuffleInPlace(order, new Random(seed));
        var train = data.Subset(order.AsSpan(0, ntr));
        var valid = data.Subset(order.AsSpan(ntr, nv));
        var test = nt > 0 ? data.Subset(order.AsSpan(ntr + nv, nt)) : null;
        return (train, valid, test);
    }
}
