namespace Ml.Recurrent.Benchmarks;

/// <summary>What the benchmarks share to tokenise a dataset the way the peer does and store it as the trainer would.</summary>
internal static class TokenStoreBuilder
{
    /// <summary>
    /// Tokenizer options that mirror the peer's vocabulary: 20,000 rows including padding and unknown, every word
    /// seen once kept, no capitalisation markers, texts cut at <paramref name="maxLength"/> tokens.
    /// </summary>
    public static RecurrentTokenizerOptions PeerOptions(int maxLength) => new()
    {
        MaximumVocabularySize = 20_000 - 2, MinimumCount = 1, MaximumLength = maxLength, CapitalizationMarkers = false,
    };

    /// <summary>The classes of <paramref name="rows"/>, sorted ordinally (label index = position).</summary>
    public static string[] Labels(IEnumerable<Dataset.Row> rows) => rows.Select(r => r.Label).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// The token store the trainer would build: keys as embedding rows, an empty text as one missing-key token,
    /// labels as indices into <paramref name="labels"/>.
    /// </summary>
    public static Sequences.TokenSequenceStore Build(RecurrentTokenizerTransformer tokenizer, IEnumerable<Dataset.Row> rows, string[] labels)
    {
        var builder = new Sequences.TokenSequenceStore.Builder();
        foreach (Dataset.Row row in rows)
        {
            int[] ids = Array.ConvertAll(tokenizer.Encode(row.Text), k => (int)k);
            builder.Add(ids.Length == 0 ? [tokenizer.VocabularySize + 1] : ids, Array.IndexOf(labels, row.Label));
        }

        return builder.Build();
    }
}
