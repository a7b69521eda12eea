using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.MlNet;
using Ml.Recurrent.Persistence;

namespace Ml.Recurrent.DataView;

/// <summary>Finding input columns, with messages that name the column, the expected and the actual type.</summary>
internal static class SchemaChecks
{
    /// <summary>The column of <paramref name="schema"/> named <paramref name="name"/>, or a message
    /// listing the columns.</summary>
    public static DataViewSchema.Column Find(DataViewSchema schema, string name, string role) =>
        schema.GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException(nameof(schema), name,
            $"The {role} column '{name}' was not found in the input (columns: " +
            $"{string.Join(", ", schema.Select(c => c.Name))}).");

    /// <summary>The column of <paramref name="schema"/> named <paramref name="name"/>, or a
    /// message naming its role.</summary>
    public static SchemaShape.Column Find(SchemaShape schema, string name, string role) =>
        TryFind(schema, name, out SchemaShape.Column column)
            ? column
            : throw new ArgumentOutOfRangeException(nameof(schema), name,
                $"The {role} column '{name}' was not found in the input.");

    /// <summary>The column of <paramref name="schema"/> named <paramref name="name"/> (the last one if
    /// repeated, as ML.NET does).</summary>
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

    /// <summary>The text key values of a key column (or of a vector of keys), or
    /// <c>null</c> when it has none.</summary>
    public static IReadOnlyList<string>? KeyValuesOf(DataViewSchema.Column column)
    {
        if (!HasTextKeyValues(column)) return null;
        VBuffer<ReadOnlyMemory<char>> values = default;
        column.GetKeyValues(ref values);
        return values.DenseValues().Select(v => v.ToString()).ToList();
    }

    /// <summary>Whether the column carries text key values.</summary>
    public static bool HasTextKeyValues(DataViewSchema.Column column) =>
        column.Annotations.Schema.GetColumnOrNull(SchemaAnnotations.KeyValuesKind) is
            { Type: VectorDataViewType { ItemType: TextDataViewType } };

    /// <summary>How a <see cref="SchemaShape.Column"/> reads in a message.</summary>
    public static string Describe(SchemaShape.Column column) =>
        column.IsKey ? $"{column.Kind} of keys of {column.ItemType}"
        : column.Kind == SchemaShape.Column.VectorKind.Scalar ? $"{column.ItemType}"
        : $"{column.Kind} of {column.ItemType}";

    /// <summary>A text value as a message shows it (control characters escaped, long values cut).</summary>
    public static string Show(string value) => Utf16Text.Escape(value);

    /// <summary>The exception for a column of the wrong type.</summary>
    public static ArgumentOutOfRangeException Mismatch(string name, string expected, object actual) =>
        new("schema", name, $"Column '{name}' must be {expected}; got {actual}.");
}
