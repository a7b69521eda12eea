using System.Text;

namespace Ml.Recurrent.Persistence;

/// <summary>
/// Reads a payload with bounds on every count and length, so that damaged bytes end in a clear
/// <see cref="InvalidDataException"/> naming the entry and the field, never in a huge allocation.
/// </summary>
internal sealed class PayloadReader : IDisposable
{
    private readonly BinaryReader _reader;
    private readonly string _entry;

    public PayloadReader(byte[] payload, string entry)
    {
        _reader = new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8);
        _entry = entry;
    }

    /// <summary>The entry named in messages.</summary>
    public string Entry => _entry;

    public int ReadInt32(string field, int min, int max)
    {
        int value = Guard(field, _reader.ReadInt32);
        if (value < min || value > max) throw Damaged(field, $"{value} is outside [{min}, {max}]");
        return value;
    }

    public long ReadInt64(string field, long min, long max)
    {
        long value = Guard(field, _reader.ReadInt64);
        if (value < min || value > max) throw Damaged(field, $"{value} is outside [{min}, {max}]");
        return value;
    }

    public float ReadSingle(string field, float min, float max)
    {
        float value = Guard(field, _reader.ReadSingle);
        if (!(value >= min && value <= max)) throw Damaged(field, $"{value} is outside [{min}, {max}]");
        return value;
    }

    public double ReadDouble(string field) => Guard(field, _reader.ReadDouble);

    public bool ReadBoolean(string field)
    {
        byte value = Guard(field, _reader.ReadByte);
        return value switch
        {
            0 => false,
            1 => true,
            _ => throw Damaged(field, $"{value} is not a boolean"),
        };
    }

    public TEnum ReadEnum<TEnum>(string field)
        where TEnum : struct, Enum
    {
        int value = Guard(field, _reader.ReadInt32);
        var result = (TEnum)Enum.ToObject(typeof(TEnum), value);
        if (!Enum.IsDefined(result)) throw Damaged(field, $"{value} is not a {typeof(TEnum).Name}");
        return result;
    }

    /// <summary>A length-prefixed UTF-8 string of at most <paramref name="maximumLength"/> bytes.</summary>
    /// <remarks>A longer string whose bytes are all present is not damage (the payload's checksum matched): a version
    /// that did not check the limit wrote it, and the message says so.</remarks>
    public string ReadString(string field, int maximumLength = 1 << 20)
    {
        int length = ReadInt32(field + " length", 0, int.MaxValue);
        if (length > maximumLength)
        {
            long present = _reader.BaseStream.Length - _reader.BaseStream.Position;
            if (length > present) throw Damaged(field + " length", $"{length} bytes declared, {present} present");
            throw StoredLimits.Exceeded(_entry, $"a {field} has {length} UTF-8 bytes, over " +
                $"the limit of {maximumLength} that Ml.Recurrent reads");
        }

        byte[] bytes = Guard(field, () => _reader.ReadBytes(length));
        if (bytes.Length != length) throw Damaged(field, "truncated");
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidDataException($"The model entry '{_entry}' is damaged: field '{field}' is not valid " +
                $"UTF-8.", ex);
        }
    }

    public float[] ReadSingles(string field, int count)
    {
        byte[] bytes = Guard(field, () => _reader.ReadBytes(checked(count * sizeof(float))));
        if (bytes.Length != count * sizeof(float)) throw Damaged(field, "truncated");
        var values = new float[count];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }

    /// <summary>Throws unless every byte was read: trailing bytes mean a different or damaged format.</summary>
    public void EnsureEnd()
    {
        if (_reader.BaseStream.Position != _reader.BaseStream.Length)
            throw Damaged("end",
                $"{_reader.BaseStream.Length - _reader.BaseStream.Position} unexpected trailing bytes");
    }

    public void Dispose() => _reader.Dispose();

    private T Guard<T>(string field, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"The model entry '{_entry}' is truncated at field '{field}'.", ex);
        }
    }

    private InvalidDataException Damaged(string field, string what) =>
        new($"The model entry '{_entry}' is damaged: field '{field}': {what}.");
}
