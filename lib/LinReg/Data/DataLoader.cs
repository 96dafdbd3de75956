using LinReg.Numerics;

namespace LinReg.Data;

/// <summary>
/// The concise data loader (the book's stand-in for PyTorch's <c>DataLoader(TensorDataset(X, y), batch_size, shuffle)</c>):
/// a reusable object whose every enumeration is one epoch. It draws a random permutation per epoch from a seeded
/// generator, exactly as <see cref="DataIter"/> does, so both yield identical batches for the same seed.
/// Taught in notebook 04 · Data and the iterator and notebook 06 · Training concisely.
/// </summary>
public sealed class DataLoader : IEnumerable<Batch>
{
    private readonly Random _rng;

    /// <summary>Creates the loader.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="batchSize">|B| ≥ 1.</param>
    /// <param name="shuffle">Reshuffle every epoch. Defaults to true here, unlike PyTorch's <c>DataLoader</c>, whose
    /// default is <c>shuffle=False</c> (notebook 11, pitfall 1).</param>
    /// <param name="seed">Seed of the shuffling generator.</param>
    /// <param name="dropLast">Skip the last partial batch.</param>
    /// <exception cref="ArgumentOutOfRangeException">batchSize ≤ 0.</exception>
    /// <exception cref="ArgumentException">dropLast is set and batchSize &gt; n.</exception>
    public DataLoader(Dataset dataset, int batchSize, bool shuffle = true, int seed = 0, bool dropLast = false)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        Guard.Positive(batchSize, nameof(batchSize), "The batch size");
        if (dropLast && batchSize > dataset.Count)
            throw new ArgumentException($"batchSize {batchSize} > n = {dataset.Count} with dropLast: no batch would be produced.", nameof(batchSize));
        Dataset = dataset;
        BatchSize = batchSize;
        Shuffle = shuffle;
        DropLast = dropLast;
        _rng = new Random(seed);
    }

    /// <summary>The dataset being served.</summary>
    public Dataset Dataset { get; }

    /// <summary>|B|.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch is shuffled.</summary>
    public bool Shuffle { get; }

    /// <summary>Whether the last partial batch is skipped.</summary>
    public bool DropLast { get; }

    /// <summary>Batches per epoch.</summary>
    public int Count => DropLast ? Dataset.Count / BatchSize : (Dataset.Count + BatchSize - 1) / BatchSize;

    /// <summary>One epoch.</summary>
    public IEnumerator<Batch> GetEnumerator()
    {
        var order = new int[Dataset.Count];
        NextEpochOrder(order);
        int batches = Count;
        for (int k = 0; k < batches; k++)
        {
            int start = k * BatchSize;
            yield return Batch.Gather(Dataset, order.AsSpan(start, Math.Min(BatchSize, order.Length - start)));
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The order of the next epoch: 0..n−1, shuffled with the loader's persistent generator when <see cref="Shuffle"/>
    /// is set — the same draw as <see cref="DataIter"/>'s. The fast path in LinReg.Fast draws its epochs here too.
    /// </summary>
    internal void NextEpochOrder(int[] order)
    {
        for (int i = 0; i < order.Length; i++) order[i] = i;
        if (Shuffle) DataIter.ShuffleInPlace(order, _rng);
    }
}
