namespace LinReg.Notebook;

/// <summary>The exercises of notebook 12 (replace the model, keep the loop). Each answer is derived independently in
/// tests/LinReg.Notebook.Tests/Exercises12Tests.cs.</summary>
internal static partial class Exercises
{
    // A method, not a static field: static initializers of partial-class parts run in an unspecified order.
    private static Exercise[] Notebook12() =>
    [
        Exercise.Number("12.1",
            "The housing MLP, Mlp(features: 12, hidden: 32): how many trainable numbers (all entries of W₁, b₁, w₂ and b₂)?",
            449, 0,
            "W₁ has one weight per (hidden unit, input) pair, b₁ and w₂ one number per hidden unit, b₂ is one number. Add them up."),
        Exercise.Number("12.2",
            "One tanh unit, w₁ = 1, b₁ = 0, w₂ = 2, b₂ = 0.5, one example x = 0.5, y = 1, loss ½(ŷ − y)²: ∂L/∂w₁ (4 significant digits).",
            0.33364, 5e-5,
            "Chain rule from the output back: ∂L/∂ŷ = ŷ − y, then through w₂, then through tanh (its derivative is 1 − tanh²z), then ∂z/∂w₁ = x. Compute ŷ first."),
        Exercise.Number("12.3",
            "All-zero initialization on the curved training set of notebook 09 (seed 2, 600 examples): the value the output bias b₂ converges to under full-batch gradient descent (3 decimals).",
            2.0429, 5e-4,
            "With every weight stuck at 0 the network predicts b₂ for every example. Which constant minimizes the mean squared error over the training targets?"),
    ];
}
