namespace Ml.Recurrent.Training;

/// <summary>
/// fastai's "sortish" sampling: shuffle all rows with the seed, cut them into mega-batches of
/// <c>batchSize × MegaBatchFactor</c> rows, sort each mega-batch by length (longest first), cut it into
/// batches, then shuffle the order of the batches. Batches hold texts of similar length, so padding is
/// small, while every epoch still sees a different random grouping. Every row lands in exactly one batch.
/// </summary>
internal static class LengthBucketBatcher
{
    /// <summary>Mega-batch size as a multiple of the batch size.</summary>
    public const int MegaBatchFactor = 50;

    public static List<int[]> MakeBatches(TokenSequenceStore store, int batchSize, Random random)
    {
        int[] order = Enumerable.Range(0, store.Count).ToArray();
        random.Shuffle(order);
        var batches = new List<int[]>((store.Count + batchSize - 1) / batchSize);
        int mega = batchSize * MegaBatchFactor;
        for (int start = 0; start < order.Length; start += mega)
        {
            int[] chunk = order[start..Math.Min(order.Length, start + mega)];
            // Stable sort by length, longest first; ties keep the shuffled order.
            int[] sorted = chunk.Select((row, i) => (row, i)).OrderByDescending(p => store.Length(p.row)).ThenBy(p => p.i).Select(p => p.row).ToArray();
            for (int b = 0; b < sorted.Length; b += batchSize)
                batches.Add(sorted[b..Math.Min(sorted.Length, b + batchSize)]);
        }

        int[][] shuffled = batches.ToArray();
        random.Shuffle(shuffled);
        return [.. shuffled];
    }

    /// <summary>Rows in length order (longest first) cut into batches; for validation and scoring, where order does not matter.</summary>
    public static List<int[]> MakeSortedBatches(TokenSequenceStore store, int batchSize)
    {
        int[] sorted = Enumerable.Range(0, store.Count).OrderByDescending(store.Length).ThenBy(i => i).ToArray();
        var batches = new List<int[]>();
        for (int b = 0; b < sorted.Length; b += batchSize) batches.Add(sorted[b..Math.Min(sorted.Length, b + batchSize)]);
        return batches;
    }
}
