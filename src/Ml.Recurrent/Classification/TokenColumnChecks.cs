using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.DataView;
using Ml.Recurrent.Persistence;

namespace Ml.Recurrent.Classification;

/// <summary>Checks of the classifier's token column, at training, validation and scoring alike.</summary>
internal static class TokenColumnChecks
{
    private const string Rule =
        "a vector of UInt32 keys (from TokenizeForRecurrent, or TokenizeIntoWords → MapValueToKey)";

    /// <summary>The token column: a vector of <c>uint</c> keys with a known count (the
    /// trained count when given).</summary>
    public static DataViewSchema.Column Check(DataViewSchema schema, string name, int? trainedKeyCount = null)
    {
        DataViewSchema.Column column = SchemaChecks.Find(schema, name, "token");
        if (column.Type is not VectorDataViewType { ItemType: KeyDataViewType key } || key.RawType != typeof(uint))
            throw SchemaChecks.Mismatch(name, Rule, column.Type);
        if (key.Count == 0 || key.Count > RecurrentArchitecture.Limits.MaximumKeyCount)
            throw new ArgumentOutOfRangeException(nameof(schema), name,
                $"Column '{name}': its key count must be between 1 and " +
                $"{RecurrentArchitecture.Limits.MaximumKeyCount} (it sizes the embedding); got {key.Count}.");
        if (trainedKeyCount is { } trained && key.Count != (ulong)trained)
            throw new ArgumentOutOfRangeException(nameof(schema), name,
                $"Column '{name}' has {key.Count} keys, but the model was trained on {trained}: score with the same " +
                $"tokenizer the model was trained with.");
        return column;
    }

    /// <summary>The same check on a <see cref="SchemaShape"/>, for <c>GetOutputSchema</c> before <c>Fit</c>.</summary>
    public static void Check(SchemaShape schema, string name)
    {
        SchemaShape.Column tokens = SchemaChecks.Find(schema, name, "token");
        if (tokens.Kind == SchemaShape.Column.VectorKind.Scalar || !tokens.IsKey
            || tokens.ItemType != NumberDataViewType.UInt32)
            throw SchemaChecks.Mismatch(name, "a vector of UInt32 keys", SchemaChecks.Describe(tokens));
    }

    /// <summary>Key count of a checked token column.</summary>
    public static int KeyCountOf(DataViewSchema.Column tokens) =>
        (int)((KeyDataViewType)((VectorDataViewType)tokens.Type).ItemType).Count;

    /// <summary>
    /// The token column's key values as the model stores them (lone surrogates as U+FFFD, so that a saved model reads
    /// back exactly what it holds in memory), or empty when the column has no text key values.
    /// </summary>
    public static IReadOnlyList<string> TermsOf(DataViewSchema.Column tokens) =>
        SchemaChecks.KeyValuesOf(tokens)?.Select(Utf16Text.ReplaceLoneSurrogates).ToList() ?? [];

    /// <summary>
    /// When the model remembers the token column's key values (<paramref name="trainedTerms"/>) and the scored column
    /// has text key values too, they must be the same: a tokenizer with an equally large but different vocabulary
    /// would otherwise feed the model the wrong words without any error.
    /// </summary>
    public static void CheckTerms(DataViewSchema.Column column, IReadOnlyList<string> trainedTerms)
    {
        if (trainedTerms.Count == 0 || !SchemaChecks.HasTextKeyValues(column)) return;
        VBuffer<ReadOnlyMemory<char>> terms = default;
        column.GetKeyValues(ref terms);
        if (terms.Length != trainedTerms.Count) return;
        int key = 0;
        foreach (ReadOnlyMemory<char> term in terms.DenseValues())
        {
            string trained = trainedTerms[key++];
            if (Utf16Text.EqualsAfterReplacement(term.Span, trained)) continue;
            throw new ArgumentOutOfRangeException(nameof(column), column.Name,
                $"Column '{column.Name}' maps key {key} to '{Utf16Text.Escape(term.Span)}', but the model was " +
                $"trained with '{Utf16Text.Escape(trained)}' for that key: its tokens come from a different " +
                $"vocabulary. Score with the same " +
                "tokenizer the model was trained with.");
        }
    }
}
