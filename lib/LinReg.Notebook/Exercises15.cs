namespace LinReg.Notebook;

/// <summary>The exercises of notebook 15 (scaling up). Each answer is derived independently in
/// tests/LinReg.Notebook.Tests/Exercises15Tests.cs.</summary>
internal static partial class Exercises
{
    // A method, not a static field: static initializers of partial-class parts run in an unspecified order.
    private static Exercise[] Notebook15() =>
    [
        Exercise.Number("15.1",
            "With an intercept, the smallest d for which LeastSquares.Fit streams at n = 50,000 (n ≥ StreamingMinRows and n·(d+1)² ≥ StreamingMinMultiplyAdds = 2e7).",
            19, 0.5,
            "Solve 50,000·(d + 1)² ≥ 20,000,000 for d: (d + 1)² ≥ 400. Then take the smallest whole d, and confirm it with LeastSquares.UsesStreamingPath."),
        Exercise.Number("15.2",
            "Bytes of a RowFile with n = 1e7 rows and d = 100 features.",
            64 + 1e7 * 8 * 101, 0.5,
            "Each row holds d features and y, each an 8-byte double; add the header once, not once per row."),
        Exercise.Number("15.3",
            "Correct digits left by the aggregated XᵀX when κ = 1e6: 16 − 2·log10 κ.",
            4, 1e-9,
            "log10 of 10⁶ is 6; forming XᵀX doubles it."),
    ];
}
