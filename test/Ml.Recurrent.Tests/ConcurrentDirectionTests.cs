using Ml.Recurrent.Modeling;
using Ml.Recurrent.Runtime;
using static TorchSharp.torch;

namespace Ml.Recurrent.Tests;

/// <summary>
/// A small scoring pass may run the backward direction of a bidirectional layer on a second thread
/// (<see cref="ConcurrentDirection"/>); that must never change a score, and training must never split.
/// </summary>
[TestClass]
public sealed class ConcurrentDirectionTests
{
    [TestInitialize]
    public void Load() => TorchRuntime.EnsureLoaded();

    [TestCleanup]
    public void Restore() => ConcurrentDirection.Forced = null;

    [TestMethod]
    [DataRow(RecurrentCell.Lstm, SequencePooling.LastMaxMean)]
    [DataRow(RecurrentCell.Gru, SequencePooling.Max)]
    [DataRow(RecurrentCell.Rnn, SequencePooling.Last)]
    public void SplitScoringPass_GivesTheUnsplitLogitsBitForBit(RecurrentCell cell, SequencePooling pooling)
    {
        using var module = new RecurrentClassifierModule(
            ModelingTests.Shape(cell, bidirectional: true, layers: 2, pooling: pooling));
        module.eval();
        using var grad = no_grad();
        (long[] Tokens, long[] Shape, long[] Lengths)[] passes =
        [
            ([5, 9, 2, 7, 31, 4, 4, 18, 22, 3], [1, 10], [10]),
            ([1, 2, 3, 0, 4, 5, 0, 0, 6, 7, 8, 9], [3, 4], [3, 2, 4]),
        ];
        foreach ((long[] tokens, long[] shape, long[] lengths) in passes)
        {
            ConcurrentDirection.Forced = false;
            int[] alone = Logits(module, tokens, shape, lengths);
            long splitBefore = ConcurrentDirection.SplitPasses;
            ConcurrentDirection.Forced = true;
            int[] split = Logits(module, tokens, shape, lengths);

            Assert.AreEqual(splitBefore + 2, ConcurrentDirection.SplitPasses, "both layers' passes split");
            CollectionAssert.AreEqual(alone, split, $"{cell}, lengths {string.Join(",", lengths)}");
        }
    }

    [TestMethod]
    public void ScoringPass_OutsideAOneThreadScope_NeverSplits()
    {
        // An explanation calls the module directly, on the calling thread's own thread count; the pool thread would
        // run its direction on one thread, so a split could change the last bits from one call to the next.
        using var module = new RecurrentClassifierModule(ModelingTests.Shape(RecurrentCell.Gru, bidirectional: true));
        module.eval();
        using var grad = no_grad();
        using var scope = NewDisposeScope();
        ConcurrentDirection.Forced = true;
        long before = ConcurrentDirection.SplitPasses;

        module.call(tensor(new long[] { 1, 2, 3 }, [1, 3]), tensor(new long[] { 3 }));
        Assert.AreEqual(before, ConcurrentDirection.SplitPasses, "outside a scope");
        using (IntraOpThreads.ForRows(1)) module.call(tensor(new long[] { 1, 2, 3 }, [1, 3]), tensor(new long[] { 3 }));
        Assert.AreEqual(IntraOpThreads.Available ? before + 1 : before, ConcurrentDirection.SplitPasses,
            "inside a one-thread scope (where the per-thread functions exist)");
        Assert.IsFalse(IntraOpThreads.OnOneThread, "the scope is closed again");
    }

    [TestMethod]
    [DataRow(1, 2, 0L, true)]
    [DataRow(2, 2, 0L, false)]
    [DataRow(1, 2, 1L, false)]
    [DataRow(2, 4, 0L, true)]
    [DataRow(3, 4, 0L, false)]
    [DataRow(1, 1, 0L, false)]
    public void Split_IsTried_OnlyWithFewPassesInFlight_AndNothingQueuedInThePool(int inFlight, int processors,
        long pending, bool expected)
    {
        // A server at concurrency 8 on 2 cores has other requests' work queued: splitting there lowered throughput.
        Assert.AreEqual(expected, ConcurrentDirection.CoresLikelyIdle(inFlight, processors, pending));
    }

    [TestMethod]
    public void TrainingPass_WithGradients_NeverSplits()
    {
        using var module = new RecurrentClassifierModule(ModelingTests.Shape(bidirectional: true));
        module.train();
        ConcurrentDirection.Forced = true;
        long before = ConcurrentDirection.SplitPasses;
        using var scope = NewDisposeScope();

        module.call(tensor(new long[] { 1, 2, 3 }, [1, 3]), tensor(new long[] { 3 })).sum().backward();

        Assert.AreEqual(before, ConcurrentDirection.SplitPasses);
    }

    [TestMethod]
    public void SplitChoice_TakesTheCheaperWay_AndTheOtherOnceEverySixteenPasses()
    {
        var choice = new SplitChoice();
        choice.Record(split: true, milliseconds: 1.0, steps: 100);
        choice.Record(split: false, milliseconds: 2.0, steps: 100);
        int splits = Enumerable.Range(0, 160).Count(_ => choice.ShouldSplit());
        Assert.AreEqual(150, splits, "split is cheaper");

        for (int i = 0; i < 40; i++) choice.Record(split: true, milliseconds: 4.0, steps: 100);
        splits = Enumerable.Range(0, 160).Count(_ => choice.ShouldSplit());
        Assert.AreEqual(10, splits, "split became dearer");
    }

    private static int[] Logits(RecurrentClassifierModule module, long[] tokens, long[] shape, long[] lengths)
    {
        // As BatchScorer runs a small pass: one intra-op thread on the calling thread, the setting the split thread
        // copies (otherwise the calling thread's count is whatever an earlier test left, and GEMMs split differently).
        using IntraOpThreads.Scope threads = IntraOpThreads.ForRows((int)shape[0]);
        using var scope = NewDisposeScope();
        float[] values = module.call(tensor(tokens, shape), tensor(lengths)).contiguous().data<float>().ToArray();
        return Array.ConvertAll(values, BitConverter.SingleToInt32Bits);
    }
}
