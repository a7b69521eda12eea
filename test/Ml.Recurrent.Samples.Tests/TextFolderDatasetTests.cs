using Ml.Recurrent.Samples.Data;

namespace Ml.Recurrent.Samples.Tests;

[TestClass]
public sealed class TextFolderDatasetTests
{
    private static TempFolder ImdbLikeFolder()
    {
        var folder = new TempFolder();
        folder.Write("train/pos/0_9.txt", "A wonderful film.<br />Loved it.");
        folder.Write("train/pos/1_8.txt", "Great \"acting\"\tand a fine script.");
        folder.Write("train/neg/0_2.txt", "Dull and long.");
        folder.Write("train/unsup/0_0.txt", "No label here.");
        folder.Write("train/labeledBow.feat", "not a text");
        folder.Write("test/pos/0_10.txt", "Superb.");
        folder.Write("test/neg/0_1.txt", "Awful.\nJust awful.");
        return folder;
    }

    [TestMethod]
    public void Read_TakesClassesFromFolderNames_PresentInBothSplits()
    {
        using TempFolder folder = ImdbLikeFolder();

        (List<LabelledText> train, List<LabelledText>? test, IReadOnlyList<string> classes) = TextFolderDataset.Read(folder.Path);

        CollectionAssert.AreEqual(new[] { "neg", "pos" }, classes.ToArray());
        Assert.HasCount(3, train);
        Assert.AreEqual(2, train.Count(r => r.Label == "pos"));
        Assert.IsFalse(train.Any(r => r.Text == "No label here."), "train/unsup has no test counterpart and must be left out");
        Assert.IsTrue(train.Any(r => r.Label == "pos" && r.Text == "Great \"acting\"\tand a fine script."), "file contents are read verbatim");
        Assert.IsNotNull(test);
        Assert.AreEqual("Awful.\nJust awful.", test.Single(r => r.Label == "neg").Text);
    }

    [TestMethod]
    public void Read_WithExplicitClasses_ReadsOnlyThose()
    {
        using TempFolder folder = ImdbLikeFolder();
        folder.Write("test/unsup/0_0.txt", "Now also in test.");

        (List<LabelledText> train, _, IReadOnlyList<string> classes) = TextFolderDataset.Read(folder.Path, ["pos", "neg"]);

        CollectionAssert.AreEqual(new[] { "pos", "neg" }, classes.ToArray());
        Assert.IsFalse(train.Any(r => r.Label == "unsup"));
    }

    [TestMethod]
    public void DatasetLoader_RecognisesTheFolderLayout()
    {
        using TempFolder folder = ImdbLikeFolder();

        Dataset dataset = DatasetLoader.Load(new DatasetRequest { Path = folder.Path });

        Assert.HasCount(3, dataset.Train);
        Assert.HasCount(2, dataset.Test);
        CollectionAssert.AreEqual(new[] { "neg", "pos" }, dataset.Classes.ToArray());
    }

    [TestMethod]
    public void MissingFolder_SaysWhatIsMissing()
    {
        using var folder = new TempFolder();
        string missing = folder.Combine("nope");

        var error = Assert.ThrowsExactly<DirectoryNotFoundException>(() => DatasetLoader.Load(new DatasetRequest { Path = missing }));

        StringAssert.Contains(error.Message, missing);
        StringAssert.Contains(error.Message, "../shared/data");
    }

    [TestMethod]
    public void SingleFile_HoldsOutEveryTenthRowOfEachClass()
    {
        using var folder = new TempFolder();
        string path = folder.Write("all.tsv", "Label\tText\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{(i % 2 == 0 ? "a" : "b")}\ttext {i}\n")));

        Dataset dataset = DatasetLoader.Load(new DatasetRequest { Path = path });

        Assert.HasCount(36, dataset.Train);
        Assert.HasCount(4, dataset.Test);
        Assert.AreEqual(2, dataset.Test.Count(r => r.Label == "a"));
        Assert.IsFalse(dataset.Test.Any(t => dataset.Train.Contains(t)));
    }
}
