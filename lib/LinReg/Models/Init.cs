using LinReg.Numerics;
using LinReg.Probability;

namespace LinReg.Models;

/// <summary>Parameter initialisation shared by both linear models, so the same seed gives the same start.</summary>
internal static class Init
{
    /// <summary>w ~ 𝒩(0, initStd²), d values, drawn from the seed (the parameter names are the models' constructor's).</summary>
    internal static Parameter Weight(int features, int seed, double initStd)
    {
        Guard.Positive(features, nameof(features), "The number of features");
        Guard.NonNegative(initStd, nameof(initStd), "The initial weight standard deviation");
        var w = new double[features];
        new NormalSampler(seed).Fill(w, 0, initStd);
        return new Parameter("weight", w);
    }

    /// <summary>The weight parameter holding a copy of the caller's w (at least one entry, all finite).</summary>
    internal static Parameter Weight(double[] w, string paramName)
    {
        ArgumentNullException.ThrowIfNull(w, paramName);
        if (w.Length == 0) throw new ArgumentException("The initial weight vector must have at least one entry, got none.", paramName);
        Guard.AllFinite(w, paramName);
        return new Parameter("weight", (double[])w.Clone());
    }

    /// <summary>The bias b as its own one-element parameter (its own group: no weight decay by default).</summary>
    internal static Parameter Bias(double b, string paramName = "b")
    {
        Guard.Finite(b, paramName, "The initial bias");
        return new Parameter("bias", [b], isBias: true);
    }
}
