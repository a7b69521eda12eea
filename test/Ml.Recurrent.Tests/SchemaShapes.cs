using System.Reflection;
using Microsoft.ML;

namespace Ml.Recurrent.Tests;

/// <summary>
/// The <see cref="SchemaShape"/> of a schema, as an estimator's <c>GetOutputSchema</c> takes it. ML.NET's factory,
/// <c>SchemaShape.Create</c>, is internal; the tests reach it by reflection so that the library need not expose it.
/// </summary>
internal static class SchemaShapes
{
    private static readonly MethodInfo Create = typeof(SchemaShape).GetMethod("Create", BindingFlags.Static | BindingFlags.NonPublic,
        [typeof(DataViewSchema)]) ?? throw new MissingMethodException(nameof(SchemaShape), "Create");

    public static SchemaShape Of(DataViewSchema schema) => (SchemaShape)Create.Invoke(null, [schema])!;
}
