using System.Text;
using System.Text.RegularExpressions;
using Ml.Recurrent.Onnx;

namespace Ml.Recurrent.Tokenization;

/// <summary>
/// The vocabulary key of each word's lower-cased form, exactly as <see cref="Vocabulary.KeyOf"/> after .NET's
/// invariant lower-casing, with no locale-dependent operator. Each character (code point) becomes a unit: a Basic
/// Plane character the code unit of its .NET lower case (a <c>LabelEncoder</c> over every BMP character a word can
/// hold), a character outside it a number above 0xFFFF given to each lower-cased code point the vocabulary holds
/// (<see cref="WordRule.CodePoints"/>), any other character −2, which no term holds; a hash of those units
/// (modulo a prime, no overflow) picks a candidate term (the export makes sure no two terms share a hash), and the
/// candidate is kept only if its stored units and length equal the word's, else the unknown key.
/// </summary>
internal static class LowerCaseLookupOnnx
{
    private const long Modulus = 2_147_483_647;
    private const int MaximumTermLength = 60_000;

    /// <param name="g">Graph helpers.</param>
    /// <param name="chars">Characters of each word, string <c>[N, W, C]</c>, padded with a non-word character.</param>
    /// <param name="terms">The vocabulary; term <c>i</c> has key <c>i + 1</c>.</param>
    /// <param name="component">Names the exported component in errors.</param>
    /// <returns>int64 <c>[N, W]</c> keys.</returns>
    /// <param name="rule">The tokenizer's word rule (which characters a word can hold).</param>
    public static string Keys(OnnxOps g, string chars, IReadOnlyList<string> terms, string component, WordRule rule)
    {
        var supplementary = new Dictionary<int, long>();
        long[][] termUnits = terms.Select(t => Units(t, supplementary)).ToArray();
        int width = Math.Max(1, termUnits.Max(t => t.Length));
        if (width > MaximumTermLength)
            throw new NotSupportedException($"{component} cannot be exported to ONNX: a vocabulary term has {width} " +
                $"characters; the export handles up to {MaximumTermLength}.");
        if ((double)(0x10000 + supplementary.Count) * Modulus * width >= long.MaxValue)
            throw new NotSupportedException($"{component} cannot be exported to ONNX: its {supplementary.Count} " +
                $"characters outside the Basic Plane and terms of {width} characters overflow the look-up's hash.");
        (string[] charKeys, long[] lowered) = LowerCaseTable(rule, supplementary);
        string units = g.Op("LabelEncoder", [chars], n => n.Set("keys_strings", charKeys).Set("values_int64s",
            lowered).Set("default_int64", -2L), "ai.onnx.ml");
        string length = g.Op("ReduceSum", [g.Cast(g.Op("Greater", units, g.Longs([0], 1)), OnnxOps.Int64)], n
            => n.Set("axes", [2L]).Set("keepdims", 0L));
        string fixedUnits = g.Op("Slice", g.Op("Pad", units, g.Longs([0, 0, 0, 0, 0, width], 6)), g.Longs([0], 1),
            g.Longs([width], 1), g.Longs([2], 1));

        long[] multipliers = Multipliers(termUnits, width, component, out long[] termHashes);
        string hash = g.Op("Mod", g.Op("ReduceSum", [g.Op("Mul", fixedUnits, g.Longs(multipliers, width))], n
            => n.Set("axes", [2L]).Set("keepdims", 0L)), g.Longs([Modulus], 1));
        string candidate = g.Op("LabelEncoder", [g.Cast(hash, OnnxOps.String)], n => n
            .Set("keys_strings", termHashes.Select(h
                => h.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray())
            .Set("values_int64s", Enumerable.Range(1, terms.Count).Select(k => (long)k).ToArray())
            .Set("default_int64", 0L), "ai.onnx.ml");

        // Row k of the tables is term k − 1; row 0 (no candidate) never matches.
        var table = new long[(terms.Count + 1) * width];
        var lengths = new long[terms.Count + 1];
        Array.Fill(table, -1, 0, width);
        lengths[0] = -1;
        for (int k = 0; k < terms.Count; k++)
        {
            lengths[k + 1] = termUnits[k].Length;
            for (int i = 0; i < termUnits[k].Length; i++) table[(k + 1) * width + i] = termUnits[k][i];
        }

        string stored = g.Op("Gather", g.Longs(table, terms.Count + 1, width), candidate);
        string sameUnits = g.Op("ReduceMin", [g.Cast(g.Op("Equal", stored, fixedUnits), OnnxOps.Int64)], n
            => n.Set("axes", [2L]).Set("keepdims", 0L));
        string sameLength = g.Op("Equal", g.Op("Gather", g.Longs(lengths, terms.Count + 1), candidate), length);
        string match = g.Op("And", g.Op("Equal", sameUnits, g.Longs([1], 1)), sameLength);
        return g.Op("Where", match, candidate, g.Longs([Vocabulary.UnknownKey], 1));
    }

    /// <summary>Hash multipliers under which every term hashes differently (a few seeds are tried).</summary>
    private static long[] Multipliers(long[][] terms, int width, string component, out long[] hashes)
    {
        for (int seed = 1; seed <= 8; seed++)
        {
            var random = new Random(seed);
            long[] multipliers = Enumerable.Range(0, width).Select(_ => random.NextInt64(1, Modulus)).ToArray();
            hashes = terms.Select(t => Hash(t, multipliers)).ToArray();
            if (hashes.Distinct().Count() == hashes.Length) return multipliers;
        }

        throw new NotSupportedException($"{component} cannot be exported to ONNX: no hash without collisions was " +
            $"found for its {terms.Length} vocabulary terms.");
    }

    /// <summary>The units of a term, one per code point; numbers code points outside the Basic Plane as met.</summary>
    private static long[] Units(string term, Dictionary<int, long> supplementary)
    {
        var units = new List<long>(term.Length);
        foreach (Rune rune in term.EnumerateRunes())
        {
            if (rune.IsBmp)
            {
                units.Add(rune.Value);
                continue;
            }

            if (!supplementary.TryGetValue(rune.Value, out long unit))
                supplementary[rune.Value] = unit = 0x10000 + supplementary.Count;
            units.Add(unit);
        }

        return [.. units];
    }

    private static long Hash(long[] term, long[] multipliers)
    {
        long sum = 0;
        for (int i = 0; i < term.Length; i++) sum += term[i] * multipliers[i];
        return sum % Modulus;
    }

    /// <summary>Every BMP character that a word can hold (word characters and punctuation; symbols too with
    /// <see cref="WordRule.CodePoints"/>) → its .NET lower case; each character outside the Basic Plane whose lower
    /// case the vocabulary holds → that code point's unit; the padding → 0.</summary>
    private static (string[] Keys, long[] Values) LowerCaseTable(WordRule rule, Dictionary<int, long> supplementary)
    {
        var member = new Regex(@"^(\w|[\p{P}])$", RegexOptions.CultureInvariant);
        var keys = new List<string> { " " };
        var values = new List<long> { 0 };
        for (int c = 1; c < 0x10000; c++)
        {
            char ch = (char)c;
            if (char.IsSurrogate(ch)) continue;
            bool inWords = rule == WordRule.BasicPlaneOnly ? member.IsMatch(ch.ToString())
                : UnicodeWords.KindOf(c) != UnicodeWords.Kind.Separator;
            if (!inWords) continue;
            keys.Add(ch.ToString());
            values.Add(ch.ToString().ToLowerInvariant()[0]);
        }

        if (rule == WordRule.BasicPlaneOnly || supplementary.Count == 0) return ([.. keys], [.. values]);
        for (int c = 0x10000; c < 0x110000; c++)
        {
            if (UnicodeWords.KindOf(c) == UnicodeWords.Kind.Separator) continue;
            string character = char.ConvertFromUtf32(c);
            string lower = character.ToLowerInvariant();
            if (Rune.DecodeFromUtf16(lower, out Rune rune, out int used) != System.Buffers.OperationStatus.Done ||
                used != lower.Length || !supplementary.TryGetValue(rune.Value, out long unit))
                continue;
            keys.Add(character);
            values.Add(unit);
        }

        return ([.. keys], [.. values]);
    }
}
