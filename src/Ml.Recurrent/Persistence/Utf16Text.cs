using System.Globalization;
using System.Text;

namespace Ml.Recurrent.Persistence;

/// <summary>
/// Lone UTF-16 surrogates: a .NET string may hold them, UTF-8 cannot. Encoding such a string as UTF-8
/// silently turns each one into U+FFFD, so a saved model would read back different text (two class names
/// could even become equal). These helpers find, replace and show them.
/// </summary>
internal static class Utf16Text
{
    /// <summary>The character UTF-8 encoders put in place of a lone surrogate.</summary>
    public const char ReplacementCharacter = '\uFFFD';

    /// <summary>Index of the first high surrogate not followed by a low one, or low surrogate not preceded by a
    /// high one; -1 if none.</summary>
    public static int IndexOfLoneSurrogate(ReadOnlySpan<char> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return i;
            }

            if (char.IsLowSurrogate(c)) return i;
        }

        return -1;
    }

    /// <summary><paramref name="text"/> with every lone surrogate replaced by U+FFFD (the same instance
    /// when there is none).</summary>
    public static string ReplaceLoneSurrogates(string text)
    {
        int first = IndexOfLoneSurrogate(text);
        if (first < 0) return text;
        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }

            builder.Append(char.IsSurrogate(c) ? ReplacementCharacter : c);
        }

        return builder.ToString();
    }

    /// <summary>Whether <paramref name="raw"/>, with lone surrogates replaced, equals
    /// <paramref name="replaced"/>.</summary>
    public static bool EqualsAfterReplacement(ReadOnlySpan<char> raw, string replaced)
    {
        if (raw.SequenceEqual(replaced)) return true;
        return IndexOfLoneSurrogate(raw) >= 0 && ReplaceLoneSurrogates(raw.ToString()) == replaced;
    }

    /// <summary>A printable form for messages: control characters and surrogates as <c>\uXXXX</c>, at most
    /// 64 characters shown.</summary>
    public static string Escape(ReadOnlySpan<char> text)
    {
        const int shown = 64;
        var builder = new StringBuilder();
        foreach (char c in text[..Math.Min(text.Length, shown)])
        {
            if (char.IsControl(c) || char.IsSurrogate(c) || c == ReplacementCharacter)
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else
                builder.Append(c);
        }

        if (text.Length > shown) builder.Append($"… ({text.Length} characters)");
        return builder.ToString();
    }
}
