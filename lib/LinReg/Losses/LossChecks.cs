namespace LinReg.Losses;

/// <summary>The shape checks every loss makes: at least one example, and as many predictions as targets.</summary>
internal static class LossChecks
{
    internal static void Shapes(ReadOnlySpan<double> yHat, ReadOnlySpan<double> y)
    {
        if (y.Length == 0) throw new ArgumentException("The loss needs at least one example: y is empty.", nameof(y));
        if (yHat.Length != y.Length)
            throw new ArgumentException($"ŷ has {yHat.Length} values but y has {y.Length}.", nameof(yHat));
    }
}
