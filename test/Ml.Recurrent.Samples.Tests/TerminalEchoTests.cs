using System.Text;
using Ml.Recurrent.Samples.Data;

namespace Ml.Recurrent.Samples.Tests;

/// <summary>Issue 13, case 7: what the samples echo from a file never reaches the terminal as control characters.
/// </summary>
[TestClass]
public sealed class TerminalEchoTests
{
    [TestMethod]
    public void ABinaryFileGivenAsData_ErrorQuotesItsHeaderWithControlCharactersEscaped()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("model.bin");
        byte[] header = [0x50, 0x4B, 0x03, 0x04, 0x1B, (byte)'[', (byte)'2', (byte)'J', 0x07, 0x00, 0x09, 0x1B,
            (byte)']', (byte)'0', (byte)';', (byte)'x', 0x07, 0xC2, 0x9B, (byte)'3', (byte)'1', (byte)'m', 0xE2, 0x80,
            0xAE, 0x0A, (byte)'a', 0x09, (byte)'b', 0x0A];
        File.WriteAllBytes(path, header);

        var error = Assert.ThrowsExactly<InvalidDataException>(() => DelimitedTextReader.Read(path, TextFileFormat.Tsv));

        StringAssert.Contains(error.Message, "its header has: ");
        StringAssert.Contains(error.Message, "\\u001B[2J\\u0007\\u0000");
        StringAssert.Contains(error.Message, "\\u009B31m\\u202E");
        Assert.IsFalse(error.Message.Any(c => char.IsControl(c) || c == '\u202E'), error.Message);
    }

    [TestMethod]
    public void Escape_KeepsPrintableTextAndSurrogatePairs_EscapesControlsLoneSurrogatesAndBidiOverrides()
    {
        Assert.AreEqual("plain café 😀 text", TerminalText.Escape("plain café 😀 text"));
        Assert.AreEqual("a\\u001B[31mb\\u000A\\u007F\\u0085\\uD800\\u2066", TerminalText.Escape("a\u001B[31mb\n\u007F\u0085\uD800\u2066"));
    }

    [TestMethod]
    public void AHeaderOfManyLongFields_IsShortenedInTheMessage()
    {
        using var folder = new TempFolder();
        string path = folder.Write("wide.tsv", string.Join('\t', Enumerable.Range(0, 50).Select(i => new string('h', 500))) + "\nx\ty\n");

        var error = Assert.ThrowsExactly<InvalidDataException>(() => DelimitedTextReader.Read(path, TextFileFormat.Tsv));

        StringAssert.Contains(error.Message, "… (50 fields)");
        Assert.IsLessThan(1_000, error.Message.Length, error.Message);
    }
}
