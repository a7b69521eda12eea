using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Ml.Recurrent.Tests.Reliability;

/// <summary>
/// A model zip opened as an ordered list of entries whose bytes can be replaced, then written back as a valid zip,
/// so that a test damages exactly the entry content it means to. Also edits the fields of ML.NET's 256-byte entry
/// header (layout: Microsoft.ML.Core's ModelHeader) and our checksummed blocks (length + payload + SHA-256).
/// </summary>
internal sealed class ModelZip
{
    // Offsets in ML.NET's ModelHeader.
    private const int ModelVerWrittenOffset = 0x48;
    private const int LoaderSignatureOffset = 0x50;
    private const int FpTailOffset = 0x80;
    private const int FpLimOffset = 0x88;
    private const int FpAssemblyNameOffset = 0x90;
    private const int CbAssemblyNameOffset = 0x98;
    private const ulong TailSignature = 0x4D4C004D4F44454CUL;

    /// <summary>Size of ML.NET's entry header; our checksummed block follows it in a <c>Model.key</c>.</summary>
    public const int HeaderSize = 0x100;

    private ModelZip(List<KeyValuePair<string, byte[]>> entries) => Entries = entries;

    public List<KeyValuePair<string, byte[]>> Entries { get; }

    public byte[] this[string name]
    {
        get => Entries.Single(e => e.Key == name).Value;
        set => Entries[Entries.FindIndex(e => e.Key == name)] = new(name, value);
    }

    public static ModelZip Read(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
        var entries = new List<KeyValuePair<string, byte[]>>();
        foreach (ZipArchiveEntry entry in archive.Entries)
        {
            using Stream stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            entries.Add(new(entry.FullName, copy.ToArray()));
        }

        return new ModelZip(entries);
    }

    public byte[] ToBytes()
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string name, byte[] bytes) in Entries)
            {
                using Stream stream = archive.CreateEntry(name).Open();
                stream.Write(bytes);
            }
        }

        return output.ToArray();
    }

    public ModelZip Clone() => new(Entries.Select(e => new KeyValuePair<string, byte[]>(e.Key, (byte[])e.Value.Clone())).ToList());

    /// <summary>The <c>Model.key</c> entry whose header names <paramref name="loaderSignature"/>.</summary>
    public string ModelKeyOf(string loaderSignature) =>
        Entries.Single(e => e.Key.EndsWith("/Model.key", StringComparison.Ordinal) && e.Value.Length >= HeaderSize && LoaderSignatureOf(e.Value) == loaderSignature).Key;

    /// <summary>The tokenizer's <c>Model.key</c>.</summary>
    public string Tokenizer => ModelKeyOf(RecurrentTokenizerTransformer.LoaderSignature);

    /// <summary>The classifier's <c>Model.key</c>.</summary>
    public string Classifier => ModelKeyOf(RecurrentTextClassifierTransformer.LoaderSignature);

    /// <summary>The classifier's weights entry.</summary>
    public string Weights => Classifier[..^"Model.key".Length] + RecurrentTextClassifierTransformer.WeightsStream;

    public static string LoaderSignatureOf(byte[] entry) =>
        Encoding.ASCII.GetString(entry, LoaderSignatureOffset, 24).TrimEnd('\0');

    public static uint ModelVersionWrittenOf(byte[] entry) => BinaryPrimitives.ReadUInt32LittleEndian(entry.AsSpan(ModelVerWrittenOffset));

    public static byte[] WithModelVersionWritten(byte[] entry, uint version)
    {
        byte[] copy = (byte[])entry.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(ModelVerWrittenOffset), version);
        return copy;
    }

    public static byte[] WithLoaderSignature(byte[] entry, string signature)
    {
        byte[] copy = (byte[])entry.Clone();
        copy.AsSpan(LoaderSignatureOffset, 24).Clear();
        Encoding.ASCII.GetBytes(signature).CopyTo(copy, LoaderSignatureOffset);
        return copy;
    }

    public static string LoaderAssemblyNameOf(byte[] entry)
    {
        long at = BinaryPrimitives.ReadInt64LittleEndian(entry.AsSpan(FpAssemblyNameOffset));
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(entry.AsSpan(CbAssemblyNameOffset));
        return Encoding.Unicode.GetString(entry, (int)at, (int)length);
    }

    /// <summary>The entry with another loader assembly name; the header's tail pointers are moved so that ML.NET still validates it.</summary>
    public static byte[] WithLoaderAssemblyName(byte[] entry, string assemblyName)
    {
        int at = (int)BinaryPrimitives.ReadInt64LittleEndian(entry.AsSpan(FpAssemblyNameOffset));
        byte[] name = Encoding.Unicode.GetBytes(assemblyName);
        byte[] result = [.. entry.AsSpan(0, at), .. name, .. new byte[sizeof(ulong)]];
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(CbAssemblyNameOffset), (uint)name.Length);
        BinaryPrimitives.WriteInt64LittleEndian(result.AsSpan(FpTailOffset), at + name.Length);
        BinaryPrimitives.WriteInt64LittleEndian(result.AsSpan(FpLimOffset), at + name.Length + sizeof(ulong));
        BinaryPrimitives.WriteUInt64LittleEndian(result.AsSpan(at + name.Length), TailSignature);
        return result;
    }

    /// <summary>The payload of a checksummed block starting at <paramref name="offset"/>.</summary>
    public static byte[] PayloadOf(byte[] block, int offset = 0)
    {
        int length = BinaryPrimitives.ReadInt32LittleEndian(block.AsSpan(offset));
        return block.AsSpan(offset + sizeof(int), length).ToArray();
    }

    /// <summary>A checksummed block holding <paramref name="payload"/>, with a valid checksum.</summary>
    public static byte[] Frame(byte[] payload)
    {
        byte[] length = new byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(length, payload.Length);
        return [.. length, .. payload, .. SHA256.HashData(payload)];
    }
}
