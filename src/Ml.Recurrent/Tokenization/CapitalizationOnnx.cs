using Ml.Recurrent.Onnx;

namespace Ml.Recurrent.Tokenization;

/// <summary>
/// The capitalisation marker of each word, as <see cref="WordSplitter"/> decides it: a word whose first character is
/// an upper-case letter gets <c>xxup</c> when it has no other kind of letter and at least two letters, else
/// <c>xxmaj</c>. Words are split into characters (<c>com.microsoft.Tokenizer</c> with <c>tokenexp = "."</c>), each
/// character is classed with a <c>LabelEncoder</c> built from .NET's own <see cref="char.IsUpper(char)"/> and
/// <see cref="char.IsLetter(char)"/> over the BMP (words never hold other characters), and the classes are reduced.
/// </summary>
internal static class CapitalizationOnnx
{
    private const long Other = 0, Letter = 1, Upper = 2;

    /// <summary>int64 <c>[N, W]</c>: the marker's key, or 0 for none.</summary>
    /// <param name="g">Graph helpers.</param>
    /// <param name="chars">The characters of the original-case words, string <c>[N, W, C]</c>, padded with a
    /// non-letter.</param>
    /// <param name="majorKey">Key of <c>xxmaj</c>.</param>
    /// <param name="upperKey">Key of <c>xxup</c>.</param>
    public static string MarkerKeys(OnnxOps g, string chars, long majorKey, long upperKey)
    {
        (string[] keys, long[] values) = Classes();
        // Words are split into characters by the caller: com.microsoft.Tokenizer with tokenexp "."
        // (one per code point).
        string classes = g.Op("LabelEncoder", [chars], n => n.Set("keys_strings", keys).Set("values_int64s", values)
            .Set("default_int64", Other), "ai.onnx.ml");
        string first = g.Op("Slice", classes, g.Longs([0], 1), g.Longs([1], 1), g.Longs([2], 1));
        string firstUpper = g.Op("Equal", first, g.Longs([Upper], 1));
        string anyOtherLetter = g.Op("ReduceMax", [g.Cast(g.Op("Equal", classes, g.Longs([Letter], 1)),
            OnnxOps.Int64)], n => n.Set("axes", [2L]).Set("keepdims", 1L));
        string upperCount = g.Op("ReduceSum", [g.Cast(g.Op("Equal", classes, g.Longs([Upper], 1)), OnnxOps.Int64)], n
            => n.Set("axes", [2L]).Set("keepdims", 1L));
        string allUpper = g.Op("And", g.Op("Equal", anyOtherLetter, g.Longs([0], 1)), g.Op("Greater", upperCount,
            g.Longs([1], 1)));
        string marker = g.Op("Where", firstUpper, g.Op("Where", allUpper, g.Longs([upperKey], 1), g.Longs([majorKey],
            1)), g.Longs([0], 1));
        return g.Op("Squeeze", [marker], n => n.Set("axes", [2L]));
    }

    private static (string[] Keys, long[] Values) Classes()
    {
        var keys = new List<string>();
        var values = new List<long>();
        for (int c = 0; c < 0x10000; c++)
        {
            char ch = (char)c;
            if (char.IsSurrogate(ch) || !char.IsLetter(ch)) continue;
            keys.Add(ch.ToString());
            values.Add(char.IsUpper(ch) ? Upper : Letter);
        }

        return ([.. keys], [.. values]);
    }
}
