namespace LinReg.Experiments;

/// <summary>
/// Operation counts (multiply-adds) and memory of the two ways to fit linear regression, for n examples and d
/// features (p = d + 1 unknowns with the bias). Counts are of the dominant terms, as the algorithms are written:
/// <list type="bullet">
/// <item>normal equation: forming the symmetric Gram matrix X̃ᵀX̃ (n·p(p+1)/2), X̃ᵀy (n·p), Cholesky (p³/6) and the
/// two triangular solves (p²) — it grows like n·d²/2 + d³/6;</item>
/// <item>one SGD epoch: forward ŷ = Xw + b (n·d) and backward Xᵀg (n·d), plus one update of the p parameters per
/// minibatch — it grows like 2·n·d.</item>
/// </list>
/// Their ratio grows linearly with d: for a model with millions of parameters the normal equation is not an option
/// (and for a neural network there is no normal equation at all).
/// Used by notebook 11 · Common pitfalls (the normal equation for large models).
/// </summary>
public static class CostModel
{
    /// <summary>Multiply-adds to solve the normal equation (X̃ᵀX̃) θ = X̃ᵀy with Cholesky: n·p(p+1)/2 + n·p + p³/6 + p².</summary>
    /// <exception cref="ArgumentOutOfRangeException">n ≤ 0 or d ≤ 0.</exception>
    public static double NormalEquationMultiplyAdds(long n, long d)
    {
        Check(n, d);
        double p = d + 1;
        return n * p * (p + 1) / 2 + n * p + p * p * p / 6 + p * p;
    }

    /// <summary>Multiply-adds of one SGD epoch with minibatches of size |B|: 2·n·d + n + ⌈n/|B|⌉·p.</summary>
    /// <exception cref="ArgumentOutOfRangeException">n ≤ 0, d ≤ 0 or batchSize ≤ 0.</exception>
    public static double SgdEpochMultiplyAdds(long n, long d, long batchSize)
    {
        Check(n, d);
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"The batch size must be > 0, got {batchSize}.");
        long steps = (n + batchSize - 1) / batchSize;
        return 2.0 * n * d + n + (double)steps * (d + 1);
    }

    /// <summary>Bytes to hold the Gram matrix X̃ᵀX̃ in doubles: 8·p².</summary>
    /// <exception cref="ArgumentOutOfRangeException">d ≤ 0.</exception>
    public static double GramMatrixBytes(long d)
    {
        if (d <= 0) throw new ArgumentOutOfRangeException(nameof(d), d, $"The number of features d must be > 0, got {d}.");
        double p = d + 1;
        return 8 * p * p;
    }

    private static void Check(long n, long d)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, $"The number of examples n must be > 0, got {n}.");
        if (d <= 0) throw new ArgumentOutOfRangeException(nameof(d), d, $"The number of features d must be > 0, got {d}.");
    }
}
