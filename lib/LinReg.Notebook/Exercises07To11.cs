namespace LinReg.Notebook;

/// <summary>The exercises of notebooks 07–11 (noise, minibatch noise, residuals, real data, pitfalls). Each answer is
/// derived independently in tests/LinReg.Notebook.Tests/Exercises07To11Tests.cs.</summary>
internal static partial class Exercises
{
    // A method, not a static field: static initializers of partial-class parts run in an unspecified order.
    private static Exercise[] Notebooks07To11() =>
    [
        // ---- 07: noise and likelihood
        Exercise.Number("7.1",
            "Residuals (1, −2, 2, −1): the maximum-likelihood σ̂² under Gaussian noise.",
            2.5, 1e-6,
            "Set the derivative of the negative log-likelihood with respect to σ to zero: σ̂² is an average of the squared residuals (divide by n, not n − 1)."),
        Exercise.Number("7.2",
            "Residuals (1, −2, 2, −1): the maximum-likelihood Laplace scale ŝ.",
            1.5, 1e-6,
            "The Laplace negative log-likelihood is n·log(2s) + Σ|rᵢ|/s. Differentiate with respect to s and set it to zero."),
        Exercise.Vector("7.3",
            "Bias-only model ŷ = b on y = (1, 2, 3, 10, 100): the maximum-likelihood b under Gaussian noise and under Laplace noise.",
            [23.2, 3], 1e-6,
            "Gaussian: minimize Σ(b − yᵢ)²; Laplace: minimize Σ|b − yᵢ|. One gives a familiar average, the other the middle value."),

        // ---- 08: minibatch noise (the tiny dataset x = (1, 3, 2, 0), y = (2, 6, 1, 1), w = 1, b = 0, ½-squared loss)
        Exercise.Number("8.1",
            "Tiny dataset of notebook 08: E‖g_B − g‖² for |B| = 1.",
            19.5, 1e-9,
            "With |B| = 1 the finite-population factor (n − |B|)/(|B|(n − 1)) equals 1, so the variance is the plain average of ‖∇ℓᵢ − g‖² over the four examples."),
        Exercise.Number("8.2",
            "n = 1000: E‖g_B − g‖² at |B| = 10 divided by that at |B| = 100 (closed form, sampling without replacement).",
            11, 1e-9,
            "Divide the two factors (n − |B|)/(|B|(n − 1)); the per-example spread cancels. The finite-population correction is why the answer is not 10."),
        Exercise.Number("8.3",
            "Noise floor pησ²/(4|B|): the η that gives |B| = 1 the floor that |B| = 64 has at η = 0.03 (3 significant digits or exact).",
            0.03 / 64, 5e-7,
            "The floor depends on η and |B| only through η/|B|. Keep that ratio fixed."),

        // ---- 09: residual diagnostics
        Exercise.Number("9.1",
            "Case 2: x uniform on [−2, 2], y = 1 + 2x + 0.8x² + ε. The intercept of the straight-line least-squares fit as n → ∞.",
            1 + 0.8 * 4.0 / 3, 1e-3,
            "With x symmetric around 0 the best line keeps slope 2 and absorbs 0.8x² into the intercept through its average value: you need E[x²] for x uniform on [−2, 2]."),
        Exercise.Number("9.2",
            "Case 4 with the indicator g but no x·g: the common slope least squares converges to (groups equally likely, same x distribution; slopes 2 and 0).",
            1, 1e-6,
            "With an intercept per group, the shared slope is fitted to both groups' within-group variation at once. Equal weight and equal x spread in each group make it a simple average."),
        Exercise.Number("9.3",
            "Case 3: y = exp(0.5 + 0.6x + 0.25ε). The factor by which sd(y | x) grows from x = 0 to x = 3.",
            Math.Exp(1.8), 1e-3,
            "sd(y | x) = exp(0.5 + 0.6x)·sd(exp(0.25ε)); the second factor does not depend on x, so only the first one changes."),

        // ---- 10: baselines on real data (California housing; split 60/20/20 with seed 42 after DropRows)
        Exercise.Number("10.1",
            "With MissingValuePolicy.ImputeMean, the value written into the empty total_bedrooms cells (the mean of the 20,433 present values; the load report prints it to 6 significant digits, which is accurate enough).",
            537.8705525375618, 1e-3,
            "Load with MissingValuePolicy.ImputeMean and print the report (or its ImputedValues): the value is the mean of the total_bedrooms cells that are not empty."),
        Exercise.Number("10.2",
            "Closed-form model with the one-hot columns, fitted on the standardized training set: the mean training residual of the INLAND districts.",
            0, 1e-9,
            "Least squares makes the residual vector orthogonal to every column of the design, the bias column and each indicator among them. What does orthogonality to the INLAND indicator say about the INLAND residuals?"),
        Exercise.Number("10.3",
            "Largest safe η = 2/λ with λ = z²/32, z the standardized ISLAND indicator of an island district in the training set (3 significant digits).",
            64.0 * 4 / 12255, 5e-5,
            "z = (1 − μ)/s for the ISLAND column of trainZ (μ and s from the training rows); compute λ = z²/32 and then 2/λ."),

        // ---- 11: common pitfalls
        Exercise.Number("11.1",
            "Loss never averaged (Sum), η = 0.03, the listing's data (SyntheticData.SeedListing(0)): the largest whole batch size |B| with η|B| < 2/λmax of H = X̃ᵀX̃/n.",
            57, 0.5,
            "The effective learning rate is η·|B|. Solve 0.03·|B| < 2/λmax for |B| with the λmax printed in pitfall 2, then take the largest whole number that satisfies it."),
        Exercise.Number("11.2",
            "Worked example 1 (batch (1, 2), (3, 6), w = 1, b = 0, Mean loss with ½), two backward passes without zeroing, then one SGD step with η = 0.1: the new w.",
            2.0, 1e-9,
            "After two passes the buffer holds twice the seed's ∇w = −5. The step subtracts η times the buffer."),
        Exercise.Number("11.3",
            "Gradient descent with η = 2/(λmin + λmax) on a quadratic with Hessian eigenvalues 1 and 100: steps until the distance to the optimum has shrunk by 1e-4 (ρ = (κ−1)/(κ+1), rounded up).",
            461, 0.5,
            "κ = 100 gives ρ = 99/101 per step. Solve ρᵏ ≤ 10⁻⁴ for k with logarithms (both logs are negative), then round up."),
    ];
}
