using LinReg.Numerics;

namespace LinReg.Data;

/// <summary>
/// The from-scratch data iterator of the book: shuffle an index array, then slice it into minibatches.
/// Each enumeration is one epoch; the random generator persists, so every epoch gets a new order, and the whole
/// sequence of epochs is fixed by the seed.
/// Taught in notebook 04 · Data and the iterator.
/// </summary>
/// <remarks>
/// The last batch is partial when n is not a multiple of the batch size (e.g. 1000 = 31·32 + 8): it is kept unless
/// <c>dropLast</c> is set. <see cref="DataLoader"/> has the same contract and yields the same batches for the same
/// seed, so a notebook can swap one for the other.
/// </remarks>
public sealed class DataIter : IEnumerable<Batch>
{
    private readonly Dataset _data;
    private readonly Random _rng;

    /// <summary>Creates the iterator.</summary>
    /// <param name="data">The dataset to iterate.</param>
    /// <param name="batchSize">|B| ≥ 1.</param>
    /// <param name="shuffle">Shuffle before every epoch (true unless you are demonstrating the pitfall).</param>
    /// <param name="seed">Seed of the shuffling generator.</param>
    /// <param name="dropLast">Skip the last partial batch.</param>
    /// <exception cref="ArgumentOutOfRangeException">batchSize ≤ 0.</exception>
    /// <exception cref="ArgumentException">dropLast is set and batchSize &gt; n, so no batch would be produced.</exception>
    public DataIter(Dataset data, int batchSize, bool shuffle = true, int seed = 0, bool dropLast = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        Guard.Positive(batchSize, nameof(batchSize), "The batch size");
        if (dropLast && batchSize > data.Count)
            throw new ArgumentException($"batchSize {batchSize} > n = {data.Count} with dropLast: no batch would be produced.", nameof(batchSize));
        _data = data;
        BatchSize = batchSize;
        Shuffle = shuffle;
        DropLast = dropLast;
        _rng = new Random(seed);
    }

    /// <summary>The dataset being iterated.</summary>
    public Dataset Dataset => _data;

    /// <summary>|B|.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch is shuffled.</summary>
    public bool Shuffle { get; }

    /// <summary>Whether the last partial batch is skipped.</summary>
    public bool DropLast { get; }

    /// <summary>Batches per epoch: ⌈n/|B|⌉, or ⌊n/|B|⌋ with dropLast.</summary>
    public int BatchesPerEpoch => DropLast ? _data.Count / BatchSize : (_data.Count + BatchSize - 1) / BatchSize;

    /// <summary>One epoch of minibatches.</summary>
    public IEnumerator<Batch> GetEnumerator()
    {
        // 1. the example indices 0..n-1, shuffled
        int n = _data.Count;
        var indices = new int[n];
        NextEpochOrder(indices);
        // 2. slice into batches of BatchSize; the last one may be smaller
        for (int start = 0; start < n; start += BatchSize)
        {
            int size = Math.Min(BatchSize, n - start);
            if (size < BatchSize && DropLast) yield break;
            yield return Batch.Gather(_data, indices.AsSpan(start, size));
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The order of the next epoch: 0..n−1, shuffled (Fisher–Yates) with the iterator's persistent generator when
    /// <see cref="Shuffle"/> is set. The fast path in LinReg.Fast draws its epochs here too (through FastPathSeam).
    /// </summary>
    internal void NextEpochOrder(int[] order)
    {
        for (int i = 0; i < order.Length; i++) order[i] = i;
        if (Shuffle) ShuffleInPlace(order, _rng);
    }

    /// <summary>Fisher–Yates shuffle: for i = n−1 … 1 swap a[i] with a[j], j uniform in [0, i].</summary>
    internal static void ShuffleInPlace(int[] a, Random rng)
    {
        for (int i = a.Length - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (a[i], a[j]) = (a[j], a[i]);
        }
    }
}
