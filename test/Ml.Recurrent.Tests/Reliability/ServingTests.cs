using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.Modeling;
using Ml.Recurrent.Runtime;
using TorchSharp;

namespace Ml.Recurrent.Tests.Reliability;

/// <summary>
/// What a server needs from a model (docs/serving.md): the ML.NET idiom of a <c>PredictionEngine</c> per request
/// keeps working, a dropped model frees its native module when collected, scoring calls on one model run in
/// parallel, and a single-row prediction runs on one intra-op thread without changing the calling thread's setting.
/// </summary>
[TestClass]
public sealed class ServingTests
{
    private static string Key(ReliabilityFixture.Prediction p) =>
        string.Join(" ", p.Score.Select(ReliabilityFixture.Bits)) + " → " + p.PredictedLabel;

    private static RecurrentTextClassifierTransformer Classifier(ITransformer model) =>
        ((IEnumerable<ITransformer>)model).OfType<RecurrentTextClassifierTransformer>().Single();

    [TestMethod]
    public void EnginePerRequestWithDefaultOptions_DisposedEachTime_KeepsScoringTheSameModel()
    {
        var ml = new MLContext(seed: 1);
        ITransformer model = ReliabilityFixture.Load(ml, ReliabilityFixture.Reference.Zip);
        var rows = ReliabilityFixture.ProbeRows;
        string[] scores = new string[3 * rows.Count];
        for (int i = 0; i < scores.Length; i++)
        {
            using var engine = ml.Model.CreatePredictionEngine<TestCorpus.Row, ReliabilityFixture.Prediction>(model);
            scores[i] = Key(engine.Predict(rows[i % rows.Count]));
        }

        for (int i = 0; i < scores.Length; i++) Assert.AreEqual(scores[i % rows.Count], scores[i], $"request {i}");
        CollectionAssert.AreEqual(ReliabilityFixture.Reference.Predictions, ReliabilityFixture.Predict(ml, model), "Transform after the engines");
        RecurrentTextClassifierTransformer.ReleaseNativeMemoryOf(model);
    }

    [TestMethod]
    public void ModelDroppedWithoutRelease_FreesItsNativeModuleWhenCollected()
    {
        // The test keeps the module's parameter objects (not the model) so that it can look at them after the model is
        // collected. TorchSharp never frees a native module in a finalizer; without the model's own finalizer the
        // parameters would stay allocated while referenced, and the native modules for the life of the process.
        (List<TorchSharp.Modules.Parameter> parameters, WeakReference transformer) = LoadScoreAndDrop();
        long trims = NativeMemory.Trims;
        for (int i = 0; i < 3; i++) ReliabilityFixture.LiveTensorsAfterCollection();

        Assert.IsFalse(transformer.IsAlive, "precondition: the dropped transformer was collected");
        Assert.IsNotEmpty(parameters);
        Assert.IsTrue(parameters.All(p => p.IsInvalid), $"{parameters.Count(p => !p.IsInvalid)} of {parameters.Count} parameters still allocated");
        Assert.IsGreaterThan(trims, NativeMemory.Trims, "the finalizer returned the freed memory (malloc_trim)");
    }

    [TestMethod]
    public void ReleaseNativeMemory_ReturnsTheFreedMemoryToTheSystem_OncePerModel()
    {
        // glibc keeps freed memory in the freeing thread's arena; a server that reloads its model kept several MiB
        // per reload resident until malloc_trim (docs/serving.md, "Memory across reloads").
        var ml = new MLContext(seed: 1);
        ITransformer model = ReliabilityFixture.Load(ml, ReliabilityFixture.Reference.Zip);
        using (var engine = ml.Model.CreatePredictionEngine<TestCorpus.Row, ReliabilityFixture.Prediction>(model))
            engine.Predict(ReliabilityFixture.ProbeRows[0]);
        long before = NativeMemory.Trims;

        Assert.AreEqual(1, RecurrentTextClassifierTransformer.ReleaseNativeMemoryOf(model));
        long afterRelease = NativeMemory.Trims;
        RecurrentTextClassifierTransformer.ReleaseNativeMemoryOf(model);

        Assert.AreEqual(before + 1, afterRelease, "one malloc_trim when the weights are freed");
        Assert.AreEqual(afterRelease, NativeMemory.Trims, "releasing again frees nothing and trims nothing");
    }

    [TestMethod]
    public void ScoringOneModel_ASecondThreadScoresWhileAnotherCallIsInProgress()
    {
        var ml = new MLContext(seed: 1);
        ITransformer model = ReliabilityFixture.Load(ml, ReliabilityFixture.Reference.Zip);
        RecurrentTextClassifierTransformer classifier = Classifier(model);
        string[] other = [];
        bool otherFinished = false;

        // The first call holds the model until a second thread has scored all probe rows through Transform; with
        // a model-wide lock the second thread would wait for the first, which waits for it (the wait gives up after
        // a minute and the test fails).
        classifier.Scorer.Use(_ =>
        {
            var thread = new Thread(() => other = ReliabilityFixture.Predict(ml, model));
            thread.Start();
            otherFinished = thread.Join(TimeSpan.FromMinutes(1));
            return true;
        });

        Assert.IsTrue(otherFinished, "the second thread scored while the first call was in progress");
        CollectionAssert.AreEqual(ReliabilityFixture.Reference.Predictions, other);
        RecurrentTextClassifierTransformer.ReleaseNativeMemoryOf(model);
    }

    [TestMethod]
    public void SingleRowPrediction_RunsOnOneIntraOpThread_AndLeavesTheCallingThreadsSettingAsItWas()
    {
        Assert.IsGreaterThan(1, Environment.ProcessorCount, "precondition: more than one processor, so the default is not 1");
        var ml = new MLContext(seed: 1);
        ITransformer model = ReliabilityFixture.Load(ml, ReliabilityFixture.Reference.Zip);
        RecurrentClassifierModule module = Classifier(model).Scorer.Use(m => m);
        var during = new List<int>();
        var hook = module.register_forward_pre_hook(_ => during.Add(torch.get_num_threads()));
        int before = 0, after = 0, batched = 0;

        var thread = new Thread(() =>
        {
            before = torch.get_num_threads();
            using (var engine = ml.Model.CreatePredictionEngine<TestCorpus.Row, ReliabilityFixture.Prediction>(model))
                engine.Predict(ReliabilityFixture.ProbeRows[0]);
            after = torch.get_num_threads();
            model.Transform(TestCorpus.Load(ml, TestCorpus.Multiclass(40, seed: 3))).GetColumn<float[]>("Score").ToList();
            batched = during[^1];
        });
        thread.Start();
        thread.Join();
        hook.remove();

        Assert.IsGreaterThan(1, before, "precondition: a new thread starts with libtorch's default thread count");
        Assert.AreEqual(1, during[0], "intra-op threads during the single-row forward pass");
        Assert.AreEqual(before, after, "the calling thread's setting afterwards");
        Assert.AreEqual(before, batched, "a 40-row Transform batch keeps the thread's setting");
        RecurrentTextClassifierTransformer.ReleaseNativeMemoryOf(model);
    }

    private static (List<TorchSharp.Modules.Parameter> Parameters, WeakReference Transformer) LoadScoreAndDrop()
    {
        var ml = new MLContext(seed: 1);
        ITransformer model = ReliabilityFixture.Load(ml, ReliabilityFixture.Reference.Zip);
        using var engine = ml.Model.CreatePredictionEngine<TestCorpus.Row, ReliabilityFixture.Prediction>(model);
        engine.Predict(ReliabilityFixture.ProbeRows[0]);
        RecurrentTextClassifierTransformer classifier = Classifier(model);
        return (classifier.Scorer.Use(m => m.parameters().ToList()), new WeakReference(classifier));
    }
}
