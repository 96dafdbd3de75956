namespace LinReg.Plots;

/// <summary>
/// The parameters an optimizer visited, in order: (W[k], B[k]) after k steps. Drawn over a loss surface as a
/// line with markers. Used in notebooks 02 · One SGD step by hand and 11 · Common pitfalls.
/// </summary>
/// <param name="Name">Legend entry (e.g. "SGD, η = 0.1").</param>
/// <param name="W">The weight after each step (horizontal axis); as many as <paramref name="B"/>.</param>
/// <param name="B">The bias after each step (vertical axis).</param>
public sealed record OptimizerPath(string Name, IReadOnlyList<double> W, IReadOnlyList<double> B)
{
    /// <summary>Builds a path from (w, b) pairs.</summary>
    /// <param name="name">Legend entry.</param>
    /// <param name="points">The visited (w, b), in order.</param>
    /// <exception cref="ArgumentNullException">name or points is null.</exception>
    public static OptimizerPath From(string name, IEnumerable<(double W, double B)> points)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(points);
        var list = points.ToList();
        return new OptimizerPath(name, list.Select(p => p.W).ToArray(), list.Select(p => p.B).ToArray());
    }
}
