namespace LinReg.Metrics;

/// <summary>
/// Residuals of the examples whose x falls in one bin.
/// Taught in notebook 09 · Residual diagnostics.
/// </summary>
/// <param name="Lower">Smallest x in the bin.</param>
/// <param name="Upper">Largest x in the bin.</param>
/// <param name="Center">Mean x in the bin (where to draw it).</param>
/// <param name="Count">Examples in the bin.</param>
/// <param name="Mean">Mean residual in the bin.</param>
/// <param name="Std">Standard deviation of the residuals in the bin (divisor Count).</param>
public sealed record ResidualBin(double Lower, double Upper, double Center, int Count, double Mean, double Std);
