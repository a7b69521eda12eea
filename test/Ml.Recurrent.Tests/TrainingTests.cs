using Microsoft.ML;
using Ml.Recurrent.Sequences;
using Ml.Recurrent.Training;
using static TorchSharp.torch;

namespace Ml.Recurrent.Tests;

[TestClass]
public sealed class TrainingTests
{
    /// <summary>Rows of varied length whose label is recoverable from their tokens: label = first token mod 3.</summary>
    private static TokenSequenceStore LabelledByContent(int rows, int seed)
    {
        var random = new Random(seed);
        var builder = new TokenSequenceStore.Builder();
        for (int i = 0; i < rows; i++)
        {
            int length = random.Next(1, 40);
            int[] tokens = Enumerable.Range(0, length).Select(_ => random.Next(1, 100)).ToArray();
            builder.Add(tokens, tokens[0] % 3);
        }

        return builder.Build();
    }

    [TestMethod]
    [DataRow(16, null)]
    [DataRow(7, null)]
    [DataRow(64, 200)]
    public void Batches_CoverEveryRowExactlyOncePerEpoch(int batchSize, int? tokenBudget)
    {
        TokenSequenceStore store = LabelledByContent(1_000, seed: 1);
        var batcher = new LengthBucketBatcher(batchSize, tokenBudget);
        var random = new Random(5);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            List<int[]> batches = batcher.MakeBatches(store, random);
            int[] rows = batches.SelectMany(b => b).Order().ToArray();
            CollectionAssert.AreEqual(Enumerable.Range(0, store.Count).ToArray(), rows, $"epoch {epoch}");
            Assert.IsTrue(batches.All(b => b.Length >= 1 && b.Length <= batchSize));
            if (tokenBudget is { } budget)
                Assert.IsTrue(batches.All(b => b.Length == 1 || b.Length * b.Max(store.Length) <= budget), "token budget respected");
        }
    }

    [TestMethod]
    public void LengthBucketing_ReducesPadding_ComparedWithRandomBatches()
    {
        TokenSequenceStore store = LabelledByContent(2_000, seed: 2);
        long Padding(IEnumerable<int[]> batches) => batches.Sum(b => (long)b.Length * b.Max(store.Length) - b.Sum(store.Length));
        List<int[]> bucketed = new LengthBucketBatcher(32).MakeBatches(store, new Random(1));
        int[] shuffled = Enumerable.Range(0, store.Count).ToArray();
        new Random(1).Shuffle(shuffled);
        List<int[]> random = shuffled.Chunk(32).ToList();

        Assert.IsLessThan(Padding(random) / 5, Padding(bucketed), $"bucketed {Padding(bucketed)} vs random {Padding(random)} padding tokens");
    }

    [TestMethod]
    public void SortingAndCollation_NeverSeparateALabelFromItsText()
    {
        TokenSequenceStore store = LabelledByContent(500, seed: 3);
        using var scope = NewDisposeScope();
        foreach (int[] batch in new LengthBucketBatcher(16).MakeBatches(store, new Random(9)))
        {
            (Tensor tokens, Tensor lengths) = BatchCollator.Collate(store, batch);
            long[] first = tokens.select(1, 0).data<long>().ToArray();
            long[] length = lengths.data<long>().ToArray();
            for (int i = 0; i < batch.Length; i++)
            {
                Assert.AreEqual(store.Label(batch[i]), (int)(first[i] % 3), "the label travels with its own tokens");
                Assert.AreEqual(store.Length(batch[i]), (int)length[i]);
                long[] row = tokens[i].data<long>().ToArray();
                Assert.IsTrue(row.Skip((int)length[i]).All(t => t == 0), "right padding with id 0");
            }
        }
    }

    [TestMethod]
    public void OneCycleSchedule_WarmsUpToPeakThenAnnealsToPeakOver25000()
    {
        var schedule = new LearningRateSchedule(LearningRateScheduleKind.OneCycle, peak: 1e-2, totalSteps: 100);

        Assert.AreEqual(1e-2 / 25, schedule.At(0), 1e-12);
        Assert.AreEqual(1e-2, schedule.At(25), 1e-12);
        Assert.AreEqual(1e-2 / 25 / 1000, schedule.At(99), 1e-12);
        for (int s = 1; s <= 25; s++) Assert.IsGreaterThan(schedule.At(s - 1), schedule.At(s), $"rising at {s}");
        for (int s = 26; s < 100; s++) Assert.IsLessThan(schedule.At(s - 1), schedule.At(s), $"falling at {s}");
        Assert.AreEqual((1e-2 + 1e-2 / 25 / 1000) / 2, schedule.At(25 + 37), 1e-4, "cosine midpoint");
    }

    [TestMethod]
    public void ConstantSchedule_GivesThePeakAtEveryStep()
    {
        var schedule = new LearningRateSchedule(LearningRateScheduleKind.Constant, peak: 3e-3, totalSteps: 10);
        Assert.IsTrue(Enumerable.Range(0, 10).All(s => schedule.At(s) == 3e-3));
    }

    /// <summary>Tokenized training rows and validation rows whose labels are the opposite of the training labels:
    /// the better a model fits the training data, the worse its validation loss.</summary>
    private static (IDataView Train, IDataView Validation) OpposedValidation(MLContext ml)
    {
        List<TestCorpus.BinaryRow> train = TestCorpus.Binary(200, seed: 1);
        List<TestCorpus.BinaryRow> flipped = TestCorpus.Binary(60, seed: 2).Select(r => new TestCorpus.BinaryRow { Text = r.Text, Label = !r.Label }).ToList();
        var tokenizer = ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", new RecurrentTokenizerOptions { MinimumCount = 1 }).Fit(TestCorpus.Load(ml, train));
        return (tokenizer.Transform(TestCorpus.Load(ml, train)), tokenizer.Transform(TestCorpus.Load(ml, flipped)));
    }

    [TestMethod]
    public void RecurrentShare_ChosenOnValidationRows_LowersTheirLoss_AndIsReported()
    {
        // As below: validation labels oppose the training labels, so the recurrent part's logits hurt there.
        var ml = new MLContext(seed: 1);
        (IDataView train, IDataView validation) = OpposedValidation(ml);
        RecurrentTextClassifierOptions options = ClassifierTests.Small(epochs: 3);
        options.BagOfNgramsLength = 2;
        options.ValidationData = validation;

        using RecurrentTextClassifierTransformer model = ml.BinaryClassification.Trainers.RecurrentTextClassifier(options).Fit(train);
        TrainingHistory history = model.Model.History!;

        Assert.IsNotNull(history.RecurrentShare);
        Assert.IsLessThan(1.0, history.RecurrentShare.Value, "the recurrent part's logits were shrunk");
        double loss = ml.BinaryClassification.Evaluate(model.Transform(validation)).LogLoss * Math.Log(2);
        Assert.IsLessThan(history.Epochs[^1].ValidationLoss!.Value, loss, "the shrunk model's validation loss is lower");
        Assert.AreEqual(BagOfNgramsTraining.Joint, history.BagOfNgramsTraining, "short texts: the joint loss");
    }

    [TestMethod]
    public void EarlyStopping_RestoresTheBestEpoch_WhenValidationGetsWorse()
    {
        // Validation labels are the opposite of the training labels: the better the model fits the training
        // data, the worse its validation loss, so the first epoch is the best one.
        var ml = new MLContext(seed: 1);
        (IDataView train, IDataView validation) = OpposedValidation(ml);
        RecurrentTextClassifierOptions options = ClassifierTests.Small(epochs: 8);
        options.ValidationData = validation;
        options.EarlyStoppingPatience = 2;
        options.LearningRateSchedule = LearningRateScheduleKind.Constant;
        options.SelectRecurrentShare = false; // the kept epoch's weights as trained (the share is tested below)

        using RecurrentTextClassifierTransformer model = ml.BinaryClassification.Trainers.RecurrentTextClassifier(options).Fit(train);
        TrainingHistory history = model.Model.History!;

        Assert.IsNull(history.RecurrentShare);
        Assert.IsTrue(history.StoppedEarly, $"stopped early after {history.Epochs.Count} epochs");
        int best = history.Epochs.MinBy(e => e.ValidationLoss!.Value)!.Epoch;
        Assert.AreEqual(best, history.KeptEpoch);
        Assert.IsLessThan(history.Epochs.Count, history.KeptEpoch, "a later epoch was worse");
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(validation));
        Assert.AreEqual(history.Epochs[best - 1].ValidationLoss!.Value, metrics.LogLoss * Math.Log(2), 1e-4,
            "the kept weights reproduce the best epoch's validation loss (ML.NET log-loss is in bits)");
    }

    [TestMethod]
    public void BestEpochByAccuracy_KeepsTheEpochOfHighestValidationAccuracy_AndItsWeights()
    {
        var ml = new MLContext(seed: 1);
        List<TestCorpus.BinaryRow> train = TestCorpus.Binary(200, seed: 3);
        var tokenizer = ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", new RecurrentTokenizerOptions { MinimumCount = 1 }).Fit(TestCorpus.Load(ml, train));
        IDataView validation = tokenizer.Transform(TestCorpus.Load(ml, TestCorpus.Binary(80, seed: 4)));
        RecurrentTextClassifierOptions options = ClassifierTests.Small(epochs: 6);
        options.BagOfNgramsLength = 0; // the recurrent model alone: its validation curve tells the two criteria apart
        options.ValidationData = validation;
        options.ValidationMetric = ValidationMetric.Accuracy;

        using RecurrentTextClassifierTransformer model = ml.BinaryClassification.Trainers.RecurrentTextClassifier(options).Fit(tokenizer.Transform(TestCorpus.Load(ml, train)));
        TrainingHistory history = model.Model.History!;

        double bestAccuracy = history.Epochs.Max(e => e.ValidationAccuracy!.Value);
        int firstBest = history.Epochs.First(e => e.ValidationAccuracy == bestAccuracy).Epoch;
        int lowestLoss = history.Epochs.MinBy(e => e.ValidationLoss!.Value)!.Epoch;
        string curve = string.Join(", ", history.Epochs.Select(e => $"{e.Epoch}: accuracy {e.ValidationAccuracy:F4} loss {e.ValidationLoss:F4}"));
        Assert.AreNotEqual(lowestLoss, firstBest, $"the data must tell the two criteria apart: {curve}");
        Assert.AreEqual(firstBest, history.KeptEpoch, curve);
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(validation));
        Assert.AreEqual(bestAccuracy, metrics.Accuracy, 1e-9, "the kept weights reproduce the best epoch's validation accuracy");
    }

    [TestMethod]
    public void Cancellation_StopsWithinOneBatch_AndTheEstimatorStaysReusable()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", new RecurrentTokenizerOptions { MinimumCount = 1 }))
            .Fit(TestCorpus.Load(ml, TestCorpus.Multiclass(300, seed: 1))).Transform(TestCorpus.Load(ml, TestCorpus.Multiclass(300, seed: 1)));
        using var cancellation = new CancellationTokenSource();
        var reports = new List<TrainingProgress>();
        RecurrentTextClassifierOptions options = ClassifierTests.Small(epochs: 3);
        options.CancellationToken = cancellation.Token;
        options.Progress = new SynchronousProgress(p =>
        {
            reports.Add(p);
            if (p.Epoch == 2 && p.Batch == 3) cancellation.Cancel();
        });
        RecurrentTextClassifierEstimator estimator = ml.MulticlassClassification.Trainers.RecurrentTextClassifier(options);

        Assert.ThrowsExactly<OperationCanceledException>(() => estimator.Fit(data));
        Assert.AreEqual((2, 3), (reports[^1].Epoch, reports[^1].Batch), "no batch ran after the one that saw the cancellation");

        options.CancellationToken = CancellationToken.None;
        options.Progress = null;
        using RecurrentTextClassifierTransformer again = ml.MulticlassClassification.Trainers.RecurrentTextClassifier(options).Fit(data);
        Assert.HasCount(3, again.Model.History!.Epochs);
    }

    [TestMethod]
    public void MlContextCancelExecution_StopsTraining()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", new RecurrentTokenizerOptions { MinimumCount = 1 }))
            .Fit(TestCorpus.Load(ml, TestCorpus.Multiclass(200, seed: 1))).Transform(TestCorpus.Load(ml, TestCorpus.Multiclass(200, seed: 1)));
        int batchesAfterCancel = 0;
        bool canceled = false;
        RecurrentTextClassifierOptions options = ClassifierTests.Small(epochs: 3);
        options.Progress = new SynchronousProgress(p =>
        {
            if (canceled) batchesAfterCancel++;
            if (p.Epoch == 1 && p.Batch == 2)
            {
                // MLContext.CancelExecution() is internal in ML.NET 5.0.1 (ML.NET's own AutoML calls it); honour it anyway.
                typeof(MLContext).GetMethod("CancelExecution", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)!.Invoke(ml, null);
                canceled = true;
            }
        });

        Assert.ThrowsExactly<OperationCanceledException>(() => ml.MulticlassClassification.Trainers.RecurrentTextClassifier(options).Fit(data));
        Assert.AreEqual(0, batchesAfterCancel);
    }

    [TestMethod]
    public void History_RecordsEveryEpoch_WithLearningRateTimeAndThroughput()
    {
        var ml = new MLContext(seed: 1);
        RecurrentTextClassifierOptions options = ClassifierTests.Small(epochs: 3);
        options.ValidationFraction = 0.2f;
        var chain = (IEnumerable<ITransformer>)ClassifierTests.MulticlassPipeline(ml, options).Fit(TestCorpus.Load(ml, TestCorpus.Multiclass(150, seed: 1)));
        TrainingHistory history = chain.OfType<RecurrentTextClassifierTransformer>().Single().Model.History!;

        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, history.Epochs.Select(e => e.Epoch).ToArray());
        Assert.AreEqual(120, history.TrainingRows, "20% of 150 rows held out");
        Assert.IsTrue(history.Epochs.All(e => e.ValidationLoss.HasValue && e.ValidationAccuracy.HasValue && e.Seconds > 0 && e.TokensPerSecond > 0 && e.LearningRate > 0));
        Assert.IsLessThan(history.Epochs[0].TrainingLoss, history.Epochs[^1].TrainingLoss, "training loss falls");
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
