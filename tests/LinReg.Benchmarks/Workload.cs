using LinReg.Probability;
using LinReg.Data;

namespace LinReg.Benchmarks;

/// <summary>
/// The synthetic workloads, generated once per process and shared by every benchmark that asks for the same shape:
/// xᵢ ~ 𝒩(0, I_d), y = Xw + b + 0.1·ε with w ~ 𝒩(0, I_d) (seed 1), b = 0.5, data seed 42. n = 1e6, d = 100 is
/// 800 MB; d = 500 is 4 GB, so only one large shape is kept alive at a time.
/// </summary>
public static class Workload
{
    public const int N = 1_000_000;
    public const double NoiseStd = 0.1;
    public const double TrueBias = 0.5;
    private static readonly object Gate = new();
    private static readonly Dictionary<(int N, int D), Dataset> Cache = [];

    public static Dataset Get(int n, int d)
    {
        lock (Gate)
        {
            if (Cache.TryGetValue((n, d), out var hit)) return hit;
            // keep at most ~1 GB of other shapes alive
            foreach (var key in Cache.Keys.Where(k => (long)k.N * k.D * 8 > 100_000_000).ToList()) Cache.Remove(key);
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var w = new double[d];
            new NormalSampler(1).Fill(w);
            var data = SyntheticData.Linear(w, TrueBias, n, NoiseStd, seed: 42);
            Cache[(n, d)] = data;
            return data;
        }
    }

    /// <summary>The first <paramref name="n"/> rows of the (N, d) workload (a copy, for the peers that cannot take a million rows at d = 500).</summary>
    public static Dataset Head(int n, int d)
    {
        var full = Get(N, d);
        if (n >= full.Count) return full;
        return new Dataset(full.X.AsSpan(0, n * d).ToArray(), full.Y.AsSpan(0, n).ToArray(), d);
    }

    /// <summary>RMSE of ŷ = Xw + b on a dataset.</summary>
    public static double Rmse(Dataset data, ReadOnlySpan<double> w, double b)
    {
        double ss = 0;
        int d = data.Features;
        for (int i = 0; i < data.Count; i++)
        {
            var row = data.X.AsSpan(i * d, d);
            double s = b;
            for (int j = 0; j < d; j++) s += row[j] * w[j];
            double r = s - data.Y[i];
            ss += r * r;
        }
        return Math.Sqrt(ss / data.Count);
    }
}
