using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Recurrent.Tests.Reliability;

/// <summary>
/// Issue 13, case 1: every limit a model reader enforces is enforced when training (or cannot be reached), so Save
/// never writes a model that Load refuses; a reader that meets an over-limit value in an intact entry says which limit
/// and that an older version wrote it, not that the file is damaged.
/// </summary>
[TestClass]
public sealed class StoredLimitsTests
{
    private static TestCorpus.Row Row(string text, string label) => new() { Text = text, Label = label };

    private static List<TestCorpus.Row> WithExtraRows(params TestCorpus.Row[] extra) =>
        [.. TestCorpus.Multiclass(60, seed: 1), .. extra];

    [TestMethod]
    public void AWordOf32769CyrillicLetters_TrainsSavesAndLoads_AndIsReadAsTheUnknownToken()
    {
        var ml = new MLContext(seed: 1);
        string huge = new('ж', 32_769); // 65,538 UTF-8 bytes: over the 65,536 a saved term may hold
        IDataView train = TestCorpus.Load(ml, WithExtraRows(Row($"goal {huge} match", "sports"), Row(huge, "sports")));
        ITransformer model = ClassifierTests.MulticlassPipeline(ml, ReliabilityFixture.Tiny()).Fit(train);
        var tokenizer = ((IEnumerable<ITransformer>)model).OfType<RecurrentTokenizerTransformer>().Single();
        IDataView probe = TestCorpus.Load(ml, [Row($"goal {huge} match", "sports"), Row("goal xxunk match", "sports")]);
        string[] before = Scores(model, probe);

        using var saved = new MemoryStream();
        ml.Model.Save(model, train.Schema, saved);
        ITransformer loaded = ReliabilityFixture.Load(new MLContext(seed: 2), saved.ToArray());

        CollectionAssert.AreEqual(before, Scores(loaded, probe), "the saved model loads and scores as trained");
        Assert.IsTrue(tokenizer.Vocabulary.All(t => t.Length <= RecurrentTokenizerOptions.DefaultMaximumWordLength));
        CollectionAssert.AreEqual(tokenizer.Encode("goal xxunk match"), tokenizer.Encode($"goal {huge} match"),
            "a word over MaximumWordLength is the unknown token");
        Assert.AreEqual(before[1], before[0]);
    }

    [TestMethod]
    public void MaximumWordLength_KeepsWordsUpToIt_AndIsValidatedByName()
    {
        var ml = new MLContext(seed: 1);
        var options = new RecurrentTokenizerOptions { MinimumCount = 1, MaximumWordLength = 5 };
        RecurrentTokenizerTransformer tokenizer = ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", options)
            .Fit(TestCorpus.Load(ml, [Row("Short words, longer words", "a")]));

        CollectionAssert.AreEquivalent(new[] { "xxunk", "xxmaj", "xxup", "short", "words", "," },
            tokenizer.Vocabulary.ToArray());
        foreach (int bad in new[] { 0, RecurrentTokenizerOptions.MaximumWordLengthLimit + 1 })
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.Text.TokenizeForRecurrent(
                "Tokens", "Text", new RecurrentTokenizerOptions { MaximumWordLength = bad }));
            Assert.AreEqual("MaximumWordLength", ex.ParamName);
            StringAssert.Contains(ex.Message, $"got {bad}");
        }
    }

    [TestMethod]
    public void AClassNameOver65536Utf8Bytes_FitThrowsNamingTheLabelColumnAndTheLimit()
    {
        var ml = new MLContext(seed: 1);
        string label = new('ж', 32_769);
        IDataView train = TestCorpus.Load(ml, TestCorpus.Multiclass(60, seed: 1)
            .Select(r => Row(r.Text, r.Label == "food" ? label : r.Label)));

        var ex = Assert.Throws<ArgumentException>(
            () => ClassifierTests.MulticlassPipeline(ml, ReliabilityFixture.Tiny()).Fit(train));

        StringAssert.Contains(ex.Message, "class name #");
        StringAssert.Contains(ex.Message, "of label column 'Label'");
        StringAssert.Contains(ex.Message, "has 65538 UTF-8 bytes; a saved model holds at most 65536 per class name");
    }

    [TestMethod]
    public void AnMlNetTokenKeyOver65536Utf8Bytes_FitThrowsNamingTheTokenColumn()
    {
        var ml = new MLContext(seed: 1);
        string huge = new('x', 65_537);
        IDataView train = TestCorpus.Load(ml, WithExtraRows(Row($"goal {huge}", "sports")));
        IEstimator<ITransformer> pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.TokenizeIntoWords("Words", "Text"))
            .Append(ml.Transforms.Conversion.MapValueToKey("Tokens", "Words"))
            .Append(ml.MulticlassClassification.Trainers.RecurrentTextClassifier(ReliabilityFixture.Tiny()));

        var ex = Assert.Throws<ArgumentException>(() => pipeline.Fit(train));

        StringAssert.Contains(ex.Message, "of token column 'Tokens'");
        StringAssert.Contains(ex.Message, "has 65537 UTF-8 bytes; a saved model holds at most 65536 per term");
    }

    [TestMethod]
    public void ColumnNamesOver4096Utf8Bytes_AreRefusedWhenTheEstimatorIsMade()
    {
        var ml = new MLContext(seed: 1);
        string name = new('ж', 2049); // 4,098 UTF-8 bytes

        var tokenizer = Assert.Throws<ArgumentException>(
            () => ml.Transforms.Text.TokenizeForRecurrent(name, "Text"));
        var classifier = Assert.Throws<ArgumentException>(() => ml.MulticlassClassification.Trainers
            .RecurrentTextClassifier(new RecurrentTextClassifierOptions { FeatureColumnName = name }));

        Assert.AreEqual("outputColumnName", tokenizer.ParamName);
        Assert.AreEqual("FeatureColumnName", classifier.ParamName);
        foreach (ArgumentException ex in new[] { tokenizer, classifier })
            StringAssert.Contains(ex.Message, "has 4098 UTF-8 bytes; a saved model holds at most 4096 per column name");
    }

    [TestMethod]
    public void AnEmbeddingOver1GiB_FitThrowsBeforeAllocatingIt_NamingEmbeddingSize()
    {
        var ml = new MLContext(seed: 1);
        string words = string.Join(' ', Enumerable.Range(0, 65_532).Select(i => $"w{i}"));
        IDataView train = TestCorpus.Load(ml, [Row(words, "a"), Row("w1 w2", "b")]);
        RecurrentTextClassifierOptions wide = ReliabilityFixture.Tiny();
        wide.EmbeddingSize = 4096;
        IEstimator<ITransformer> pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text",
                new RecurrentTokenizerOptions { MinimumCount = 1, MaximumVocabularySize = 100_000, MaximumLength = 8 }))
            .Append(ml.MulticlassClassification.Trainers.RecurrentTextClassifier(wide));

        var ex = Assert.Throws<ArgumentException>(() => pipeline.Fit(train));

        StringAssert.Contains(ex.Message, "an embedding of 65537 rows");
        StringAssert.Contains(ex.Message, "4096 (EmbeddingSize)");
        StringAssert.Contains(ex.Message, "could be trained but not loaded again");
    }

    [TestMethod]
    public void AnIntactEntryWithATermOverTheLimit_TheReaderSaysWhichLimitAndThatAnOlderVersionWroteIt_NotDamaged()
    {
        // The payload an older version saved for a vocabulary with a 65,538-byte term (checksums are checked before).
        using var writer = new Persistence.PayloadWriter();
        writer.Write("Text", "input column name");
        writer.Write("Tokens", "output column name");
        writer.WriteEnum(PretrainedTokenizer.None);
        writer.Write(true);
        writer.Write(true);
        writer.Write(400);
        string[] terms = ["xxunk", "xxmaj", "xxup", new string('ж', 32_769)];
        writer.Write(terms.Length);
        foreach (string term in terms) writer.Write(term, "term", int.MaxValue);

        var ex = Assert.Throws<InvalidDataException>(() => RecurrentTokenizerTransformer.Read(1, writer.ToArray()));

        StringAssert.Contains(ex.Message, "'MlRecurrentTokenizer' cannot be read: a term has 65538 UTF-8 bytes, over " +
            "the limit of 65536");
        StringAssert.Contains(ex.Message, "written this way, by a version of Ml.Recurrent that did not check this limit");
        Assert.DoesNotContain("damaged", ex.Message);
    }

    private static string[] Scores(ITransformer model, IDataView data) =>
        model.Transform(data).GetColumn<float[]>("Score").Select(s => string.Join(" ", s.Select(ReliabilityFixture.Bits)))
            .ToArray();
}
