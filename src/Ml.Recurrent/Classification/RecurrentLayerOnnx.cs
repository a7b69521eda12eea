using Ml.Recurrent.MlNet;
using Ml.Recurrent.Onnx;
using Ml.Recurrent.Modeling;

namespace Ml.Recurrent.Classification;

/// <summary>
/// One recurrent layer as an ONNX <c>RNN</c>/<c>LSTM</c>/<c>GRU</c> node over time-major input <c>[T, N, in]</c> with
/// <c>sequence_lens</c>. ONNX's reverse direction reads each sequence backwards within its own length, as
/// <see cref="RecurrentEncoderLayer"/> does. Gate blocks are reordered from PyTorch's layout:
/// LSTM i,f,g,o → ONNX i,o,f,c; GRU r,z,n → ONNX z,r,h (with <c>linear_before_reset = 1</c>, PyTorch's GRU maths).
/// </summary>
internal static class RecurrentLayerOnnx
{
    private static readonly int[] LstmOrder = [0, 3, 1, 2];
    private static readonly int[] GruOrder = [1, 0, 2];
    private static readonly int[] RnnOrder = [0];

    /// <summary>Adds the layer; returns <c>Y</c> <c>[T, D, N, H]</c> and <c>Y_h</c> <c>[D, N, H]</c>.</summary>
    public static (string Y, string YH) Add(OnnxGraph graph, ModuleWeights weights, RecurrentArchitecture shape,
        int layer, string x, string sequenceLengths)
    {
        string[] directions = shape.Bidirectional ? ["forward_direction", "backward_direction"] : ["forward_direction"];
        int[] order = shape.Cell switch
        {
            RecurrentCell.Lstm => LstmOrder,
            RecurrentCell.Gru => GruOrder,
            _ => RnnOrder,
        };
        var w = new List<float>();
        var r = new List<float>();
        var b = new List<float>();
        int inputSize = 0;
        foreach (string direction in directions)
        {
            (string wi, string wh, string bi, string bh) = Names(shape.Cell, $"encoder.layers.{layer}.{direction}.");
            (float[] wiValues, long[] wiShape) = weights[wi];
            inputSize = (int)wiShape[1];
            w.AddRange(Reorder(wiValues, order, shape.HiddenSize * inputSize));
            r.AddRange(Reorder(weights[wh].Values, order, shape.HiddenSize * shape.HiddenSize));
            b.AddRange(Reorder(weights[bi].Values, order, shape.HiddenSize));
            b.AddRange(Reorder(weights[bh].Values, order, shape.HiddenSize));
        }

        long d = directions.Length, gates = order.Length, h = shape.HiddenSize;
        string wName = graph.Constant([.. w], d, gates * h, inputSize);
        string rName = graph.Constant([.. r], d, gates * h, h);
        string bName = graph.Constant([.. b], d, 2 * gates * h);
        string op = shape.Cell switch
        {
            RecurrentCell.Lstm => "LSTM",
            RecurrentCell.Gru => "GRU",
            _ => "RNN",
        };
        string y = graph.Temp(op + "_Y"), yH = graph.Temp(op + "_Y_h");
        string[] outputs = shape.Cell == RecurrentCell.Lstm ? [y, yH, graph.Temp("LSTM_Y_c")] : [y, yH];
        OnnxGraphNode node = graph.Node(op, [x, wName, rName, bName, sequenceLengths], outputs)
            .Set("hidden_size", h)
            .Set("direction", shape.Bidirectional ? "bidirectional" : "forward");
        if (shape.Cell == RecurrentCell.Gru) node.Set("linear_before_reset", 1L);
        if (op == "RNN")
        {
            string activation = shape.RnnActivation == RnnActivation.Relu ? "Relu" : "Tanh";
            node.Set("activations", shape.Bidirectional ? [activation, activation] : new[] { activation });
        }

        return (y, yH);
    }

    private static (string, string, string, string) Names(RecurrentCell cell, string prefix) => cell switch
    {
        RecurrentCell.HandWrittenRnn => (prefix + "cell.i2h.weight", prefix + "cell.h2h.weight", prefix
            + "cell.i2h.bias", prefix + "cell.h2h.bias"),
        _ => Fused(prefix + (cell switch { RecurrentCell.Lstm => "lstm.", RecurrentCell.Gru => "gru.", _ => "rnn." })),
    };

    private static (string, string, string, string) Fused(string p) =>
        (p + "weight_ih_l0", p + "weight_hh_l0", p + "bias_ih_l0", p + "bias_hh_l0");

    /// <summary>Reorders the gate blocks (each <paramref name="blockSize"/> values) of a PyTorch tensor into ONNX's
    /// order.</summary>
    private static IEnumerable<float> Reorder(float[] values, int[] order, int blockSize)
    {
        if (values.Length != order.Length * blockSize)
            throw new InvalidOperationException($"A recurrent weight has {values.Length} values; expected " +
                $"{order.Length} gate blocks of {blockSize}.");
        return order.SelectMany(g => values.Skip(g * blockSize).Take(blockSize));
    }
}
