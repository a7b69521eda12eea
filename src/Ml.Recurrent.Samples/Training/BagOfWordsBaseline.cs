using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.Samples.Data;

namespace Ml.Recurrent.Samples.Training;

/// <summary>
/// What an ML.NET user writes today to classify text, trained on the same data for comparison: the stock
/// <c>FeaturizeText</c> (normalised word unigrams and bigrams plus character trigrams) followed by
/// <c>SdcaMaximumEntropy</c>, both with their default options. The training rows are shuffled once with a fixed
/// seed first: SDCA reads an in-memory data view in order, and many data sets are sorted by label.
/// </summary>
internal static class BagOfWordsBaseline
{
    /// <summary>The seed of the one shuffle of the training rows.</summary>
    public const int ShuffleSeed = 1;

    /// <summary>
    /// Trains the baseline on <paramref name="train"/> and returns its accuracy on <paramref name="test"/>.
    /// </summary>
    public static (double Accuracy, TimeSpan TrainingTime) TrainAndEvaluate(IReadOnlyList<LabelledText> train,
        IReadOnlyList<LabelledText> test)
    {
        var ml = new MLContext(seed: ShuffleSeed);
        LabelledText[] shuffled = [.. train];
        new Random(ShuffleSeed).Shuffle(shuffled);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", nameof(LabelledText.Text)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy());
        var clock = Stopwatch.StartNew();
        ITransformer model = pipeline.Fit(ml.Data.LoadFromEnumerable(shuffled));
        TimeSpan time = clock.Elapsed;
        MulticlassClassificationMetrics metrics =
            ml.MulticlassClassification.Evaluate(model.Transform(ml.Data.LoadFromEnumerable(test)));
        return (metrics.MicroAccuracy, time);
    }
}
