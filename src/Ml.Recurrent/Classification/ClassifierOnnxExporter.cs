using Microsoft.ML.Data;
using Ml.Recurrent.DataView;
using Ml.Recurrent.MlNet;
using Ml.Recurrent.Onnx;
using Ml.Recurrent.Scoring;
using Ml.Recurrent.Modeling;
using Ml.Recurrent.Tasks;

namespace Ml.Recurrent.Classification;

/// <summary>
/// Writes <see cref="RecurrentTextClassifierTransformer"/> as ONNX nodes, with the maths of
/// <see cref="RecurrentClassifierModule"/> in eval mode: key → embedding row (missing or out-of-range keys → the
/// missing-key row, an empty row → one missing-key token), time-major recurrent layers with
/// <c>sequence_lens</c>, pooling over real positions only, the head, and the task's output columns.
/// </summary>
/// <remarks>
/// The token input is a <c>uint32</c> key tensor <c>[N, T]</c>. When our tokenizer made it in the same graph, the
/// real length of each row comes with it; otherwise every row is taken as <c>T</c> real tokens (a key column fed
/// to the graph directly: score rows of different lengths one at a time).
/// </remarks>
internal static class ClassifierOnnxExporter
{
    public static void Save(OnnxGraph graph, BatchScorer scorer, ClassificationTask task, string tokensColumn)
    {
        string component = $"{nameof(RecurrentTextClassifierTransformer)} (input column '{tokensColumn}')";
        RecurrentArchitecture shape = scorer.Use(module => module.Architecture);
        if (shape.Cell == RecurrentCell.Custom)
            throw new NotSupportedException($"{component} cannot be exported to ONNX: its custom recurrent cell " +
                $"'{shape.CustomCellName}' is C# code run step by step, which has no ONNX operator.");

        string tokens = OnnxExport.InputVariable(graph, component, tokensColumn);
        ModuleWeights weights = ModuleWeights.Read(scorer);
        var g = new OnnxOps(graph);

        // Keys [N, T] → int64, plus one zero column so that an empty row still has a position 0
        // (read as the missing key).
        string keys = g.Cast(tokens, OnnxOps.Int64);
        string batch = g.Op("Gather", g.Op("Shape", keys), g.Longs([0], 1));
        string zeros = g.Op("Expand", g.Longs([0], 1, 1), g.Op("Concat", [batch, g.Longs([1], 1)], n => n.Set("axis",
            0L)));
        string padded = g.Op("Concat", [keys, zeros], n => n.Set("axis", 1L));
        string lengthsColumn = OnnxExport.LengthsColumnFor(tokens);
        string lengths = graph.HasColumn(lengthsColumn)
            ? graph.ColumnVariable(lengthsColumn)
            : g.Op("Expand", g.Op("Gather", g.Op("Shape", keys), g.Longs([1], 1)), batch);
        lengths = g.Op("Max", lengths, g.Longs([1], 1));

        // Key k in 1..KeyCount → row k; 0 (missing) or above KeyCount → the missing-key row.
        string outOfRange = g.Op("Or", g.Op("Equal", padded, g.Longs([0], 1)), g.Op("Greater", padded,
            g.Longs([shape.KeyCount], 1)));
        string rows = g.Op("Where", outOfRange, g.Longs([shape.MissingKeyRow], 1), padded);
        (string readRows, string readPadded, string readLengths) =
            Window(g, shape.MaximumRecurrentLength, rows, padded, lengths);
        (float[] embedding, long[] embeddingShape) = weights["embedding.weight"];
        string x = g.Op("Gather", graph.Constant(embedding, embeddingShape), g.Op("Transpose", [readRows], n
            => n.Set("perm", [1L, 0L])));
        string sequenceLengths = g.Cast(readLengths, OnnxOps.Int32);

        string y = x, yH = x;
        for (int layer = 0; layer < shape.NumberOfLayers; layer++)
        {
            (y, yH) = RecurrentLayerOnnx.Add(graph, weights, shape, layer, x, sequenceLengths);
            x = g.Op("Reshape", g.Op("Transpose", [y], n => n.Set("perm", [0L, 2L, 1L, 3L])), g.Longs([0, 0, -1], 3));
        }

        string pooled = PoolingOnnx.Add(g, shape.Pooling, y, yH, readPadded, readLengths);
        string logits = Head(g, graph, weights, shape, pooled);
        if (shape.BagOfNgramsLength > 0)
            logits = g.Op("Add", logits, BagOfNgramsOnnx.Add(g, weights, shape, rows, lengths));
        WriteOutputs(g, graph, task, logits);
    }

    /// <summary>
    /// The rows the recurrent part reads (<see cref="RecurrentWindow"/>): with a window of <c>W</c> tokens and head
    /// <c>H</c>, position <c>p</c> of a row of length <c>L</c> reads <c>p</c> when <c>p &lt; H</c>, else
    /// <c>p + max(L − W, 0)</c>, for <c>p</c> below <c>min(T, W)</c>; lengths become <c>min(L, W)</c>. Applied to
    /// the embedding rows and to the padded keys (which pooling reads) alike.
    /// </summary>
    private static (string Rows, string Padded, string Lengths) Window(OnnxOps g, int window, string rows,
        string padded, string lengths)
    {
        if (window == 0) return (rows, padded, lengths);
        long[] all = new long[window];
        for (int p = 0; p < window; p++) all[p] = p;
        string time = g.Op("Gather", g.Op("Shape", rows), g.Longs([1], 1));
        string positions = g.Op("Slice", g.Longs(all, window), g.Longs([0], 1), g.Op("Min", time,
            g.Longs([window], 1)), g.Longs([0], 1));
        string shift = g.Op("Unsqueeze", [g.Op("Max", g.Op("Sub", lengths, g.Longs([window], 1)), g.Longs([0], 1))],
            n => n.Set("axes", [1L]));
        string index = g.Op("Where", g.Op("Less", positions, g.Longs([RecurrentWindow.HeadOf(window)], 1)),
            g.Op("Unsqueeze", [positions], n => n.Set("axes", [0L])), g.Op("Add", positions, shift));
        return (g.Op("GatherElements", [rows, index], n => n.Set("axis", 1L)),
            g.Op("GatherElements", [padded, index], n => n.Set("axis", 1L)),
            g.Op("Min", lengths, g.Longs([window], 1)));
    }

    private static string Head(OnnxOps g, OnnxGraph graph, ModuleWeights weights, RecurrentArchitecture shape,
        string pooled)
    {
        string x = pooled;
        if (shape.HeadHiddenSize > 0)
        {
            x = Linear(g, graph, weights, "head.hidden", x);
            x = shape.HeadActivation switch
            {
                HeadActivation.None => x,
                HeadActivation.Relu => g.Op("Relu", x),
                HeadActivation.Elu => g.Op("Elu", [x], n => n.Set("alpha", 1f)),
                HeadActivation.LeakyRelu => g.Op("LeakyRelu", [x], n => n.Set("alpha", 0.01f)),
                HeadActivation.Tanh => g.Op("Tanh", x),
                _ => throw new NotSupportedException($"Head activation {shape.HeadActivation} has no ONNX export."),
            };
        }

        return Linear(g, graph, weights, "head.output", x);
    }

    private static string Linear(OnnxOps g, OnnxGraph graph, ModuleWeights weights, string prefix, string x)
    {
        (float[] w, long[] wShape) = weights[prefix + ".weight"];
        (float[] b, long[] bShape) = weights[prefix + ".bias"];
        return g.Op("Gemm", [x, graph.Constant(w, wShape), graph.Constant(b, bShape)], n => n.Set("transB", 1L));
    }

    private static void WriteOutputs(OnnxOps g, OnnxGraph graph, ClassificationTask task, string logits)
    {
        IReadOnlyList<AppendedColumn> columns = task.OutputColumns();
        foreach (AppendedColumn column in columns)
        {
            string output = graph.DeclareColumn(column.Type, column.Name);
            switch (task, column.Name)
            {
                case (BinaryTask, ColumnNames.Score):
                    graph.Node("Identity", [logits], [output]);
                    break;
                case (BinaryTask, ColumnNames.Probability):
                    graph.Node("Sigmoid", [logits], [output]);
                    break;
                case (BinaryTask, ColumnNames.PredictedLabel):
                    graph.Node("Greater", [logits, graph.Constant([0f], 1)], [output]);
                    break;
                case (MulticlassTask, ColumnNames.Score):
                    graph.Node("Softmax", [logits], [output]).Set("axis", 1L);
                    break;
                case (MulticlassTask, ColumnNames.PredictedLabel):
                    string best = g.Op("ArgMax", [logits], n => n.Set("axis", 1L).Set("keepdims", 1L));
                    graph.Node("Cast", [g.Op("Add", best, g.Longs([1], 1))], [output]).Set("to", OnnxOps.UInt32);
                    break;
                default:
                    throw new NotSupportedException($"The output column '{column.Name}' of {task.GetType().Name} " +
                        $"has no ONNX export.");
            }
        }
    }
}
