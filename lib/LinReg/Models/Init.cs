namespace LinReg.Models;

/// <summary>Parameter initialisation shared by both implementations, so the same seed gives the same start.</summary>
internal static class Init
{
    internal static double[] Weights(int features, int seed, double std)
    {
        Guard.Positive(features, nameof(features), "The number of features");
        Guard.NonNegative(std, nameof(std), "The initial weight standard deviation");
        var w = new double[features];
        new Data.NormalSampler(seed).Fill(w, 0, std);
        return w;
    }

    /// <summary>The weight and bias parameters of a linear model, checked once: weight first, bias its own group.</summary>
    internal static (Parameter Weight, Parameter Bias, IReadOnlyList<Parameter> All) Parameters(double[] w, double b)
    {
        Guard.Finite(b, nameof(b), "The initial bias");
        var weight = new Parameter("weight", w);
        var bias = new Parameter("bias", [b], isBias: true);
        return (weight, bias, [weight, bias]);
    }

    internal static double[] Checked(double[] w, string paramName)
    {
        ArgumentNullException.ThrowIfNull(w, paramName);
        if (w.Length == 0) throw new ArgumentException("The initial weight vector must have at least one entry, got none.", paramName);
        Guard.AllFinite(w, paramName);
        return (double[])w.Clone();
    }
}
