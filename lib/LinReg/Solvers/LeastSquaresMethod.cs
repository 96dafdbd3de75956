namespace LinReg.Solvers;

/// <summary>
/// How <see cref="LeastSquares.Fit(double[], int, int, double[], LeastSquaresMethod, bool)"/> solves
/// min over w, b of ‖y − (Xw + b·1)‖².
/// Taught in notebook 03 · The normal equation.
/// </summary>
public enum LeastSquaresMethod
{
    /// <summary>
    /// The normal equation as the chapter teaches it: form the Gram matrix XᵀX and Xᵀy, then solve XᵀX w = Xᵀy
    /// (Cholesky). Cheapest (one pass over X, n·d²/2 multiply-adds), but it SQUARES the condition number:
    /// cond(XᵀX) = cond(X)², so about 2·log10(cond(X)) of the 16 digits of a double are lost. Singular or
    /// numerically singular XᵀX throws <see cref="RankDeficientException"/>; an ill-conditioned one sets
    /// <see cref="LeastSquaresResult.Warning"/>. XᵀX is formed in plain double, so columns whose squares (or products with
    /// y) leave the double range — entries beyond about 1e±154 — throw an <see cref="ArgumentException"/> naming the column.
    /// </summary>
    NormalEquations,

    /// <summary>
    /// Householder QR of the design: X = QR, then R w = Qᵀy. Backward stable; loses about log10(cond(X)) digits
    /// (plus cond² · residual terms for large residuals). Rank-deficient designs throw <see cref="RankDeficientException"/>.
    /// Each answer is checked a posteriori — two passes of iterative refinement with residuals in double-double, O(n·p)
    /// — and <see cref="LeastSquaresResult.Warning"/> says how many digits it has when that is fewer than about 10
    /// (NIST Wampler5: about 5, from its large residuals; Filip: about 7).
    /// </summary>
    Qr,

    /// <summary>
    /// Singular value decomposition (thin: Householder QR first, then the SVD of the p×p factor R, so no n×n matrix
    /// is ever formed). Returns the minimum-norm solution over (w, b) jointly, treating singular values below
    /// max(n, p)·ε·σ₁ as zero, and reports that numerical rank. The method for rank-deficient or underdetermined
    /// problems. It works on the columns as given (the minimum-norm solution depends on their units), so badly
    /// scaled columns cost digits QR keeps (NIST Pontius, x² up to 1e13: about 5 correct digits), and a design whose
    /// unscaled condition number exceeds 1/(max(n, p)·ε) is truncated to a lower rank (NIST Filip: rank 10 of 11, a
    /// useless answer). Standardize the columns first, or use RefinedQr, when the design has full rank.
    /// <see cref="LeastSquaresResult.Warning"/> says so whenever the answer is not the full-rank least-squares fit to
    /// about 10 digits: a rank below the number of unknowns (which singular values were dropped, which columns are
    /// (nearly) dependent or tiny, and whether scaling the columns would have kept the rank), an underdetermined system,
    /// or — at full rank — fewer than about 10 correct digits by the same a-posteriori check as Qr.
    /// </summary>
    Svd,

    /// <summary>
    /// The recommended, accurate solver: Householder QR on power-of-two-scaled columns followed by Björck's
    /// iterative refinement of the augmented system [I X; Xᵀ 0][r; w] = [y; 0], with the residuals y − r − Xw and
    /// −Xᵀr accumulated in double-double. Reaches log relative error ≥ 13 on every NIST StRD linear least-squares
    /// dataset (Filip needs its decimal data in double-double: see <see cref="LeastSquares.FitDoubleDouble"/>).
    /// The covariance of the estimates, (AᵀA)⁻¹ from R, is refined in double-double too when the column-scaled
    /// condition number exceeds 8, so every statistic NIST certifies (standard deviations, residual SD, R², the ANOVA
    /// table) also reaches LRE ≥ 13. Rank-deficient designs throw <see cref="RankDeficientException"/>.
    /// </summary>
    RefinedQr,
}
