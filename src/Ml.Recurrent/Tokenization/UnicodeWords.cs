using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Ml.Recurrent.Tokenization;

/// <summary>
/// The pre-tokenizer of <see cref="WordRule.CodePoints"/>: a word is a run of word characters, and each punctuation or
/// symbol character is a token of its own; everything else (white space, controls, format characters, lone
/// surrogates, unassigned and private-use code points) separates tokens. Word characters are those of .NET's
/// <c>\w</c>: taken from the regular expression itself over the Basic Plane (as version 1 did) and, outside it, by
/// the categories .NET documents for <c>\w</c> (L, Mn, Nd, Pc); punctuation is <c>\p{P}</c>, symbols
/// <c>\p{S}</c>. Over Basic-Plane text without symbols it gives exactly the tokens of
/// <see cref="WordRule.BasicPlaneOnly"/>.
/// </summary>
internal static class UnicodeWords
{
    /// <summary>The class of a code point.</summary>
    public enum Kind : byte
    {
        /// <summary>Separates tokens.</summary>
        Separator,

        /// <summary>Part of a word.</summary>
        Word,

        /// <summary>A token of its own.</summary>
        Single,
    }

    private static readonly Lazy<Kind[]> Bmp = new(Build);

    /// <summary>The class of <paramref name="codePoint"/> under <see cref="WordRule.CodePoints"/>.</summary>
    public static Kind KindOf(int codePoint)
    {
        if (codePoint < 0x10000) return Bmp.Value[codePoint];
        UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
        if (IsWord(category)) return Kind.Word;
        return IsPunctuationOrSymbol(category) ? Kind.Single : Kind.Separator;
    }

    /// <summary>Adds the tokens of <paramref name="text"/> to <paramref name="tokens"/>: offset and length in UTF-16
    /// code units.</summary>
    public static void Split(ReadOnlySpan<char> text, List<(int Offset, int Length)> tokens)
    {
        int wordStart = -1;
        int i = 0;
        while (i < text.Length)
        {
            OperationStatus status = Rune.DecodeFromUtf16(text[i..], out Rune rune, out int width);
            Kind kind = status == OperationStatus.Done ? KindOf(rune.Value) : Kind.Separator; // a lone surrogate
            if (kind != Kind.Word && wordStart >= 0)
            {
                tokens.Add((wordStart, i - wordStart));
                wordStart = -1;
            }

            if (kind == Kind.Word && wordStart < 0) wordStart = i;
            if (kind == Kind.Single) tokens.Add((i, width));
            i += Math.Max(1, width);
        }

        if (wordStart >= 0) tokens.Add((wordStart, text.Length - wordStart));
    }

    // .NET's \w outside the Basic Plane: letters, non-spacing marks, decimal digits, connector punctuation.
    private static bool IsWord(UnicodeCategory category) => category is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
        or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark or UnicodeCategory.DecimalDigitNumber
        or UnicodeCategory.ConnectorPunctuation;

    private static bool IsPunctuationOrSymbol(UnicodeCategory category) => category is
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
        or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
        or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation or UnicodeCategory.MathSymbol
        or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol;

    private static Kind[] Build()
    {
        var word = new Regex(@"^\w$", RegexOptions.CultureInvariant);
        var punctuation = new Regex(@"^[\p{P}]$", RegexOptions.CultureInvariant);
        var kinds = new Kind[0x10000];
        for (int c = 0; c < 0x10000; c++)
        {
            if (char.IsSurrogate((char)c)) continue;
            string s = ((char)c).ToString();
            if (word.IsMatch(s))
            {
                kinds[c] = Kind.Word;
            }
            else if (punctuation.IsMatch(s) || IsPunctuationOrSymbol(CharUnicodeInfo.GetUnicodeCategory((char)c)))
            {
                kinds[c] = Kind.Single;
            }
        }

        return kinds;
    }
}
