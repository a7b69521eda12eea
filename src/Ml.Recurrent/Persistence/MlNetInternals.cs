using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Ml.Recurrent.Persistence;

/// <summary>
/// The only code (besides the assembly attributes in AccessChecks.cs and LoaderRegistrations.cs) that uses
/// members internal to ML.NET, reached through the publicized reference assemblies. Keep it small: every
/// member used here must exist unchanged in ML.NET 5.x (Microsoft.ML is pinned to [5.0.1, 6.0)). Never let
/// an internal ML.NET type appear in Ml.Recurrent's public API.
/// </summary>
internal static class MlNetInternals
{
    /// <summary>The host environment behind an ML.NET catalog (the <see cref="MLContext"/>).</summary>
    public static IHostEnvironment Environment(TransformsCatalog.TextTransforms catalog) => CatalogUtils.GetEnvironment(catalog);

    /// <inheritdoc cref="Environment(TransformsCatalog.TextTransforms)"/>
    public static IHostEnvironment Environment(MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog) => CatalogUtils.GetEnvironment(catalog);

    /// <inheritdoc cref="Environment(TransformsCatalog.TextTransforms)"/>
    public static IHostEnvironment Environment(BinaryClassificationCatalog.BinaryClassificationTrainers catalog) => CatalogUtils.GetEnvironment(catalog);

    /// <summary>Whether <c>MLContext.CancelExecution()</c> was called on <paramref name="environment"/>.</summary>
    public static bool IsCanceled(IHostEnvironment environment) => environment is ICancelable cancelable && cancelable.IsCanceled;

    /// <summary>A <see cref="SchemaShape.Column"/> (its constructor is internal).</summary>
    public static SchemaShape.Column Column(string name, SchemaShape.Column.VectorKind kind, DataViewType itemType, bool isKey, SchemaShape? annotations = null)
        => new(name, kind, itemType, isKey, annotations);

    /// <summary>The <see cref="SchemaShape"/> of a schema, as an estimator's <c>GetOutputSchema</c> takes it (its factory is internal).</summary>
    public static SchemaShape ShapeOf(DataViewSchema schema) => SchemaShape.Create(schema);

    /// <summary>Writes our entry: version header, then <paramref name="payload"/> into the entry's own stream.</summary>
    public static void Save(ModelSaveContext context, ModelFormat format, byte[] payload, IReadOnlyDictionary<string, byte[]> streams)
    {
        context.CheckAtModel();
        context.SetVersionInfo(VersionOf(format));
        ModelFormat.WriteFramed(context.Writer, payload);
        foreach ((string name, byte[] bytes) in streams)
            context.SaveBinaryStream(name, writer => ModelFormat.WriteFramed(writer, bytes));
    }

    /// <summary>Checks the version header and reads the payload written by <see cref="Save"/>; returns the version that was written.</summary>
    public static (uint Version, byte[] Payload) Load(ModelLoadContext context, ModelFormat format)
    {
        uint written = context.Header.ModelVerWritten;
        if (written > format.Version)
            throw new FormatException($"The model entry '{format.LoaderSignature}' was written by a newer Ml.Recurrent (format version {written}); this one reads versions up to {format.Version}. Upgrade Ml.Recurrent to load it.");
        context.CheckAtModel(VersionOf(format));
        return (written, ModelFormat.ReadFramed(context.Reader, format.LoaderSignature));
    }

    /// <summary>Reads a binary stream saved next to our entry; throws when it is missing.</summary>
    public static byte[] LoadStream(ModelLoadContext context, string name, string owner)
    {
        byte[]? bytes = null;
        if (!context.TryLoadBinaryStream(name, reader => bytes = ModelFormat.ReadFramed(reader, $"{owner}/{name}")))
            throw new FormatException($"The model entry '{owner}' has no '{name}' stream; the model file is incomplete or damaged.");
        return bytes!;
    }

    private static VersionInfo VersionOf(ModelFormat format) => new(
        modelSignature: format.ModelSignature,
        verWrittenCur: format.Version,
        verReadableCur: format.Version,
        verWeCanReadBack: format.OldestReadable,
        loaderSignature: format.LoaderSignature,
        loaderAssemblyName: typeof(MlNetInternals).Assembly.GetName().Name);
}
