namespace LinReg.Models;

/// <summary>
/// How <see cref="Mlp"/> draws its initial weights from its seed. The biases always start at 0. Variances are stated
/// for a layer with fan_in inputs and fan_out outputs, and the draws are NORMAL with that variance (PyTorch's
/// <c>nn.init.kaiming_normal_</c> and <c>xavier_normal_</c>; the uniform variants draw U(±√(3·var)), the same variance).
/// Taught in notebook 12 · Replace the model, keep the loop.
/// </summary>
public enum WeightInit
{
    /// <summary>He for <see cref="Activation.ReLU"/>, Xavier for <see cref="Activation.Tanh"/>: the usual pairing.</summary>
    Auto,

    /// <summary>
    /// He (Kaiming) normal, fan-in mode: W ~ 𝒩(0, 2/fan_in). The factor 2 makes up for ReLU zeroing half of its inputs,
    /// so the variance of the pre-activations stays about the same from layer to layer (He et al. 2015).
    /// </summary>
    HeNormal,

    /// <summary>
    /// Xavier (Glorot) normal: W ~ 𝒩(0, 2/(fan_in + fan_out)), a compromise between keeping the variance of the forward
    /// signal (1/fan_in) and of the backward gradient (1/fan_out) for tanh-like units (Glorot &amp; Bengio 2010).
    /// </summary>
    XavierNormal,

    /// <summary>
    /// Every weight and bias 0. It does not work for a hidden layer: every hidden unit computes the same thing and gets
    /// the same gradient (here, exactly zero), so they stay identical. Exists so that the failure can be shown.
    /// </summary>
    Zeros,
}
