using Ml.Recurrent.MlNet;
using Ml.Recurrent.Onnx;

namespace Ml.Recurrent.Tokenization;

/// <summary>
/// Writes the word <see cref="RecurrentTokenizerTransformer"/> as ONNX nodes: text <c>[N, 1]</c> → token keys
/// <c>uint32 [N, T]</c> (right-padded with key 0) plus, for our classifier, each row's real length.
/// Pre-tokenizer: <c>com.microsoft.Tokenizer</c> with the word-or-punctuation expression
/// (<see cref="WordPatternOnnx"/>); lower-cased vocabulary look-up: <see cref="LowerCaseLookupOnnx"/>; capitalisation
/// markers:
/// <see cref="CapitalizationOnnx"/>, interleaved before their words and packed to the left with
/// <c>ScatterElements</c>; vocabulary: <c>ai.onnx.ml.LabelEncoder</c> defaulting to the unknown key; truncation to
/// <see cref="RecurrentTokenizerTransformer.MaximumLength"/> after the markers, as <see cref="WordTokenEncoder"/> does.
/// </summary>
internal static class TokenizerOnnxExporter
{
    /// <summary>Pads token rows: never a token (tokens hold no white space).</summary>
    private const string Pad = " ";

    public static void Save(OnnxGraph graph, RecurrentTokenizerTransformer tokenizer, string inputColumn)
    {
        string component = $"{nameof(RecurrentTokenizerTransformer)} (column '{tokenizer.OutputColumnName}')";
        if (tokenizer.Pretrained != PretrainedTokenizer.None)
            throw new NotSupportedException($"{component} cannot be exported to ONNX: the pretrained " +
                $"{tokenizer.Pretrained} tokenizer is byte-pair encoding, which the standard ONNX operators " +
                $"available through ConvertToOnnx (opset 12) cannot express.");
        RecurrentTokenizerOptions options = tokenizer.Options;
        var encoder = (WordTokenEncoder)tokenizer.Encoder;
        Vocabulary vocabulary = encoder.Vocabulary;
        string text = OnnxExport.InputVariable(graph, component, inputColumn);
        var g = new OnnxOps(graph);

        // Words [N, W], W ≥ 1: the pre-tokenizer's matches left-aligned, then at least one pad column.
        string split = g.Op("Tokenizer", [text], n => n.Set("tokenexp", WordPatternOnnx.Expression(encoder.Rule))
            .Set("mark", 0L).Set("pad_value", Pad).Set("mincharnum", 1L), "com.microsoft");
        string words = g.Op("Squeeze", [split], n => n.Set("axes", [1L]));
        string batch = g.Op("Gather", g.Op("Shape", text), g.Longs([0], 1));
        string padColumn = g.Op("Expand", graph.Constant([Pad], 1, 1), g.Op("Concat", [batch, g.Longs([1], 1)], n
            => n.Set("axis", 0L)));
        words = g.Op("Concat", [words, padColumn], n => n.Set("axis", 1L));
        string real = g.Op("LabelEncoder", [words], n => n.Set("keys_strings", [Pad]).Set("values_int64s", [0L])
            .Set("default_int64", 1L), "ai.onnx.ml");

        IReadOnlyList<string> terms = vocabulary.Terms;
        string keys;
        string? chars = null;
        if (options.LowerCase)
        {
            // Lower-casing without StringNormalizer, whose result depends on the scoring machine's C++ locale.
            chars = g.Op("Tokenizer", [words], n => n.Set("tokenexp", ".").Set("mark", 0L).Set("pad_value", Pad)
                .Set("mincharnum", 1L), "com.microsoft");
            keys = LowerCaseLookupOnnx.Keys(g, chars, terms, component, encoder.Rule);
        }
        else
        {
            keys = g.Op("LabelEncoder", [words], n => n
                .Set("keys_strings", terms.ToArray())
                .Set("values_int64s", Enumerable.Range(1, terms.Count).Select(k => (long)k).ToArray())
                .Set("default_int64", (long)Vocabulary.UnknownKey), "ai.onnx.ml");
        }

        keys = g.Op("Mul", keys, real);
        string sequence = keys, valid = real;
        if (chars is not null && options.CapitalizationMarkers)
            (sequence, valid) = WithMarkers(g, chars, keys, real, vocabulary);

        string length = g.Op("ReduceSum", [valid], n => n.Set("axes", [1L]).Set("keepdims", 0L));
        length = g.Op("Min", length, g.Longs([options.MaximumLength], 1));
        sequence = g.Op("Slice", sequence, g.Longs([0], 1), g.Longs([options.MaximumLength], 1), g.Longs([1], 1));

        string output = graph.DeclareColumn(tokenizer.OutputColumn().Type, tokenizer.OutputColumnName);
        graph.Node("Cast", [sequence], [output]).Set("to", OnnxOps.UInt32);
        string lengths = graph.DeclareHidden(OnnxExport.LengthsColumnFor(output));
        graph.Node("Identity", [length], [lengths]);
    }

    /// <summary>
    /// Puts each word's marker key (if any) before its key and packs the real entries to the left of each row:
    /// entry <c>j</c> of a row goes to (number of real entries before it); others go to a spare last column.
    /// </summary>
    private static (string Sequence, string Valid) WithMarkers(OnnxOps g, string chars, string keys, string real,
        Vocabulary vocabulary)
    {
        string markers = CapitalizationOnnx.MarkerKeys(g, chars, vocabulary.KeyOf(WordSplitter.MajorMarker),
            vocabulary.KeyOf(WordSplitter.UpperMarker));
        string markerReal = g.Cast(g.Op("Greater", markers, g.Longs([0], 1)), OnnxOps.Int64);
        string pairs = Interleave(g, markers, keys);
        string valid = Interleave(g, markerReal, real);
        string width = g.Op("Gather", g.Op("Shape", pairs), g.Longs([1], 1));
        string position = g.Op("Sub", g.Op("CumSum", valid, g.Longs([1])), g.Longs([1], 1));
        string invalid = g.Op("Sub", g.Longs([1], 1), valid);
        string target = g.Op("Add", g.Op("Mul", position, valid), g.Op("Mul", invalid, width));
        string zeros = g.Op("Concat", [g.Op("Mul", pairs, g.Longs([0], 1)), g.Op("Slice", g.Op("Mul", pairs,
            g.Longs([0], 1)), g.Longs([0], 1), g.Longs([1], 1), g.Longs([1], 1))], n => n.Set("axis", 1L));
        string packed = g.Op("ScatterElements", [zeros, target, g.Op("Mul", pairs, valid)], n => n.Set("axis", 1L));
        return (packed, valid);
    }

    /// <summary><c>[N, W]</c> and <c>[N, W]</c> → <c>[N, 2W]</c>: a₀ b₀ a₁ b₁ …</summary>
    private static string Interleave(OnnxOps g, string a, string b)
    {
        string stacked = g.Op("Concat", [g.Op("Unsqueeze", [a], n => n.Set("axes", [2L])), g.Op("Unsqueeze", [b], n
            => n.Set("axes", [2L]))], n => n.Set("axis", 2L));
        return g.Op("Reshape", stacked, g.Longs([0, -1], 2));
    }
}
