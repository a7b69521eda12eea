using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Recurrent.Benchmarks;

/// <summary>
/// ML.NET's stock text classifier, as a user writes it today: default <c>FeaturizeText</c> (word 1–2-grams and
/// character 1–3-grams, L2-normalised) then <c>SdcaLogisticRegression</c> (two classes) or
/// <c>SdcaMaximumEntropy</c> (more). The training rows are shuffled once with a fixed seed first: several shared
/// TSVs are sorted by label and SDCA does not shuffle an in-memory view.
/// </summary>
internal static class SdcaBaseline
{
    /// <summary>Seed of the one shuffle of the training rows.</summary>
    public const int ShuffleSeed = 1;

    public sealed record Result(double Accuracy, double FitSeconds, double FitUserCpuSeconds, string Trainer);

    public static Result Run(List<Dataset.Row> trainRows, List<Dataset.Row> testRows)
    {
        var ml = new MLContext(seed: 1);
        List<Dataset.Row> shuffled = [.. trainRows];
        var random = new Random(ShuffleSeed);
        for (int i = shuffled.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
        }

        string[] classes = trainRows.Select(r => r.Label).Distinct().Order(StringComparer.Ordinal).ToArray();
        return classes.Length == 2 ? Binary(ml, shuffled, testRows, classes[1]) : Multiclass(ml, shuffled, testRows);
    }

    private static Result Binary(MLContext ml, List<Dataset.Row> train, List<Dataset.Row> test, string positive)
    {
        IDataView Load(List<Dataset.Row> rows) => ml.Data.LoadFromEnumerable(
            rows.Select(r => new BinaryRow { Label = r.Label == positive, Text = r.Text }));
        var pipeline = ml.Transforms.Text.FeaturizeText("Features", "Text")
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression());
        (ITransformer model, double seconds, double cpu) = Timed(() => pipeline.Fit(Load(train)));
        double accuracy = ml.BinaryClassification.Evaluate(model.Transform(Load(test))).Accuracy;
        return new Result(accuracy, seconds, cpu, "SdcaLogisticRegression");
    }

    private static Result Multiclass(MLContext ml, List<Dataset.Row> train, List<Dataset.Row> test)
    {
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", "Text"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy());
        (ITransformer model, double seconds, double cpu) = Timed(() => pipeline.Fit(ml.Data.LoadFromEnumerable(train)));
        double accuracy = ml.MulticlassClassification.Evaluate(model.Transform(ml.Data.LoadFromEnumerable(test)))
            .MicroAccuracy;
        return new Result(accuracy, seconds, cpu, "SdcaMaximumEntropy");
    }

    /// <summary>Wall-clock and user-CPU seconds of <paramref name="fit"/> (user CPU of the whole process).</summary>
    internal static (T Value, double Seconds, double UserCpuSeconds) Timed<T>(Func<T> fit)
    {
        TimeSpan cpuBefore = Process.GetCurrentProcess().UserProcessorTime;
        var clock = Stopwatch.StartNew();
        T value = fit();
        double seconds = clock.Elapsed.TotalSeconds;
        return (value, seconds, (Process.GetCurrentProcess().UserProcessorTime - cpuBefore).TotalSeconds);
    }

    private sealed class BinaryRow
    {
        public bool Label { get; set; }

        public string Text { get; set; } = string.Empty;
    }
}
