using System.Reflection;
using Microsoft.ML;
using Ml.Recurrent.Modeling;
using TorchSharp;

namespace Ml.Recurrent.Tests.Reliability;

/// <summary>
/// Cancelling a long training: it stops before the next batch, frees its tensors, restores the thread count, and
/// a later <c>Fit</c> trains exactly as if nothing had happened. Resident memory around a canceled fit is measured
/// by the reliability benchmark (docs/reliability.md), not asserted here.
/// </summary>
[TestClass]
public sealed class CancellationTests
{
    private const int CancelAfterBatches = 20;

    private static IDataView Data(MLContext ml) => TestCorpus.Load(ml, TestCorpus.Multiclass(300, seed: 1));

    private static RecurrentTextClassifierOptions Options(IProgress<TrainingProgress>? progress = null, CancellationToken token = default)
    {
        RecurrentTextClassifierOptions options = ReliabilityFixture.Tiny(epochs: 3);
        options.BatchSize = 8; // 38 batches per epoch
        options.Progress = progress;
        options.CancellationToken = token;
        return options;
    }

    [TestMethod]
    public void TokenCanceledAfter20Batches_Fit_StopsAtTheNextBatch_FreesTensors_AndALaterFitMatchesAnUncanceledOne()
    {
        var ml = new MLContext(seed: 1);
        using var cancel = new CancellationTokenSource();
        var reports = new List<TrainingProgress>();
        var progress = new ReliabilityFixture.SyncProgress(p =>
        {
            reports.Add(p);
            if (p.Batch == CancelAfterBatches) cancel.Cancel();
        });
        int threads = torch.get_num_threads();
        long tensors = ReliabilityFixture.LiveTensorsAfterCollection();

        var ex = Assert.ThrowsExactly<OperationCanceledException>(() => ClassifierTests.MulticlassPipeline(ml, Options(progress, cancel.Token)).Fit(Data(ml)));
        long leftOver = torch.Tensor.TotalCount - tensors;

        Assert.AreEqual(cancel.Token, ex.CancellationToken);
        StringAssert.Contains(ex.Message, $"canceled through RecurrentTextClassifierOptions.CancellationToken in epoch 1/3 after {CancelAfterBatches} of {reports[0].BatchesPerEpoch} batches");
        Assert.HasCount(CancelAfterBatches, reports, "one report per batch, none after the cancellation");
        Assert.AreEqual(CancelAfterBatches, reports[^1].Batch);
        Assert.AreEqual(threads, torch.get_num_threads(), "the thread count is restored");
        Assert.AreEqual(TensorCountDrift(), leftOver, "the half-trained module and optimizer state are disposed, not left to the GC");

        float[,] afterCancel = EmbeddingOf(ClassifierTests.MulticlassPipeline(ml, Options()).Fit(Data(ml)));
        var fresh = new MLContext(seed: 1);
        float[,] neverCanceled = EmbeddingOf(ClassifierTests.MulticlassPipeline(fresh, Options()).Fit(Data(fresh)));
        CollectionAssert.AreEqual(neverCanceled.Cast<float>().ToArray(), afterCancel.Cast<float>().ToArray());
    }

    [TestMethod]
    public void TokenCanceledBeforeFit_Fit_ThrowsBeforeTheFirstBatch()
    {
        var ml = new MLContext(seed: 1);
        var reports = new List<TrainingProgress>();

        var ex = Assert.ThrowsExactly<OperationCanceledException>(() =>
            ClassifierTests.MulticlassPipeline(ml, Options(new ReliabilityFixture.SyncProgress(reports.Add), new CancellationToken(canceled: true))).Fit(Data(ml)));

        StringAssert.Contains(ex.Message, "in epoch 1/3 after 0 of 38 batches");
        Assert.IsEmpty(reports);
    }

    [TestMethod]
    public void MlContextCancelExecution_DuringFit_StopsAtTheNextBatch_TheContextStaysCanceled_ANewContextTrains()
    {
        // MLContext.CancelExecution() is internal in ML.NET 5; applications reach it through the Microsoft.ML.Experimental
        // package's MLContextExtensions.CancelExecution, which calls this same method.
        MethodInfo cancelExecution = typeof(MLContext).GetMethod("CancelExecution", BindingFlags.Instance | BindingFlags.NonPublic)!;
        var ml = new MLContext(seed: 1);
        var reports = new List<TrainingProgress>();
        var progress = new ReliabilityFixture.SyncProgress(p =>
        {
            reports.Add(p);
            if (p.Batch == CancelAfterBatches) cancelExecution.Invoke(ml, null);
        });

        var ex = Assert.ThrowsExactly<OperationCanceledException>(() => ClassifierTests.MulticlassPipeline(ml, Options(progress)).Fit(Data(ml)));

        StringAssert.Contains(ex.Message, $"canceled through MLContext.CancelExecution() in epoch 1/3 after {CancelAfterBatches} of 38 batches");
        Assert.HasCount(CancelAfterBatches, reports, "one report per batch, none after the cancellation");
        Assert.Throws<OperationCanceledException>(() => ClassifierTests.MulticlassPipeline(ml, Options()).Fit(Data(ml)), "ML.NET keeps a canceled context canceled");
        var fresh = new MLContext(seed: 1);
        Assert.IsNotNull(ClassifierTests.MulticlassPipeline(fresh, Options()).Fit(Data(fresh)));
    }

    /// <summary>
    /// TorchSharp's <c>Tensor.TotalCount</c> never goes back down for a tensor turned into a <c>Parameter</c> by
    /// <c>AsParameter()</c> (its handle is moved without decrementing the counter; <c>nn.Linear</c> does this twice).
    /// This is that drift for one module of <see cref="Options"/>' architecture, built and disposed.
    /// </summary>
    internal static long TensorCountDrift(RecurrentTextClassifierOptions? options = null)
    {
        options ??= Options();
        long before = torch.Tensor.TotalCount;
        new RecurrentClassifierModule(options.ToArchitecture(keyCount: 10, outputSize: 3)).Dispose();
        return torch.Tensor.TotalCount - before;
    }

    private static float[,] EmbeddingOf(ITransformer model) =>
        ((IEnumerable<ITransformer>)model).OfType<RecurrentTextClassifierTransformer>().Single().Model.GetEmbeddingMatrix();
}
