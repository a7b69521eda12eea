using System.Text.RegularExpressions;
using System.Text;
using Ml.Recurrent.Onnx;

namespace Ml.Recurrent.Tokenization;

/// <summary>
/// The word tokenizer's pre-tokenizer (<c>\w+|[\p{P}]</c>, Microsoft.ML.Tokenizers' word-or-punctuation) as an RE2
/// expression for ONNX Runtime's <c>com.microsoft.Tokenizer</c>. .NET matches UTF-16 code units, so no character
/// outside the Basic Multilingual Plane (a surrogate is neither a word character nor punctuation) is ever part of a
/// token; RE2 reads code points and its Unicode tables may differ from .NET's. Both facts are pinned by listing the
/// classes explicitly, as the BMP code points that .NET's own regular expressions put in them.
/// </summary>
internal static class WordPatternOnnx
{
    private static readonly Lazy<string> Cached = new(Build);

    /// <summary>The RE2 expression.</summary>
    public static string Expression => Cached.Value;

    private static string Build()
    {
        var word = new Regex(@"^\w$", RegexOptions.CultureInvariant);
        var punctuation = new Regex(@"^[\p{P}]$", RegexOptions.CultureInvariant);
        return Class(c => word.IsMatch(c)) + "+|" + Class(c => punctuation.IsMatch(c));
    }

    private static string Class(Func<string, bool> member)
    {
        var builder = new StringBuilder("[");
        int start = -1;
        for (int c = 0; c <= 0x10000; c++)
        {
            bool inside = c < 0x10000 && !char.IsSurrogate((char)c) && member(((char)c).ToString());
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
