namespace LinReg.Probability;

/// <summary>
/// Seeded standard-normal samples (Marsaglia's polar method over <see cref="Random"/>): the same seed gives the
/// same numbers on every run and machine (it uses only +, ×, log and sqrt, no platform-dependent trigonometry).
/// Taught in notebook 07 · Noise and likelihood.
/// </summary>
public sealed class NormalSampler
{
    private readonly Random _rng;
    private double _spare;
    private bool _hasSpare;

    /// <summary>Creates a sampler whose sequence is fixed by <paramref name="seed"/>.</summary>
    public NormalSampler(int seed) => _rng = new Random(seed);

    /// <summary>One draw from 𝒩(0, 1).</summary>
    public double Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }
        double u, v, s;
        do
        {
            u = 2 * _rng.NextDouble() - 1;
            v = 2 * _rng.NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spare = v * f;
        _hasSpare = true;
        return u * f;
    }

    /// <summary>One draw from 𝒩(mean, std²).</summary>
    public double Next(double mean, double std) => mean + std * Next();

    /// <summary>Fills <paramref name="destination"/> with draws from 𝒩(mean, std²).</summary>
    public void Fill(Span<double> destination, double mean = 0, double std = 1)
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = Next(mean, std);
    }
}
