using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace LinReg.Solvers;

/// <summary>
/// One pass over a <see cref="RowBlockSource"/>: the calling thread reads the chunks in file order and hands chunk k to
/// worker k mod W (a fixed assignment, so every run combines the same rows in the same order and gives the same bits);
/// each worker decodes its chunks in order into its own X and y buffers and calls the work on them. At most 2W + 1
/// chunks exist at a time, so memory is bounded by the chunk size whatever the number of rows. An error stops the
/// reading; the one reported is the first in file order (a bad row before a truncated end, say).
/// </summary>
internal static class BlockPipeline
{
    /// <summary>The work on one decoded block: (worker, first row, X row-major, y, rows).</summary>
    internal delegate void BlockWork(int worker, long firstRow, double[] x, double[] y, int rows);

    internal static void Run(RowBlockSource source, int workers, BlockWork work)
    {
        source.Rewind();
        var free = new BlockingCollection<RawChunk>();
        for (int i = 0; i < 2 * workers + 1; i++) free.Add(new RawChunk(source.ChunkCapacity));
        var queues = new BlockingCollection<RawChunk>[workers];
        for (int w = 0; w < workers; w++) queues[w] = new BlockingCollection<RawChunk>();
        long firstBad = long.MaxValue;
        var errors = new ConcurrentBag<(long Order, Exception Error)>();

        void Fail(long order, Exception e)
        {
            errors.Add((order, e));
            long seen;
            while (order < (seen = Interlocked.Read(ref firstBad)) && Interlocked.CompareExchange(ref firstBad, order, seen) != seen) { }
        }

        var threads = new Thread[workers];
        for (int w = 0; w < workers; w++)
        {
            int me = w;
            threads[w] = new Thread(() =>
            {
                var x = new double[(long)source.MaxChunkRows * source.Features];
                var y = new double[source.MaxChunkRows];
                foreach (var chunk in queues[me].GetConsumingEnumerable())
                {
                    try
                    {
                        // after an error, later chunks are skipped; earlier ones are still decoded (they may hold an earlier error)
                        if (chunk.Index < Interlocked.Read(ref firstBad))
                        {
                            source.Decode(chunk, x, y);
                            if (Interlocked.Read(ref firstBad) == long.MaxValue) work(me, chunk.FirstRow, x, y, chunk.Rows);
                        }
                    }
                    catch (Exception e)
                    {
                        Fail(chunk.Index, e);
                    }
                    finally
                    {
                        free.Add(chunk);
                    }
                }
            })
            { IsBackground = true, Name = "LinReg out-of-core worker " + w };
            threads[w].Start();
        }

        long index = 0;
        try
        {
            while (Interlocked.Read(ref firstBad) == long.MaxValue)
            {
                var chunk = free.Take();
                chunk.Index = index;
                if (!source.Read(chunk))
                {
                    free.Add(chunk);
                    break;
                }
                chunk.Index = index;
                queues[index % workers].Add(chunk);
                index++;
            }
        }
        catch (Exception e)
        {
            Fail(index, e);   // a read error comes after every chunk handed out before it
        }
        finally
        {
            foreach (var q in queues) q.CompleteAdding();
            foreach (var t in threads) t.Join();
        }
        if (!errors.IsEmpty) ExceptionDispatchInfo.Capture(errors.MinBy(e => e.Order).Error).Throw();
    }
}
