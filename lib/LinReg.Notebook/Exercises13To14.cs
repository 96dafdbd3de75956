namespace LinReg.Notebook;

/// <summary>The exercises of notebooks 13–14 (generalization, weight decay). Each answer is derived independently in
/// tests/LinReg.Notebook.Tests/Exercises13To14Tests.cs.</summary>
internal static partial class Exercises
{
    // A method, not a static field: static initializers of partial-class parts run in an unspecified order.
    private static Exercise[] Notebooks13To14() =>
    [
        // ---- 13: generalization (x ~ U[−1, 1], y = 1 − 3x + x² + 4x³ + ε, σ = 0.25)
        Exercise.Number("13.1",
            "A least-squares polynomial of degree 3 (p = 4 coefficients) fitted to n = 20 points of the notebook's generator (the true function is a cubic, σ = 0.25): the expected training MSE.",
            0.0625 * 16 / 20, 1e-9,
            "When the model family contains the true function, the residual vector lives in an (n − p)-dimensional space and E[RSS] = σ²(n − p). Divide by n."),
        Exercise.Number("13.2",
            "The notebook's generator: the true risk (MSE) that a degree-2 polynomial approaches as n → ∞.",
            0.0625 + 64.0 / 175, 1e-4,
            "With unlimited data the fit becomes the best quadratic, the L² projection of f onto 1, x, x² under x ~ U[−1, 1]. The even part 1 + x² is a quadratic already; what is left is the error of the best quadratic (in fact the best line) for the odd part 4x³ − 3x, plus σ²."),
        Exercise.Vector("13.3",
            "KFold(rows: 23, folds: 5): the five fold sizes, in fold order.",
            [5, 5, 5, 4, 4], 0,
            "23 = 5·4 + 3: every fold gets ⌊23/5⌋ rows, and the remainder goes one each to the first folds."),

        // ---- 14: weight decay
        Exercise.Vector("14.1",
            "Worked example 1 (batch (1, 2), (3, 6); w = 1, b = 0; ½-squared loss, mean over the batch; η = 0.1) with weight decay λ = 1 on w only: (w, b) after one step.",
            [1.4, 0.2], 1e-9,
            "The gradients of the loss are the seed's ∇w = −5 and ∇b = −2. Weight decay adds λw to the weight's gradient only, then the step is p ← p − η·gradient."),
        Exercise.Number("14.2",
            "Centred design with X_cᵀX_c = diag(9, 1), n = 10 examples, weight decay λ = 0.1 (the book's scale): the effective degrees of freedom.",
            1.4, 1e-9,
            "Convert to the sum-of-squares scale first, α = nλ. Then df = Σ dⱼ²/(dⱼ² + α), where dⱼ² are the eigenvalues of X_cᵀX_c."),
        Exercise.Vector("14.3",
            "scikit-learn's Ridge(alpha = 10) on n = 50 examples: the equivalent weight decay λ with the book's ½-squared loss, and with PyTorch's nn.MSELoss (no ½).",
            [0.2, 0.4], 1e-9,
            "Write each objective out and multiply it by the factor that turns its loss part into Σ(ŷᵢ − yᵢ)². The penalty term is multiplied by the same factor."),
    ];
}
