using Ml.Recurrent.Modeling;
using Ml.Recurrent.Runtime;
using Ml.Recurrent.Sequences;
using Ml.Recurrent.Tasks;
using Ml.Recurrent.Training;
using static TorchSharp.torch;

namespace Ml.Recurrent.Tests;

/// <summary>The share of the recurrent part's logits kept next to the bag-of-n-grams path, chosen on validation
/// rows.</summary>
[TestClass]
public sealed class RecurrentShareTests
{
    [TestInitialize]
    public void Load() => TorchRuntime.EnsureLoaded();

    /// <summary>Texts whose class is told by their words: class c uses rows 1 + 3c .. 3 + 3c.</summary>
    private static TokenSequenceStore WordsTellTheClass(int count, int seed)
    {
        var random = new Random(seed);
        var builder = new TokenSequenceStore.Builder();
        for (int i = 0; i < count; i++)
        {
            int label = i % 3;
            builder.Add(Enumerable.Range(0, 6).Select(_ => 1 + (3 * label) + random.Next(3)).ToArray(), label);
        }

        return builder.Build();
    }

    private static RecurrentClassifierModule Model(double recurrentWeights)
    {
        manual_seed(5);
        var module = new RecurrentClassifierModule(ModelingTests.Shape(outputs: 3) with
        {
            KeyCount = 12, BagOfNgramsLength = 1,
        });
        using (no_grad()) foreach (var p in module.parameters()) p.uniform_(-recurrentWeights, recurrentWeights);
        module.eval();
        return module;
    }

    private static void SetPath(RecurrentClassifierModule module, Tensor weights)
    {
        using var noGrad = no_grad();
        module.named_parameters().Single(p => p.name == "bag_of_ngrams.table.weight").parameter.copy_(weights);
    }

    /// <summary>Path weights that tell the class by the words: row 1 + 3c + k votes for class c.</summary>
    private static Tensor WordsOfEachClass(RecurrentClassifierModule module)
    {
        long rows = BagOfNgrams.RowCount(module.Architecture);
        var weights = new float[rows * 3];
        for (int row = 1; row <= 9; row++) weights[(row * 3) + ((row - 1) / 3)] = 2;
        return tensor(weights, [rows, 3]);
    }

    private static Tensor Logits(RecurrentClassifierModule module, TokenSequenceStore data, bool parts, out Tensor path)
    {
        (Tensor tokens, Tensor lengths) = BatchCollator.Collate(data, Enumerable.Range(0, data.Count).ToArray());
        using var noGrad = no_grad();
        (Tensor recurrent, Tensor? bag) = module.ForwardParts(tokens, lengths);
        path = bag!;
        return parts ? recurrent : module.call(tokens, lengths);
    }

    [TestMethod]
    public void RecurrentNoise_NextToAGoodPath_IsShrunk_AndTheModelScoresPathPlusShareTimesRecurrent()
    {
        using var scope = NewDisposeScope();
        using RecurrentClassifierModule module = Model(recurrentWeights: 3);
        TokenSequenceStore validation = WordsTellTheClass(60, seed: 1);
        SetPath(module, WordsOfEachClass(module));
        Tensor recurrent = Logits(module, validation, parts: true, out Tensor path);

        RecurrentShareChoice choice = RecurrentShare.Choose(module, new MulticlassTask(["a", "b", "c"]), validation,
            batchSize: 16, byAccuracy: false, checkCanceled: () => { });
        module.ScaleRecurrentLogits(choice.Share);

        Assert.IsTrue(choice.Share < 1, $"share {choice.Share}");
        Assert.IsTrue(choice.ChosenLoss < choice.FullLoss, $"{choice.ChosenLoss} < {choice.FullLoss}");
        Tensor expected = path.add(recurrent.mul(choice.Share), ScalarConstants.One);
        Assert.IsTrue(Logits(module, validation, parts: false, out _).allclose(expected, rtol: 1e-5, atol: 1e-5));
    }

    [TestMethod]
    public void RecurrentPartThatAloneTellsTheClass_IsKeptWhole()
    {
        using var scope = NewDisposeScope();
        using RecurrentClassifierModule module = Model(recurrentWeights: 1);
        SetPath(module, zeros(BagOfNgrams.RowCount(module.Architecture), 3));
        TokenSequenceStore texts = WordsTellTheClass(30, seed: 2);
        // Relabel each text with the recurrent part's own prediction: it is right on every row.
        Tensor recurrent = Logits(module, texts, parts: true, out _);
        long[] predicted = recurrent.argmax(1).data<long>().ToArray();
        var builder = new TokenSequenceStore.Builder();
        for (int i = 0; i < texts.Count; i++) builder.Add(texts.Tokens(i), (int)predicted[i]);

        RecurrentShareChoice choice = RecurrentShare.Choose(module, new MulticlassTask(["a", "b", "c"]),
            builder.Build(), batchSize: 16, byAccuracy: false, checkCanceled: () => { });

        Assert.AreEqual(1.0, choice.Share);
        Assert.AreEqual(1.0, choice.ChosenAccuracy);
    }
}
