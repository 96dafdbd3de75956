namespace LinReg.Solvers;

/// <summary>
/// The normal equation as the chapter teaches it: the least-squares weights solve XᵀX w = Xᵀy, so
/// w* = (XᵀX)⁻¹Xᵀy. <see cref="Solve"/> is that formula, line for line. What a computer needs on top of it — a scaling,
/// the rank and conditioning checks that say when XᵀX cannot be trusted — is in <see cref="ScaledCholesky"/>; the
/// design X (with its column of ones first when the intercept is fitted) is a <see cref="Design"/>.
/// </summary>
/// <remarks>Taught in notebook 03 · The normal equation. Reached through <c>LeastSquares.Fit(…, LeastSquaresMethod.NormalEquations)</c>.</remarks>
internal static class NormalEquation
{
    /// <summary>w* = (XᵀX)⁻¹Xᵀy.</summary>
    internal static LeastSquaresResult Solve(Design x)
    {
        var (xtx, xty) = Form(x);                 // XᵀX (p×p) and Xᵀy (p values)
        return ScaledCholesky.Solve(x, xtx, xty); // solve XᵀX w = Xᵀy
    }

    /// <summary>
    /// XᵀX and Xᵀy in one pass over the rows, in plain double arithmetic: (XᵀX)ₐᵦ = Σᵢ xᵢₐxᵢᵦ and (Xᵀy)ₐ = Σᵢ xᵢₐyᵢ.
    /// Cost n·p²/2 multiply-adds (XᵀX is symmetric: only one triangle is summed, then mirrored).
    /// </summary>
    internal static (double[,] XtX, double[] Xty) Form(Design x)
    {
        int n = x.Rows, p = x.Columns;
        var xtx = new double[p, p];
        var xty = new double[p];
        var row = new double[p];
        for (int i = 0; i < n; i++)
        {
            x.Row(i, row);
            double yi = x.YHi[i];
            for (int a = 0; a < p; a++)
            {
                double xa = row[a];
                xty[a] += xa * yi;
                for (int b = a; b < p; b++) xtx[a, b] += xa * row[b];
            }
        }
        for (int a = 0; a < p; a++)
            for (int b = 0; b < a; b++) xtx[a, b] = xtx[b, a];
        return (xtx, xty);
    }
}
