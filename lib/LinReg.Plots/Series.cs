namespace LinReg.Plots;

/// <summary>One named line of a line chart: the points (X[i], Y[i]). Used throughout, from notebook 01 on.</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="X">Horizontal coordinates; as many as <paramref name="Y"/>.</param>
/// <param name="Y">Vertical coordinates.</param>
public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);
