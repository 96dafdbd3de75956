using LinReg.Data;
using LinReg.Numerics;
using LinReg.Solvers;

namespace LinReg.Experiments;

/// <summary>
/// Polynomial regression of one input: ŷ = c₀ + c₁x + … + c_k x^k fitted by least squares, i.e. linear regression on
/// the features x, x², …, x^k — the model family whose degree k is the capacity knob of notebook 13. The powers are
/// standardized with the training rows' mean and standard deviation (<see cref="Standardizer"/>) before the accurate
/// least-squares solver (<see cref="LeastSquaresMethod.RefinedQr"/>) sees them: with an intercept, that changes
/// neither the fitted curve nor its predictions, only how well the solver is conditioned. Degree 0 is the mean of y.
/// Used by notebook 13 · Generalization.
/// </summary>
public sealed class PolynomialRegression
{
    private readonly Standardizer? _scaler;
    private readonly LeastSquaresResult _fit;

    private PolynomialRegression(int degree, Standardizer? scaler, LeastSquaresResult fit, double[] coefficients)
    {
        Degree = degree;
        _scaler = scaler;
        _fit = fit;
        Coefficients = coefficients;
    }

    /// <summary>k, the degree: the model has k + 1 coefficients.</summary>
    public int Degree { get; }

    /// <summary>c₀, c₁, …, c_k in the plain power basis (the standardization undone): ŷ = Σⱼ cⱼ xʲ.</summary>
    public IReadOnlyList<double> Coefficients { get; }

    /// <summary>
    /// The 2-norm condition number of the design the solver saw, [1, z₁, …, z_k] with zⱼ the standardized powers
    /// (1 for degree 0).
    /// </summary>
    public double ConditionNumber => _fit.ConditionNumber;

    /// <summary>Fits the polynomial of degree <paramref name="degree"/> to the points (xᵢ, yᵢ).</summary>
    /// <param name="x">The inputs, n of them, finite.</param>
    /// <param name="y">The targets, one per input, finite.</param>
    /// <param name="degree">k ≥ 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="y"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="degree"/> &lt; 0.</exception>
    /// <exception cref="ArgumentException">x and y differ in length or are empty; a value is NaN or ±∞; fewer points
    /// than coefficients (n &lt; k + 1).</exception>
    /// <exception cref="RankDeficientException">the powers are linearly dependent on these inputs (fewer than k + 1
    /// distinct x values).</exception>
    public static PolynomialRegression Fit(IReadOnlyList<double> x, IReadOnlyList<double> y, int degree)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (degree < 0) throw new ArgumentOutOfRangeException(nameof(degree), degree, $"The degree must be ≥ 0, got {degree}.");
        if (x.Count != y.Count) throw new ArgumentException($"x has {x.Count} values but y has {y.Count}.", nameof(y));
        if (x.Count == 0) throw new ArgumentException("No points to fit: x is empty.", nameof(x));
        Guard.AllFinite(x, nameof(x));
        Guard.AllFinite(y, nameof(y));
        if (x.Count < degree + 1)
            throw new ArgumentException($"A polynomial of degree {degree} has {degree + 1} coefficients but there are only {x.Count} points.", nameof(x));
        double[] targets = y.ToArray();
        if (degree == 0)
        {
            var mean = LeastSquares.Fit([], targets.Length, 0, targets);
            return new PolynomialRegression(0, null, mean, [mean.Bias]);
        }
        var powers = new Dataset(Powers(x, degree), targets, degree, Enumerable.Range(1, degree).Select(j => j == 1 ? "x" : $"x^{j}").ToArray());
        var scaler = Standardizer.Fit(powers);
        var fit = LeastSquares.Fit(scaler.Transform(powers));
        var (w, b) = scaler.ToOriginalUnits(fit.Weights, fit.Bias);
        return new PolynomialRegression(degree, scaler, fit, [b, .. w]);
    }

    /// <summary>ŷ at one input (through the standardized features the fit used, not through <see cref="Coefficients"/>).</summary>
    public double Predict(double x)
    {
        if (_scaler is null) return _fit.Bias;
        Span<double> z = stackalloc double[Degree];
        double p = 1;
        for (int j = 0; j < Degree; j++)
        {
            p *= x;
            z[j] = (p - _scaler.Mean[j]) / _scaler.Scale[j];
        }
        return _fit.Predict(z);
    }

    /// <summary>ŷ at every input of <paramref name="x"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public double[] Predict(IReadOnlyList<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var yHat = new double[x.Count];
        for (int i = 0; i < yHat.Length; i++) yHat[i] = Predict(x[i]);
        return yHat;
    }

    /// <summary>"degree 3: ŷ = 1.02 − 2.97x + 0.95x² + 3.98x³" (coefficients to 3 significant digits).</summary>
    public override string ToString()
    {
        var sb = new System.Text.StringBuilder($"degree {Degree}: ŷ = ");
        for (int j = 0; j < Coefficients.Count; j++)
        {
            double c = Coefficients[j];
            string magnitude = Math.Abs(c).ToString("G3", System.Globalization.CultureInfo.InvariantCulture);
            sb.Append(j == 0 ? (c < 0 ? "−" + magnitude : magnitude) : (c < 0 ? " − " : " + ") + magnitude);
            if (j >= 1) sb.Append('x');
            if (j >= 2) sb.Append(Superscript(j));
        }
        return sb.ToString();
    }

    private static double[] Powers(IReadOnlyList<double> x, int degree)
    {
        var z = new double[x.Count * degree];
        for (int i = 0; i < x.Count; i++)
        {
            double p = 1;
            for (int j = 0; j < degree; j++)
            {
                p *= x[i];
                z[i * degree + j] = p;
            }
        }
        return z;
    }

    private static string Superscript(int k) =>
        string.Concat(k.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(c => "⁰¹²³⁴⁵⁶⁷⁸⁹"[c - '0']));
}
