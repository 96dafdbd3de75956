namespace LinReg.Notebook;

/// <summary>
/// The answer table behind <see cref="Check.Answer(string, double)"/>: one entry per exercise with a single right
/// answer. Notebook authors add entries here (id "N.k" = notebook N, exercise k, as the notebook prints it: "**Exercise 5.2.**" has the id "5.2"; the question text is for
/// maintainers — the notebook states it in prose), with a test in tests/LinReg.Notebook.Tests that derives the answer
/// independently. Answers are internal on purpose: the reader's check says right/wrong and gives the hint, never the
/// answer. Hints must not contain the answer (a test checks).
/// </summary>
internal static partial class Exercises
{
    internal static readonly IReadOnlyList<Exercise> All =
    [
        // ---- 01–06: the chapter's core path (Exercises01To06.cs)
        .. Notebooks01To06(),

        // ---- 07–11: noise, minibatch noise, residuals, real data, pitfalls (Exercises07To11.cs)
        .. Notebooks07To11(),

        // ---- 12: replace the model, keep the loop (Exercises12.cs)
        .. Notebook12(),

        // ---- 13–14: generalization, weight decay (Exercises13To14.cs)
        .. Notebooks13To14(),
        // ---- 15: scaling up (Exercises15.cs)
        .. Notebook15(),
        // ---- 16: how sure are we (Exercises16.cs)
        .. Notebook16(),
    ];

    internal static readonly IReadOnlyDictionary<string, Exercise> ById = All.ToDictionary(e => e.Id, StringComparer.Ordinal);
}
