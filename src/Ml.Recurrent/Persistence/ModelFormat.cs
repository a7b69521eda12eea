using System.Security.Cryptography;

namespace Ml.Recurrent.Persistence;

/// <summary>
/// Identity and framing of one kind of model entry in an ML.NET model zip.
/// </summary>
/// <remarks>
/// Byte layout of every block we write (the entry's own stream and each side stream such as Weights.bin):
/// <code>
/// int32   length n of the payload (0 ≤ n ≤ MaximumPayload)
/// byte[n] payload (layout documented by the type that writes it)
/// byte[32] SHA-256 of the payload
/// </code>
/// The hash turns any damaged byte into a clear <see cref="InvalidDataException"/> instead of a model that
/// loads and predicts garbage. ML.NET's own header (model signature, versions, loader name) precedes it.
/// </remarks>
/// <param name="ModelSignature">Exactly 8 characters, unique to this entry kind.</param>
/// <param name="LoaderSignature">At most 24 characters; names the loader registered with <c>LoadableClass</c>.</param>
/// <param name="Version">The format version this build writes.</param>
/// <param name="OldestReadable">The oldest version this build can still read.</param>
internal sealed record ModelFormat(string ModelSignature, string LoaderSignature, uint Version, uint OldestReadable)
{
    /// <summary>Largest payload accepted (1 GiB): a length beyond it is damage, not a model.</summary>
    public const int MaximumPayload = 1 << 30;

    /// <summary>Throws <see cref="InvalidOperationException"/> if a reader would refuse <paramref name="payload"/> for
    /// its size.</summary>
    public static void CheckWritable(byte[] payload, string what)
    {
        if (payload.Length > MaximumPayload)
            throw new InvalidOperationException($"Cannot save the model entry '{what}': it has {payload.Length} " +
                $"bytes of content, and a model entry holds at most {MaximumPayload} (1 GiB), so the saved model " +
                "could not be loaded again.");
    }

    public static void WriteFramed(BinaryWriter writer, byte[] payload, string what)
    {
        CheckWritable(payload, what);
        writer.Write(payload.Length);
        writer.Write(payload);
        writer.Write(SHA256.HashData(payload));
    }

    public static byte[] ReadFramed(BinaryReader reader, string what)
    {
        try
        {
            int length = reader.ReadInt32();
            Stream stream = reader.BaseStream;
            if (length > MaximumPayload && stream.CanSeek && length <= stream.Length - stream.Position)
                throw StoredLimits.Exceeded(what, $"it has {length} bytes of content, over the limit of " +
                    $"{MaximumPayload} (1 GiB) that Ml.Recurrent reads");
            if (length < 0 || length > MaximumPayload)
                throw new InvalidDataException($"The model entry '{what}' is damaged: it declares {length} bytes of " +
                    $"content.");
            // ML.NET hands us each entry as a MemoryStream: refuse a damaged length before allocating for it.
            if (stream.CanSeek && length > stream.Length - stream.Position)
                throw new InvalidDataException($"The model entry '{what}' is truncated: it declares {length} bytes " +
                    $"of content, {stream.Length - stream.Position} are present.");
            byte[] payload = reader.ReadBytes(length);
            byte[] hash = reader.ReadBytes(32);
            if (payload.Length != length || hash.Length != 32)
                throw new InvalidDataException($"The model entry '{what}' is truncated: {payload.Length} of {length} " +
                    $"bytes present.");
            if (!SHA256.HashData(payload).AsSpan().SequenceEqual(hash))
                throw new InvalidDataException($"The model entry '{what}' is damaged: its checksum does not match " +
                    $"its content.");
            return payload;
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"The model entry '{what}' is truncated.", ex);
        }
    }
}
