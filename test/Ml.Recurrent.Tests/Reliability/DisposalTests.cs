using Microsoft.ML;
using TorchSharp;

namespace Ml.Recurrent.Tests.Reliability;

/// <summary>
/// Native tensors are released by <c>ReleaseNativeMemory</c>, not left to the garbage collector: TorchSharp's live-tensor count
/// (<c>torch.Tensor.TotalCount</c>) returns to its level before the work, apart from TorchSharp's own counting drift
/// for parameters (see <see cref="CancellationTests.TensorCountDrift"/>). Counts are read without collecting garbage
/// in between, so a tensor that only a finalizer would free shows up.
/// </summary>
[TestClass]
public sealed class DisposalTests
{
    [TestMethod]
    public void FitScoreSaveLoadAndReleaseNativeMemory_ReturnTheLiveTensorCountToItsBaseline()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = TestCorpus.Load(ml, TestCorpus.Multiclass(90, seed: 1));
        long baseline = ReliabilityFixture.LiveTensorsAfterCollection();

        ITransformer model = ClassifierTests.MulticlassPipeline(ml, ReliabilityFixture.Tiny()).Fit(data);
        long whileAlive = torch.Tensor.TotalCount - baseline;
        ReliabilityFixture.Predict(ml, model);
        using (var engine = ml.Model.CreatePredictionEngine<TestCorpus.Row, ReliabilityFixture.Prediction>(model, new PredictionEngineOptions { OwnsTransformer = false }))
        {
            foreach (TestCorpus.Row row in ReliabilityFixture.ProbeRows) engine.Predict(row);
        }

        using var saved = new MemoryStream();
        ml.Model.Save(model, data.Schema, saved);
        ITransformer loaded = ReliabilityFixture.Load(ml, saved.ToArray());
        ReliabilityFixture.Predict(ml, loaded);
        ((IEnumerable<ITransformer>)loaded).OfType<RecurrentTextClassifierTransformer>().Single().Model.GetEmbeddingMatrix();
        Assert.AreEqual(1, RecurrentTextClassifierTransformer.ReleaseNativeMemoryOf(loaded));
        Assert.AreEqual(1, RecurrentTextClassifierTransformer.ReleaseNativeMemoryOf(model));
        long afterDispose = torch.Tensor.TotalCount - baseline;

        long drift = CancellationTests.TensorCountDrift(ReliabilityFixture.Tiny());
        Assert.IsGreaterThan(drift, whileAlive, "precondition: a live model holds tensors");
        Assert.AreEqual(3 * drift, afterDispose,
            "three modules were built (trained, the copy Fit returns, loaded); all their tensors are released");
    }

    [TestMethod]
    public void ThousandPredictionsAndTransforms_LeaveNoLiveTensorsBehind()
    {
        var ml = new MLContext(seed: 1);
        ITransformer model = ReliabilityFixture.Load(ml, ReliabilityFixture.Reference.Zip);
        using var engine = ml.Model.CreatePredictionEngine<TestCorpus.Row, ReliabilityFixture.Prediction>(model, new PredictionEngineOptions { OwnsTransformer = false });
        engine.Predict(ReliabilityFixture.ProbeRows[0]);
        long before = ReliabilityFixture.LiveTensorsAfterCollection();

        for (int i = 0; i < 1000; i++) engine.Predict(ReliabilityFixture.ProbeRows[i % ReliabilityFixture.ProbeRows.Count]);
        for (int i = 0; i < 5; i++) ReliabilityFixture.Predict(ml, model);

        Assert.AreEqual(before, torch.Tensor.TotalCount);
        RecurrentTextClassifierTransformer.ReleaseNativeMemoryOf(model);
    }

    [TestMethod]
    public void UseAfterReleaseNativeMemory_ThrowsObjectDisposedException_ReleasingTwiceIsHarmless()
    {
        var ml = new MLContext(seed: 1);
        ITransformer model = ReliabilityFixture.Load(ml, ReliabilityFixture.Reference.Zip);
        RecurrentTextClassifierTransformer classifier = ((IEnumerable<ITransformer>)model).OfType<RecurrentTextClassifierTransformer>().Single();
        using var engine = ml.Model.CreatePredictionEngine<TestCorpus.Row, ReliabilityFixture.Prediction>(model, new PredictionEngineOptions { OwnsTransformer = false });

        RecurrentTextClassifierTransformer.ReleaseNativeMemoryOf(model);
        classifier.ReleaseNativeMemory();

        var transform = Assert.ThrowsExactly<ObjectDisposedException>(() => ReliabilityFixture.Predict(ml, model));
        var predict = Assert.ThrowsExactly<ObjectDisposedException>(() => engine.Predict(ReliabilityFixture.ProbeRows[0]));
        var weights = Assert.ThrowsExactly<ObjectDisposedException>(() => classifier.Model.GetEmbeddingMatrix());
        Exception save = Assert.Throws<Exception>(() => ml.Model.Save(model, null, new MemoryStream()));
        foreach (Exception ex in new Exception[] { transform, predict, weights, ReliabilityFixture.Find<ObjectDisposedException>(save) })
            StringAssert.Contains(ex.Message, "This recurrent text classifier's native weights were released (ReleaseNativeMemory)");
    }
}
