using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Recurrent.MlNet;

/// <summary>
/// Schema pieces whose ML.NET API is internal: <see cref="SchemaShape.Column"/>'s constructor (for an estimator's
/// <c>GetOutputSchema</c>), the annotation kinds, and key-value annotations on a built column.
/// </summary>
internal static class SchemaAnnotations
{
    /// <summary>Name of the annotation holding a key column's values.</summary>
    public static string KeyValuesKind => AnnotationUtils.Kinds.KeyValues;

    /// <summary>Name of the annotation holding a vector column's slot names.</summary>
    public static string SlotNamesKind => AnnotationUtils.Kinds.SlotNames;

    /// <summary>A <see cref="SchemaShape.Column"/> (its constructor is internal).</summary>
    public static SchemaShape.Column Column(string name, SchemaShape.Column.VectorKind kind, DataViewType itemType,
        bool isKey, SchemaShape? annotations = null) => new(name, kind, itemType, isKey, annotations);

    /// <summary>The shape of a text-vector annotation of <paramref name="kind"/>, as
    /// <c>GetOutputSchema</c> declares it.</summary>
    public static SchemaShape TextVectorAnnotation(string kind) =>
        new([Column(kind, SchemaShape.Column.VectorKind.Vector, TextDataViewType.Instance, false)]);

    /// <summary>Adds key values (text) for <paramref name="count"/> keys to <paramref name="builder"/>.</summary>
    public static void AddKeyValues(DataViewSchema.Annotations.Builder builder, int count,
        ValueGetter<VBuffer<ReadOnlyMemory<char>>> getter) =>
        builder.AddKeyValues(count, TextDataViewType.Instance, getter);

    /// <summary>Adds slot names for a vector of <paramref name="count"/> slots to <paramref name="builder"/>.</summary>
    public static void AddSlotNames(DataViewSchema.Annotations.Builder builder, int count,
        ValueGetter<VBuffer<ReadOnlyMemory<char>>> getter) =>
        builder.Add(SlotNamesKind, new VectorDataViewType(TextDataViewType.Instance, count), getter);
}
