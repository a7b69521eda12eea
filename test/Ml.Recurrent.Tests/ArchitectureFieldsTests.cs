using Ml.Recurrent.Persistence;

namespace Ml.Recurrent.Tests;

[TestClass]
public sealed class ArchitectureFieldsTests
{
    private static RecurrentArchitecture Sample() => ModelingTests.Shape(RecurrentCell.Gru, bidirectional: true, layers: 2);

    [TestMethod]
    public void Architecture_WriteThenRead_GivesTheSameRecord()
    {
        using var writer = new PayloadWriter();
        Sample().Write(writer);
        using var reader = new PayloadReader(writer.ToArray(), "test");
        Assert.AreEqual(Sample(), RecurrentArchitecture.Read(reader));
    }

    [TestMethod]
    public void FieldUnknownToThisVersion_IsRefused_AsWrittenByANewerVersion()
    {
        using var writer = new PayloadWriter();
        var fields = new ArchitectureFields.Writer(writer);
        fields.Write("HiddenSize", 8);
        fields.Write("AttentionSize", 16);
        fields.Finish();
        using var reader = new PayloadReader(writer.ToArray(), "test");
        ArchitectureFields.Fields read = ArchitectureFields.Read(reader);
        Assert.AreEqual(8, read.Int32("HiddenSize", 1, 10));

        var ex = Assert.ThrowsExactly<FormatException>(read.EnsureAllRead);
        StringAssert.Contains(ex.Message, "AttentionSize");
        StringAssert.Contains(ex.Message, "written by a newer version");
    }

    [TestMethod]
    public void FieldAbsentFromAnOlderFile_TakesTheImpliedValue_AndAMissingRequiredFieldIsAnError()
    {
        using var writer = new PayloadWriter();
        var fields = new ArchitectureFields.Writer(writer);
        fields.Write("HiddenSize", 8);
        fields.Finish();
        using var reader = new PayloadReader(writer.ToArray(), "test");
        ArchitectureFields.Fields read = ArchitectureFields.Read(reader);

        Assert.AreEqual(0, read.Int32("AttentionSize", 0, 10, absent: 0));
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => read.Int32("EmbeddingSize", 1, 10));
        StringAssert.Contains(ex.Message, "field 'EmbeddingSize': missing");
        var range = Assert.ThrowsExactly<InvalidDataException>(() => read.Int32("HiddenSize", 1, 4));
        StringAssert.Contains(range.Message, "8 is outside [1, 4]");
    }
}
