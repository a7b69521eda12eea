using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent;

var ml = new MLContext(seed: 1);
// train.tsv and test.tsv: a header line, then one "Label<TAB>Text" per line (no quoting)
IDataView train = ml.Data.LoadFromTextFile<Review>("train.tsv", separatorChar: '\t', hasHeader: true);
IDataView test = ml.Data.LoadFromTextFile<Review>("test.tsv", separatorChar: '\t', hasHeader: true);

var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
    .Append(ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text",
        new RecurrentTokenizerOptions { MaximumVocabularySize = 20000, MaximumLength = 400 }))
    .Append(ml.MulticlassClassification.Trainers.RecurrentTextClassifier(new RecurrentTextClassifierOptions
    {
        LabelColumnName = "Label", FeatureColumnName = "Tokens",
        Cell = RecurrentCell.Lstm, Bidirectional = true, NumberOfLayers = 1,
        EmbeddingSize = 100, HiddenSize = 100, Dropout = 0.2f,
        BatchSize = 64, NumberOfEpochs = 5, LearningRate = 1e-2f, Seed = 1,
    }))
    .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

ITransformer model = pipeline.Fit(train);
var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test));
Console.WriteLine($"Test accuracy: {metrics.MicroAccuracy:F4}");
ml.Model.Save(model, train.Schema, "model.zip");

ITransformer loaded = ml.Model.Load("model.zip", out _);   // in any process, no registration call
var engine = ml.Model.CreatePredictionEngine<Review, ReviewPrediction>(loaded);
ReviewPrediction prediction = engine.Predict(new Review { Text = "a warm and funny film" });
Console.WriteLine($"Predicted: {prediction.PredictedLabel}");

public sealed class Review
{
    [LoadColumn(0)] public string Label { get; set; } = "";
    [LoadColumn(1)] public string Text { get; set; } = "";
}

public sealed class ReviewPrediction
{
    public string PredictedLabel { get; set; } = "";
    public float[] Score { get; set; } = [];   // one probability per class, in the label key order
}
