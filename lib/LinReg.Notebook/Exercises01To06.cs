namespace LinReg.Notebook;

/// <summary>The exercises of notebooks 01–06 (the chapter's core path). Each answer is derived independently in
/// tests/LinReg.Notebook.Tests/Exercises01To06Tests.cs.</summary>
internal static partial class Exercises
{
    // A method, not a static field: static initializers of partial-class parts run in an unspecified order.
    private static Exercise[] Notebooks01To06() =>
    [
        // ---- 01: the model and the loss
        Exercise.Number("1.1",
            "With w = (2, −3.4) and b = 4.2, what does the model predict for x = (1, 1)?",
            2.8, 1e-9,
            "ŷ = x₁w₁ + x₂w₂ + b: multiply each feature by its weight, add the products, then add the bias."),
        Exercise.Number("1.2",
            "Points (1, 3) and (2, 5), model ŷ = wx, loss L½(w) = 1/(2n) Σ (w·xᵢ − yᵢ)². What is L½(2)?",
            0.5, 1e-9,
            "At w = 2 the predictions are 2·1 and 2·2; take the residuals, square them, add, and divide by 2n = 4."),
        Exercise.Number("1.3",
            "Constant model ŷᵢ = b. Which b minimizes the empirical risk on y = (−1, 8, 8.5, −3)?",
            3.125, 1e-9,
            "∂L/∂b = (1/n) Σ (b − yᵢ). Setting it to zero gives a familiar statistic of the targets."),

        // ---- 02: one SGD step by hand (worked example 1: batch (1, 2), (3, 6); L_B = 1/(2|B|) Σ (ŷᵢ − yᵢ)²; η = 0.1)
        Exercise.Number("2.1",
            "Take the second SGD step of worked example 1 by hand: from w = 1.5, b = 0.2, same minibatch, η = 0.1. What is the new w?",
            1.71, 1e-9,
            "Predict ŷᵢ = 1.5·xᵢ + 0.2, take the residuals rᵢ = ŷᵢ − yᵢ, then ∇w = ½(r₁x₁ + r₂x₂) and w ← w − 0.1·∇w. Both targets are still under-predicted, so w grows again, by less than in the first step."),
        Exercise.Number("2.2",
            "Same second step: what is the new b?",
            0.28, 1e-9,
            "Use the residuals at w = 1.5, b = 0.2: ∇b = ½(r₁ + r₂), then b ← b − 0.1·∇b."),
        Exercise.Number("2.3",
            "With PyTorch's nn.MSELoss (mean of (ŷ − y)², no ½), which learning rate makes the first step of worked example 1 land on w = 1.5, b = 0.2?",
            0.05, 1e-9,
            "Without the ½ every gradient is twice as large. The step is η times the gradient; keep the product the same."),
        Exercise.Number("2.4",
            "Keep the ½ but reduce by Sum instead of Mean: L_B = ½ Σ (ŷᵢ − yᵢ)². What is w after one step from w = 1, b = 0 with η = 0.1?",
            2.0, 1e-9,
            "Summing instead of averaging multiplies the gradient by |B| = 2: ∇w = r₁x₁ + r₂x₂. Then w ← 1 − 0.1·∇w."),
        Exercise.Number("2.5",
            "Largest stable learning rate for full-batch gradient descent on worked example 1's minibatch: 2/λmax of the Hessian H = (1/|B|)[[Σx², Σx], [Σx, |B|]].",
            2 / (3 + 2 * Math.Sqrt(2)), 1e-3,
            "Here H = [[5, 2], [2, 1]]. Its eigenvalues solve λ² − (trace)λ + det = 0; take the larger root and divide 2 by it."),

        // ---- 03: the normal equation (worked example 2's data X = (1, 2)ᵀ, y = (3, 5)ᵀ, now WITH a bias)
        Exercise.Number("3.1",
            "Fit ŷ = wx + b (with a bias) to worked example 2's points (1, 3), (2, 5) with the normal equation. What is w*?",
            2, 1e-9,
            "A = [1 X] has rows (1, 1) and (1, 2), and the unknowns are θ = (b, w), bias first. Form the 2×2 matrix AᵀA and the vector Aᵀy, then solve the 2×2 system: w is the second entry of θ. With two points and two parameters the line passes through both points."),
        Exercise.Number("3.2",
            "Same fit: what is b*?",
            1, 1e-9,
            "Take the first entry of θ = (b, w) from the same 2×2 system, or put w* into the equation of either point: b = yᵢ − w*·xᵢ."),
        Exercise.Number("3.3",
            "Worked example 2 without a bias (X = (1, 2)ᵀ, y = (3, 5)ᵀ): the smallest achievable loss L(w*) = 1/(2n) ‖Xw* − y‖².",
            0.05, 1e-9,
            "The residuals at w* are in step 4 of the notebook. Square them, add, and divide by 2n = 4."),

        // ---- 04: data and the iterator
        Exercise.Vector("4.1",
            "n = 1000, |B| = 64, last batch kept: how many minibatches per epoch, and how many examples in the last one?",
            [16, 40], 1e-9,
            "Write n = q·|B| + r with 0 ≤ r < |B|. There are q full batches, plus one more of r examples when r > 0."),
        Exercise.Number("4.2",
            "The listing trains 5 epochs with |B| = 32 on n = 1000 examples. How many optimizer steps is that?",
            160, 1e-9,
            "One step per minibatch, the short last one included: ⌈n/|B|⌉ steps per epoch, times the number of epochs."),

        // ---- 05: training from scratch
        Exercise.Number("5.1",
            "With the ½ loss and η = 0.01, the predicted per-epoch loss factor 1/(1 − η)^64, to two decimals.",
            1 / Math.Pow(0.99, 64), 0.006,
            "Compute (1 − 0.01) to the power 64 (32 steps per epoch, squared because the loss is quadratic) and take the reciprocal."),
        Exercise.Number("5.2",
            "½ loss, η = 0.03, batch 32, notebook 05's 1000 training examples (1250 from the listing's generator, seed 0, 20% held out with seed 0), a fresh model and a fresh DataIter, both with seed 0: after how many epochs are w₁, w₂ and b all within 0.01 of (2, −3.4, 4.2) for the first time?",
            7, 1e-9,
            "Build a new LinearRegressionScratch(2, seed: 0) and a new DataIter(train, 32, shuffle: true, seed: 0): the notebook's model and iterator have already trained (and shuffled) 5 epochs. After 5 epochs the largest error is about 0.036 and each epoch multiplies the errors by roughly (1 − η)^32 ≈ 0.38. Run it to be sure."),
        Exercise.Number("5.4",
            "Each step multiplies the distance to the minimum by about 1 − η. At η = 0.03, how many steps shrink a distance by a factor of 1000 (rounded up)?",
            Math.Ceiling(Math.Log(1000) / -Math.Log(0.97)), 0.5,
            "Solve (1 − 0.03)^k ≤ 1/1000 for k: take logarithms of both sides (both are negative, so the inequality turns), then round up to a whole step."),

        // ---- 06: training concisely
        Exercise.Number("6.1",
            "The listing with the ½ loss (MseLoss(halved: true)) at lr = 0.03, 5 epochs, on notebook 06's 1000 training examples, with a fresh Linear(2, seed: 0) and a fresh DataLoader (seed 0): the largest absolute parameter error, 2 significant digits.",
            0.036, 0.0005,
            "Build everything fresh, as the listing's cell does: new Linear(2, seed: 0), new DataLoader(train, 32, shuffle: true, seed: 0), and new MseLoss(halved: true) instead of new MseLoss(halved: false). (The notebook's net has already trained, and its loader has already shuffled 5 epochs.) Then take the largest of |w₁ − 2|, |w₂ + 3.4|, |b − 4.2|."),
        Exercise.Number("6.2",
            "How many parameter groups does new Sgd(net.Parameters, 0.03, weightDecay: 0.1) make for a Linear(2)?",
            2, 1e-9,
            "Print optimizer.Groups: each group lists its parameters and its weight decay. Which parameter should not be decayed?"),
        Exercise.Number("6.4",
            "The listing with a summed loss, MseLoss(Reduction.Sum, halved: false), |B| = 32: the learning rate that gives every full minibatch the listing's step at lr = 0.03.",
            0.03 / 32, 1e-9,
            "Summing over |B| examples makes the gradient |B| times the averaged one, and the step is the learning rate times the gradient. Keep the product the same."),
    ];
}
