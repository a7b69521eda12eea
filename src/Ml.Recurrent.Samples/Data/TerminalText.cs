using System.Globalization;
using System.Text;

namespace Ml.Recurrent.Samples.Data;

/// <summary>
/// Makes text that came from a file safe to print on a terminal: control characters (C0, DEL, C1 — the escape
/// sequences that move the cursor, recolour or retitle a terminal), lone surrogates, and Unicode's bidirectional
/// overrides become visible <c>\uXXXX</c> escapes.
/// </summary>
public static class TerminalText
{
    /// <summary><paramref name="text"/> with every unsafe character written as <c>\uXXXX</c>.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? escaped = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (pair)
            {
                escaped?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (!IsUnsafe(c))
            {
                escaped?.Append(c);
                continue;
            }

            escaped ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
            escaped.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }

        return escaped?.ToString() ?? text;
    }

    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
