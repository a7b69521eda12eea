using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Ml.Recurrent.Tests.Reliability;

/// <summary>The bad-input matrix of docs/reliability.md: messy texts, missing or odd labels, zero rows.</summary>
[TestClass]
public sealed class BadInputTests
{
    private static readonly RecurrentTextClassifierOptions Options = ReliabilityFixture.Tiny();

    private static TestCorpus.Row Row(string? text, string label) => new() { Text = text!, Label = label };

    [TestMethod]
    public void NullEmptyAndWhitespaceTexts_TrainAndScore_AsOneMissingKeyToken()
    {
        var ml = new MLContext(seed: 1);
        List<TestCorpus.Row> rows = [.. TestCorpus.Multiclass(60, seed: 1), Row(null, "food"), Row(string.Empty, "tech"), Row(" \t\r\n ", "sports")];
        var model = (IEnumerable<ITransformer>)ClassifierTests.MulticlassPipeline(ml, Options).Fit(TestCorpus.Load(ml, rows));
        var classifier = model.OfType<RecurrentTextClassifierTransformer>().Single();
        Assert.AreEqual(rows.Count, classifier.Model.History!.TrainingRows, "empty texts are training rows too");

        TestCorpus.Row[] empties = [Row(null, "food"), Row(string.Empty, "food"), Row("   ", "food"), Row("\n\t", "food")];
        float[][] batched = ((ITransformer)model).Transform(TestCorpus.Load(ml, empties)).GetColumn<float[]>("Score").ToArray();
        using var engine = ml.Model.CreatePredictionEngine<TestCorpus.Row, ReliabilityFixture.Prediction>((ITransformer)model, new PredictionEngineOptions { OwnsTransformer = false });
        float[] single = engine.Predict(Row(null, "food")).Score;

        foreach (float[] scores in batched.Append(single))
        {
            CollectionAssert.AreEqual(batched[0], scores, "every empty text is the same input: one missing-key token");
            Assert.AreEqual(1.0, scores.Sum(), 1e-5);
            Assert.IsTrue(scores.All(float.IsFinite));
        }
    }

    [TestMethod]
    public void TextOf100000Tokens_IsTruncatedToMaximumLength_InTrainingAndScoring()
    {
        var ml = new MLContext(seed: 1);
        string[] words = ["goal", "code", "pasta", "the", "match"];
        string longText = string.Join(' ', Enumerable.Range(0, 100_001).Select(i => words[i % words.Length]));
        var tokenizerOptions = new RecurrentTokenizerOptions { MinimumCount = 1, MaximumLength = 64 };
        ITransformer model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", tokenizerOptions))
            .Append(ml.MulticlassClassification.Trainers.RecurrentTextClassifier(Options))
            .Fit(TestCorpus.Load(ml, [.. TestCorpus.Multiclass(60, seed: 1), Row(longText, "sports")]));
        string prefix = string.Join(' ', Enumerable.Range(0, 64).Select(i => words[i % words.Length]));

        float[][] scores = model.Transform(TestCorpus.Load(ml, [Row(longText, "sports"), Row(prefix, "sports")])).GetColumn<float[]>("Score").ToArray();
        VBuffer<uint>[] tokens = model.Transform(TestCorpus.Load(ml, [Row(longText, "sports")])).GetColumn<VBuffer<uint>>("Tokens").ToArray();

        Assert.AreEqual(64, tokens[0].Length, "the tokenizer keeps the first MaximumLength tokens");
        CollectionAssert.AreEqual(scores[1], scores[0], "a 100,001-token text scores exactly like its first 64 tokens");
    }

    [TestMethod]
    public void LoneSurrogatesAndControlCharacters_SplitWords_AndSaveLoadGivesIdenticalScores()
    {
        var ml = new MLContext(seed: 1);
        string messy = "goal\uD800match \uDC00team\u0000score\u0001 \u001B[31m coach\u200B \uDBFF";
        List<TestCorpus.Row> rows = [.. TestCorpus.Multiclass(60, seed: 1), Row(messy, "sports"), Row("code\uDFFF\uD800chip", "tech")];
        ITransformer model = ClassifierTests.MulticlassPipeline(ml, Options).Fit(TestCorpus.Load(ml, rows));
        RecurrentTokenizerTransformer tokenizer = ((IEnumerable<ITransformer>)model).OfType<RecurrentTokenizerTransformer>().Single();
        IDataView probe = TestCorpus.Load(ml, [Row(messy, "sports"), Row("\uD800", "tech"), Row("\u0000\u0001\u0002", "food")]);

        string[] before = Scores(model, probe);
        using var saved = new MemoryStream();
        ml.Model.Save(model, null, saved);
        string[] after = Scores(ReliabilityFixture.Load(new MLContext(seed: 2), saved.ToArray()), probe);

        Assert.IsFalse(tokenizer.Vocabulary.Any(t => t.Any(c => char.IsSurrogate(c) || char.IsControl(c))), "no lone surrogate or control character becomes a term");
        CollectionAssert.IsSubsetOf(new[] { "goal", "match", "team", "score", "coach" }, tokenizer.Encode(messy).Select(k => tokenizer.Vocabulary[(int)k - 1]).ToArray());
        CollectionAssert.AreEqual(before, after);
    }

    [TestMethod]
    public void LoneSurrogates_PretrainedCl100k_EncodesWithoutError()
    {
        var ml = new MLContext(seed: 1);
        RecurrentTokenizerTransformer tokenizer = ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", new RecurrentTokenizerOptions { Pretrained = PretrainedTokenizer.Cl100kBase })
            .Fit(TestCorpus.Load(ml, [Row("x", "a")]));

        uint[] keys = tokenizer.Encode("goal\uD800 \uDC00\u0000score");

        Assert.IsNotEmpty(keys);
        Assert.IsTrue(keys.All(k => k >= 1 && k <= tokenizer.VocabularySize));
    }

    [TestMethod]
    public void LoneSurrogateInAClassName_Save_ThrowsNamingTheClass_InsteadOfChangingIt()
    {
        var ml = new MLContext(seed: 1);
        List<TestCorpus.Row> rows = TestCorpus.Multiclass(60, seed: 1).Select(r => Row(r.Text, r.Label == "food" ? "fo\uD800od" : r.Label)).ToList();
        IDataView train = TestCorpus.Load(ml, rows);
        ITransformer model = ClassifierTests.MulticlassPipeline(ml, Options).Fit(train);
        CollectionAssert.Contains(((IEnumerable<ITransformer>)model).OfType<RecurrentTextClassifierTransformer>().Single().Model.ClassNames.ToArray(), "fo\uD800od");
        Assert.HasCount(60, model.Transform(train).GetColumn<string>("PredictedLabel").ToArray(), "training and scoring work in memory");

        Exception ex = Assert.Throws<Exception>(() => ml.Model.Save(model, train.Schema, new MemoryStream()));

        var ours = ReliabilityFixture.Find<InvalidOperationException>(ex);
        StringAssert.Contains(ours.Message, "Cannot save class name #");
        StringAssert.Contains(ours.Message, "'fo\\uD800od'");
        StringAssert.Contains(ours.Message, "lone UTF-16 surrogate at index 2");
    }

    [TestMethod]
    public void LoneSurrogateInMlNetTokenKeys_IsStoredAsReplacementCharacter_AndReloadsWithIdenticalScores()
    {
        var ml = new MLContext(seed: 1);
        List<TestCorpus.Row> rows = [.. TestCorpus.Multiclass(60, seed: 1), Row("goal \uD800oops team", "sports"), Row("code \uD800oops chip", "tech")];
        IDataView train = TestCorpus.Load(ml, rows);
        ITransformer model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.TokenizeIntoWords("Words", "Text"))
            .Append(ml.Transforms.Conversion.MapValueToKey("Tokens", "Words"))
            .Append(ml.MulticlassClassification.Trainers.RecurrentTextClassifier(Options))
            .Fit(train);
        IDataView probe = TestCorpus.Load(ml, [Row("goal \uD800oops", "sports"), Row("chip code", "tech")]);
        using var saved = new MemoryStream();
        ml.Model.Save(model, train.Schema, saved);

        ITransformer loaded = ReliabilityFixture.Load(new MLContext(seed: 2), saved.ToArray());

        IReadOnlyList<string> terms = ((IEnumerable<ITransformer>)loaded).OfType<RecurrentTextClassifierTransformer>().Single().Model.TokenTerms;
        CollectionAssert.Contains(terms.ToArray(), "\uFFFDoops");
        CollectionAssert.AreEqual(Scores(model, probe), Scores(loaded, probe));
    }

    [TestMethod]
    public void MissingMulticlassLabels_AreSkipped_CountedInHistory_AndLoggedAsAWarning()
    {
        var ml = new MLContext(seed: 1);
        var warnings = new List<string>();
        ml.Log += (_, e) =>
        {
            if (e.Kind == ChannelMessageKind.Warning) lock (warnings) warnings.Add(e.Message);
        };
        List<TestCorpus.Row> rows = [.. TestCorpus.Multiclass(60, seed: 1), Row("goal team", string.Empty), Row("code chip", string.Empty), Row("soup bread", null!)];
        IDataView data = TestCorpus.Load(ml, rows);
        Assert.AreEqual(3, ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data).GetColumn<uint>("Label").Count(k => k == 0), "precondition: empty labels map to the missing key 0");

        var model = (IEnumerable<ITransformer>)ClassifierTests.MulticlassPipeline(ml, Options).Fit(data);

        TrainingHistory history = model.OfType<RecurrentTextClassifierTransformer>().Single().Model.History!;
        Assert.AreEqual(3, history.SkippedRows);
        Assert.AreEqual(60, history.TrainingRows);
        Assert.IsTrue(warnings.Any(w => w.Contains("Skipped 3 training row(s) whose label 'Label' is missing", StringComparison.Ordinal)), string.Join("\n", warnings));
    }

    [TestMethod]
    public void AllLabelsMissing_Fit_ThrowsArgumentExceptionNamingColumnAndSkippedCount()
    {
        var ml = new MLContext(seed: 1);
        IDataView keyed = KeyedByAnotherCorpus(ml, TestCorpus.Multiclass(5, seed: 3).Select(r => Row(r.Text, "never-learned")));

        var ex = Assert.ThrowsExactly<ArgumentException>(() => ml.MulticlassClassification.Trainers.RecurrentTextClassifier(Options).Fit(keyed));

        StringAssert.Contains(ex.Message, "no rows with a label in 'Label' (5 row(s) skipped because their label is missing");
    }

    [TestMethod]
    public void SingleClass_Fit_ThrowsNamingTheColumnAndTheClass()
    {
        var ml = new MLContext(seed: 1);
        IDataView oneClass = TestCorpus.Load(ml, TestCorpus.Multiclass(30, seed: 1).Select(r => Row(r.Text, "sports")));
        var oneKey = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ClassifierTests.MulticlassPipeline(ml, Options).Fit(oneClass));
        StringAssert.Contains(oneKey.Message, "Label column 'Label' has 1 class ('sports'); a classifier needs at least 2");

        IDataView threeKeysOneUsed = KeyedByAnotherCorpus(ml, TestCorpus.Multiclass(30, seed: 1).Where(r => r.Label == "tech"));
        var oneUsed = Assert.ThrowsExactly<ArgumentException>(() => ml.MulticlassClassification.Trainers.RecurrentTextClassifier(Options).Fit(threeKeysOneUsed));
        StringAssert.Contains(oneUsed.Message, "Label column 'Label': every training row has the same class ('tech')");

        IDataView allTrue = TestCorpus.Load(ml, TestCorpus.Binary(20, seed: 1).Select(r => new TestCorpus.BinaryRow { Text = r.Text, Label = true }));
        var binary = Assert.ThrowsExactly<ArgumentException>(() => ClassifierTests.BinaryPipeline(ml, Options).Fit(allTrue));
        StringAssert.Contains(binary.Message, "every training row has the same class ('True')");
    }

    [TestMethod]
    public void LabelNeverSeenInTraining_AtScoring_MapsToMissingKey_ScoresLikeAKnownLabel_AndEvaluates()
    {
        var ml = new MLContext(seed: 1);
        ITransformer model = ClassifierTests.MulticlassPipeline(ml, Options).Fit(TestCorpus.Load(ml, TestCorpus.Multiclass(60, seed: 1)));
        List<TestCorpus.Row> known = TestCorpus.Multiclass(6, seed: 4);
        List<TestCorpus.Row> unseen = known.Select(r => Row(r.Text, "weather")).ToList();

        IDataView scored = model.Transform(TestCorpus.Load(ml, [.. unseen, .. known]));
        uint[] labelKeys = scored.GetColumn<uint>("Label").ToArray();
        string[] scores = scored.GetColumn<float[]>("Score").Select(s => string.Join(" ", s.Select(ReliabilityFixture.Bits))).ToArray();
        MulticlassClassificationMetrics metrics = ml.MulticlassClassification.Evaluate(scored);
        using var engine = ml.Model.CreatePredictionEngine<TestCorpus.Row, ReliabilityFixture.Prediction>(model, new PredictionEngineOptions { OwnsTransformer = false });

        CollectionAssert.AreEqual(new uint[6], labelKeys[..6], "an unseen label becomes the missing key 0");
        CollectionAssert.AreEqual(scores[6..], scores[..6], "the label never influences the prediction");
        Assert.IsTrue(double.IsFinite(metrics.MicroAccuracy));
        CollectionAssert.Contains(TestCorpus.Classes.ToArray(), engine.Predict(unseen[0]).PredictedLabel);
    }

    [TestMethod]
    public void ZeroRows_FitThrowsNamingTheColumn_ScoringZeroRowsGivesZeroRows()
    {
        var ml = new MLContext(seed: 1);
        IDataView empty = TestCorpus.Load(ml, new List<TestCorpus.Row>());
        var pipeline = Assert.ThrowsExactly<ArgumentException>(() => ClassifierTests.MulticlassPipeline(ml, Options).Fit(empty));
        StringAssert.Contains(pipeline.Message, "Column 'Text': the training data has no rows");

        IDataView keyed = KeyedByAnotherCorpus(ml, []);
        var classifier = Assert.ThrowsExactly<ArgumentException>(() => ml.MulticlassClassification.Trainers.RecurrentTextClassifier(Options).Fit(keyed));
        StringAssert.Contains(classifier.Message, "no rows with a label in 'Label' (it has no rows)");

        ITransformer model = ClassifierTests.MulticlassPipeline(ml, Options).Fit(TestCorpus.Load(ml, TestCorpus.Multiclass(30, seed: 1)));
        Assert.IsEmpty(model.Transform(empty).GetColumn<float[]>("Score").ToArray());
    }

    /// <summary>Label keys and tokens learned from a normal corpus, applied to <paramref name="rows"/>.</summary>
    private static IDataView KeyedByAnotherCorpus(MLContext ml, IEnumerable<TestCorpus.Row> rows)
    {
        ITransformer keys = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", new RecurrentTokenizerOptions { MinimumCount = 1 }))
            .Fit(TestCorpus.Load(ml, TestCorpus.Multiclass(30, seed: 1)));
        return keys.Transform(TestCorpus.Load(ml, rows.ToList()));
    }

    private static string[] Scores(ITransformer model, IDataView data) =>
        model.Transform(data).GetColumn<float[]>("Score").Select(s => string.Join(" ", s.Select(ReliabilityFixture.Bits))).ToArray();
}
