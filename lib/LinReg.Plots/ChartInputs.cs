namespace LinReg.Plots;

/// <summary>What the horizontal axis of a loss chart counts.</summary>
public enum LossAxis
{
    /// <summary>Epochs: one point per epoch, x = the 0-based epoch number the trainer reports.</summary>
    Epoch,

    /// <summary>Optimizer steps: one point per minibatch, x = the 0-based global step; epoch means are drawn at the
    /// step count reached at the end of their epoch.</summary>
    Step,
}

/// <summary>One named line of a line chart: the points (X[i], Y[i]).</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="X">Horizontal coordinates; as many as <paramref name="Y"/>.</param>
/// <param name="Y">Vertical coordinates.</param>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>One named set of bars of a (grouped) bar chart: Values[k] is the height of the bar at category k.</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="Values">One value per category.</param>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values);

/// <summary>A straight line ŷ = Slope·x + Intercept drawn over a scatter plot (e.g. the model before and after a step).</summary>
/// <param name="Slope">w.</param>
/// <param name="Intercept">b.</param>
/// <param name="Name">Legend entry; null gives "ŷ = {Slope}·x + {Intercept}".</param>
public sealed record FittedLine(double Slope, double Intercept, string? Name = null)
{
    /// <summary>The legend entry actually shown.</summary>
    public string DisplayName => Name ?? $"ŷ = {Validate.Num(Slope)}·x + {Validate.Num(Intercept)}";
}

/// <summary>
/// The parameters an optimizer visited, in order: (W[k], B[k]) after k steps. Drawn over a loss surface as a
/// line with markers.
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
