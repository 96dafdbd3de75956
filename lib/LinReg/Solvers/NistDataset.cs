using System.Globalization;
using System.Text.RegularExpressions;
using LinReg.Numerics;

namespace LinReg.Solvers;

/// <summary>
/// One dataset of the NIST Statistical Reference Datasets (StRD) linear least-squares suite, read from NIST's
/// <c>.dat</c> format: the certified parameter estimates B0..Bk with their standard deviations, the certified
/// residual standard deviation and R², the certified analysis-of-variance table (degrees of freedom, sums of squares,
/// mean squares, F), the model, and the data, kept both as the exact decimal strings of the file and as doubles. The
/// certified values are the exact least-squares statistics rounded to 15 significant digits, so the log relative
/// error <see cref="Lre(double, double)"/> of an estimate counts its correct digits.
/// Taught in notebook 03 · The normal equation (and used by notebook 16 · How sure are we?).
/// </summary>
/// <remarks>
/// The models of the suite: a straight line (Norris), polynomials in one x of degree 2 (Pontius), 5 (Wampler1–5) and
/// 10 (Filip), a line through the origin (NoInt1, NoInt2: no B0), and 6 predictors plus intercept (Longley). The
/// model is read from the file: "y = B0 + …" has an intercept; one predictor with k slope parameters is the
/// polynomial x, x², …, x^k; several predictors enter linearly.
/// </remarks>
public sealed partial class NistDataset
{
    private NistDataset(string name, int predictors, bool hasIntercept, int degree, string[] parameterNames,
        string[] certifiedTexts, string[] certifiedSdTexts, string residualSdText, string rSquaredText, string[] anova,
        string[] yTexts, string[] xTexts)
    {
        Name = name;
        Predictors = predictors;
        HasIntercept = hasIntercept;
        Degree = degree;
        ParameterNames = parameterNames;
        CertifiedValueTexts = certifiedTexts;
        CertifiedValues = certifiedTexts.Select(ParseDouble).ToArray();
        CertifiedStandardDeviations = certifiedSdTexts.Select(ParseDouble).ToArray();
        CertifiedResidualStandardDeviation = ParseDouble(residualSdText);
        CertifiedRSquared = ParseDouble(rSquaredText);
        CertifiedRegressionDegreesOfFreedom = int.Parse(anova[0], CultureInfo.InvariantCulture);
        CertifiedRegressionSumOfSquares = ParseDouble(anova[1]);
        CertifiedRegressionMeanSquare = ParseDouble(anova[2]);
        CertifiedFStatistic = ParseDouble(anova[3]);
        CertifiedResidualDegreesOfFreedom = int.Parse(anova[4], CultureInfo.InvariantCulture);
        CertifiedResidualSumOfSquares = ParseDouble(anova[5]);
        CertifiedResidualMeanSquare = ParseDouble(anova[6]);
        YTexts = yTexts;
        XTexts = xTexts;
        Y = yTexts.Select(ParseDouble).ToArray();
        X = xTexts.Select(ParseDouble).ToArray();
    }

    /// <summary>The dataset's name as the file states it, e.g. "Filip".</summary>
    public string Name { get; }

    /// <summary>n, the number of observations.</summary>
    public int Observations => Y.Length;

    /// <summary>The number of predictor variables in the data (1, or 6 for Longley).</summary>
    public int Predictors { get; }

    /// <summary>Whether the model has the intercept B0 (false for NoInt1 and NoInt2).</summary>
    public bool HasIntercept { get; }

    /// <summary>Polynomial degree in x for one-predictor models (1 = straight line; Filip 10); 1 for Longley.</summary>
    public int Degree { get; }

    /// <summary>The number of design columns besides the intercept: <see cref="Degree"/> for one predictor, else <see cref="Predictors"/>.</summary>
    public int DesignColumns => Predictors == 1 ? Degree : Predictors;

    /// <summary>"B0", "B1", … as in the file (NoInt sets start at "B1").</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The certified estimates B0..Bk (or B1 for no intercept) as doubles, in file order.</summary>
    public double[] CertifiedValues { get; }

    /// <summary>The certified estimates exactly as printed (15 significant digits).</summary>
    public IReadOnlyList<string> CertifiedValueTexts { get; }

    /// <summary>The certified standard deviations of the estimates.</summary>
    public double[] CertifiedStandardDeviations { get; }

    /// <summary>The certified residual standard deviation √(RSS/(n − p)).</summary>
    public double CertifiedResidualStandardDeviation { get; }

    /// <summary>The certified R² (uncentered for the no-intercept models).</summary>
    public double CertifiedRSquared { get; }

    /// <summary>Certified ANOVA table: degrees of freedom of the regression (p − 1 with intercept, p without).</summary>
    public int CertifiedRegressionDegreesOfFreedom { get; }

    /// <summary>Certified ANOVA table: degrees of freedom of the residual, n − p.</summary>
    public int CertifiedResidualDegreesOfFreedom { get; }

    /// <summary>Certified ANOVA table: the regression sum of squares SSR (uncentred total without intercept).</summary>
    public double CertifiedRegressionSumOfSquares { get; }

    /// <summary>Certified ANOVA table: the residual sum of squares RSS.</summary>
    public double CertifiedResidualSumOfSquares { get; }

    /// <summary>Certified ANOVA table: the regression mean square SSR/df.</summary>
    public double CertifiedRegressionMeanSquare { get; }

    /// <summary>Certified ANOVA table: the residual mean square RSS/(n − p).</summary>
    public double CertifiedResidualMeanSquare { get; }

    /// <summary>Certified ANOVA table: the F statistic; +∞ for the exact fits Wampler1 and Wampler2 (the file says "Infinity").</summary>
    public double CertifiedFStatistic { get; }

    /// <summary>The response values as doubles (rounded from the decimals in the file).</summary>
    public double[] Y { get; }

    /// <summary>The response values exactly as written in the file.</summary>
    public IReadOnlyList<string> YTexts { get; }

    /// <summary>The predictors as doubles, row-major n × <see cref="Predictors"/>.</summary>
    public double[] X { get; }

    /// <summary>The predictors exactly as written, row-major n × <see cref="Predictors"/>.</summary>
    public IReadOnlyList<string> XTexts { get; }

    /// <summary>Reads a NIST StRD linear least-squares <c>.dat</c> file.</summary>
    /// <param name="path">Path of the file, e.g. "data/nist/Filip.dat".</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">No such file (the message gives the full path tried).</exception>
    /// <exception cref="FormatException">The file is not in the StRD format (the message names the file, line and problem).</exception>
    public static NistDataset Load(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new ArgumentException($"path must name a NIST .dat file, got \"{path}\".", nameof(path));
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"NIST dataset file not found: {full}", full);
        return Parse(File.ReadAllText(full), Path.GetFileName(full));
    }

    /// <summary>Parses the text of a NIST StRD linear least-squares <c>.dat</c> file.</summary>
    /// <param name="text">The file's content.</param>
    /// <param name="source">A name for error messages (e.g. the file name).</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">Not in the StRD format (the message names the source, line and problem).</exception>
    public static NistDataset Parse(string text, string source = "NIST dataset")
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n").Split('\n');
        FormatException Error(string what) => new($"{source}: {what}");

        string name = Find(DatasetNameRegex(), lines)?.Groups[1].Value ?? throw Error("no \"Dataset Name:\" line");
        var dataRange = Find(DataLinesRegex(), lines) ?? throw Error("no \"Data (lines a to b)\" line in the header");
        int first = int.Parse(dataRange.Groups[1].Value, CultureInfo.InvariantCulture);
        int last = int.Parse(dataRange.Groups[2].Value, CultureInfo.InvariantCulture);
        int predictors = int.Parse(Find(PredictorsRegex(), lines)?.Groups[1].Value ?? throw Error("no \"k Predictor Variable\" line"), CultureInfo.InvariantCulture);
        int observations = int.Parse(Find(ObservationsRegex(), lines)?.Groups[1].Value ?? throw Error("no \"n Observations\" line"), CultureInfo.InvariantCulture);
        var model = Find(ModelRegex(), lines) ?? throw Error("no model equation \"y = …\"");
        bool intercept = model.Value.Contains("B0", StringComparison.Ordinal);

        var names = new List<string>();
        var values = new List<string>();
        var sds = new List<string>();
        foreach (var line in lines)
        {
            var m = ParameterRegex().Match(line);
            if (!m.Success) continue;
            names.Add("B" + m.Groups[1].Value);
            values.Add(m.Groups[2].Value);
            sds.Add(m.Groups[3].Value);
        }
        if (names.Count == 0) throw Error("no certified parameter lines \"Bk  estimate  sd\"");
        if (names[0] != (intercept ? "B0" : "B1"))
            throw Error($"the model {(intercept ? "has" : "has no")} intercept but the first certified parameter is {names[0]}");
        string residualSd = Find(ResidualSdRegex(), lines)?.Groups[1].Value ?? throw Error("no certified residual standard deviation");
        string rSquared = Find(RSquaredRegex(), lines)?.Groups[1].Value ?? throw Error("no certified R-Squared");
        var regression = Find(AnovaRegressionRegex(), lines) ?? throw Error("no certified ANOVA line \"Regression  df  SS  MS  F\"");
        var residual = Find(AnovaResidualRegex(), lines) ?? throw Error("no certified ANOVA line \"Residual  df  SS  MS\"");
        string[] anova =
        [
            regression.Groups[1].Value, regression.Groups[2].Value, regression.Groups[3].Value, regression.Groups[4].Value,
            residual.Groups[1].Value, residual.Groups[2].Value, residual.Groups[3].Value,
        ];

        int slopes = names.Count - (intercept ? 1 : 0);
        int degree;
        if (predictors == 1) degree = slopes;
        else if (slopes == predictors) degree = 1;
        else
        {
            throw Error($"{predictors} predictors but {slopes} slope parameters; expected one per predictor");
        }

        if (first < 1 || last > lines.Length || last < first)
            throw Error($"data lines {first} to {last} are outside the file's {lines.Length} lines");
        var ys = new List<string>();
        var xs = new List<string>();
        for (int ln = first; ln <= last; ln++)
        {
            var tokens = lines[ln - 1].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length != 1 + predictors)
                throw Error($"line {ln}: expected {1 + predictors} numbers (y and {predictors} x), found {tokens.Length}: \"{lines[ln - 1].Trim()}\"");
            foreach (var t in tokens)
                if (!Rational.TryParse(t, out _)) throw Error($"line {ln}: \"{t}\" is not a decimal number");
            ys.Add(tokens[0]);
            for (int j = 1; j < tokens.Length; j++) xs.Add(tokens[j]);
        }
        if (ys.Count != observations)
            throw Error($"the header says {observations} observations but lines {first}–{last} hold {ys.Count}");
        foreach (var v in values.Concat(sds).Append(residualSd).Append(rSquared).Concat(anova.Where((_, k) => k != 3)))
            if (!Rational.TryParse(v, out _)) throw Error($"certified value \"{v}\" is not a decimal number");
        if (anova[3] != "Infinity" && !Rational.TryParse(anova[3], out _))
            throw Error($"certified F statistic \"{anova[3]}\" is neither a decimal number nor Infinity");
        int p = names.Count;
        if (int.Parse(anova[4], CultureInfo.InvariantCulture) != observations - p)
            throw Error($"the ANOVA residual degrees of freedom are {anova[4]} but n − p = {observations} − {p} = {observations - p}");

        return new NistDataset(name, predictors, intercept, degree, names.ToArray(), values.ToArray(), sds.ToArray(),
            residualSd, rSquared, anova, ys.ToArray(), xs.ToArray());
    }

    /// <summary>
    /// The design matrix the model needs, without the intercept column (the solvers add it): row-major
    /// n × <see cref="DesignColumns"/>, entries computed in double as a user would (x rounded to double, then
    /// x², x³, … by repeated multiplication).
    /// </summary>
    public double[] BuildDesign()
    {
        int n = Observations, p = DesignColumns;
        var a = new double[n * p];
        for (int i = 0; i < n; i++)
        {
            if (Predictors == 1)
            {
                double x = X[i], pw = 1;
                for (int k = 0; k < p; k++)
                {
                    pw *= x;
                    a[i * p + k] = pw;
                }
            }
            else
            {
                for (int k = 0; k < p; k++) a[i * p + k] = X[i * Predictors + k];
            }
        }
        return a;
    }

    /// <summary>The design with every entry exact: the decimal x raised to each power in rational arithmetic.</summary>
    public Rational[] BuildDesignExact()
    {
        int n = Observations, p = DesignColumns;
        var a = new Rational[n * p];
        for (int i = 0; i < n; i++)
        {
            if (Predictors == 1)
            {
                var x = Rational.Parse(XTexts[i]);
                var pw = Rational.One;
                for (int k = 0; k < p; k++)
                {
                    pw *= x;
                    a[i * p + k] = pw;
                }
            }
            else
            {
                for (int k = 0; k < p; k++) a[i * p + k] = Rational.Parse(XTexts[i * Predictors + k]);
            }
        }
        return a;
    }

    /// <summary>The targets exactly as written.</summary>
    public Rational[] TargetsExact() => YTexts.Select(Rational.Parse).ToArray();

    /// <summary>
    /// The design in double-double: each exact entry (see <see cref="BuildDesignExact"/>) rounded to hi + lo, about
    /// 32 significant digits, for <see cref="LeastSquares.FitDoubleDouble"/>.
    /// </summary>
    public (double[] Hi, double[] Lo) BuildDesignDoubleDouble() => Split(BuildDesignExact());

    /// <summary>The targets in double-double (each decimal rounded to hi + lo).</summary>
    public (double[] Hi, double[] Lo) TargetsDoubleDouble() => Split(TargetsExact());

    private static (double[] Hi, double[] Lo) Split(Rational[] values)
    {
        var hi = new double[values.Length];
        var lo = new double[values.Length];
        for (int k = 0; k < values.Length; k++)
        {
            var dd = DoubleDouble.FromRational(values[k]);
            hi[k] = dd.Hi;
            lo[k] = dd.Lo;
        }
        return (hi, lo);
    }

    /// <summary>
    /// Loads-and-fits the way a user would. <see cref="LeastSquaresMethod.RefinedQr"/> (the default) is given the data in
    /// double-double built from the file's exact decimals (<see cref="BuildDesignDoubleDouble"/>), which Filip needs;
    /// every other method gets the double design of <see cref="BuildDesign"/> and the double targets.
    /// </summary>
    /// <param name="method">The solver.</param>
    /// <returns>The fit; <see cref="Estimates(LeastSquaresResult)"/> orders its parameters as B0..Bk.</returns>
    /// <exception cref="RankDeficientException">The method judged the design singular (NormalEquations on Filip).</exception>
    public LeastSquaresResult Fit(LeastSquaresMethod method = LeastSquaresMethod.RefinedQr)
    {
        if (method == LeastSquaresMethod.RefinedQr)
        {
            var (xHi, xLo) = BuildDesignDoubleDouble();
            var (yHi, yLo) = TargetsDoubleDouble();
            return LeastSquares.FitDoubleDouble(xHi, xLo, Observations, DesignColumns, yHi, yLo, HasIntercept);
        }
        return LeastSquares.Fit(BuildDesign(), Observations, DesignColumns, Y, method, HasIntercept);
    }

    /// <summary>The exact rational least-squares solution of the data as written in the file.</summary>
    public ExactLeastSquaresResult FitExact() =>
        ExactLeastSquares.Solve(BuildDesignExact(), Observations, DesignColumns, TargetsExact(), HasIntercept);

    /// <summary>A fit's parameters in the certified order B0, B1, … (B1… without intercept).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="fit"/> is null.</exception>
    /// <exception cref="ArgumentException">The fit has a different number of parameters or intercept setting.</exception>
    public double[] Estimates(LeastSquaresResult fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        if (fit.FitIntercept != HasIntercept || fit.Weights.Length != DesignColumns)
            throw new ArgumentException(
                $"The fit has {fit.Weights.Length} weights {(fit.FitIntercept ? "and" : "without")} an intercept; {Name} needs {DesignColumns} {(HasIntercept ? "and" : "without")} an intercept.",
                nameof(fit));
        return HasIntercept ? fit.Weights.Prepend(fit.Bias).ToArray() : fit.Weights.ToArray();
    }

    /// <summary>
    /// A fit's standard errors in the certified order B0, B1, … (B1… without intercept): what NIST certifies as the
    /// "standard deviation of estimate".
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="fit"/> is null.</exception>
    /// <exception cref="ArgumentException">The fit has a different number of parameters or intercept setting.</exception>
    /// <exception cref="NotEstimableException">The fit has no residual degrees of freedom, or is rank deficient.</exception>
    public double[] StandardErrors(LeastSquaresResult fit)
    {
        _ = Estimates(fit); // the shape check
        return fit.StandardErrors; // intercept first, like B0, B1, …
    }

    /// <summary>The exact fit's parameters in the certified order, each rounded once to the nearest double.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="fit"/> is null.</exception>
    /// <exception cref="ArgumentException">The fit has a different number of parameters or intercept setting.</exception>
    public double[] Estimates(ExactLeastSquaresResult fit)
    {
        CheckShape(fit);
        return fit.Coefficients.Select(c => c.ToDouble()).ToArray();
    }

    /// <summary>The exact fit's standard errors in the certified order (each correctly rounded).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="fit"/> is null.</exception>
    /// <exception cref="ArgumentException">The fit has a different number of parameters or intercept setting.</exception>
    /// <exception cref="NotEstimableException">The fit has no residual degrees of freedom.</exception>
    public double[] StandardErrors(ExactLeastSquaresResult fit)
    {
        CheckShape(fit);
        return fit.StandardErrors;
    }

    private void CheckShape(ExactLeastSquaresResult fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        if (fit.FitIntercept != HasIntercept || fit.Weights.Length != DesignColumns)
            throw new ArgumentException(
                $"The fit has {fit.Weights.Length} weights {(fit.FitIntercept ? "and" : "without")} an intercept; {Name} needs {DesignColumns} {(HasIntercept ? "and" : "without")} an intercept.",
                nameof(fit));
    }

    /// <summary>The log relative error of each parameter of a fit against the certified values (B0..Bk order).</summary>
    /// <inheritdoc cref="Estimates(LeastSquaresResult)"/>
    public double[] Lre(LeastSquaresResult fit)
    {
        var est = Estimates(fit);
        return est.Select((e, k) => Lre(e, CertifiedValues[k])).ToArray();
    }

    /// <summary>
    /// Log relative error, the number of correct significant digits: LRE = −log10(|estimate − certified| / |certified|);
    /// clamped to [0, 15] (15 when equal; 0 for a NaN estimate). Two certified values need a convention:
    /// <list type="bullet">
    /// <item>certified 0 (Wampler1's standard deviations, residual SD and RSS): the log absolute error −log10|estimate|,
    /// NIST's and McCullough's convention (README of data/nist);</item>
    /// <item>certified +∞ (the F statistic of the exact fits Wampler1 and Wampler2): F is compared through 1/F, whose
    /// certified value is 0, so LRE = −log10|1/estimate| — 15 for an estimate of +∞ or of at least 1e15, 0 for a
    /// finite F below 1. F is a ratio without units, so this absolute scale is meaningful.</item>
    /// </list>
    /// </summary>
    /// <param name="estimate">The computed value.</param>
    /// <param name="certified">The certified value (finite, or +∞ / −∞).</param>
    /// <returns>LRE in [0, 15].</returns>
    public static double Lre(double estimate, double certified)
    {
        if (double.IsInfinity(certified))
        {
            if (double.IsNaN(estimate) || Math.Sign(estimate) != Math.Sign(certified)) return 0;
            return Lre(1 / estimate, 0);
        }
        if (!double.IsFinite(estimate)) return 0;
        double err = certified == 0 ? Math.Abs(estimate) : Math.Abs(estimate - certified) / Math.Abs(certified);
        if (err == 0) return 15;
        return Math.Clamp(-Math.Log10(err), 0, 15);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name}: {Observations} observations, {(Predictors == 1 ? (Degree == 1 ? "straight line" : $"degree-{Degree} polynomial") : $"{Predictors} predictors")}{(HasIntercept ? "" : " through the origin")}, {ParameterNames.Count} certified parameters";

    private static double ParseDouble(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static Match? Find(Regex regex, string[] lines)
    {
        foreach (var line in lines)
        {
            var m = regex.Match(line);
            if (m.Success) return m;
        }
        return null;
    }

    [GeneratedRegex(@"Dataset Name:\s+(\S+)")]
    private static partial Regex DatasetNameRegex();

    [GeneratedRegex(@"^\s*Data\s+\(lines\s+(\d+)\s+to\s+(\d+)\)")]
    private static partial Regex DataLinesRegex();

    [GeneratedRegex(@"(\d+)\s+Predictor Variable")]
    private static partial Regex PredictorsRegex();

    [GeneratedRegex(@"(\d+)\s+Observations")]
    private static partial Regex ObservationsRegex();

    [GeneratedRegex(@"^\s*y\s*=\s*B.*$")]
    private static partial Regex ModelRegex();

    [GeneratedRegex(@"^\s*B(\d+)\s+([-+0-9.Ee]+)\s+([-+0-9.Ee]+)\s*$")]
    private static partial Regex ParameterRegex();

    [GeneratedRegex(@"^\s*Standard Deviation\s+([-+0-9.Ee]+)\s*$")]
    private static partial Regex ResidualSdRegex();

    [GeneratedRegex(@"^\s*R-Squared\s+([-+0-9.Ee]+)\s*$")]
    private static partial Regex RSquaredRegex();

    [GeneratedRegex(@"^\s*Regression\s+(\d+)\s+([-+0-9.Ee]+)\s+([-+0-9.Ee]+)\s+([-+0-9.Ee]+|Infinity)\s*$")]
    private static partial Regex AnovaRegressionRegex();

    [GeneratedRegex(@"^\s*Residual\s+(\d+)\s+([-+0-9.Ee]+)\s+([-+0-9.Ee]+)\s*$")]
    private static partial Regex AnovaResidualRegex();
}
