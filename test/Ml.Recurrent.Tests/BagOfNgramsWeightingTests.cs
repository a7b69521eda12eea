using Ml.Recurrent.Modeling;
using Ml.Recurrent.Runtime;
using Ml.Recurrent.Sequences;
using static TorchSharp.torch;

namespace Ml.Recurrent.Tests;

/// <summary>The path's n-gram weighting: inverse document frequencies fitted on training texts, the weighted and
/// normalised sum, its token shares, the saved layout and the option.</summary>
[TestClass]
public sealed class BagOfNgramsWeightingTests
{
    [ClassInitialize]
    public static void LoadNative(TestContext _) => TorchRuntime.EnsureLoaded();

    private static RecurrentArchitecture Wide(BagOfNgramsWeighting weighting, int ngramLength = 2) =>
        ModelingTests.Shape(outputs: 1) with
        {
            KeyCount = 10, BagOfNgramsLength = ngramLength, BagOfNgramsBuckets = ngramLength >= 2 ? 64 : 0,
            BagOfNgramsWeighting = weighting,
        };

    private static TokenSequenceStore Store(params int[][] texts)
    {
        int[] offsets = [0, .. texts.Select(t => t.Length)];
        for (int i = 1; i < offsets.Length; i++) offsets[i] += offsets[i - 1];
        return new TokenSequenceStore(texts.SelectMany(t => t).ToArray(), offsets, new int[texts.Length]);
    }

    private static float[] Idf(BagOfNgrams bag) => bag.state_dict()["idf"].data<float>().ToArray();

    private static float Smoothed(int texts, int holding) => MathF.Log((1f + texts) / (1f + holding)) + 1f;

    [TestMethod]
    public void FitIdf_CountsEachTextOnce_AndWeighsRareRowsMore()
    {
        using var bag = new BagOfNgrams(Wide(BagOfNgramsWeighting.InverseDocumentFrequency, ngramLength: 1));
        // Row 1 is in every text, row 2 in two, row 5 in one (twice), row 6 in none.
        bag.FitIdf(Store([1, 2, 3], [1, 4], [1, 2], [1, 5, 5]));

        float[] idf = Idf(bag);
        Assert.AreEqual(1f, idf[1], 1e-6f, "a row every text holds weighs 1");
        Assert.AreEqual(Smoothed(4, 2), idf[2], 1e-6f);
        Assert.AreEqual(Smoothed(4, 1), idf[5], 1e-6f, "a row repeated within one text is counted once");
        Assert.AreEqual(Smoothed(4, 0), idf[6], 1e-6f, "a row no text holds gets the largest weight");
    }

    [TestMethod]
    public void FitIdf_CountsBigramsAndIgnoresPadding_AcrossChunks()
    {
        using var bag = new BagOfNgrams(Wide(BagOfNgramsWeighting.InverseDocumentFrequency));
        // 600 texts (more than one chunk of 256), of different lengths so that batches are padded.
        int[][] texts = Enumerable.Range(0, 600).Select(i => i % 3 == 0 ? new[] { 3, 4 } : new[] { 4, 3, 2, 2 })
            .ToArray();
        bag.FitIdf(Store(texts));

        float[] idf = Idf(bag);
        Assert.AreEqual(1f, idf[3], 1e-6f);
        Assert.AreEqual(1f, idf[4], 1e-6f);
        Assert.AreEqual(Smoothed(600, 400), idf[2], 1e-5f, "row 2 is in two texts of three");
        Assert.AreEqual(Smoothed(600, 0), idf[0], 1e-5f, "padding (row 0) is never counted");
        float[] bigrams = idf[TokenRows.Count(10)..];
        Assert.AreEqual(1, bigrams.Count(w => Math.Abs(w - Smoothed(600, 200)) < 1e-5f), "'3 4' in a third");
        Assert.IsTrue(bigrams.Count(w => Math.Abs(w - Smoothed(600, 400)) < 1e-5f) is >= 1 and <= 3,
            "'4 3', '3 2' and '2 2' in two thirds (hashed rows may collide)");
    }

    [TestMethod]
    public void Logits_AreTheIdfWeightedSum_DividedByTheNormOfTheWeights()
    {
        using var scope = NewDisposeScope();
        using var bag = new BagOfNgrams(Wide(BagOfNgramsWeighting.InverseDocumentFrequency, ngramLength: 1));
        using (no_grad())
        {
            bag.parameters().First().copy_(arange(12, dtype: ScalarType.Float32).unsqueeze(1));
            bag.state_dict()["idf"].copy_(tensor(new[] { 9f, 1f, 2f, 3f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f }));
        }

        // Rows 1, 2, 3, 3 and padding: weights 1, 2, 3, 3 (padding 0); table rows hold their own index.
        float logit = bag.call(tensor(new long[] { 1, 2, 3, 3, 0 }, [1, 5])).item<float>();

        float expected = (1 * 1 + 2 * 2 + 3 * 3 + 3 * 3) / MathF.Sqrt(1 + 4 + 9 + 9);
        Assert.AreEqual(expected, logit, 1e-5f);
    }

    [TestMethod]
    public void UnfittedIdfPath_ScoresBitForBitAsTheCountPath()
    {
        using var scope = NewDisposeScope();
        using var counts = new BagOfNgrams(Wide(BagOfNgramsWeighting.Count, ngramLength: 3));
        using var weighted = new BagOfNgrams(Wide(BagOfNgramsWeighting.InverseDocumentFrequency, ngramLength: 3));
        using (no_grad())
        {
            Tensor values = randn(counts.parameters().First().shape, generator: new Generator(5));
            counts.parameters().First().copy_(values);
            weighted.parameters().First().copy_(values);
        }

        Tensor tokens = tensor(new long[] { 1, 2, 3, 4, 5, 6, 7, 0, 0, 0 }, [2, 5]);
        float[] a = counts.call(tokens).data<float>().ToArray(), b = weighted.call(tokens).data<float>().ToArray();

        CollectionAssert.AreEqual(a, b, "weights of 1 are counts: the same sums and the same norm");
    }

    [TestMethod]
    public void TokenContributions_AddUpToTheLogits_WithIdfWeights()
    {
        using var scope = NewDisposeScope();
        using var bag = new BagOfNgrams(Wide(BagOfNgramsWeighting.InverseDocumentFrequency, ngramLength: 3));
        bag.FitIdf(Store([1, 2, 3], [2, 3, 4, 5], [6]));
        using (no_grad())
        {
            Tensor table = bag.parameters().First();
            table.copy_(randn(table.shape, generator: new Generator(2)));
        }

        Tensor text = tensor(new long[] { 2, 3, 4, 7, 2 }, [1, 5]);

        float logit = bag.call(text).item<float>();
        float shared = bag.TokenContributions(text).sum().item<float>();

        Assert.AreEqual(logit, shared, 1e-5f);
    }

    [TestMethod]
    public void StateDictKeys_OfThePath_AreFrozen()
    {
        // These names are weight names inside saved models.
        using var counts = new BagOfNgrams(Wide(BagOfNgramsWeighting.Count));
        using var weighted = new BagOfNgrams(Wide(BagOfNgramsWeighting.InverseDocumentFrequency));

        CollectionAssert.AreEquivalent(new[] { "table.weight" }, counts.state_dict().Keys.ToArray(),
            "count weighting keeps the layout of models saved before the weighting existed");
        CollectionAssert.AreEquivalent(new[] { "table.weight", "idf" }, weighted.state_dict().Keys.ToArray());
        Assert.AreEqual(1, weighted.parameters().Count(), "the idf weights are a buffer, not trained");
    }

    [TestMethod]
    public void Architecture_WritesTheWeightingOnlyWhenItIsNotCounts()
    {
        RecurrentArchitecture counts = Wide(BagOfNgramsWeighting.Count);
        RecurrentArchitecture weighted = Wide(BagOfNgramsWeighting.InverseDocumentFrequency);

        Assert.AreEqual(weighted, ArchitecturePayload.RoundTrip(weighted));
        Assert.AreEqual(counts, ArchitecturePayload.RoundTrip(counts));
        StringAssert.Contains(ArchitecturePayload.Written(weighted), "BagOfNgramsWeighting");
        Assert.IsFalse(ArchitecturePayload.Written(counts).Contains("BagOfNgramsWeighting", StringComparison.Ordinal),
            "a count-weighted path saves exactly as before the option existed");
    }

    [TestMethod]
    public void WeightingWithoutThePath_IsAnArchitectureError_ButTheOptionIsIgnoredWithoutThePath()
    {
        RecurrentArchitecture inconsistent = Wide(BagOfNgramsWeighting.InverseDocumentFrequency, ngramLength: 0);
        var error = Assert.ThrowsExactly<ArgumentException>(inconsistent.Validate);
        Assert.AreEqual(nameof(RecurrentArchitecture.BagOfNgramsWeighting), error.ParamName);

        var options = new RecurrentTextClassifierOptions { BagOfNgramsLength = 0 };
        options.Validate();
        Assert.AreEqual(BagOfNgramsWeighting.Count, options.ToArchitecture(keyCount: 5, outputSize: 2)
            .BagOfNgramsWeighting, "without the path the model has nothing to weigh and saves as before");
    }

    [TestMethod]
    public void UndefinedWeighting_IsRefused_NamingTheOptionAndEchoingTheValue()
    {
        var options = new RecurrentTextClassifierOptions { BagOfNgramsWeighting = (BagOfNgramsWeighting)9 };

        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(options.Validate);

        Assert.AreEqual(nameof(RecurrentTextClassifierOptions.BagOfNgramsWeighting), error.ParamName);
        StringAssert.Contains(error.Message, "9");
    }
}
