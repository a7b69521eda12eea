using Ml.Recurrent.Modeling;
using Ml.Recurrent.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Ml.Recurrent.Tests;

[TestClass]
public sealed class ModelingTests
{
    [TestInitialize]
    public void Load() => TorchRuntime.EnsureLoaded();

    internal static RecurrentArchitecture Shape(RecurrentCell cell = RecurrentCell.Lstm, bool bidirectional = false, int layers = 1,
        SequencePooling pooling = SequencePooling.Last, int outputs = 3, int headHidden = 10) => new()
    {
        KeyCount = 50, EmbeddingSize = 8, Cell = cell, RnnActivation = RnnActivation.Tanh, HiddenSize = 6, NumberOfLayers = layers,
        Bidirectional = bidirectional, Pooling = pooling, HeadHiddenSize = headHidden, HeadActivation = HeadActivation.Relu,
        EmbeddingDropout = 0.1f, Dropout = 0.2f, OutputSize = outputs,
    };

    [TestMethod]
    public void TorchSharpLstm_ForwardPass_HasKnownOutputShapes()
    {
        using var scope = NewDisposeScope();
        using var lstm = nn.LSTM(8, 6, numLayers: 2, batchFirst: true, bidirectional: true);
        (Tensor output, Tensor h, Tensor c) = lstm.call(randn(4, 7, 8));

        CollectionAssert.AreEqual(new long[] { 4, 7, 12 }, output.shape);
        CollectionAssert.AreEqual(new long[] { 4, 4, 6 }, h.shape);
        CollectionAssert.AreEqual(new long[] { 4, 4, 6 }, c.shape);
    }

    [TestMethod]
    public void ClassifierModule_ProducesOneLogitRowPerText()
    {
        using var scope = NewDisposeScope();
        using var module = new RecurrentClassifierModule(Shape(bidirectional: true, layers: 2, pooling: SequencePooling.LastMaxMean));
        module.eval();
        Tensor logits = module.call(tensor(new long[] { 1, 2, 3, 0, 4, 5, 0, 0 }, [2, 4]), tensor(new long[] { 3, 2 }));

        CollectionAssert.AreEqual(new long[] { 2, 3 }, logits.shape);
    }

    [TestMethod]
    public void StateDictKeys_AreFrozen()
    {
        // These names are the weight names inside saved models: renaming a field breaks every saved model.
        using var module = new RecurrentClassifierModule(Shape(bidirectional: true, layers: 2));
        string[] expected =
        [
            "embedding.weight",
            "encoder.layers.0.forward_direction.lstm.weight_ih_l0", "encoder.layers.0.forward_direction.lstm.weight_hh_l0",
            "encoder.layers.0.forward_direction.lstm.bias_ih_l0", "encoder.layers.0.forward_direction.lstm.bias_hh_l0",
            "encoder.layers.0.backward_direction.lstm.weight_ih_l0", "encoder.layers.0.backward_direction.lstm.weight_hh_l0",
            "encoder.layers.0.backward_direction.lstm.bias_ih_l0", "encoder.layers.0.backward_direction.lstm.bias_hh_l0",
            "encoder.layers.1.forward_direction.lstm.weight_ih_l0", "encoder.layers.1.forward_direction.lstm.weight_hh_l0",
            "encoder.layers.1.forward_direction.lstm.bias_ih_l0", "encoder.layers.1.forward_direction.lstm.bias_hh_l0",
            "encoder.layers.1.backward_direction.lstm.weight_ih_l0", "encoder.layers.1.backward_direction.lstm.weight_hh_l0",
            "encoder.layers.1.backward_direction.lstm.bias_ih_l0", "encoder.layers.1.backward_direction.lstm.bias_hh_l0",
            "head.hidden.weight", "head.hidden.bias", "head.output.weight", "head.output.bias",
        ];
        CollectionAssert.AreEquivalent(expected, module.state_dict().Keys.ToArray());

        using var handWritten = new RecurrentClassifierModule(Shape(RecurrentCell.HandWrittenRnn, headHidden: 0));
        CollectionAssert.AreEquivalent(
            new[] { "embedding.weight", "encoder.layers.0.forward_direction.cell.i2h.weight", "encoder.layers.0.forward_direction.cell.i2h.bias",
                    "encoder.layers.0.forward_direction.cell.h2h.weight", "encoder.layers.0.forward_direction.cell.h2h.bias", "head.output.weight", "head.output.bias" },
            handWritten.state_dict().Keys.ToArray());
    }

    [TestMethod]
    public void EmbeddingPaddingRow_IsZeroAndNeverTrained()
    {
        using var module = new RecurrentClassifierModule(Shape());
        using var scope = NewDisposeScope();
        Tensor logits = module.call(tensor(new long[] { 1, 2, 0 }, [1, 3]), tensor(new long[] { 2 }));
        logits.sum().backward();

        Assert.AreEqual(0f, module.EmbeddingWeight[0].abs().sum().item<float>());
        Assert.AreEqual(0f, module.EmbeddingWeight.grad!.select(0, 0).abs().sum().item<float>());
    }

    [TestMethod]
    public void HandWrittenElmanCell_EqualsFusedRnn_WithCopiedWeights()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var fused = nn.RNN(5, 4, numLayers: 1, batchFirst: true);
        using var cell = new ElmanCell(5, 4);
        using (no_grad())
        {
            cell.InputToHidden.weight!.copy_(fused.get_weight_ih(0)!);
            cell.InputToHidden.bias!.copy_(fused.get_bias_ih(0)!);
            cell.HiddenToHidden.weight!.copy_(fused.get_weight_hh(0)!);
            cell.HiddenToHidden.bias!.copy_(fused.get_bias_hh(0)!);
        }

        Tensor input = randn(3, 9, 5);
        (Tensor expected, _) = fused.call(input);
        Tensor state = zeros(3, 4);
        var steps = new List<Tensor>();
        foreach (Tensor x in input.unbind(1))
        {
            state = cell.call(x, state);
            steps.Add(state);
        }

        Tensor actual = stack(steps, 1);
        Assert.IsTrue(actual.allclose(expected, rtol: 1e-5, atol: 1e-6), $"max difference {(actual - expected).abs().max().item<float>()}");
    }

    [TestMethod]
    public void HandWrittenCellModel_EqualsFusedRnnModel_WhenWeightsAreCopied()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var fused = new RecurrentClassifierModule(Shape(RecurrentCell.Rnn, bidirectional: true, pooling: SequencePooling.LastMaxMean));
        using var hand = new RecurrentClassifierModule(Shape(RecurrentCell.HandWrittenRnn, bidirectional: true, pooling: SequencePooling.LastMaxMean));
        var mapping = new Dictionary<string, string>
        {
            ["rnn.weight_ih_l0"] = "cell.i2h.weight", ["rnn.bias_ih_l0"] = "cell.i2h.bias",
            ["rnn.weight_hh_l0"] = "cell.h2h.weight", ["rnn.bias_hh_l0"] = "cell.h2h.bias",
        };
        var copied = fused.state_dict().ToDictionary(
            kv => mapping.Aggregate(kv.Key, (name, m) => name.Replace(m.Key, m.Value, StringComparison.Ordinal)), kv => kv.Value);
        hand.load_state_dict(copied, strict: true);
        fused.eval();
        hand.eval();
        Tensor tokens = tensor(new long[] { 3, 9, 4, 1, 7, 2, 8, 0, 0, 0 }, [2, 5]);
        Tensor lengths = tensor(new long[] { 5, 2 });

        Tensor a = fused.call(tokens, lengths), b = hand.call(tokens, lengths);
        Assert.IsTrue(a.allclose(b, rtol: 1e-5, atol: 1e-6), $"max difference {(a - b).abs().max().item<float>()}");
    }

    [TestMethod]
    [DataRow(RecurrentCell.Rnn, false, SequencePooling.Last)]
    [DataRow(RecurrentCell.Lstm, true, SequencePooling.Last)]
    [DataRow(RecurrentCell.Gru, true, SequencePooling.Max)]
    [DataRow(RecurrentCell.Lstm, true, SequencePooling.Mean)]
    [DataRow(RecurrentCell.HandWrittenRnn, true, SequencePooling.LastMaxMean)]
    [DataRow(RecurrentCell.Gru, false, SequencePooling.LastMaxMean)]
    public void Padding_NeverChangesAPrediction(RecurrentCell cell, bool bidirectional, SequencePooling pooling)
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        using var module = new RecurrentClassifierModule(Shape(cell, bidirectional, layers: 2, pooling: pooling));
        module.eval();
        using var grad = no_grad();
        long[] text = [4, 8, 15, 16];
        Tensor alone = module.call(tensor(text, [1, 4]), tensor(new long[] { 4 }));

        // The same text padded to 30 positions, next to two much longer texts.
        var batch = new long[3 * 30];
        for (int t = 0; t < 30; t++)
        {
            batch[t] = 1 + (t % 40);
            batch[60 + t] = 2 + (t % 30);
        }

        text.CopyTo(batch, 30);
        Tensor padded = module.call(tensor(batch, [3, 30]), tensor(new long[] { 30, 4, 30 }));

        Tensor difference = (padded[1] - alone[0]).abs().max();
        Assert.IsLessThanOrEqualTo(1e-5f, difference.item<float>());
    }
}
