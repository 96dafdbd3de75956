namespace LinReg.Metrics;

/// <summary>
/// One parameter entry compared: analytic gradient against the central finite difference.
/// Taught in notebook 02 · One SGD step by hand.
/// </summary>
/// <param name="Parameter">Parameter name.</param>
/// <param name="Index">Entry within the parameter.</param>
/// <param name="Analytic">From backward().</param>
/// <param name="Numeric">(L(p + h) − L(p − h)) / 2h.</param>
/// <param name="RelativeError">|a − n| / max(1, |a|, |n|).</param>
public sealed record GradientComparison(string Parameter, int Index, double Analytic, double Numeric, double RelativeError);
