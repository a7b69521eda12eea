using System.Globalization;
using Ml.Recurrent.Samples.Charts;
using Ml.Recurrent.Samples.Commands;
using Ml.Recurrent.Samples.Experiments;
using Ml.Recurrent.Samples.Progress;

namespace Ml.Recurrent.Samples.Tests;

[TestClass]
public sealed class ExperimentTests
{
    private static ExperimentResult? _cells;
    private static IReadOnlyList<string> _files = [];
    private static TempFolder? _folder;
    private static string _log = string.Empty;

    [ClassInitialize]
    public static void RunTinyCellsExperiment(TestContext _)
    {
        _folder = new TempFolder();
        using var log = new StringWriter();
        _files = ExperimentCommand.RunAndWrite(ExperimentCatalog.Cells, Tiny.Dataset(), Tiny.Settings(), _folder.Path, new PlainTrainingRuns(log), out ExperimentResult result);
        _cells = result;
        _log = log.ToString();
    }

    [ClassCleanup]
    public static void Cleanup() => _folder?.Dispose();

    [TestMethod]
    public void CellsTable_HasOneRowPerVariant_InOrder_WithTheResultsFigures()
    {
        IReadOnlyList<string[]> rows = ExperimentReport.Rows(_cells!);

        CollectionAssert.AreEqual(new[] { "RNN", "BiRNN", "LSTM", "BiLSTM", "GRU", "BiGRU" }, rows.Select(r => r[0]).ToArray());
        for (int i = 0; i < rows.Count; i++)
        {
            VariantResult v = _cells!.Variants[i];
            Assert.AreEqual(ExperimentReport.Headers.Count, rows[i].Length);
            Assert.AreEqual(v.TestAccuracy.ToString("F4", CultureInfo.InvariantCulture), rows[i][1]);
            Assert.AreEqual(v.Parameters.ToString("N0", CultureInfo.InvariantCulture), rows[i][8]);
            Assert.IsTrue(v.TestAccuracy is >= 0 and <= 1, $"{v.Variant}: accuracy {v.TestAccuracy}");
            Assert.IsGreaterThan(0, v.TrainingSeconds);
            Assert.HasCount(1, v.Epochs);
            Assert.IsNotNull(v.Epochs[0].ValidationAccuracy, "validating on a held-out fraction gives validation figures");
        }

        Assert.AreEqual(1, _cells!.Variants.Select(v => v.VocabularySize).Distinct().Count(), "every variant uses the same vocabulary");
    }

    [TestMethod]
    public void CellsTable_ParameterCounts_DifferByTheSecondDirection()
    {
        // A second direction adds one more recurrent layer (gates × (E·H + H·H + 2H)) and widens the head's input
        // by 3·H (last, max and mean pooling) times the head's hidden width.
        const int e = Tiny.EmbeddingSize, h = Tiny.HiddenSize, head = Tiny.HeadHiddenSize;
        int Direction(int gates) => gates * (e * h + h * h + 2 * h) + 3 * h * head;
        long Params(string name) => _cells!.Variants.Single(v => v.Variant == name).Parameters;

        Assert.AreEqual(Direction(1), Params("BiRNN") - Params("RNN"));
        Assert.AreEqual(Direction(4), Params("BiLSTM") - Params("LSTM"));
        Assert.AreEqual(Direction(3), Params("BiGRU") - Params("GRU"));
    }

    [TestMethod]
    public void Files_CsvAndMarkdown_HoldEveryVariant()
    {
        string[] summary = File.ReadAllLines(_files.Single(f => f.EndsWith("results.csv", StringComparison.Ordinal)));
        string[] epochs = File.ReadAllLines(_files.Single(f => f.EndsWith("epochs.csv", StringComparison.Ordinal)));
        string markdown = File.ReadAllText(_files.Single(f => f.EndsWith("README.md", StringComparison.Ordinal)));

        Assert.HasCount(7, summary);
        Assert.HasCount(7, epochs);
        StringAssert.StartsWith(summary[1], "RNN,");
        foreach (VariantResult v in _cells!.Variants)
            StringAssert.Contains(markdown, $"| {v.Variant} | {v.TestAccuracy.ToString("F4", CultureInfo.InvariantCulture)} |");
        StringAssert.Contains(markdown, "![cells-loss](cells-loss.png)");
    }

    [TestMethod]
    public void Charts_AreWritten_WithTheirSizeAndContent()
    {
        string[] charts = [.. _files.Where(f => f.EndsWith(".png", StringComparison.Ordinal))];

        CollectionAssert.AreEquivalent(new[] { "cells-loss.png", "cells-accuracy.png", "cells-test-accuracy.png" }, charts.Select(Path.GetFileName).ToArray());
        foreach (string chart in charts) PngFile.AssertNonTrivial(chart, CurveChart.Width, CurveChart.Height);
    }

    [TestMethod]
    public void PlainProgress_LogsEachEpochAndRun()
    {
        foreach (string variant in new[] { "RNN", "BiGRU" })
        {
            StringAssert.Contains(_log, $"[{variant}] epoch 1/1: loss ");
            StringAssert.Contains(_log, $"[{variant}] done: test accuracy ");
        }
    }

    [TestMethod]
    public void Find_UnknownExperiment_ListsTheNames()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => ExperimentCatalog.Find("dropout"));

        StringAssert.Contains(error.Message, "'dropout'");
        StringAssert.Contains(error.Message, "cells, vocabulary, regularisation, activation");
    }
}
