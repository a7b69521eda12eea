using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.DataView;

namespace Ml.Recurrent.Tokenization;

/// <summary>Checks of the tokenizer's text column, when fitting, before fitting (on a shape)
/// and when transforming.</summary>
internal static class TextColumnChecks
{
    private const string Role = "text";

    /// <summary>The text column; throws naming the column when it is missing or not text.</summary>
    public static DataViewSchema.Column Check(DataViewSchema schema, string name)
    {
        DataViewSchema.Column column = SchemaChecks.Find(schema, name, Role);
        if (column.Type is not TextDataViewType) throw SchemaChecks.Mismatch(name, "text (String)", column.Type);
        return column;
    }

    /// <summary>The same check on a <see cref="SchemaShape"/>, for <c>GetOutputSchema</c> before <c>Fit</c>.</summary>
    public static void Check(SchemaShape schema, string name)
    {
        SchemaShape.Column column = SchemaChecks.Find(schema, name, Role);
        if (column.Kind != SchemaShape.Column.VectorKind.Scalar || column.ItemType is not TextDataViewType)
            throw SchemaChecks.Mismatch(name, "text (String)", SchemaChecks.Describe(column));
    }
}
