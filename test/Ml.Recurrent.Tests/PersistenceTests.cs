using System.IO.Compression;
using Microsoft.ML;

namespace Ml.Recurrent.Tests;

[TestClass]
public sealed class PersistenceTests
{
    private static string _dir = string.Empty;

    [ClassInitialize]
    public static void CreateFolder(TestContext _) => _dir = Directory.CreateTempSubdirectory("mlr-persist").FullName;

    [ClassCleanup]
    public static void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    [TestMethod]
    [DataRow(RecurrentCell.Rnn, false, 1)]
    [DataRow(RecurrentCell.Lstm, false, 1)]
    [DataRow(RecurrentCell.Gru, false, 1)]
    [DataRow(RecurrentCell.Lstm, true, 1)]
    [DataRow(RecurrentCell.Gru, true, 2)]
    [DataRow(RecurrentCell.HandWrittenRnn, true, 1)]
    public void SaveThenLoad_InFreshProcess_GivesTheSameMulticlassScoresWithinTheBound(RecurrentCell cell, bool bidirectional, int layers)
    {
        var ml = new MLContext(seed: 1);
        IDataView train = TestCorpus.Load(ml, TestCorpus.Multiclass(240, seed: 1));
        ITransformer model = ClassifierTests.MulticlassPipeline(ml, ClassifierTests.Small(cell, bidirectional, layers, epochs: 5)).Fit(train);
        string name = $"multi-{cell}-{bidirectional}-{layers}";
        string zip = Path.Combine(_dir, name + ".zip"), data = Path.Combine(_dir, name + ".tsv");
        TestCorpus.WriteTsv(data, TestCorpus.Multiclass(50, seed: 2).Select(r => (r.Label, r.Text)));
        ml.Model.Save(model, train.Schema, zip);

        string[] here = ModelProbe.ScoreHere(ml, model, data, binary: false);
        string[] child = ModelProbe.ScoreInChildProcess(zip, data, binary: false);

        ReloadBound.AssertWithin(here, child[..^1], "a load in a fresh process");
        double accuracy = double.Parse(child[^1].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.IsGreaterThan(0.5, accuracy, "Evaluate works on the loaded model, well above chance (1/3)");
    }

    [TestMethod]
    [DataRow(RecurrentCell.Lstm, true, 1)]
    [DataRow(RecurrentCell.Rnn, false, 2)]
    [DataRow(RecurrentCell.Gru, false, 1)]
    public void SaveThenLoad_InFreshProcess_GivesTheSameBinaryScoresWithinTheBound(RecurrentCell cell, bool bidirectional, int layers)
    {
        var ml = new MLContext(seed: 1);
        IDataView train = TestCorpus.Load(ml, TestCorpus.Binary(120, seed: 1));
        ITransformer model = ClassifierTests.BinaryPipeline(ml, ClassifierTests.Small(cell, bidirectional, layers, epochs: 2)).Fit(train);
        string name = $"binary-{cell}-{bidirectional}-{layers}";
        string zip = Path.Combine(_dir, name + ".zip"), data = Path.Combine(_dir, name + ".tsv");
        TestCorpus.WriteTsv(data, TestCorpus.Binary(50, seed: 2).Select(r => (r.Label ? "true" : "false", r.Text)));
        ml.Model.Save(model, train.Schema, zip);

        string[] here = ModelProbe.ScoreHere(ml, model, data, binary: true);
        string[] child = ModelProbe.ScoreInChildProcess(zip, data, binary: true);

        ReloadBound.AssertWithin(here, child[..^1], "a load in a fresh process");
        StringAssert.StartsWith(child[^1], "accuracy ");
    }

    [TestMethod]
    public void SavedZip_HoldsOurEntriesAndWeights_ForEveryTransformerWeShip()
    {
        var ml = new MLContext(seed: 1);
        IDataView train = TestCorpus.Load(ml, TestCorpus.Multiclass(60, seed: 1));
        ITransformer model = ClassifierTests.MulticlassPipeline(ml, ClassifierTests.Small(epochs: 1)).Fit(train);
        string zip = Path.Combine(_dir, "entries.zip");
        ml.Model.Save(model, train.Schema, zip);

        using ZipArchive archive = ZipFile.OpenRead(zip);
        string[] names = archive.Entries.Select(e => e.FullName).ToArray();
        Assert.HasCount(4, names.Where(n => System.Text.RegularExpressions.Regex.IsMatch(n, @"^TransformerChain/Transform_\d+/Model\.key$")),
            "all four transformers (key mapping, tokenizer, classifier, key-to-value) were saved; " + string.Join(", ", names));
        Assert.IsTrue(names.Any(n => n.EndsWith("/Weights.bin", StringComparison.Ordinal)), string.Join(", ", names));
        ITransformer loaded = ml.Model.Load(zip, out DataViewSchema inputSchema);
        var chain = ((IEnumerable<ITransformer>)loaded).ToList();
        Assert.IsInstanceOfType<RecurrentTokenizerTransformer>(chain[1]);
        var classifier = (RecurrentTextClassifierTransformer)chain[2];
        CollectionAssert.AreEqual(TestCorpus.Classes.ToArray(), classifier.Model.ClassNames.ToArray());
        Assert.HasCount(1, classifier.Model.History!.Epochs);
        Assert.IsNotNull(inputSchema.GetColumnOrNull("Text"));
    }
}
