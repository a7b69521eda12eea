using Microsoft.ML;
using Ml.Recurrent.Samples.Charts;
using Ml.Recurrent.Samples.Commands;
using Ml.Recurrent.Samples.Data;
using Ml.Recurrent.Samples.Embeddings;
using Ml.Recurrent.Samples.ModelBuilder;
using Ml.Recurrent.Samples.Training;

namespace Ml.Recurrent.Samples.Tests;

[TestClass]
public sealed class ModelBuilderAndEmbeddingsTests
{
    [TestMethod]
    public void SentimentModel_TrainSavePredict_InModelBuilderShape()
    {
        using var folder = new TempFolder();
        Dataset data = Tiny.Dataset(train: 200, test: 20);
        var ml = new MLContext(seed: 1);
        ITransformer model = SentimentModel.RetrainPipeline(ml, ml.Data.LoadFromEnumerable(data.Train), Tiny.Classifier(epochs: 3), Tiny.Tokenizer());
        string path = folder.Combine("SentimentModel.zip");
        SentimentModel.SaveModel(ml, model, ml.Data.LoadFromEnumerable(data.Train), path);

        SentimentModel.MLNetModelPath = path;
        var input = new SentimentModel.ModelInput { Text = data.Test[0].Text };
        SentimentModel.ModelOutput output = SentimentModel.Predict(input);
        KeyValuePair<string, float>[] all = [.. SentimentModel.PredictAllLabels(input)];

        CollectionAssert.AreEquivalent(new[] { "negative", "positive" }, all.Select(p => p.Key).ToArray());
        Assert.AreEqual(all[0].Key, output.PredictedLabel, "the top score's label is the predicted label");
        Assert.IsGreaterThanOrEqualTo(all[1].Value, all[0].Value);
        Assert.AreEqual(1.0, output.Score.Sum(), 1e-4);
        Assert.IsTrue(SentimentModel.PredictEngine.IsValueCreated, "Predict creates the engine lazily, once");
    }

    [TestMethod]
    public void SentimentModel_Evaluate_MatchesThePredictions()
    {
        Dataset data = Tiny.Dataset(train: 200, test: 30);
        var ml = new MLContext(seed: 1);
        (ITransformer model, _) = TrainingJob.Fit(ml, data, Tiny.Classifier(epochs: 2), Tiny.Tokenizer(), ValidationSource.None);

        var metrics = SentimentModel.Evaluate(ml, model, ml.Data.LoadFromEnumerable(data.Test));
        using var engine = ml.Model.CreatePredictionEngine<SentimentModel.ModelInput, SentimentModel.ModelOutput>(model);
        int correct = data.Test.Count(r => engine.Predict(new SentimentModel.ModelInput { Text = r.Text }).PredictedLabel == r.Label);

        Assert.AreEqual((double)correct / data.Test.Count, metrics.MicroAccuracy, 1e-9);
    }

    [TestMethod]
    public void Embeddings_WritesPcaAndTsnePlotsAndCoordinates()
    {
        using var folder = new TempFolder();
        Dataset data = Tiny.Dataset(train: 200, test: 10);
        var ml = new MLContext(seed: 1);
        (ITransformer model, _) = TrainingJob.Fit(ml, data, Tiny.Classifier(epochs: 2), Tiny.Tokenizer(), ValidationSource.None);

        (EmbeddingMap map, IReadOnlyList<string> files) = EmbeddingsCommand.Write(ml, model, words: 30, perplexity: 8, includePunctuation: false, folder.Path);

        Assert.HasCount(30, map.Words);
        Assert.IsFalse(map.Words.Any(w => EmbeddingMap.ReservedTerms.Contains(w)));
        Assert.IsTrue(map.PredictedClass!.All(c => c is "negative" or "positive"));
        string[] csv = File.ReadAllLines(files.Single(f => f.EndsWith(".csv", StringComparison.Ordinal)));
        Assert.HasCount(31, csv);
        StringAssert.StartsWith(csv[1], $"1,{map.Words[0]},");
        foreach (string png in files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
            PngFile.AssertNonTrivial(png, LabelledScatterChart.Width, LabelledScatterChart.Height);
    }
}
