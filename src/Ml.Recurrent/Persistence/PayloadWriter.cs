using System.Text;

namespace Ml.Recurrent.Persistence;

/// <summary>Writes a payload read back by <see cref="PayloadReader"/>: little-endian numbers,
/// length-prefixed UTF-8 strings.</summary>
internal sealed class PayloadWriter : IDisposable
{
    private readonly MemoryStream _stream = new();
    private readonly BinaryWriter _writer;

    public PayloadWriter() => _writer = new BinaryWriter(_stream, Encoding.UTF8);

    public void Write(int value) => _writer.Write(value);

    public void Write(long value) => _writer.Write(value);

    public void Write(float value) => _writer.Write(value);

    public void Write(double value) => _writer.Write(value);

    public void Write(bool value) => _writer.Write((byte)(value ? 1 : 0));

    public void WriteEnum<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
            _writer.Write(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Writes <paramref name="value"/> as length-prefixed UTF-8. A string that UTF-8 cannot hold exactly (a lone
    /// surrogate) is refused rather than silently changed: the saved model would read back different text.
    /// </summary>
    /// <param name="value">The text.</param>
    /// <param name="field">What the text is, for the message (e.g. "class name #3").</param>
    /// <param name="maximumBytes">The reader's limit on this text (<see cref="StoredLimits"/>); training checks it
    /// first, this is the last line of defence.</param>
    /// <exception cref="InvalidOperationException">The text holds a lone UTF-16 surrogate or is over the limit.
    /// </exception>
    public void Write(string value, string field, int maximumBytes = 1 << 20)
    {
        int lone = Utf16Text.IndexOfLoneSurrogate(value);
        if (lone >= 0)
        {
            throw new InvalidOperationException(
                $"Cannot save {field} '{Utf16Text.Escape(value)}': it holds a lone UTF-16 surrogate at index {lone}, " +
                $"which is not valid Unicode " +
                "and would be read back as U+FFFD. Replace lone surrogates in that text before training, then train " +
                "again.");
        }

        byte[] bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length > maximumBytes)
            throw new InvalidOperationException($"Cannot save {field} '{Utf16Text.Escape(value)}': it has " +
                $"{bytes.Length} UTF-8 bytes, and a model holds at most {maximumBytes}, so the saved model could not " +
                "be loaded again.");
        _writer.Write(bytes.Length);
        _writer.Write(bytes);
    }

    public void Write(ReadOnlySpan<float> values) =>
        _writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));

    public byte[] ToArray()
    {
        _writer.Flush();
        return _stream.ToArray();
    }

    public void Dispose() => _writer.Dispose();
}
