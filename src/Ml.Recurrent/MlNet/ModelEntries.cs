using Microsoft.ML;
using Ml.Recurrent.Persistence;

namespace Ml.Recurrent.MlNet;

/// <summary>
/// Writes and reads our entries in ML.NET's model zip through <c>ModelSaveContext</c>/<c>ModelLoadContext</c>,
/// whose members are internal to ML.NET: the version header, the framed payload and named side streams. Every member
/// used here must exist unchanged in ML.NET 5.x (Microsoft.ML is pinned to [5.0.1, 6.0)).
/// </summary>
internal static class ModelEntries
{
    /// <summary>Writes our entry: version header, then <paramref name="payload"/>, then each side stream.</summary>
    public static void Save(ModelSaveContext context, ModelFormat format, byte[] payload,
        IReadOnlyDictionary<string, byte[]> streams)
    {
        context.CheckAtModel();
        // Every size is checked before the first byte is written.
        ModelFormat.CheckWritable(payload, format.LoaderSignature);
        foreach ((string name, byte[] bytes) in streams)
            ModelFormat.CheckWritable(bytes, $"{format.LoaderSignature}/{name}");
        context.SetVersionInfo(VersionOf(format));
        ModelFormat.WriteFramed(context.Writer, payload, format.LoaderSignature);
        foreach ((string name, byte[] bytes) in streams)
            context.SaveBinaryStream(name,
                writer => ModelFormat.WriteFramed(writer, bytes, $"{format.LoaderSignature}/{name}"));
    }

    /// <summary>
    /// Checks the version header and reads the payload written by <see cref="Save"/>, with the version written.
    /// </summary>
    public static (uint Version, byte[] Payload) Load(ModelLoadContext context, ModelFormat format)
    {
        uint written = context.Header.ModelVerWritten;
        if (written > format.Version)
            throw new FormatException($"The model entry '{format.LoaderSignature}' was written by a newer " +
                $"Ml.Recurrent (format version {written}); this one reads versions up to {format.Version}. Upgrade " +
                $"Ml.Recurrent to load it.");
        context.CheckAtModel(VersionOf(format));
        return (written, ModelFormat.ReadFramed(context.Reader, format.LoaderSignature));
    }

    /// <summary>Reads a binary stream saved next to our entry; throws when it is missing.</summary>
    public static byte[] LoadStream(ModelLoadContext context, string name, string owner)
    {
        byte[]? bytes = null;
        if (!context.TryLoadBinaryStream(name, reader => bytes = ModelFormat.ReadFramed(reader, $"{owner}/{name}")))
            throw new FormatException($"The model entry '{owner}' has no '{name}' stream; the model file is " +
                $"incomplete or damaged.");
        return bytes!;
    }

    private static VersionInfo VersionOf(ModelFormat format) => new(
        modelSignature: format.ModelSignature,
        verWrittenCur: format.Version,
        verReadableCur: format.Version,
        verWeCanReadBack: format.OldestReadable,
        loaderSignature: format.LoaderSignature,
        loaderAssemblyName: typeof(ModelEntries).Assembly.GetName().Name);
}
