using System.Globalization;
using System.Text.RegularExpressions;

namespace LinReg.Notebook.Tests;

[Collection(ConsoleCollection.Name)]
public class CheckTests
{
    // Worked example 1 of the seed: minibatch (1, 2), (3, 6), L_B = 1/(2|B|) Σ (ŷᵢ − yᵢ)², η = 0.1.
    private static readonly double[] X = [1, 3], Y = [2, 6];

    /// <summary>One SGD step written out independently of the library and of the exercise table.</summary>
    private static (double W, double B, double GradW, double GradB, double Loss) Step(double w, double b, double lr)
    {
        double gw = 0, gb = 0, loss = 0;
        for (int i = 0; i < X.Length; i++)
        {
            double r = w * X[i] + b - Y[i];
            gw += r * X[i];
            gb += r;
            loss += r * r;
        }
        gw /= X.Length;
        gb /= X.Length;
        loss /= 2 * X.Length;
        return (w - lr * gw, b - lr * gb, gw, gb, loss);
    }

    private static string Answer(Action check)
    {
        var output = ConsoleCapture.Run(check, out var thrown);
        Assert.Null(thrown);
        return output.TrimEnd();
    }

    [Fact]
    public void StepHelper_ReproducesTheSeedsFirstStep()
    {
        // the seed's hand calculation: ∇w = −5, ∇b = −2, w = 1.5, b = 0.2, loss before = (1 + 9)/4 = 2.5
        var s = Step(1, 0, 0.1);
        Assert.Equal((-5.0, -2.0), (s.GradW, s.GradB));
        Assert.Equal(1.5, s.W, 15);
        Assert.Equal(0.2, s.B, 15);
        Assert.Equal(2.5, s.Loss);
    }

    [Fact]
    public void Answer_02_SecondStepComputedIndependently_IsCorrect()
    {
        var first = Step(1, 0, 0.1);
        var second = Step(first.W, first.B, 0.1);
        // by hand: ŷ = (1.7, 4.7), r = (−0.3, −1.3), ∇w = −2.1, ∇b = −0.8, w = 1.5 + 0.21 = 1.71, b = 0.2 + 0.08 = 0.28
        Assert.Equal(1.71, second.W, 12);
        Assert.Equal(0.28, second.B, 12);

        Assert.Equal("✔ Exercise 2.1 correct", Answer(() => Check.Answer("2.1", second.W)));
        Assert.Equal("✔ Exercise 2.2 correct", Answer(() => Check.Answer("2.2", second.B)));
    }

    [Fact]
    public void Answer_03_NormalEquationWithBias_CramersRuleGivesTheLineThroughBothPoints()
    {
        // Points (1, 3), (2, 5) with a constant column: XᵀX = [[Σx², Σx], [Σx, n]], Xᵀy = (Σxy, Σy); Cramer's rule.
        double[] x = [1, 2], y = [3, 5];
        double sxx = x.Sum(v => v * v), sx = x.Sum(), n = x.Length, sxy = x.Zip(y, (a, b) => a * b).Sum(), sy = y.Sum();
        double det = sxx * n - sx * sx;
        double w = (sxy * n - sx * sy) / det, b = (sxx * sy - sx * sxy) / det;
        Assert.Equal(y[0], w * x[0] + b, 12); // the line passes through both points
        Assert.Equal(y[1], w * x[1] + b, 12);

        Assert.Equal("✔ Exercise 3.1 correct", Answer(() => Check.Answer("3.1", w)));
        Assert.Equal("✔ Exercise 3.2 correct", Answer(() => Check.Answer("3.2", b)));
    }

    [Fact]
    public void Answer_Wrong_PrintsHintWithoutTheAnswerAndDoesNotThrow()
    {
        var output = Answer(() => Check.Answer("2.1", 1.7));

        Assert.StartsWith("✘ Exercise 2.1 not yet (you gave 1.7) — hint: ", output);
        Assert.DoesNotContain("1.71", output);
        Assert.DoesNotContain("correct", output);
        Assert.StartsWith("✘ Exercise 2.1 not yet (you gave NaN)", Answer(() => Check.Answer("2.1", double.NaN)));
    }

    [Fact]
    public void Answer_IdIsTheNumberTheNotebookPrints_TheZeroPaddedFormIsAcceptedToo()
    {
        // The notebooks print "**Exercise 2.1.**"; the check takes "2.1" and names it the same way. An older
        // zero-padded id ("02.1") still reaches the same exercise.
        Assert.Equal("✔ Exercise 2.1 correct", Answer(() => Check.Answer("2.1", 1.71)));
        Assert.Equal("✔ Exercise 2.1 correct", Answer(() => Check.Answer("02.1", 1.71)));
        Assert.Equal("✔ Exercise 2.1 correct", Answer(() => Check.Answer(" 2.1 ", 1.71)));
    }

    [Fact]
    public void Answer_UnknownId_ThrowsListingTheKnownIds()
    {
        var ex = Assert.Throws<ArgumentException>(() => Check.Answer("9.9", 1.0));
        Assert.Equal("exerciseId", ex.ParamName);
        Assert.Contains("Unknown exercise id \"9.9\"", ex.Message);
        Assert.Contains("1.3, 2.1, 2.2", ex.Message);   // natural order: 2.x before 10.x
        Assert.Contains("9.3, 10.1", ex.Message);
        Assert.Throws<ArgumentNullException>(() => Check.Answer(null!, 1.0));
    }

    [Fact]
    public void Answer_WrongKind_ThrowsSayingWhatTheExerciseExpects()
    {
        Assert.Contains("Exercise 2.1 expects a single number", Assert.Throws<ArgumentException>(() => Check.Answer("2.1", [1.0])).Message);
        Assert.Contains("expects a single number", Assert.Throws<ArgumentException>(() => Check.Answer("2.1", "one")).Message);
        var vector = Exercise.Vector("98.1", "q", [1.0, 2.0], 1e-9, "h");
        Assert.Contains("Exercise 98.1 expects 2 numbers", Assert.Throws<ArgumentException>(() => Check.Verdict(vector, 1.0)).Message);
        var words = Exercise.Words("98.2", "q", ["yes"], "h");
        Assert.Contains("expects a word", Assert.Throws<ArgumentException>(() => Check.Verdict(words, 1.0)).Message);
    }

    [Fact]
    public void Answer_WrongKind_NamesTheArgumentTheReaderPassed()
    {
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => Check.Answer("02.1", [1.0])).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => Check.Answer("02.1", "one")).ParamName);
        var vector = Exercise.Vector("98.1", "q", [1.0, 2.0], 1e-9, "h");
        Assert.Equal("value", Assert.Throws<ArgumentException>(() => Check.Verdict(vector, 1.0)).ParamName);
    }

    [Fact]
    public void Verdict_Vector_RightWrongAndWrongLength()
    {
        // e.g. the gradient (∇w, ∇b) = (−2.1, −0.8) of worked example 1 at w = 1.5, b = 0.2 (see Step above)
        var g = Step(1.5, 0.2, 0.1);
        var e = Exercise.Vector("98.3", "gradient at (1.5, 0.2)", [-2.1, -0.8], 1e-9, "average rᵢxᵢ and rᵢ");

        Assert.Equal("✔ Exercise 98.3 correct", Check.Verdict(e, [g.GradW, g.GradB]));
        var wrong = Check.Verdict(e, [-2.1, 0.8]);
        Assert.Equal("✘ Exercise 98.3 not yet (you gave (-2.1, 0.8)) — hint: average rᵢxᵢ and rᵢ", wrong);
        var shortAnswer = Check.Verdict(e, [-2.1]);
        Assert.Equal("✘ Exercise 98.3 not yet (you gave (-2.1); the answer has 2 numbers) — hint: average rᵢxᵢ and rᵢ", shortAnswer);
        Assert.DoesNotContain("-0.8", wrong + shortAnswer);
    }

    [Theory]
    [InlineData("Gaussian", true)]
    [InlineData("  normal distribution. ", true)]
    [InlineData("GAUSSIAN", true)]
    [InlineData("uniform", false)]
    [InlineData("", false)]
    public void Verdict_Words_IgnoresCaseSpacesAndPunctuation(string answer, bool right)
    {
        var e = Exercise.Words("98.4", "noise model?", ["gaussian", "normal distribution"], "which density has −log p ∝ (y − ŷ)²?");
        var verdict = Check.Verdict(e, answer);
        Assert.Equal(right, verdict == "✔ Exercise 98.4 correct");
        if (!right)
        {
            Assert.DoesNotContain("gaussian", verdict, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("normal", verdict, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Question_ReturnsTheRegisteredQuestion()
    {
        Assert.Contains("second SGD step", Check.Question("2.1"));
        Assert.Throws<ArgumentException>(() => Check.Question("nope"));
    }

    // ---------------------------------------------------------------- the table itself

    [Fact]
    public void Table_IdsAreUniqueAndWellFormed()
    {
        Assert.Equal(Exercises.All.Count, Exercises.All.Select(e => e.Id).Distinct().Count());
        Assert.All(Exercises.All, e => Assert.Matches(@"^[1-9]\d*\.[1-9]\d*$", e.Id));   // "5.2": notebook 5, exercise 2
        // Known ids come in reading order: by notebook, then by exercise (so "2.1" before "10.1").
        var expected = Exercises.All.Select(e => e.Id)
            .OrderBy(id => int.Parse(id.Split('.')[0], CultureInfo.InvariantCulture))
            .ThenBy(id => int.Parse(id.Split('.')[1], CultureInfo.InvariantCulture));
        Assert.Equal(expected, Check.KnownIds);
    }

    [Fact]
    public void Table_HintsAndQuestionsNeverContainTheAnswer()
    {
        foreach (var e in Exercises.All)
        {
            string text = e.Hint + " " + e.Question;
            foreach (var spelled in Spellings(e))
                Assert.False(Regex.IsMatch(text, $@"(?<![\d.]){Regex.Escape(spelled)}(?![\d])", RegexOptions.IgnoreCase),
                    $"exercise {e.Id}: its hint or question contains the answer \"{spelled}\"");
        }
    }

    [Fact]
    public void Table_EveryExercise_AcceptsItsAnswerAndRejectsAWrongOneWithoutPrintingIt()
    {
        foreach (var e in Exercises.All)
        {
            switch (e.Kind)
            {
                case AnswerKind.Number:
                {
                    double a = e.Numbers![0], wrong = a + 1 + 10 * e.Tolerance;
                    Assert.Equal($"✔ Exercise {e.Id} correct", Check.Verdict(e, a));
                    var verdict = Check.Verdict(e, wrong);
                    Assert.StartsWith($"✘ Exercise {e.Id} not yet", verdict);
                    foreach (var spelled in Spellings(e)) Assert.DoesNotContain(spelled, verdict.Replace(Checked.Num(wrong), ""));
                    break;
                }
                case AnswerKind.Numbers:
                {
                    var wrong = e.Numbers!.Select(v => v + 1 + 10 * e.Tolerance).ToArray();
                    Assert.Equal($"✔ Exercise {e.Id} correct", Check.Verdict(e, e.Numbers!));
                    Assert.StartsWith($"✘ Exercise {e.Id} not yet", Check.Verdict(e, wrong));
                    break;
                }
                default:
                    Assert.Equal($"✔ Exercise {e.Id} correct", Check.Verdict(e, e.Texts![0]));
                    Assert.StartsWith($"✘ Exercise {e.Id} not yet", Check.Verdict(e, "zzz-not-an-answer"));
                    break;
            }
        }
    }

    /// <summary>How an answer could appear in text. Whole numbers (e.g. 03.1's 2) are too common in prose to
    /// police ("2×2 system"), so only fractional numbers and words are checked.</summary>
    private static IEnumerable<string> Spellings(Exercise e)
    {
        if (e.Texts is not null)
        {
            foreach (var t in e.Texts) yield return t;
            yield break;
        }
        foreach (var v in e.Numbers!)
        {
            if (v == Math.Round(v)) continue;
            string s = Math.Abs(v).ToString("R", CultureInfo.InvariantCulture);
            yield return s;
            yield return s.TrimStart('0'); // ".445"
        }
    }
}
