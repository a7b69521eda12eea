using Ml.Recurrent.Modeling;
using Ml.Recurrent.Onnx;

namespace Ml.Recurrent.Classification;

/// <summary>
/// The bag-of-n-grams path (<see cref="BagOfNgrams"/>) as ONNX nodes (opset 12): the same n-gram hash in int64
/// (<c>Mul</c>, <c>Add</c>, <c>Mod</c>), the weight rows gathered, weighted (1, or the row's inverse document
/// frequency), summed over real positions only and divided by the square root of the summed squared weights.
/// </summary>
internal static class BagOfNgramsOnnx
{
    /// <summary>Logits <c>[N, outputs]</c> of the path for embedding rows <c>[N, T]</c> whose first
    /// <paramref name="lengths"/> positions are real.</summary>
    public static string Add(OnnxOps g, ModuleWeights weights, RecurrentArchitecture shape, string rows,
        string lengths)
    {
        string time = g.Op("Gather", g.Op("Shape", rows), g.Longs([1]));
        string positions = g.Op("Unsqueeze", [g.Op("Range", g.Longs([0]), time, g.Longs([1]))], n => n.Set("axes",
            [0L]));
        string valid = g.Op("Less", positions, g.Op("Unsqueeze", [lengths], n => n.Set("axes", [1L])));
        var ids = new List<string> { rows };
        var masks = new List<string> { valid };
        string hash = rows;
        for (int n = 2; n <= shape.BagOfNgramsLength; n++)
        {
            long offset = n == 2 ? BagOfNgrams.BigramOffset : BagOfNgrams.TrigramOffset;
            string next = Slice(g, rows, n - 1, long.MaxValue);
            string scaled = g.Op("Mul", Slice(g, hash, 0, -1), g.Longs([BagOfNgrams.Multiplier], 1));
            string extended = g.Op("Add", g.Op("Add", scaled, next), g.Longs([offset], 1));
            hash = g.Op("Mod", extended, g.Longs([BagOfNgrams.Modulus], 1));
            ids.Add(g.Op("Add", g.Op("Mod", hash, g.Longs([shape.BagOfNgramsBuckets], 1)),
                g.Longs([shape.EmbeddingRows], 1)));
            masks.Add(Slice(g, valid, n - 1, long.MaxValue));
        }

        string allIds = g.Op("Concat", [.. ids], n => n.Set("axis", 1L));
        string mask = g.Cast(g.Op("Concat", [.. masks], n => n.Set("axis", 1L)), OnnxOps.Float);
        string weight = mask, squares = mask;
        if (shape.BagOfNgramsWeighting == BagOfNgramsWeighting.InverseDocumentFrequency)
        {
            (float[] idf, long[] idfShape) = weights["bag_of_ngrams.idf"];
            weight = g.Op("Mul", mask, g.Op("Gather", g.Graph.Constant(idf, idfShape), allIds));
            squares = g.Op("Mul", weight, weight);
        }

        (float[] w, long[] wShape) = weights["bag_of_ngrams.table.weight"];
        string gathered = g.Op("Gather", g.Graph.Constant(w, wShape), allIds);
        string masked = g.Op("Mul", gathered, g.Op("Unsqueeze", [weight], n => n.Set("axes", [2L])));
        string summed = g.Op("ReduceSum", [masked], n => n.Set("axes", [1L]).Set("keepdims", 0L));
        string norm = g.Op("ReduceSum", [squares], n => n.Set("axes", [1L]).Set("keepdims", 1L));
        return g.Op("Div", summed, g.Op("Sqrt", g.Op("Max", norm, g.Floats([1f], 1))));
    }

    /// <summary>Positions <paramref name="start"/> up to <paramref name="end"/> (exclusive; negative counts from the
    /// end) along axis 1.</summary>
    private static string Slice(OnnxOps g, string x, long start, long end) =>
        g.Op("Slice", x, g.Longs([start], 1), g.Longs([end], 1), g.Longs([1], 1));
}
