namespace Ml.Recurrent.Sequences;

/// <summary>
/// fastai's "sortish" sampling: shuffle all rows with the seed, cut them into mega-batches of
/// <c>batchSize × MegaBatchFactor</c> rows, sort each mega-batch by length (longest first), cut it into
/// batches, then shuffle the order of the batches. Batches hold texts of similar length, so padding is
/// small, while every epoch still sees a different random grouping. Every row lands in exactly one batch.
/// With a token budget, a batch also stops growing before <c>rows × longest length</c> would exceed it
/// (a single row longer than the budget still forms a batch of its own).
/// </summary>
internal sealed class LengthBucketBatcher
{
    /// <summary>Mega-batch size as a multiple of the batch size.</summary>
    public const int MegaBatchFactor = 50;

    /// <summary>
    /// Token budget of a scoring or validation batch (<see cref="MakeSortedBatches"/>): 128 rows of 512 tokens. A
    /// forward pass pads every row to the batch's longest, so without it one very long text would make the whole
    /// batch that long; with it a long text is scored in a smaller batch (or alone). Scores do not depend on it
    /// beyond the last bits that any change of batch shape moves.
    /// </summary>
    public const int ScoringTokenBudget = 65_536;

    private readonly int _batchSize;
    private readonly int? _tokenBudget;
    private readonly Func<int, long> _rowCost;

    /// <param name="batchSize">Most rows per batch.</param>
    /// <param name="tokenBudget">Most padded tokens per batch, as counted by <paramref name="rowCost"/>.</param>
    /// <param name="rowCost">What one row padded to a length costs against the budget; by default the length itself.
    /// The model passes its own count (e.g. only the tokens its recurrent part reads).</param>
    public LengthBucketBatcher(int batchSize, int? tokenBudget = null, Func<int, long>? rowCost = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (tokenBudget is < 1) throw new ArgumentOutOfRangeException(nameof(tokenBudget), tokenBudget,
            "The token budget must be at least 1.");
        _batchSize = batchSize;
        _tokenBudget = tokenBudget;
        _rowCost = rowCost ?? (static length => length);
    }

    public List<int[]> MakeBatches(TokenSequenceStore store, Random random)
    {
        int[] order = Enumerable.Range(0, store.Count).ToArray();
        random.Shuffle(order);
        var batches = new List<int[]>((store.Count + _batchSize - 1) / _batchSize);
        int mega = _batchSize * MegaBatchFactor;
        for (int start = 0; start < order.Length; start += mega)
        {
            int[] chunk = order[start..Math.Min(order.Length, start + mega)];
            // Stable sort by length, longest first; ties keep the shuffled order.
            int[] sorted =
                chunk.Select((row, i) => (row, i)).OrderByDescending(p => store.Length(p.row)).ThenBy(p => p.i)
                    .Select(p => p.row).ToArray();
            Cut(store, sorted, batches);
        }

        int[][] shuffled = batches.ToArray();
        random.Shuffle(shuffled);
        return [.. shuffled];
    }

    /// <summary>
    /// Batches per epoch, for sizing the learning-rate schedule: exact for a fixed batch size; with a token
    /// budget the count varies slightly between epochs, so this is the count of one seeded grouping.
    /// </summary>
    public int CountBatches(TokenSequenceStore store) =>
        _tokenBudget is null ? (store.Count + _batchSize - 1) / _batchSize : MakeBatches(store, new Random(0)).Count;

    /// <summary>Rows in length order (longest first) cut into batches of at most <paramref name="batchSize"/> rows
    /// and <see cref="ScoringTokenBudget"/> padded tokens; for validation and scoring, where order does not matter.
    /// </summary>
    public static List<int[]> MakeSortedBatches(TokenSequenceStore store, int batchSize,
        Func<int, long>? rowCost = null)
    {
        int[] sorted = Enumerable.Range(0, store.Count).OrderByDescending(store.Length).ThenBy(i => i).ToArray();
        var batches = new List<int[]>();
        new LengthBucketBatcher(batchSize, ScoringTokenBudget, rowCost).Cut(store, sorted, batches);
        return batches;
    }

    /// <summary>Cuts rows sorted longest first into batches of at most the batch size and the token budget.</summary>
    private void Cut(TokenSequenceStore store, int[] sorted, List<int[]> batches)
    {
        int start = 0;
        while (start < sorted.Length)
        {
            int longest = store.Length(sorted[start]);
            int rows = Math.Min(_batchSize, sorted.Length - start);
            if (_tokenBudget is { } budget)
                rows = (int)Math.Clamp(budget / Math.Max(1, _rowCost(longest)), 1, rows);
            batches.Add(sorted[start..(start + rows)]);
            start += rows;
        }
    }
}
