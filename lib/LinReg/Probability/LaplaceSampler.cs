using LinReg.Numerics;

namespace LinReg.Probability;

/// <summary>
/// Seeded Laplace(0, s) samples by inverting the distribution function: with u uniform on (−½, ½),
/// x = −s·sign(u)·log(1 − 2|u|). Uses only <see cref="Random"/>, log and arithmetic, so a seed gives the same numbers
/// on every machine.
/// Taught in notebook 07 · Noise and likelihood.
/// </summary>
public sealed class LaplaceSampler
{
    private readonly Random _rng;

    /// <summary>Creates a sampler whose sequence is fixed by <paramref name="seed"/>.</summary>
    public LaplaceSampler(int seed) => _rng = new Random(seed);

    /// <summary>One draw from Laplace(0, <paramref name="scale"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">scale ≤ 0 or not finite.</exception>
    public double Next(double scale)
    {
        Guard.Positive(scale, nameof(scale), "The Laplace scale s");
        double u;
        do u = _rng.NextDouble() - 0.5; while (u == -0.5);   // u ∈ (−½, ½)
        return -scale * Math.Sign(u) * Math.Log(1 - 2 * Math.Abs(u));
    }

    /// <summary>Fills <paramref name="destination"/> with draws from Laplace(0, <paramref name="scale"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">scale ≤ 0 or not finite.</exception>
    public void Fill(Span<double> destination, double scale)
    {
        Guard.Positive(scale, nameof(scale), "The Laplace scale s");
        for (int i = 0; i < destination.Length; i++) destination[i] = Next(scale);
    }
}
