using Ml.Recurrent.Modeling;
using Ml.Recurrent.Runtime;
using Ml.Recurrent.Sequences;
using Ml.Recurrent.Tasks;
using Ml.Recurrent.Training;
using static TorchSharp.torch;

namespace Ml.Recurrent.Tests;

/// <summary>What each <see cref="BagOfNgramsTraining"/> makes the two parts of the model learn from.</summary>
[TestClass]
public sealed class TrainingObjectiveTests
{
    private static readonly int[] Labels = [0, 2, 1, 2];

    [TestInitialize]
    public void Load() => TorchRuntime.EnsureLoaded();

    /// <summary>Gradients of every parameter (by state-dict name) after one backward pass of a batch; dropout is off
    /// (eval mode) so that repeated passes are the same function.</summary>
    private static Dictionary<string, float[]> Gradients(RecurrentClassifierModule module, Func<Tensor> loss)
    {
        module.zero_grad();
        using (NewDisposeScope()) loss().backward();
        return module.named_parameters().ToDictionary(p => p.name,
            p => p.parameter.grad is { } g ? g.data<float>().ToArray() : []);
    }

    private static RecurrentClassifierModule WideModel()
    {
        manual_seed(3);
        var module = new RecurrentClassifierModule(ModelingTests.Shape(outputs: 3) with
        {
            BagOfNgramsLength = 2, BagOfNgramsBuckets = 32,
        });
        using (no_grad()) foreach (var p in module.parameters()) p.uniform_(-0.5, 0.5);
        module.eval();
        return module;
    }

    private static (Tensor Tokens, Tensor Lengths) Batch() =>
        (tensor(new long[] { 5, 9, 12, 3, 7, 7, 0, 0, 1, 30, 2, 0, 44, 8, 16, 21 }, [4, 4]),
            tensor(new long[] { 4, 2, 3, 4 }));

    [TestMethod]
    public void Residual_TrainsThePathOnItsOwnLoss_AndTheRecurrentPartOnTheSum()
    {
        using var scope = NewDisposeScope();
        using RecurrentClassifierModule module = WideModel();
        var task = new MulticlassTask(["a", "b", "c"]);
        (Tensor tokens, Tensor lengths) = Batch();

        var residual = Gradients(module, () => TrainingObjective.Compute(module, task, BagOfNgramsTraining.Residual,
            tokens, lengths, Labels).Minimised);
        var joint = Gradients(module, () => TrainingObjective.Compute(module, task, BagOfNgramsTraining.Joint,
            tokens, lengths, Labels).Minimised);
        var pathAlone = Gradients(module, () => task.Loss(module.ForwardParts(tokens, lengths).BagOfNgrams!, Labels));

        const string path = "bag_of_ngrams.table.weight";
        CollectionAssert.AreEqual(pathAlone[path], residual[path], "the path learns from its own loss only");
        CollectionAssert.AreNotEqual(joint[path], residual[path], "joint training gives the path the sum's gradient");
        foreach (string name in residual.Keys.Where(n => n != path))
        {
            Assert.IsTrue(residual[name].Length > 0, $"{name} gets a gradient");
            CollectionAssert.AreEqual(joint[name], residual[name], $"{name}: the recurrent part learns from the sum");
        }
    }

    [TestMethod]
    public void EveryKind_ReportsTheModelsLogitsAndLoss()
    {
        using var scope = NewDisposeScope();
        using RecurrentClassifierModule module = WideModel();
        var task = new MulticlassTask(["a", "b", "c"]);
        (Tensor tokens, Tensor lengths) = Batch();
        using var noGrad = no_grad();
        Tensor expected = module.call(tokens, lengths);

        foreach (BagOfNgramsTraining kind in Enum.GetValues<BagOfNgramsTraining>())
        {
            (Tensor minimised, Tensor logits, Tensor loss) =
                TrainingObjective.Compute(module, task, kind, tokens, lengths, Labels);
            Assert.IsTrue(logits.allclose(expected, rtol: 0, atol: 1e-6), $"{kind}: logits are the model's");
            Assert.AreEqual(task.Loss(expected, Labels).item<float>(), loss.item<float>(), 1e-6, $"{kind}: loss");
            Assert.IsTrue(minimised.item<float>() >= loss.item<float>() - 1e-6, $"{kind}: minimised covers the model");
        }
    }

    private static TokenSequenceStore TextsOfLengths(params int[] lengths)
    {
        var builder = new TokenSequenceStore.Builder();
        foreach (int length in lengths) builder.Add(Enumerable.Repeat(3, length).ToArray(), 0);
        return builder.Build();
    }

    [TestMethod]
    [DataRow(new[] { 5, 9, 200, 300, 7 }, 128, BagOfNgramsTraining.Joint, DisplayName = "median 9 of window 128")]
    [DataRow(new[] { 5, 129, 200, 300, 7 }, 128, BagOfNgramsTraining.Residual, DisplayName = "median 129")]
    [DataRow(new[] { 128, 128, 128 }, 128, BagOfNgramsTraining.Joint, DisplayName = "median equal to the window")]
    [DataRow(new[] { 500, 600, 700 }, 0, BagOfNgramsTraining.Joint, DisplayName = "no window: both read all")]
    public void DefaultRule_IsResidualOnlyWhenMostTextsAreLongerThanTheRecurrentWindow(int[] lengths, int window,
        BagOfNgramsTraining expected)
    {
        var shape = ModelingTests.Shape() with { MaximumRecurrentLength = window, BagOfNgramsLength = 2 };

        Assert.AreEqual(expected, TrainingObjective.Resolve(null, shape, TextsOfLengths(lengths)));
        Assert.AreEqual(BagOfNgramsTraining.Joint,
            TrainingObjective.Resolve(BagOfNgramsTraining.Joint, shape, TextsOfLengths(lengths)), "a set kind wins");
    }
}
