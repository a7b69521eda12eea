using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.Persistence;

namespace Ml.Recurrent;

/// <summary>Checks of input columns, with messages that name the column, the expected and the actual type.</summary>
internal static class SchemaChecks
{
    /// <summary>Largest key count accepted for the token column: it sizes the embedding.</summary>
    public const ulong MaximumKeyCount = 10_000_000;

    /// <summary>The token column: a vector of <c>uint</c> keys with a known count (at most <paramref name="trainedKeyCount"/> when scoring).</summary>
    public static DataViewSchema.Column CheckTokens(DataViewSchema schema, string name, int? trainedKeyCount = null)
    {
        DataViewSchema.Column column = Find(schema, name, "token");
        if (column.Type is not VectorDataViewType { ItemType: KeyDataViewType key } || key.RawType != typeof(uint))
            throw Mismatch(name, "a vector of UInt32 keys (from TokenizeForRecurrent, or TokenizeIntoWords → MapValueToKey)", column.Type);
        if (key.Count == 0 || key.Count > MaximumKeyCount)
            throw new ArgumentOutOfRangeException(nameof(schema), name, $"Column '{name}': its key count must be between 1 and {MaximumKeyCount} (it sizes the embedding); got {key.Count}.");
        if (trainedKeyCount is { } trained && key.Count != (ulong)trained)
            throw new ArgumentOutOfRangeException(nameof(schema), name, $"Column '{name}' has {key.Count} keys, but the model was trained on {trained}: score with the same tokenizer the model was trained with.");
        return column;
    }

    /// <summary>A multiclass label: a <c>uint</c> key with at least two values.</summary>
    public static DataViewSchema.Column CheckMulticlassLabel(DataViewSchema schema, string name)
    {
        DataViewSchema.Column column = Find(schema, name, "label");
        if (column.Type is not KeyDataViewType key || key.RawType != typeof(uint))
            throw Mismatch(name, "a UInt32 key (use MapValueToKey on the label first)", column.Type);
        if (key.Count < 2)
        {
            string only = KeyValuesOf(column) is [var single] ? $" ('{Utf16Text.Escape(single)}')" : string.Empty;
            throw new ArgumentOutOfRangeException(nameof(schema), name, $"Label column '{name}' has {key.Count} class{only}; a classifier needs at least 2.");
        }

        return column;
    }

    /// <summary>
    /// When the model remembers the token column's key values (<paramref name="trainedTerms"/>) and the scored column
    /// has text key values too, they must be the same: a tokenizer with an equally large but different vocabulary
    /// would otherwise feed the model the wrong words without any error.
    /// </summary>
    public static void CheckTokenTerms(DataViewSchema.Column column, IReadOnlyList<string> trainedTerms)
    {
        if (trainedTerms.Count == 0 || !HasTextKeyValues(column)) return;
        VBuffer<ReadOnlyMemory<char>> terms = default;
        column.GetKeyValues(ref terms);
        if (terms.Length != trainedTerms.Count) return;
        int key = 0;
        foreach (ReadOnlyMemory<char> term in terms.DenseValues())
        {
            string trained = trainedTerms[key++];
            if (Utf16Text.EqualsAfterReplacement(term.Span, trained)) continue;
            throw new ArgumentOutOfRangeException(nameof(column), column.Name,
                $"Column '{column.Name}' maps key {key} to '{Utf16Text.Escape(term.Span)}', but the model was trained with '{Utf16Text.Escape(trained)}' " +
                "for that key: its tokens come from a different vocabulary. Score with the same tokenizer the model was trained with.");
        }
    }

    /// <summary>The text key values of a key column (or of a vector of keys), or <c>null</c> when it has none.</summary>
    public static IReadOnlyList<string>? KeyValuesOf(DataViewSchema.Column column)
    {
        if (!HasTextKeyValues(column)) return null;
        VBuffer<ReadOnlyMemory<char>> values = default;
        column.GetKeyValues(ref values);
        return values.DenseValues().Select(v => v.ToString()).ToList();
    }

    /// <summary>A binary label: <see cref="bool"/>.</summary>
    public static DataViewSchema.Column CheckBinaryLabel(DataViewSchema schema, string name)
    {
        DataViewSchema.Column column = Find(schema, name, "label");
        if (column.Type is not BooleanDataViewType)
            throw Mismatch(name, "Boolean", column.Type);
        return column;
    }

    /// <summary>The same checks on a <see cref="SchemaShape"/>, for <c>GetOutputSchema</c> before <c>Fit</c>.</summary>
    public static void CheckShape(SchemaShape schema, string tokens, string label, bool binary)
    {
        if (!TryFind(schema, tokens, out SchemaShape.Column t))
            throw new ArgumentOutOfRangeException(nameof(schema), tokens, $"Token column '{tokens}' was not found in the input.");
        if (t.Kind == SchemaShape.Column.VectorKind.Scalar || !t.IsKey || t.ItemType != NumberDataViewType.UInt32)
            throw Mismatch(tokens, "a vector of UInt32 keys", t.IsKey ? $"{t.Kind} of keys of {t.ItemType}" : $"{t.Kind} of {t.ItemType}");
        if (!TryFind(schema, label, out SchemaShape.Column l))
            throw new ArgumentOutOfRangeException(nameof(schema), label, $"Label column '{label}' was not found in the input.");
        bool ok = binary
            ? l.Kind == SchemaShape.Column.VectorKind.Scalar && l.ItemType is BooleanDataViewType
            : l.Kind == SchemaShape.Column.VectorKind.Scalar && l.IsKey && l.ItemType == NumberDataViewType.UInt32;
        if (!ok)
            throw Mismatch(label, binary ? "Boolean" : "a UInt32 key (use MapValueToKey on the label first)", l.IsKey ? $"key of {l.ItemType}" : $"{l.Kind} of {l.ItemType}");
    }

    private static bool HasTextKeyValues(DataViewSchema.Column column) =>
        column.Annotations.Schema.GetColumnOrNull(AnnotationUtils.Kinds.KeyValues) is { Type: VectorDataViewType { ItemType: TextDataViewType } };

    /// <summary>The column of <paramref name="schema"/> named <paramref name="name"/> (the last one if repeated, as ML.NET does).</summary>
    public static bool TryFind(SchemaShape schema, string name, out SchemaShape.Column column)
    {
        column = default;
        bool found = false;
        foreach (SchemaShape.Column candidate in schema)
        {
            if (candidate.Name != name) continue;
            column = candidate;
            found = true;
        }

        return found;
    }

    private static DataViewSchema.Column Find(DataViewSchema schema, string name, string role) =>
        schema.GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException(nameof(schema), name, $"The {role} column '{name}' was not found in the input (columns: {string.Join(", ", schema.Select(c => c.Name))}).");

    private static ArgumentOutOfRangeException Mismatch(string name, string expected, object actual) =>
        new("schema", name, $"Column '{name}' must be {expected}; got {actual}.");
}
