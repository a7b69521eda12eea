using System.Text.RegularExpressions;
using System.Text;
using Ml.Recurrent.Onnx;

namespace Ml.Recurrent.Tokenization;

/// <summary>
/// The word tokenizer's pre-tokenizer as an RE2 expression for ONNX Runtime's <c>com.microsoft.Tokenizer</c>:
/// <c>word+|single</c>. For <see cref="WordRule.BasicPlaneOnly"/> that is Microsoft.ML.Tokenizers' word-or-punctuation
/// (<c>\w+|[\p{P}]</c>); for <see cref="WordRule.CodePoints"/> the classes are <see cref="UnicodeWords"/>' over every
/// code point. .NET matches UTF-16 code units, so no character
/// outside the Basic Multilingual Plane (a surrogate is neither a word character nor punctuation) is ever part of a
/// token; RE2 reads code points and its Unicode tables may differ from .NET's. Both facts are pinned by listing the
/// classes explicitly, as the BMP code points that .NET's own regular expressions put in them.
/// </summary>
internal static class WordPatternOnnx
{
    private static readonly Lazy<string> Cached = new(Build);
    private static readonly Lazy<string> CodePoints = new(BuildCodePoints);

    /// <summary>The RE2 expression of <paramref name="rule"/>.</summary>
    public static string Expression(WordRule rule) => rule == WordRule.BasicPlaneOnly ? Cached.Value : CodePoints.Value;

    private static string BuildCodePoints()
    {
        string Of(UnicodeWords.Kind kind) => Class(c => UnicodeWords.KindOf(c) == kind, 0x110000);
        return Of(UnicodeWords.Kind.Word) + "+|" + Of(UnicodeWords.Kind.Single);
    }

    private static string Build()
    {
        var word = new Regex(@"^\w$", RegexOptions.CultureInvariant);
        var punctuation = new Regex(@"^[\p{P}]$", RegexOptions.CultureInvariant);
        return Class(c => word.IsMatch(((char)c).ToString()), 0x10000) + "+|" +
            Class(c => punctuation.IsMatch(((char)c).ToString()), 0x10000);
    }

    private static string Class(Func<int, bool> member, int end)
    {
        var builder = new StringBuilder("[");
        int start = -1;
        for (int c = 0; c <= end; c++)
        {
            bool inside = c < end && (c > 0xFFFF || !char.IsSurrogate((char)c)) && member(c);
            if (inside && start < 0) start = c;
            if (!inside && start >= 0)
            {
                builder.Append($"\\x{{{start:X}}}");
                if (c - 1 > start) builder.Append($"-\\x{{{c - 1:X}}}");
                start = -1;
            }
        }

        return builder.Append(']').ToString();
    }
}
