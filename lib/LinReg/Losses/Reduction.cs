namespace LinReg.Losses;

/// <summary>
/// How per-example losses ℓᵢ combine into the batch loss — always stated, never implied.
/// Taught in notebook 01 · The model and the loss and notebook 11 · Common pitfalls (averaging twice or not at all).
/// </summary>
public enum Reduction
{
    /// <summary>L_B = (1/|B|) Σᵢ ℓᵢ — the seed's convention; the gradient does not grow with the batch size.</summary>
    Mean,

    /// <summary>L_B = Σᵢ ℓᵢ — the gradient is |B| times the Mean one, so the same learning rate takes |B|-times bigger steps.</summary>
    Sum,
}
