namespace LinReg.Notebook;

/// <summary>The exercises of notebook 16 (how sure are we: standard errors, tests and intervals). Each answer is
/// derived independently in tests/LinReg.Notebook.Tests/Exercises16Tests.cs.</summary>
internal static partial class Exercises
{
    // A method, not a static field: static initializers of partial-class parts run in an unspecified order.
    private static Exercise[] Notebook16() =>
    [
        Exercise.Number("16.1",
            "The seed's generator (x ~ 𝒩(0, I), σ = 0.01) with n = 1000 rows gives SE(ŵ₁) ≈ σ/√n. How many rows halve that standard error?",
            4000, 0.5,
            "SE ≈ σ/√n: find the n for which √n is twice √1000."),
        Exercise.Number("16.2",
            "A milder fan, σᵢ = σ·exp(0.3·xᵢ₁), x ~ 𝒩(0, 1), n = 1000: the coverage of the nominal 95% interval for w₁ (same t quantile, 997 df).",
            0.90756643384040214, 0.002,
            "Redo the fan's argument with 0.3 in place of 0.6: the variance factor is E[x²e^{2γx}]/E[e^{2γx}] = 1 + (2γ)². The interval then spans ±t/√factor true standard deviations; the coverage is 2Φ(that) − 1."),
        Exercise.Number("16.3",
            "p = 13 coefficients fitted on n = 15 rows: the Student-t quantile (the 95% interval's half-width in standard errors) with n − p degrees of freedom.",
            4.3026527297494619, 0.001,
            "n − p = 2 degrees of freedom. Fit any 15-row dataset with 12 features and divide an interval's half-width by its standard error, or call MathNet's StudentT.InvCDF(0, 1, 2, 0.975)."),
    ];
}
