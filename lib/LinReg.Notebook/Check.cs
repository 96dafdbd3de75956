using System.Text.RegularExpressions;

namespace LinReg.Notebook;

/// <summary>
/// The reader's check for an exercise with one right answer: <c>Check.Answer("2.1", w);</c> prints
/// "✔ Exercise 2.1 correct" or "✘ Exercise 2.1 not yet (you gave …) — hint: …" to standard output. It never prints
/// the answer and never throws for a wrong answer (exercises are for trying). The answers live in an internal table
/// (Exercises.cs in LinReg.Notebook). The id is the exercise's number as the notebook prints it: "**Exercise 2.1.**" (notebook 2,
/// exercise 1) is checked with "2.1"; the zero-padded "02.1" is accepted too. Taught in notebook 01 · The model and
/// the loss, where the first exercise appears.
/// </summary>
public static partial class Check
{
    /// <summary>The ids of all registered exercises, sorted.</summary>
    /// <remarks>In reading order: by notebook, then by exercise ("2.1" before "10.1").</remarks>
    public static IReadOnlyList<string> KnownIds { get; } = Exercises.All.Select(e => e.Id)
        .OrderBy(id => Part(id, 0)).ThenBy(id => Part(id, 1)).ToArray();

    /// <summary>The question of an exercise, as registered (it never contains the answer).</summary>
    /// <param name="exerciseId">E.g. "2.1".</param>
    /// <returns>The question text.</returns>
    /// <exception cref="ArgumentNullException">exerciseId is null.</exception>
    /// <exception cref="ArgumentException">unknown id (the message lists the known ids).</exception>
    public static string Question(string exerciseId) => Find(exerciseId).Question;

    /// <summary>Checks a numeric answer: right when within the exercise's tolerance of the answer.</summary>
    /// <param name="exerciseId">E.g. "2.1".</param>
    /// <param name="value">The reader's answer.</param>
    /// <exception cref="ArgumentNullException">exerciseId is null.</exception>
    /// <exception cref="ArgumentException">unknown id (the message lists the known ids), or the exercise expects a
    /// list of numbers or a word instead.</exception>
    public static void Answer(string exerciseId, double value) => Console.WriteLine(Verdict(Find(exerciseId), value));

    /// <summary>Checks an answer made of several numbers (e.g. a gradient (∇w, ∇b)).</summary>
    /// <param name="exerciseId">E.g. "4.1".</param>
    /// <param name="values">The reader's numbers, in the order the question asks for.</param>
    /// <exception cref="ArgumentNullException">exerciseId or values is null.</exception>
    /// <exception cref="ArgumentException">unknown id, or the exercise expects a single number or a word.</exception>
    public static void Answer(string exerciseId, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Console.WriteLine(Verdict(Find(exerciseId), values));
    }

    /// <summary>Checks a one-word (or short phrase) answer; case, spaces and punctuation are ignored.</summary>
    /// <param name="exerciseId">E.g. "1.1".</param>
    /// <param name="value">The reader's answer.</param>
    /// <exception cref="ArgumentNullException">exerciseId or value is null.</exception>
    /// <exception cref="ArgumentException">unknown id, or the exercise expects numbers.</exception>
    public static void Answer(string exerciseId, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Console.WriteLine(Verdict(Find(exerciseId), value));
    }

    /// <summary>The line <see cref="Answer(string, double)"/> prints for this exercise and value.</summary>
    internal static string Verdict(Exercise e, double value)
    {
        Expect(e, AnswerKind.Number, nameof(value));
        return Line(e, e.IsRight(value), Checked.Num(value));
    }

    /// <summary>The line <see cref="Answer(string, IReadOnlyList{double})"/> prints.</summary>
    internal static string Verdict(Exercise e, IReadOnlyList<double> values)
    {
        Expect(e, AnswerKind.Numbers, nameof(values));
        string extra = values.Count == e.Numbers!.Length ? "" : $"; the answer has {e.Numbers.Length} numbers";
        return Line(e, e.IsRight(values), Checked.Vec(values) + extra);
    }

    /// <summary>The line <see cref="Answer(string, string)"/> prints.</summary>
    internal static string Verdict(Exercise e, string value)
    {
        Expect(e, AnswerKind.Text, nameof(value));
        return Line(e, e.IsRight(value), $"\"{value}\"");
    }

    private static Exercise Find(string exerciseId)
    {
        ArgumentNullException.ThrowIfNull(exerciseId);
        string id = exerciseId.Trim();
        if (ZeroPaddedId().IsMatch(id)) id = id[1..];   // "02.1" → "2.1"
        if (Exercises.ById.TryGetValue(id, out var e)) return e;
        throw new ArgumentException(
            $"Unknown exercise id \"{exerciseId}\". Known ids: {string.Join(", ", KnownIds)}.", nameof(exerciseId));
    }

    /// <summary>Throws unless the exercise expects this kind of answer; the reader's argument is named as they passed it.</summary>
    private static void Expect(Exercise e, AnswerKind kind, string paramName)
    {
        if (e.Kind == kind) return;
        string wants = e.Kind switch
        {
            AnswerKind.Number => "a single number: Check.Answer(\"" + e.Id + "\", value)",
            AnswerKind.Numbers => $"{e.Numbers!.Length} numbers: Check.Answer(\"{e.Id}\", new[] {{ … }})",
            _ => "a word: Check.Answer(\"" + e.Id + "\", \"…\")",
        };
        throw new ArgumentException($"Exercise {e.Id} expects {wants}.", paramName);
    }

    private static string Line(Exercise e, bool right, string given) =>
        right ? $"✔ Exercise {e.Id} correct" : $"✘ Exercise {e.Id} not yet (you gave {given}) — hint: {e.Hint}";

    private static int Part(string id, int index) =>
        int.Parse(id.Split('.')[index], System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^0\d\.\d+$")]
    private static partial Regex ZeroPaddedId();
}
