// The shape ML.NET Model Builder generates for evaluation (<Name>.evaluate.cs): metrics of a trained model on
// held-out data. Model Builder's permutation feature importance is left out: this model has a single text input.
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Recurrent.Samples.ModelBuilder;

/// <summary>A recurrent text classifier packaged the way Model Builder packages models: evaluation part.</summary>
public partial class SentimentModel
{
    /// <summary>Scores <paramref name="testData"/> (Label/Text rows) with <paramref name="model"/> and
    /// computes multiclass metrics.</summary>
    public static MulticlassClassificationMetrics Evaluate(MLContext mlContext, ITransformer model, IDataView testData)
    {
        IDataView predictions = model.Transform(testData);
        return mlContext.MulticlassClassification.Evaluate(predictions, labelColumnName: @"Label",
            scoreColumnName: @"Score", predictedLabelColumnName: @"PredictedLabel");
    }

    /// <summary>Loads the model at <paramref name="modelPath"/> and evaluates it on
    /// <paramref name="testData"/>.</summary>
    public static MulticlassClassificationMetrics Evaluate(MLContext mlContext, string modelPath, IDataView testData)
    {
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"Model file '{modelPath}' does not exist; " +
            $"train one first (train --output {modelPath}).", modelPath);
        ITransformer model = mlContext.Model.Load(modelPath, out _);
        return Evaluate(mlContext, model, testData);
    }

    /// <summary>The recurrent classifier inside a trained or loaded pipeline (searching nested chains).</summary>
    /// <exception cref="ArgumentException">The pipeline has no recurrent classifier.</exception>
    public static RecurrentTextClassifierTransformer GetClassifier(ITransformer model) =>
        Find<RecurrentTextClassifierTransformer>(model)
            ?? throw new ArgumentException("The model holds no RecurrentTextClassifierTransformer; was it trained " +
            "with this sample?", nameof(model));

    private static T? Find<T>(ITransformer model)
        where T : class, ITransformer
    {
        if (model is T found) return found;
        if (model is IEnumerable<ITransformer> chain)
        {
            foreach (ITransformer part in chain)
            {
                if (Find<T>(part) is { } inner) return inner;
            }
        }

        return null;
    }
}
