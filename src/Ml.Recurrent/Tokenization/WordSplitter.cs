using Microsoft.ML.Tokenizers;

namespace Ml.Recurrent.Tokenization;

/// <summary>
/// Splits a text into word and punctuation tokens — with Microsoft.ML.Tokenizers' word-or-punctuation pre-tokenizer
/// (<see cref="WordRule.BasicPlaneOnly"/>, tokenizers saved in format version 1) or by code point
/// (<see cref="WordRule.CodePoints"/>, see <see cref="UnicodeWords"/>) — lower-cases them with
/// Microsoft.ML.Tokenizers' lower-case normalizer and, optionally, inserts fastai-style capitalisation markers
/// (<c>xxmaj</c>, <c>xxup</c>),
/// decided on the word's UTF-16 characters (a letter outside the Basic Plane never makes a marker).
/// </summary>
internal sealed class WordSplitter
{
    /// <summary>Marker placed before a word that started with a capital letter.</summary>
    public const string MajorMarker = "xxmaj";

    /// <summary>Marker placed before a word of two or more letters written all in capitals.</summary>
    public const string UpperMarker = "xxup";

    private static readonly PreTokenizer Splitter = PreTokenizer.CreateWordOrPunctuation();
    private readonly bool _lowerCase;
    private readonly bool _markers;
    private readonly WordRule _rule;

    public WordSplitter(bool lowerCase, bool capitalizationMarkers, WordRule rule)
    {
        _lowerCase = lowerCase;
        _markers = capitalizationMarkers;
        _rule = rule;
    }

    /// <summary>Calls <paramref name="onToken"/> for each token of <paramref name="text"/> in order, until it
    /// returns <c>false</c>.</summary>
    public void Split(ReadOnlySpan<char> text, Func<string, bool> onToken)
    {
        if (text.IsEmpty) return;
        IEnumerable<(int Offset, int Length)> tokens;
        if (_rule == WordRule.BasicPlaneOnly)
        {
            tokens = Splitter.PreTokenize(text);
        }
        else
        {
            var list = new List<(int, int)>();
            UnicodeWords.Split(text, list);
            tokens = list;
        }

        foreach ((int offset, int length) in tokens)
        {
            ReadOnlySpan<char> word = text.Slice(offset, length);
            if (!_lowerCase)
            {
                if (!onToken(word.ToString())) return;
                continue;
            }

            if (_markers)
            {
                string? marker = MarkerFor(word);
                if (marker is not null && !onToken(marker)) return;
            }

            if (!onToken(LowerCaseNormalizer.Instance.Normalize(word))) return;
        }
    }

    private static string? MarkerFor(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty || !char.IsUpper(word[0])) return null;
        int letters = 0;
        foreach (char c in word)
        {
            if (!char.IsLetter(c)) continue;
            if (!char.IsUpper(c)) return MajorMarker;
            letters++;
        }

        return letters >= 2 ? UpperMarker : MajorMarker;
    }
}
