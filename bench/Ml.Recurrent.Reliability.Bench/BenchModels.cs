using Microsoft.ML;
using Ml.Recurrent.Tests;

namespace Ml.Recurrent.Reliability.Bench;

/// <summary>The pipelines the measurements train: the library's default architecture, and the tests' tiny one.</summary>
internal static class BenchModels
{
    /// <summary>MapValueToKey → TokenizeForRecurrent → classifier → MapKeyToValue, as in the README.</summary>
    public static IEstimator<ITransformer> Pipeline(MLContext ml, RecurrentTextClassifierOptions options) =>
        ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", new RecurrentTokenizerOptions { MinimumCount = 1 }))
            .Append(ml.MulticlassClassification.Trainers.RecurrentTextClassifier(options))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

    /// <summary>The default options (bidirectional LSTM, embedding and hidden 100, head 64), seeded.</summary>
    public static RecurrentTextClassifierOptions Defaults(int epochs) => new() { NumberOfEpochs = epochs, Seed = 1 };

    /// <summary>The options of the reliability tests' reference model (ReliabilityFixture.Tiny).</summary>
    public static RecurrentTextClassifierOptions Tiny() => new()
    {
        Cell = RecurrentCell.Lstm, Bidirectional = true, EmbeddingSize = 8, HiddenSize = 8, HeadHiddenSize = 6,
        BatchSize = 16, NumberOfEpochs = 2, LearningRate = 1e-2f, Seed = 7, NumberOfThreads = 1,
    };

    /// <summary>The reliability tests' probe rows (ReliabilityFixture.ProbeRows).</summary>
    public static List<TestCorpus.Row> ProbeRows() =>
    [
        .. TestCorpus.Multiclass(5, seed: 11),
        new TestCorpus.Row { Text = "goal code pasta zebra!", Label = "sports" },
        new TestCorpus.Row { Text = "?!", Label = "tech" },
        new TestCorpus.Row { Text = string.Empty, Label = "food" },
    ];

    /// <summary>Typed output for PredictionEngine.</summary>
    public sealed class Prediction
    {
        public float[] Score { get; set; } = [];

        public string PredictedLabel { get; set; } = string.Empty;
    }
}
