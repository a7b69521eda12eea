using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Recurrent.Tests;

[TestClass]
public sealed class ClassifierTests
{
    internal static IEstimator<ITransformer> MulticlassPipeline(MLContext ml, RecurrentTextClassifierOptions options) =>
        ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", new RecurrentTokenizerOptions { MinimumCount = 1 }))
            .Append(ml.MulticlassClassification.Trainers.RecurrentTextClassifier(options))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

    internal static IEstimator<ITransformer> BinaryPipeline(MLContext ml, RecurrentTextClassifierOptions options) =>
        ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", new RecurrentTokenizerOptions { MinimumCount = 1 })
            .Append(ml.BinaryClassification.Trainers.RecurrentTextClassifier(options));

    internal static RecurrentTextClassifierOptions Small(RecurrentCell cell = RecurrentCell.Lstm, bool bidirectional = true, int layers = 1, int epochs = 6) => new()
    {
        Cell = cell, Bidirectional = bidirectional, NumberOfLayers = layers, EmbeddingSize = 16, HiddenSize = 16,
        HeadHiddenSize = 10, BatchSize = 16, NumberOfEpochs = epochs, LearningRate = 1e-2f, Seed = 7, NumberOfThreads = 1,
    };

    [TestMethod]
    public void Multiclass_OnSeparableToyTask_ReachesAtLeast95PercentAccuracy()
    {
        var ml = new MLContext(seed: 1);
        ITransformer model = MulticlassPipeline(ml, Small()).Fit(TestCorpus.Load(ml, TestCorpus.Multiclass(300, seed: 1)));
        MulticlassClassificationMetrics metrics = ml.MulticlassClassification.Evaluate(model.Transform(TestCorpus.Load(ml, TestCorpus.Multiclass(90, seed: 2))));

        Assert.IsGreaterThanOrEqualTo(0.95, metrics.MicroAccuracy, $"accuracy {metrics.MicroAccuracy}");
    }

    [TestMethod]
    public void Binary_OnSeparableToyTask_ReachesAtLeast95PercentAccuracy_AndEvaluates()
    {
        var ml = new MLContext(seed: 1);
        ITransformer model = BinaryPipeline(ml, Small(RecurrentCell.Gru)).Fit(TestCorpus.Load(ml, TestCorpus.Binary(200, seed: 3)));
        CalibratedBinaryClassificationMetrics metrics = ml.BinaryClassification.Evaluate(model.Transform(TestCorpus.Load(ml, TestCorpus.Binary(80, seed: 4))));

        Assert.IsGreaterThanOrEqualTo(0.95, metrics.Accuracy, $"accuracy {metrics.Accuracy}");
        Assert.IsGreaterThan(0.95, metrics.AreaUnderRocCurve);
    }

    [TestMethod]
    public void SameSeed_TwoFits_GiveIdenticalWeights()
    {
        float[,] First()
        {
            var ml = new MLContext(seed: 1);
            var chain = (IEnumerable<ITransformer>)MulticlassPipeline(ml, Small(epochs: 2)).Fit(TestCorpus.Load(ml, TestCorpus.Multiclass(90, seed: 5)));
            return chain.OfType<RecurrentTextClassifierTransformer>().Single().Model.GetEmbeddingMatrix();
        }

        float[,] a = First(), b = First();
        CollectionAssert.AreEqual(a.Cast<float>().ToArray(), b.Cast<float>().ToArray());
    }

    [TestMethod]
    public void GetOutputSchema_BeforeFit_ReportsOutputColumnsWithTypes()
    {
        var ml = new MLContext(seed: 1);
        SchemaShape input = SchemaShapes.Of(TestCorpus.Load(ml, TestCorpus.Multiclass(3, 1)).Schema);

        SchemaShape multi = MulticlassPipeline(ml, Small()).GetOutputSchema(input);
        Assert.IsTrue(Ml.Recurrent.DataView.SchemaChecks.TryFind(multi, "Score", out var score));
        Assert.AreEqual(SchemaShape.Column.VectorKind.Vector, score.Kind);
        Assert.AreEqual(NumberDataViewType.Single, score.ItemType);
        Assert.IsTrue(Ml.Recurrent.DataView.SchemaChecks.TryFind(multi, "PredictedLabel", out var predicted));
        Assert.AreEqual(TextDataViewType.Instance, predicted.ItemType, "after MapKeyToValue the predicted label is the class name");
        Assert.IsTrue(Ml.Recurrent.DataView.SchemaChecks.TryFind(multi, "Tokens", out var tokens));
        Assert.IsTrue(tokens.IsKey);
        Assert.AreEqual(SchemaShape.Column.VectorKind.VariableVector, tokens.Kind);

        SchemaShape binary = BinaryPipeline(ml, Small()).GetOutputSchema(SchemaShapes.Of(TestCorpus.Load(ml, TestCorpus.Binary(3, 1)).Schema));
        Assert.IsTrue(Ml.Recurrent.DataView.SchemaChecks.TryFind(binary, "Probability", out var probability));
        Assert.AreEqual(NumberDataViewType.Single, probability.ItemType);
        Assert.IsTrue(Ml.Recurrent.DataView.SchemaChecks.TryFind(binary, "PredictedLabel", out var binaryPredicted));
        Assert.AreEqual(BooleanDataViewType.Instance, binaryPredicted.ItemType);
    }

    [TestMethod]
    public void PredictionEngine_AgreesWithBatchedTransform()
    {
        var ml = new MLContext(seed: 1);
        List<TestCorpus.Row> test = TestCorpus.Multiclass(40, seed: 9);
        ITransformer model = MulticlassPipeline(ml, Small(epochs: 2)).Fit(TestCorpus.Load(ml, TestCorpus.Multiclass(90, seed: 8)));
        float[][] batched = model.Transform(TestCorpus.Load(ml, test)).GetColumn<float[]>("Score").ToArray();
        using var engine = ml.Model.CreatePredictionEngine<TestCorpus.Row, ScoredRow>(model);

        for (int i = 0; i < test.Count; i++)
        {
            float[] single = engine.Predict(test[i]).Score;
            for (int c = 0; c < single.Length; c++) Assert.AreEqual(batched[i][c], single[c], 1e-5f, $"row {i} class {c}");
        }
    }

    [TestMethod]
    public void MlNetTokenKeys_FromTokenizeIntoWordsAndMapValueToKey_AreAccepted()
    {
        var ml = new MLContext(seed: 1);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.TokenizeIntoWords("Words", "Text"))
            .Append(ml.Transforms.Conversion.MapValueToKey("Tokens", "Words"))
            .Append(ml.MulticlassClassification.Trainers.RecurrentTextClassifier(Small()));
        ITransformer model = pipeline.Fit(TestCorpus.Load(ml, TestCorpus.Multiclass(300, seed: 1)));

        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(TestCorpus.Load(ml, TestCorpus.Multiclass(90, seed: 2))));
        Assert.IsGreaterThanOrEqualTo(0.9, metrics.MicroAccuracy, $"accuracy {metrics.MicroAccuracy}");
    }

    internal sealed class ScoredRow
    {
        public float[] Score { get; set; } = [];

        public string PredictedLabel { get; set; } = string.Empty;
    }
}
