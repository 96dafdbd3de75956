using LinReg.Numerics;

namespace LinReg.Data;

/// <summary>
/// Absorbing the bias into the weights: append a constant feature (normally 1) to every example, so that
/// x̃ᵢ = (xᵢ, 1) and w̃ = (w, b) give x̃ᵢᵀw̃ = xᵢᵀw + b. A model fitted on the augmented data without a bias of its own
/// learns b as its last weight.
/// Taught in notebook 01 · The model and the loss (the bias absorbed as a constant feature).
/// </summary>
public static class ConstantFeature
{
    /// <summary>
    /// A new dataset X̃ = [X  c·1] (n×(d+1), row-major) with the same targets: every row gets <paramref name="value"/>
    /// appended as its last feature.
    /// </summary>
    /// <param name="data">The dataset (n×d).</param>
    /// <param name="value">The constant c (default 1); must be finite and non-zero (a zero column cannot carry a bias).</param>
    /// <param name="name">Name of the new feature column.</param>
    /// <returns>An n×(d+1) dataset whose last column is c everywhere.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is 0, NaN or ±∞.</exception>
    public static Dataset Append(Dataset data, double value = 1.0, string name = "1")
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(name);
        if (!double.IsFinite(value) || value == 0)
            throw new ArgumentOutOfRangeException(nameof(value), value,
                $"The constant feature must be finite and non-zero, got {Format.Num(value)}.");
        int n = data.Count, d = data.Features;
        var x = new double[n * (d + 1)];
        for (int i = 0; i < n; i++)
        {
            Array.Copy(data.X, i * d, x, i * (d + 1), d);
            x[i * (d + 1) + d] = value;
        }
        var names = data.FeatureNames.Append(name).ToArray();
        return new Dataset(x, data.Y, d + 1, names);
    }
}
