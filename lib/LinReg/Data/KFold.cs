namespace LinReg.Data;

/// <summary>
/// K-fold cross-validation splits (scikit-learn's <c>KFold(n_splits=K, shuffle=True, random_state=seed)</c>): the
/// rows 0 … n−1 are shuffled once with the seed and cut into K consecutive folds. Fold k is the validation set of
/// round k; the other K − 1 folds are its training set. Every row is in exactly one validation fold, so each example
/// is predicted exactly once by a model that did not see it. The first n mod K folds get ⌈n/K⌉ rows and the others
/// ⌊n/K⌋: sizes differ by at most 1. No stratification: regression targets have no classes to balance.
/// Taught in notebook 13 · Generalization.
/// </summary>
/// <remarks>
/// The shuffle is the one <see cref="DataIter"/> and <see cref="Split"/> use (Fisher–Yates on
/// <see cref="Random"/>(seed)), so the same seed gives the same folds on every run and machine. The index arrays
/// returned are sorted ascending: a fold's rows keep their original order.
/// </remarks>
public sealed class KFold
{
    private readonly int[] _foldOf;
    private readonly int[][] _validation;

    /// <summary>Cuts the rows 0 … <paramref name="rows"/> − 1 into <paramref name="folds"/> shuffled folds.</summary>
    /// <param name="rows">n, the number of examples to split (≥ 2).</param>
    /// <param name="folds">K, the number of folds: 2 ≤ K ≤ n (K = n is leave-one-out).</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> &lt; 2 (one fold leaves no training
    /// data).</exception>
    /// <exception cref="ArgumentException"><paramref name="rows"/> &lt; <paramref name="folds"/> (some fold would be
    /// empty).</exception>
    public KFold(int rows, int folds, int seed)
    {
        if (folds < 2)
            throw new ArgumentOutOfRangeException(nameof(folds), folds,
                $"K-fold cross-validation needs at least 2 folds (with 1 fold nothing is left to train on), got folds = {folds}.");
        if (rows < folds)
            throw new ArgumentException(
                $"Cannot cut {rows} rows into {folds} folds: every fold needs at least one row (use folds ≤ rows; folds = rows is leave-one-out).",
                nameof(rows));
        Rows = rows;
        Folds = folds;
        Seed = seed;
        var order = Enumerable.Range(0, rows).ToArray();
        DataIter.ShuffleInPlace(order, new Random(seed));
        _foldOf = new int[rows];
        _validation = new int[folds][];
        int start = 0;
        for (int k = 0; k < folds; k++)
        {
            int size = rows / folds + (k < rows % folds ? 1 : 0);
            var members = order.AsSpan(start, size).ToArray();
            Array.Sort(members);
            foreach (int i in members) _foldOf[i] = k;
            _validation[k] = members;
            start += size;
        }
    }

    /// <summary>n, the number of rows split.</summary>
    public int Rows { get; }

    /// <summary>K, the number of folds.</summary>
    public int Folds { get; }

    /// <summary>The seed of the shuffle.</summary>
    public int Seed { get; }

    /// <summary>The number of rows in each fold (K values, each ⌊n/K⌋ or ⌈n/K⌉, summing to n).</summary>
    public IReadOnlyList<int> FoldSizes => _validation.Select(f => f.Length).ToArray();

    /// <summary>The fold that row <paramref name="row"/> validates in.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is not in [0, n).</exception>
    public int FoldOf(int row)
    {
        if ((uint)row >= (uint)Rows)
            throw new ArgumentOutOfRangeException(nameof(row), row, $"The row index must be in [0, {Rows}), got {row}.");
        return _foldOf[row];
    }

    /// <summary>The rows of fold <paramref name="fold"/>: round <paramref name="fold"/>'s validation set (ascending, a new array).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fold"/> is not in [0, K).</exception>
    public int[] ValidationIndices(int fold)
    {
        CheckFold(fold);
        return (int[])_validation[fold].Clone();
    }

    /// <summary>The rows of every other fold: round <paramref name="fold"/>'s training set (ascending, a new array).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fold"/> is not in [0, K).</exception>
    public int[] TrainingIndices(int fold)
    {
        CheckFold(fold);
        var rows = new int[Rows - _validation[fold].Length];
        int k = 0;
        for (int i = 0; i < Rows; i++)
            if (_foldOf[i] != fold) rows[k++] = i;
        return rows;
    }

    /// <summary>Round <paramref name="fold"/> as two datasets: (the other K − 1 folds, fold <paramref name="fold"/>).</summary>
    /// <param name="data">The dataset the folds were made for (n rows).</param>
    /// <param name="fold">0 ≤ fold &lt; K.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> does not have n rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fold"/> is not in [0, K).</exception>
    public (Dataset Train, Dataset Validation) Split(Dataset data, int fold)
    {
        CheckData(data);
        CheckFold(fold);
        return (data.Subset(TrainingIndices(fold)), data.Subset(_validation[fold]));
    }

    /// <summary>All K rounds, in fold order: (training set, validation set) for fold 0, 1, …, K − 1.</summary>
    /// <param name="data">The dataset the folds were made for (n rows).</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> does not have n rows.</exception>
    public IReadOnlyList<(Dataset Train, Dataset Validation)> Splits(Dataset data)
    {
        CheckData(data);
        return Enumerable.Range(0, Folds).Select(k => Split(data, k)).ToArray();
    }

    /// <summary>"5 folds of 40 rows (sizes 8, 8, 8, 8, 8), seed 0".</summary>
    public override string ToString() =>
        $"{Folds} folds of {Rows} rows (sizes {string.Join(", ", FoldSizes)}), seed {Seed}";

    private void CheckFold(int fold)
    {
        if ((uint)fold >= (uint)Folds)
            throw new ArgumentOutOfRangeException(nameof(fold), fold, $"The fold must be in [0, {Folds}), got {fold}.");
    }

    private void CheckData(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count != Rows)
            throw new ArgumentException($"The folds were made for {Rows} rows but the dataset has {data.Count}.", nameof(data));
    }
}
