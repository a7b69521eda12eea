// The shape ML.NET Model Builder generates for a trained model (<Name>.consumption.cs): input and output
// classes, the model path, a lazily created PredictionEngine and Predict methods.
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Recurrent.Samples.ModelBuilder;

/// <summary>A recurrent text classifier packaged the way Model Builder packages models: consumption part.</summary>
public partial class SentimentModel
{
    /// <summary>Model input class for SentimentModel.</summary>
    #region model input class
    public class ModelInput
    {
        /// <summary>The class name (ignored when predicting).</summary>
        [LoadColumn(0)]
        [ColumnName(@"Label")]
        public string Label { get; set; } = string.Empty;

        /// <summary>The text to classify.</summary>
        [LoadColumn(1)]
        [ColumnName(@"Text")]
        public string Text { get; set; } = string.Empty;
    }
    #endregion

    /// <summary>Model output class for SentimentModel.</summary>
    #region model output class
    public class ModelOutput
    {
        /// <summary>The input text.</summary>
        [ColumnName(@"Text")]
        public string Text { get; set; } = string.Empty;

        /// <summary>The predicted class name.</summary>
        [ColumnName(@"PredictedLabel")]
        public string PredictedLabel { get; set; } = string.Empty;

        /// <summary>One probability per class, in the order of the Score column's slot names.</summary>
        [ColumnName(@"Score")]
        public float[] Score { get; set; } = [];
    }
    #endregion

    /// <summary>
    /// Where <see cref="Predict"/> loads the model from. Set it before the first prediction: the engine is created
    /// once, on first use.
    /// </summary>
    public static string MLNetModelPath { get; set; } = Path.GetFullPath(Path.Combine("out", "SentimentModel.zip"));

    /// <summary>The prediction engine, created from <see cref="MLNetModelPath"/> on first use
    /// (thread-safe creation).</summary>
    public static readonly Lazy<PredictionEngine<ModelInput, ModelOutput>> PredictEngine =
        new(() => CreatePredictEngine(), true);

    /// <summary>Use this method to predict on <see cref="ModelInput"/>.</summary>
    /// <param name="input">model input.</param>
    /// <returns><seealso cref="ModelOutput"/></returns>
    public static ModelOutput Predict(ModelInput input)
    {
        var predEngine = PredictEngine.Value;
        return predEngine.Predict(input);
    }

    /// <summary>Use this method to predict scores for all possible labels, highest first.</summary>
    /// <param name="input">model input.</param>
    public static IOrderedEnumerable<KeyValuePair<string, float>> PredictAllLabels(ModelInput input)
    {
        var predEngine = PredictEngine.Value;
        var result = predEngine.Predict(input);
        return GetSortedScoresWithLabels(result);
    }

    /// <summary>Pairs each score of <paramref name="result"/> with its class name, highest score first.</summary>
    public static IOrderedEnumerable<KeyValuePair<string, float>> GetSortedScoresWithLabels(ModelOutput result)
    {
        var labels = GetLabels(PredictEngine.Value.OutputSchema);
        return labels.Zip(result.Score, (label, score) => new KeyValuePair<string, float>(label, score))
            .OrderByDescending(pair => pair.Value);
    }

    /// <summary>The class names, in the order of the Score column's slots.</summary>
    public static IReadOnlyList<string> GetLabels(DataViewSchema outputSchema)
    {
        var names = new VBuffer<ReadOnlyMemory<char>>();
        outputSchema[@"Score"].GetSlotNames(ref names);
        return [.. names.DenseValues().Select(name => name.ToString())];
    }

    private static PredictionEngine<ModelInput, ModelOutput> CreatePredictEngine()
    {
        var mlContext = new MLContext();
        ITransformer mlModel = mlContext.Model.Load(MLNetModelPath, out var _);
        return mlContext.Model.CreatePredictionEngine<ModelInput, ModelOutput>(mlModel);
    }
}
