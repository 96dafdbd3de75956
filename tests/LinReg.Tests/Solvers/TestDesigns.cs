namespace LinReg.Tests.Solvers;

/// <summary>Designs shared by the solver tests.</summary>
internal static class TestDesigns
{
    /// <summary>
    /// n rows of three columns with col2 = col0 + col1 + δ·z (a, b uniform on [−2, 2], z on [−1, 1]): nearly
    /// collinear, full rank; y = 1 + 2a − b + 0.5·col2 + small uniform noise. Row-major X (n × 3).
    /// </summary>
    internal static (double[] X, double[] Y) NearlyCollinear(double delta, int n = 30, int seed = 7)
    {
        var rng = new Random(seed);
        var x = new double[n * 3];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double a = rng.NextDouble() * 4 - 2, b = rng.NextDouble() * 4 - 2, z = rng.NextDouble() * 2 - 1;
            x[i * 3] = a;
            x[i * 3 + 1] = b;
            x[i * 3 + 2] = a + b + delta * z;
            y[i] = 1 + 2 * a - b + 0.5 * x[i * 3 + 2] + 0.1 * (rng.NextDouble() - 0.5);
        }
        return (x, y);
    }
}
