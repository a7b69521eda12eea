using Ml.Recurrent.Modeling;
using Ml.Recurrent.Onnx;

namespace Ml.Recurrent.Classification;

/// <summary>
/// The pooling of <see cref="RecurrentClassifierModule"/> over ONNX recurrent outputs: <c>Last</c> is each
/// direction's final state (<c>Y_h</c>: forward at the last real token, backward at the first); <c>Max</c> and
/// <c>Mean</c> read real positions only, through a mask built from the lengths.
/// </summary>
internal static class PoolingOnnx
{
    /// <param name="g">Graph helpers.</param>
    /// <param name="pooling">The pooling mode.</param>
    /// <param name="y">Last layer's outputs <c>[T, D, N, H]</c>.</param>
    /// <param name="yH">Last layer's final states <c>[D, N, H]</c>.</param>
    /// <param name="rows">Any int64 <c>[N, T]</c> tensor (its shape gives T).</param>
    /// <param name="lengths">Real lengths, int64 <c>[N]</c>, each 1..T.</param>
    public static string Add(OnnxOps g, SequencePooling pooling, string y, string yH, string rows, string lengths)
        => pooling switch
    {
        SequencePooling.Last => Last(g, yH),
        SequencePooling.Max => Max(g, y, rows, lengths),
        SequencePooling.Mean => Mean(g, y, rows, lengths),
        SequencePooling.LastMaxMean => g.Op("Concat", [Last(g, yH), Max(g, y, rows, lengths), Mean(g, y, rows,
            lengths)], n => n.Set("axis", 1L)),
        _ => throw new NotSupportedException($"Pooling {pooling} has no ONNX export."),
    };

    private static string Last(OnnxOps g, string yH) =>
        g.Op("Reshape", g.Op("Transpose", [yH], n => n.Set("perm", [1L, 0L, 2L])), g.Longs([0, -1], 2));

    /// <summary><c>[N, T, D·H]</c>: forward then backward features at each position, as the module concatenates
    /// them.</summary>
    private static string Outputs(OnnxOps g, string y) =>
        g.Op("Reshape", g.Op("Transpose", [y], n => n.Set("perm", [2L, 0L, 1L, 3L])), g.Longs([0, 0, -1], 3));

    /// <summary><c>[N, T, 1]</c> bool: true at real positions.</summary>
    private static string Mask(OnnxOps g, string rows, string lengths)
    {
        string time = g.Op("Gather", g.Op("Shape", rows), g.Longs([1]));
        string positions = g.Op("Unsqueeze", [g.Op("Range", g.Longs([0]), time, g.Longs([1]))], n => n.Set("axes",
            [0L]));
        string mask = g.Op("Less", positions, g.Op("Unsqueeze", [lengths], n => n.Set("axes", [1L])));
        return g.Op("Unsqueeze", [mask], n => n.Set("axes", [2L]));
    }

    private static string Max(OnnxOps g, string y, string rows, string lengths)
    {
        string masked = g.Op("Where", Mask(g, rows, lengths), Outputs(g, y), g.Floats([float.NegativeInfinity], 1));
        return g.Op("ReduceMax", [masked], n => n.Set("axes", [1L]).Set("keepdims", 0L));
    }

    private static string Mean(OnnxOps g, string y, string rows, string lengths)
    {
        string weights = g.Cast(Mask(g, rows, lengths), OnnxOps.Float);
        string summed = g.Op("ReduceSum", [g.Op("Mul", Outputs(g, y), weights)], n => n.Set("axes", [1L])
            .Set("keepdims", 0L));
        return g.Op("Div", summed, g.Cast(g.Op("Unsqueeze", [lengths], n => n.Set("axes", [1L])), OnnxOps.Float));
    }
}
