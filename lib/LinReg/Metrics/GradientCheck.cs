using LinReg.Data;
using LinReg.Losses;
using LinReg.Models;
using LinReg.Numerics;

namespace LinReg.Metrics;

/// <summary>
/// Checks a model's analytic gradients against central finite differences of the loss — the independent check that
/// the backward pass computes the derivative of the forward pass. It works on any <see cref="IRegressionModel"/>,
/// entry by entry of every parameter it lists.
/// Taught in notebook 02 · One SGD step by hand; used on the MLP in notebook 12 · Replace the model, keep the loop.
/// </summary>
public static class GradientCheck
{
    /// <summary>∂f/∂xₖ ≈ (f(x + h eₖ) − f(x − h eₖ)) / 2h for every k (error O(h²)).</summary>
    /// <exception cref="ArgumentOutOfRangeException">h ≤ 0.</exception>
    public static double[] CentralDifference(Func<double[], double> f, double[] x, double h = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        Guard.Positive(h, nameof(h), "The finite-difference step h");
        var g = new double[x.Length];
        var p = (double[])x.Clone();
        for (int k = 0; k < x.Length; k++)
        {
            p[k] = x[k] + h;
            double up = f(p);
            p[k] = x[k] - h;
            double down = f(p);
            p[k] = x[k];
            g[k] = (up - down) / (2 * h);
        }
        return g;
    }

    /// <summary>
    /// Compares the gradient that one backward pass of <paramref name="model"/> on <paramref name="batch"/> produces with
    /// finite differences of the loss, entry by entry. The model's parameters and gradients are restored afterwards.
    /// </summary>
    public static IReadOnlyList<GradientComparison> Compare(IRegressionModel model, ILoss loss, Batch batch, double h = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(batch);
        var savedGrads = model.Parameters.Select(p => (double[])p.Grad.Clone()).ToArray();
        model.ZeroGrad();
        double[] yHat = model.Forward(batch);
        model.Backward(batch, loss.Backward(yHat, batch.Y));
        var result = new List<GradientComparison>();
        foreach (var p in model.Parameters)
        {
            double[] original = (double[])p.Value.Clone();
            var numeric = CentralDifference(v =>
            {
                Array.Copy(v, p.Value, v.Length);
                return loss.Forward(model.Forward(batch), batch.Y);
            }, original, h);
            Array.Copy(original, p.Value, original.Length);
            for (int k = 0; k < p.Length; k++)
            {
                double a = p.Grad[k], n = numeric[k];
                result.Add(new GradientComparison(p.Name, k, a, n, Math.Abs(a - n) / Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(n)))));
            }
        }
        for (int i = 0; i < savedGrads.Length; i++) Array.Copy(savedGrads[i], model.Parameters[i].Grad, savedGrads[i].Length);
        return result;
    }
}
