using Microsoft.ML;
using Ml.Recurrent.Modeling;
using Ml.Recurrent.Persistence;
using Ml.Recurrent.Runtime;
using static TorchSharp.torch;

namespace Ml.Recurrent.Tests;

/// <summary>The recurrent window: the recurrent part reads a long text's head and tail, the bag path every token.
/// </summary>
[TestClass]
public sealed class RecurrentWindowTests
{
    [ClassInitialize]
    public static void Load(TestContext _) => TorchRuntime.EnsureLoaded();

    [TestMethod]
    public void Positions_ReadTheHeadAndTailOfALongRow_AndAShortRowWhole()
    {
        using var scope = NewDisposeScope();
        using var window = new RecurrentWindow(8);
        Tensor tokens = arange(1, 25, dtype: ScalarType.Int64).view(2, 12);
        using (no_grad()) tokens[1].narrow(0, 5, 7).fill_(0);

        (Tensor read, Tensor lengths) = window.Select(tokens, tensor(new long[] { 12, 5 }));

        Assert.AreEqual(2, window.Head, "a quarter of the window is head");
        CollectionAssert.AreEqual(new long[] { 1, 2, 7, 8, 9, 10, 11, 12 }, read[0].data<long>().ToArray());
        CollectionAssert.AreEqual(new long[] { 13, 14, 15, 16, 17, 0, 0, 0 }, read[1].data<long>().ToArray());
        CollectionAssert.AreEqual(new long[] { 8, 5 }, lengths.data<long>().ToArray());
    }

    [TestMethod]
    public void Module_ScoresALongText_AsItsHeadAndTail_WhileTheBagPathReadsEveryToken()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        RecurrentArchitecture shape = ModelingTests.Shape(bidirectional: true, pooling: SequencePooling.LastMaxMean)
            with { MaximumRecurrentLength = 8, BagOfNgramsLength = 2, BagOfNgramsBuckets = 64 };
        using var module = new RecurrentClassifierModule(shape);
        using (no_grad()) foreach (var p in module.parameters()) p.uniform_(-0.5, 0.5);
        module.eval();
        long[] text = Enumerable.Range(1, 20).Select(i => (long)(i * 7 % 49 + 1)).ToArray();
        long[] cut = [.. text[..2], .. text[^6..]];

        using var grad = no_grad();
        (Tensor longRecurrent, Tensor? longBag) = module.ForwardParts(tensor(text, [1, 20]), tensor(new long[] { 20 }));
        (Tensor cutRecurrent, Tensor? cutBag) = module.ForwardParts(tensor(cut, [1, 8]), tensor(new long[] { 8 }));

        CollectionAssert.AreEqual(cutRecurrent.data<float>().ToArray(), longRecurrent.data<float>().ToArray(),
            "the recurrent part of a 20-token text reads exactly its first 2 and last 6 tokens");
        Assert.IsFalse(longBag!.data<float>().ToArray().SequenceEqual(cutBag!.data<float>().ToArray()),
            "the bag path reads the tokens the recurrent part skips");
    }

    [TestMethod]
    public void Architecture_PersistsTheWindow_AndWritesNoFieldWithoutOne()
    {
        RecurrentArchitecture windowed = ModelingTests.Shape() with { MaximumRecurrentLength = 300 };
        RecurrentArchitecture whole = ModelingTests.Shape();

        Assert.AreEqual(windowed, ArchitecturePayload.RoundTrip(windowed));
        Assert.AreEqual(whole, ArchitecturePayload.RoundTrip(whole));
        Assert.IsTrue(ArchitecturePayload.Written(windowed).Contains("MaximumRecurrentLength", StringComparison.Ordinal));
        Assert.IsFalse(ArchitecturePayload.Written(whole).Contains("MaximumRecurrentLength", StringComparison.Ordinal),
            "a model that reads every token saves as models did before the window existed");
    }

    [TestMethod]
    public void TokenBudget_CountsWhatTheRecurrentPartReads_AndTheBagPathsTokensAtTheirSmallerCost()
    {
        RecurrentArchitecture windowed = ModelingTests.Shape(outputs: 20) with { MaximumRecurrentLength = 128 };
        RecurrentArchitecture wide = windowed with { BagOfNgramsLength = 2, BagOfNgramsBuckets = 64 };
        RecurrentArchitecture whole = ModelingTests.Shape(outputs: 20);

        Assert.AreEqual(100, windowed.TokenCost(100), "a text within the window costs its length");
        Assert.AreEqual(128, windowed.TokenCost(3000), "the recurrent part reads 128 tokens of a long text");
        Assert.AreEqual(3000, whole.TokenCost(3000), "without a window every token is read");
        Assert.AreEqual(128 + 235, wide.TokenCost(3000), "the bag's 3,000 tokens at 2 × 20 / 512 each, rounded up");
    }

    [TestMethod]
    public void NegativeWindow_IsRefused_NamingTheOptionAndEchoingTheValue()
    {
        var options = new RecurrentTextClassifierOptions { MaximumRecurrentLength = -5 };

        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(options.Validate);

        Assert.AreEqual(nameof(RecurrentTextClassifierOptions.MaximumRecurrentLength), error.ParamName);
        StringAssert.Contains(error.Message, "-5");
    }

    [TestMethod]
    public void TrainedModelWithAWindow_SavesAndLoads_WithTheSameScores()
    {
        var ml = new MLContext(seed: 1);
        IDataView train = TestCorpus.Load(ml, TestCorpus.Binary(60, seed: 1));
        RecurrentTextClassifierOptions options = ClassifierTests.Small(epochs: 2);
        options.MaximumRecurrentLength = 4;
        ITransformer model = ClassifierTests.BinaryPipeline(ml, options).Fit(train);
        using var stream = new MemoryStream();
        ml.Model.Save(model, train.Schema, stream);
        stream.Position = 0;

        ITransformer loaded = ml.Model.Load(stream, out _);

        float[] before = ml.Data.CreateEnumerable<Scored>(model.Transform(train), false).Select(s => s.Score).ToArray();
        float[] after = ml.Data.CreateEnumerable<Scored>(loaded.Transform(train), false).Select(s => s.Score).ToArray();
        CollectionAssert.AreEqual(before, after);
        var shape = ((IEnumerable<ITransformer>)loaded).OfType<RecurrentTextClassifierTransformer>().Single()
            .Model.Architecture;
        Assert.AreEqual(4, shape.MaximumRecurrentLength);
    }

    private sealed class Scored
    {
        public float Score { get; set; }
    }
}
