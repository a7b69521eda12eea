using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.Modeling;
using Ml.Recurrent.Persistence;
using Ml.Recurrent.Runtime;
using Ml.Recurrent.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Ml.Recurrent.Tests;

/// <summary>The bag-of-n-grams ("wide") path: what it learns alone, in a pipeline, saved, and its options.</summary>
[TestClass]
public sealed class BagOfNgramsTests
{
    private static string _dir = string.Empty;

    [ClassInitialize]
    public static void CreateFolder(TestContext _)
    {
        TorchRuntime.EnsureLoaded();
        _dir = Directory.CreateTempSubdirectory("mlr-bag").FullName;
    }

    [ClassCleanup]
    public static void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    private static RecurrentArchitecture Wide(int ngramLength, int buckets = 64) =>
        ModelingTests.Shape(outputs: 1) with
        {
            KeyCount = 10, BagOfNgramsLength = ngramLength, BagOfNgramsBuckets = ngramLength >= 2 ? buckets : 0,
        };

    /// <summary>
    /// Texts of rows 1..6 that all hold rows 3 and 4; the label says whether 3 is directly followed by 4. No unigram
    /// count separates the classes: only the bigram does.
    /// </summary>
    private static (long[] Tokens, float[] Labels) BigramRule(int count, int seed)
    {
        var random = new Random(seed);
        const int time = 8;
        var tokens = new long[count * time];
        var labels = new float[count];
        for (int i = 0; i < count; i++)
        {
            bool positive = i % 2 == 0;
            long[] row = Enumerable.Range(0, time).Select(_ => (long)random.Next(1, 3) + (random.Next(2) * 4)).ToArray();
            int at = random.Next(0, time - 3);
            // Positive: "3 4"; negative: "4 3" with a filler between them, so 3 and 4 each occur once either way.
            if (positive) (row[at], row[at + 1]) = (3, 4);
            else (row[at], row[at + 2]) = (4, 3);
            row.CopyTo(tokens, i * time);
            labels[i] = positive ? 1 : 0;
        }

        return (tokens, labels);
    }

    private static double TrainAloneAndScore(int ngramLength)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var bag = new BagOfNgrams(Wide(ngramLength, buckets: 4096));
        using var optimizer = new AdamOptimizer(bag.parameters(), 0.1, weightDecay: 0, decoupled: false);
        (long[] trainTokens, float[] trainLabels) = BigramRule(200, seed: 1);
        Tensor x = tensor(trainTokens, [200, 8]), y = tensor(trainLabels).unsqueeze(1);
        for (int step = 0; step < 100; step++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.ZeroGrad();
            nn.functional.binary_cross_entropy_with_logits(bag.call(x), y).backward();
            optimizer.Step();
        }

        (long[] testTokens, float[] testLabels) = BigramRule(100, seed: 2);
        using var grad = no_grad();
        Tensor predicted = bag.call(tensor(testTokens, [100, 8])).squeeze(1).gt(0);
        return predicted.eq(tensor(testLabels).gt(0.5)).to(ScalarType.Float32).mean().item<float>();
    }

    [TestMethod]
    public void PathAlone_LearnsABigramRule_ThatUnigramsCannotSeparate()
    {
        double unigrams = TrainAloneAndScore(1), bigrams = TrainAloneAndScore(2);

        Assert.IsGreaterThanOrEqualTo(0.98, bigrams, $"unigrams and bigrams: accuracy {bigrams}");
        Assert.IsLessThan(0.75, unigrams, $"unigrams alone should not separate the classes: accuracy {unigrams}");
    }

    [TestMethod]
    public void UntrainedPath_AddsNothing_AndPaddingDoesNotCount()
    {
        using var scope = NewDisposeScope();
        using var bag = new BagOfNgrams(Wide(3));
        using (no_grad()) bag.parameters().First().fill_(1.0f);
        // Row 1: 3 tokens (3 unigrams, 2 bigrams, 1 trigram = 6 n-grams); row 2: 1 token and padding.
        Tensor logits = bag.call(tensor(new long[] { 1, 2, 3, 4, 0, 0 }, [2, 3]));

        float[] values = logits.squeeze(1).data<float>().ToArray();
        Assert.AreEqual(6 / MathF.Sqrt(6), values[0], 1e-5f);
        Assert.AreEqual(1f, values[1], 1e-5f);
        using var fresh = new BagOfNgrams(Wide(3));
        Assert.AreEqual(0f, fresh.call(tensor(new long[] { 1, 2, 3 }, [1, 3])).item<float>());
    }

    [TestMethod]
    [DataRow(BagOfNgramsWeighting.InverseDocumentFrequency)]
    [DataRow(BagOfNgramsWeighting.Count)]
    public void PipelineWithPath_LearnsToyTask_AndLoadsInAFreshProcessWithTheSameScores(
        BagOfNgramsWeighting weighting)
    {
        var ml = new MLContext(seed: 1);
        IDataView train = TestCorpus.Load(ml, TestCorpus.Multiclass(240, seed: 1));
        RecurrentTextClassifierOptions options = ClassifierTests.Small(epochs: 4);
        options.BagOfNgramsLength = 2;
        options.BagOfNgramsBuckets = 1024;
        options.BagOfNgramsWeighting = weighting;
        ITransformer model = ClassifierTests.MulticlassPipeline(ml, options).Fit(train);
        string zip = Path.Combine(_dir, $"wide-{weighting}.zip"), data = Path.Combine(_dir, $"wide-{weighting}.tsv");
        TestCorpus.WriteTsv(data, TestCorpus.Multiclass(60, seed: 2).Select(r => (r.Label, r.Text)));
        ml.Model.Save(model, train.Schema, zip);

        string[] here = ModelProbe.ScoreHere(ml, model, data, binary: false);
        string[] child = ModelProbe.ScoreInChildProcess(zip, data, binary: false);

        ReloadBound.AssertWithin(here, child[..^1], "a load in a fresh process");
        ITransformer reloaded = ml.Model.Load(zip, out _);
        CollectionAssert.AreEqual(here, ModelProbe.ScoreHere(ml, reloaded, data, binary: false),
            "within one process a saved and loaded model scores bit for bit alike");
        double accuracy = double.Parse(child[^1].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.IsGreaterThanOrEqualTo(0.95, accuracy, "the toy task is separable by its cue words");
        var loaded = (IEnumerable<ITransformer>)ml.Model.Load(zip, out _);
        RecurrentArchitecture shape = loaded.OfType<RecurrentTextClassifierTransformer>().Single().Model.Architecture;
        Assert.AreEqual(2, shape.BagOfNgramsLength);
        Assert.AreEqual(1024, shape.BagOfNgramsBuckets);
        Assert.AreEqual(weighting, shape.BagOfNgramsWeighting);
    }

    [TestMethod]
    public void Architecture_PersistsThePathAsNamedFields_AndWritesNoneWithoutIt()
    {
        RecurrentArchitecture wide = Wide(3, buckets: 4096), narrow = Wide(0);
        Assert.AreEqual(wide, ArchitecturePayload.RoundTrip(wide));
        Assert.AreEqual(narrow, ArchitecturePayload.RoundTrip(narrow));

        foreach (string field in new[] { "BagOfNgramsLength", "BagOfNgramsBuckets" })
        {
            Assert.IsTrue(ArchitecturePayload.Written(wide).Contains(field, StringComparison.Ordinal), field);
            Assert.IsFalse(ArchitecturePayload.Written(narrow).Contains(field, StringComparison.Ordinal),
                $"without the path, {field} is not written: the model saves as models did before the path existed");
        }
    }

    [TestMethod]
    public void DefaultBucketCount_Is2To18_AndShrinksAbove32Classes_WhileAChosenCountIsKept()
    {
        var options = new RecurrentTextClassifierOptions { BagOfNgramsLength = 2 };

        Assert.AreEqual(1 << 18, options.BucketsFor(2));
        Assert.AreEqual(1 << 18, options.BucketsFor(32));
        Assert.AreEqual((1 << 23) / 100, options.BucketsFor(100), "at most 2^23 floats in the hashed rows");
        Assert.AreEqual(1024, options.BucketsFor(1_000_000), "never fewer than 1,024 rows");
        Assert.AreEqual(1 << 18, options.ToArchitecture(keyCount: 5, outputSize: 20).BagOfNgramsBuckets);
        options.BagOfNgramsBuckets = 5000;
        Assert.AreEqual(5000, options.BucketsFor(100), "a count the user chose is used as given");
    }

    [TestMethod]
    [DataRow("BagOfNgramsLength", 4)]
    [DataRow("BagOfNgramsLength", -1)]
    [DataRow("BagOfNgramsBuckets", 0)]
    [DataRow("BagOfNgramsBuckets", (1 << 24) + 1)]
    public void BadOption_IsRefused_NamingTheOptionAndEchoingTheValue(string option, int value)
    {
        var options = new RecurrentTextClassifierOptions { BagOfNgramsLength = 2 };
        typeof(RecurrentTextClassifierOptions).GetProperty(option)!.SetValue(options, value);

        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(options.Validate);

        Assert.AreEqual(option, error.ParamName);
        StringAssert.Contains(error.Message, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public void UndefinedTrainingKind_IsRefused_NamingTheOptionAndEchoingTheValue()
    {
        var options = new RecurrentTextClassifierOptions { BagOfNgramsTraining = (BagOfNgramsTraining)7 };

        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(options.Validate);

        Assert.AreEqual(nameof(RecurrentTextClassifierOptions.BagOfNgramsTraining), error.ParamName);
        StringAssert.Contains(error.Message, "7");
    }

    [TestMethod]
    public void ModelWithPath_ExplanationsCoverThePath()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = TestCorpus.Load(ml, TestCorpus.Binary(40, seed: 1));
        RecurrentTextClassifierOptions options = ClassifierTests.Small(epochs: 2);
        options.BagOfNgramsLength = 2;
        options.BagOfNgramsBuckets = 256;
        var model = (IEnumerable<ITransformer>)ClassifierTests.BinaryPipeline(ml, options).Fit(data);
        const string text = "the goal and the match was a team score";

        TextExplanation integrated = RecurrentExplainer.FromModel((ITransformer)model, new TokenExplanationOptions
        {
            Method = AttributionMethod.IntegratedGradients, Output = ExplainedOutput.Logit,
        }).Explain(text);
        var occlusion = RecurrentExplainer.FromModel((ITransformer)model,
            new TokenExplanationOptions { Method = AttributionMethod.Occlusion, Output = ExplainedOutput.Logit });
        TextExplanation occluded = occlusion.Explain(text);
        float[] probabilities = [.. occlusion.ClassProbabilities(occluded.Tokens.Select(t => t.Key).ToArray())];

        // Completeness: the attributions add up to score − baseline, the path's logits included.
        float sum = integrated.Tokens.Sum(t => t.Attribution);
        Assert.AreEqual(integrated.Score - integrated.BaselineScore, sum, 2e-3f, $"sum {sum}");
        // The explained score is the model's own output for the text, the path's logits included.
        Assert.AreEqual(occluded.ClassProbabilities[1], probabilities[1], 1e-5f);
        int target = occlusion.ClassNames.ToList().IndexOf(occluded.ExplainedClass);
        Assert.AreEqual(MathF.Log(probabilities[target] / probabilities[1 - target]), occluded.Score, 1e-3f);
    }
}
