using Ml.Recurrent.Samples.Data;

namespace Ml.Recurrent.Samples.Tests;

[TestClass]
public sealed class DelimitedTextReaderTests
{
    [TestMethod]
    public void Tsv_KeepsQuotesAndTabsInsideTheLastColumn()
    {
        using var folder = new TempFolder();
        string path = folder.Write("data.tsv", "Label\tText\npositive\tShe said \"wow\"\tthen left\nnegative\t\"Quoted start\" and a lone \" quote\n");

        List<LabelledText> rows = DelimitedTextReader.Read(path, TextFileFormat.Tsv);

        Assert.HasCount(2, rows);
        Assert.AreEqual("positive", rows[0].Label);
        Assert.AreEqual("She said \"wow\"\tthen left", rows[0].Text);
        Assert.AreEqual("\"Quoted start\" and a lone \" quote", rows[1].Text);
    }

    [TestMethod]
    public void Csv_UnescapesQuotedFields_AndKeepsQuotesTabsAndLineBreaks()
    {
        using var folder = new TempFolder();
        string path = folder.Write("data.csv",
            "id,review,sentiment\r\n" +
            "1,\"He said \"\"great\"\", then\tleft, twice\",pos\r\n" +
            "2,A 5 \"star\" film,neg\r\n" +
            "3,\"two\nlines\",pos\r\n");

        List<LabelledText> rows = DelimitedTextReader.Read(path, TextFileFormat.Csv, labelColumn: "sentiment", textColumn: "review");

        Assert.HasCount(3, rows);
        Assert.AreEqual("He said \"great\", then\tleft, twice", rows[0].Text);
        Assert.AreEqual("pos", rows[0].Label);
        Assert.AreEqual("A 5 \"star\" film", rows[1].Text);
        Assert.AreEqual("two\nlines", rows[2].Text);
    }

    [TestMethod]
    public void Columns_CanBeChosenByIndex_WithoutHeader()
    {
        using var folder = new TempFolder();
        string path = folder.Write("data.tsv", "a text\tx\tlabel-one\nanother text\ty\tlabel-two\n");

        List<LabelledText> rows = DelimitedTextReader.Read(path, TextFileFormat.Tsv, labelColumn: "2", textColumn: "0", hasHeader: false);

        CollectionAssert.AreEqual(new[] { "label-one", "label-two" }, rows.Select(r => r.Label).ToArray());
        CollectionAssert.AreEqual(new[] { "a text", "another text" }, rows.Select(r => r.Text).ToArray());
    }

    [TestMethod]
    public void MissingColumn_NamesTheFileAndListsTheHeader()
    {
        using var folder = new TempFolder();
        string path = folder.Write("data.csv", "review,sentiment\nfine,pos\n");

        var error = Assert.ThrowsExactly<InvalidDataException>(() => DelimitedTextReader.Read(path, TextFileFormat.Csv));

        StringAssert.Contains(error.Message, path);
        StringAssert.Contains(error.Message, "'review', 'sentiment'");
    }

    [TestMethod]
    public void UnclosedQuote_IsReportedWithItsLine()
    {
        using var folder = new TempFolder();
        string path = folder.Write("data.csv", "Label,Text\npos,fine\nneg,\"never closed\n");

        var error = Assert.ThrowsExactly<InvalidDataException>(() => DelimitedTextReader.Read(path, TextFileFormat.Csv));

        StringAssert.Contains(error.Message, "line 3");
    }
}
