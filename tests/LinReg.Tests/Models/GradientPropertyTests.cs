using CsCheck;
using LinReg.Data;
using LinReg.Losses;
using LinReg.Metrics;
using LinReg.Models;

namespace LinReg.Tests.Models;

/// <summary>
/// Property: on random shapes and data, the analytic gradients of both models equal central finite differences of
/// the loss (an independent numerical derivative), and equal the seed's closed form ∇w = Xᵀr/|B|, ∇b = Σr/|B|.
/// </summary>
public class GradientPropertyTests
{
    private static readonly Gen<(int N, int D, double[] X, double[] Y, double[] W, double B)> Problems =
        from n in Gen.Int[1, 12]
        from d in Gen.Int[1, 6]
        from x in Gen.Double[-3, 3].Array[n * d]
        from y in Gen.Double[-5, 5].Array[n]
        from w in Gen.Double[-2, 2].Array[d]
        from b in Gen.Double[-2, 2]
        select (n, d, x, y, w, b);

    [Fact]
    public void Backward_RandomProblems_MatchesFiniteDifferences()
    {
        Problems.Sample(p =>
        {
            var batch = new Batch(p.X, p.Y, p.D, Enumerable.Range(0, p.N).ToArray());
            foreach (var loss in new ILoss[] { new SquaredLoss(Reduction.Mean), new SquaredLoss(Reduction.Sum), new MseLoss(halved: true) })
                foreach (var model in new IRegressionModel[] { new LinearRegressionScratch(p.W, p.B), new Linear(p.W, p.B) })
                {
                    var rows = GradientCheck.Compare(model, loss, batch, 1e-5);
                    // central differences of a quadratic are exact up to rounding: error ≈ eps·|L|/h
                    Assert.All(rows, r => Assert.True(r.RelativeError < 1e-7, $"{model.GetType().Name} {loss} {r}"));
                }
        }, iter: 200, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Backward_RandomProblems_EqualsClosedFormOfTheSeed()
    {
        Problems.Sample(p =>
        {
            var batch = new Batch(p.X, p.Y, p.D, Enumerable.Range(0, p.N).ToArray());
            var model = new LinearRegressionScratch(p.W, p.B);
            var loss = new SquaredLoss(Reduction.Mean);
            model.Backward(batch, loss.Backward(model.Forward(batch), batch.Y));
            // r = Xw + b − y computed independently of the model
            var r = new double[p.N];
            for (int i = 0; i < p.N; i++)
            {
                double s = p.B - p.Y[i];
                for (int j = 0; j < p.D; j++) s += p.X[i * p.D + j] * p.W[j];
                r[i] = s;
            }
            for (int j = 0; j < p.D; j++)
            {
                double g = 0;
                for (int i = 0; i < p.N; i++) g += p.X[i * p.D + j] * r[i];
                Assert.Equal(g / p.N, model.Weight.Grad[j], 10);
            }
            Assert.Equal(r.Sum() / p.N, model.Bias.Grad[0], 10);
        }, iter: 200, seed: "0N0XIzNsQ0O2");
    }
}
