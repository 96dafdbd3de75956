using CsCheck;
using LinReg.Data;
using LinReg.Losses;
using LinReg.Metrics;
using LinReg.Models;
using MathNet.Numerics.LinearAlgebra;

namespace LinReg.Tests.Models;

/// <summary>
/// Properties of the MLP on random shapes, parameters, data and both activations: its backward pass equals central
/// finite differences of the loss (an independent numerical derivative of the forward pass), and its forward pass
/// equals the matrix formula tanh/ReLU(X W₁ᵀ + b₁) w₂ + b₂ evaluated here with MathNet.
/// </summary>
public class MlpGradientPropertyTests
{
    private sealed record Problem(int N, int D, int H, Activation Activation, double[] X, double[] Y,
        double[] W1, double[] B1, double[] W2, double B2)
    {
        public Batch Batch => new(X, Y, D, Enumerable.Range(0, N).ToArray());

        public Mlp Network()
        {
            var w1 = new double[H, D];
            for (int k = 0; k < H; k++)
                for (int j = 0; j < D; j++) w1[k, j] = W1[k * D + j];
            return new Mlp(w1, B1, W2, B2, Activation);
        }

        /// <summary>Z = X W₁ᵀ + 1 b₁ᵀ with MathNet (|B|×h), independent of the model's loops.</summary>
        public Matrix<double> PreActivations()
        {
            var x = Matrix<double>.Build.DenseOfRowMajor(N, D, X);
            var w1 = Matrix<double>.Build.DenseOfRowMajor(H, D, W1);
            var z = x * w1.Transpose();
            for (int i = 0; i < N; i++)
                for (int k = 0; k < H; k++) z[i, k] += B1[k];
            return z;
        }

        public override string ToString() => $"n={N} d={D} h={H} {Activation}";
    }

    private static readonly Gen<Problem> Problems =
        from n in Gen.Int[1, 10]
        from d in Gen.Int[1, 5]
        from h in Gen.Int[1, 6]
        from act in Gen.Int[0, 1]
        from x in Gen.Double[-2, 2].Array[n * d]
        from y in Gen.Double[-3, 3].Array[n]
        from w1 in Gen.Double[-1.5, 1.5].Array[h * d]
        from b1 in Gen.Double[-1, 1].Array[h]
        from w2 in Gen.Double[-1.5, 1.5].Array[h]
        from b2 in Gen.Double[-1, 1]
        select new Problem(n, d, h, (Activation)act, x, y, w1, b1, w2, b2);

    /// <summary>
    /// ReLU has a kink at z = 0 where the derivative jumps; a finite difference straddling it measures neither side.
    /// Keep problems whose pre-activations are all at least 1e-3 from the kink (a step h = 1e-6 in one parameter moves
    /// z by at most 2e-6 here).
    /// </summary>
    private static readonly Gen<Problem> AwayFromTheKink = Problems.Where(p =>
        p.Activation == Activation.Tanh || p.PreActivations().Enumerate().All(z => Math.Abs(z) > 1e-3));

    [Fact]
    public void Backward_RandomShapesParametersAndActivations_MatchesCentralDifferences()
    {
        AwayFromTheKink.Sample(p =>
        {
            foreach (var loss in new ILoss[] { new SquaredLoss(Reduction.Mean), new MseLoss(Reduction.Sum) })
            {
                var rows = GradientCheck.Compare(p.Network(), loss, p.Batch, h: 1e-6);
                // 2 + 2 parameters: W₁ (h·d), b₁ (h), w₂ (h), b₂ (1)
                Assert.Equal(p.H * p.D + 2 * p.H + 1, rows.Count);
                // central differences: truncation O(h²·L‴) ≈ 1e-11, rounding ≈ ε·|L|/h ≈ 1e-9
                Assert.All(rows, r => Assert.True(r.RelativeError < 1e-6, $"{p} {loss}: {r}"));
            }
        }, iter: 300, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Backward_SeededInitialization_MatchesCentralDifferences()
    {
        // the constructor's own He/Xavier draws, on the same random shapes (biases 0, so many z are near 0 for ReLU:
        // tanh only, whose derivative is smooth everywhere)
        var gen = from n in Gen.Int[1, 10]
                  from d in Gen.Int[1, 5]
                  from h in Gen.Int[1, 8]
                  from seed in Gen.Int[0, 1000]
                  from x in Gen.Double[-2, 2].Array[n * d]
                  from y in Gen.Double[-3, 3].Array[n]
                  select (n, d, h, seed, x, y);
        gen.Sample(t =>
        {
            var batch = new Batch(t.x, t.y, t.d, Enumerable.Range(0, t.n).ToArray());
            var rows = GradientCheck.Compare(new Mlp(t.d, t.h, Activation.Tanh, t.seed), new SquaredLoss(), batch, h: 1e-6);
            Assert.All(rows, r => Assert.True(r.RelativeError < 1e-6, $"n={t.n} d={t.d} h={t.h} seed={t.seed}: {r}"));
        }, iter: 200, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Forward_RandomProblems_EqualsTheMatrixFormula()
    {
        Problems.Sample(p =>
        {
            var z = p.PreActivations();
            var a = z.Map(v => p.Activation == Activation.ReLU ? Math.Max(0, v) : Math.Tanh(v));
            var expected = (a * Vector<double>.Build.Dense(p.W2)).Add(p.B2);
            var yHat = p.Network().Forward(p.Batch);
            for (int i = 0; i < p.N; i++) Assert.Equal(expected[i], yHat[i], 12);
        }, iter: 300, seed: "0N0XIzNsQ0O2");
    }
}
