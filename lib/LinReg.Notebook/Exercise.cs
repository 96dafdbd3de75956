using System.Text;

namespace LinReg.Notebook;

/// <summary>The kind of answer an exercise expects.</summary>
internal enum AnswerKind
{
    Number,
    Numbers,
    Text,
}

/// <summary>
/// One exercise with a single right answer: its id ("N.k": notebook N, exercise k, e.g. "5.2"), the question (for the
/// notebook authors and maintainers), the answer (never shown to the reader), and the hint shown when the reader's
/// answer is not right yet. Entries live in <see cref="Exercises"/>.
/// </summary>
internal sealed class Exercise
{
    private Exercise(string id, string question, AnswerKind kind, double[]? numbers, string[]? texts, double tolerance, string hint)
    {
        Id = id;
        Question = question;
        Kind = kind;
        Numbers = numbers;
        Texts = texts;
        Tolerance = tolerance;
        Hint = hint;
    }

    public string Id { get; }
    public string Question { get; }
    public AnswerKind Kind { get; }
    public double[]? Numbers { get; }
    public string[]? Texts { get; }
    public double Tolerance { get; }
    public string Hint { get; }

    /// <summary>A single number; right when |answer − value| ≤ tolerance.</summary>
    public static Exercise Number(string id, string question, double answer, double tolerance, string hint) =>
        new(id, question, AnswerKind.Number, [answer], null, tolerance, hint);

    /// <summary>A fixed-length list of numbers; right when every element is within tolerance.</summary>
    public static Exercise Vector(string id, string question, double[] answer, double tolerance, string hint) =>
        new(id, question, AnswerKind.Numbers, answer, null, tolerance, hint);

    /// <summary>A word or short phrase; right when it equals one of the accepted spellings after
    /// <see cref="Normalize"/> (lower case, letters and digits only).</summary>
    public static Exercise Words(string id, string question, string[] accepted, string hint) =>
        new(id, question, AnswerKind.Text, null, accepted.Select(Normalize).ToArray(), 0, hint);

    public bool IsRight(double value) =>
        Kind == AnswerKind.Number && Math.Abs(Numbers![0] - value) <= Tolerance; // NaN → false

    public bool IsRight(IReadOnlyList<double> values)
    {
        if (Kind != AnswerKind.Numbers || values.Count != Numbers!.Length) return false;
        for (int i = 0; i < values.Count; i++)
            if (!(Math.Abs(Numbers[i] - values[i]) <= Tolerance)) return false;
        return true;
    }

    public bool IsRight(string value) => Kind == AnswerKind.Text && Texts!.Contains(Normalize(value));

    /// <summary>Lower case, letters and digits only: "Gaussian noise" → "gaussiannoise".</summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text.Normalize(NormalizationForm.FormKC))
            if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }
}
