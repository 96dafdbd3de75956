namespace LinReg.Plots;

/// <summary>
/// One named set of bars of a (grouped) bar chart: Values[k] is the height of the bar at category k.
/// Used in notebooks 03 · The normal equation, 10 · Baselines on real data and 16 · How sure are we?
/// </summary>
/// <param name="Name">Legend entry.</param>
/// <param name="Values">One value per category.</param>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values);
