using Ml.Recurrent.Sequences;

namespace Ml.Recurrent.Tests.Reliability;

/// <summary>
/// Issue 13, case 6: one very long text must not pad its whole batch to its length, in training (the default token
/// budget) and in scoring and validation (the scoring budget).
/// </summary>
[TestClass]
public sealed class LongTextBatchingTests
{
    /// <summary>63 texts of 5 to 40 tokens and one of 1,000,000 (row 17).</summary>
    private static TokenSequenceStore OneHugeRow()
    {
        var builder = new TokenSequenceStore.Builder();
        var random = new Random(3);
        for (int row = 0; row < 64; row++)
        {
            int length = row == 17 ? 1_000_000 : random.Next(5, 41);
            builder.Add(Enumerable.Repeat(2, length).ToArray(), row % 2);
        }

        return builder.Build();
    }

    private static long PaddedTokens(TokenSequenceStore store, int[] batch) =>
        (long)batch.Length * batch.Max(store.Length);

    [TestMethod]
    public void Scoring_AOneMillionTokenText_IsBatchedAlone_AndNoBatchPadsBeyondTheBudget()
    {
        TokenSequenceStore store = OneHugeRow();

        List<int[]> batches = LengthBucketBatcher.MakeSortedBatches(store, 128);

        CollectionAssert.AreEquivalent(Enumerable.Range(0, 64).ToArray(), batches.SelectMany(b => b).ToArray());
        CollectionAssert.Contains(batches.Select(b => string.Join(",", b)).ToArray(), "17", "the long text alone");
        foreach (int[] batch in batches.Where(b => !b.Contains(17)))
            Assert.IsLessThanOrEqualTo(LengthBucketBatcher.ScoringTokenBudget, PaddedTokens(store, batch));
    }

    [TestMethod]
    public void Training_ByDefault_PutsAOneMillionTokenTextInABatchOfItsOwn()
    {
        TokenSequenceStore store = OneHugeRow();
        int? budget = new RecurrentTextClassifierOptions().MaximumTokensPerBatch;

        List<int[]> batches = new LengthBucketBatcher(64, budget).MakeBatches(store, new Random(1));

        Assert.AreEqual(RecurrentTextClassifierOptions.DefaultMaximumTokensPerBatch, budget);
        CollectionAssert.Contains(batches.Select(b => string.Join(",", b)).ToArray(), "17", "the long text alone");
        Assert.AreEqual(64, batches.Sum(b => b.Length));
        Assert.IsTrue(batches.Where(b => !b.Contains(17)).All(b => PaddedTokens(store, b) <= budget));
    }
}
