using System.Text;

namespace Ml.Recurrent.Persistence;

/// <summary>Writes a payload read back by <see cref="PayloadReader"/>: little-endian numbers, length-prefixed UTF-8 strings.</summary>
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
        where TEnum : struct, Enum => _writer.Write(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));

    public void Write(string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        _writer.Write(bytes.Length);
        _writer.Write(bytes);
    }

    public void Write(ReadOnlySpan<float> values) => _writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));

    public byte[] ToArray()
    {
        _writer.Flush();
        return _stream.ToArray();
    }

    public void Dispose() => _writer.Dispose();
}
