namespace LinReg.Models;

/// <summary>
/// The base of every model: it owns the model's parameters, in the order they were registered, and clears their
/// gradients — what micrograd's <c>Module</c> (<c>parameters()</c>, <c>zero_grad()</c>) and PyTorch's <c>nn.Module</c>
/// do. A model creates each <see cref="Parameter"/> once, in its constructor, through <see cref="Register"/>.
/// Taught in notebook 05 · Training from scratch (the parameters and their gradient buffers).
/// </summary>
public abstract class Module
{
    private readonly List<Parameter> _parameters = [];

    /// <summary>Every parameter of the model, in the order they were registered (for a linear model: weight, then bias).</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Sets every parameter's gradient buffer to zero (PyTorch's <c>zero_grad()</c>).</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters) p.ZeroGrad();
    }

    /// <summary>Adds a parameter to <see cref="Parameters"/> and returns it.</summary>
    /// <param name="parameter">The new parameter.</param>
    /// <returns><paramref name="parameter"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameter"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="parameter"/> is already registered.</exception>
    protected Parameter Register(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (_parameters.Contains(parameter))
            throw new ArgumentException($"The parameter '{parameter.Name}' is already registered.", nameof(parameter));
        _parameters.Add(parameter);
        return parameter;
    }
}
