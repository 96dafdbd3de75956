using LinReg.Experiments;
using LinReg.Data;

namespace LinReg.Tests.Experiments;

public class TrueRiskTests
{
    [Fact]
    public void GaussianDesign_MonteCarloOnAFreshSample_AgreesWithTheFormula()
    {
        // independent estimate: the MSE of the predictor on 200 000 fresh examples from the same generator
        double[] wTrue = [1.0, -0.8, 0.0];
        var fresh = SyntheticData.Linear(wTrue, 0.5, 200_000, 1.0, 77);
        double[] w = [0.7, -0.5, 0.2];
        double b = 0.3;
        double mc = 0;
        for (int i = 0; i < fresh.Count; i++)
        {
            double r = b - fresh.Y[i];
            for (int j = 0; j < 3; j++) r += fresh.X[i * 3 + j] * w[j];
            mc += r * r;
        }
        mc /= fresh.Count;
        double formula = TrueRisk.GaussianDesign(w, b, wTrue, 0.5, 1.0);   // 0.09 + 0.09 + 0.04 + 0.04 + 1 = 1.26
        Assert.Equal(1.26, formula, 12);
        Assert.InRange(mc / formula, 0.99, 1.01);
    }

    [Fact]
    public void GaussianDesign_BadInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => TrueRisk.GaussianDesign([1.0], 0, [1.0, 2.0], 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrueRisk.GaussianDesign([1.0], 0, [1.0], 0, -1));
    }
}
