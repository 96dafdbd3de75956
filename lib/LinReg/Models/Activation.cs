namespace LinReg.Models;

/// <summary>
/// The nonlinearity φ a hidden layer applies elementwise to its pre-activations z (PyTorch's <c>nn.Tanh</c>,
/// <c>nn.ReLU</c>). Without one, a stack of linear layers is again one linear map, and the network could fit nothing a
/// straight line cannot.
/// Taught in notebook 12 · Replace the model, keep the loop.
/// </summary>
public enum Activation
{
    /// <summary>φ(z) = tanh z, φ′(z) = 1 − tanh² z. Smooth, odd, saturates at ±1.</summary>
    Tanh,

    /// <summary>φ(z) = max(0, z), φ′(z) = 1 for z &gt; 0 and 0 for z ≤ 0 (at the kink z = 0 the derivative is taken as 0, as PyTorch does).</summary>
    ReLU,
}
