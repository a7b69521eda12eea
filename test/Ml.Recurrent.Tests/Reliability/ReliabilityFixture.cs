using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Recurrent.Tests.Reliability;

/// <summary>
/// A tiny trained multiclass pipeline saved once per test run, plus helpers shared by the reliability tests.
/// Tests never modify the saved bytes in place; each loads its own copy.
/// </summary>
internal static class ReliabilityFixture
{
    private static readonly Lazy<SavedModel> Saved = new(() => Train(seed: 7, hiddenSize: 8));

    /// <summary>The saved reference model: zip bytes and the predictions it makes on <see cref="ProbeRows"/>.</summary>
    public static SavedModel Reference => Saved.Value;

    /// <summary>Rows scored to compare models: known words, unknown words, punctuation only, empty text.</summary>
    public static IReadOnlyList<TestCorpus.Row> ProbeRows { get; } =
    [
        .. TestCorpus.Multiclass(5, seed: 11),
        new TestCorpus.Row { Text = "goal code pasta zebra!", Label = "sports" },
        new TestCorpus.Row { Text = "?!", Label = "tech" },
        new TestCorpus.Row { Text = string.Empty, Label = "food" },
    ];

    /// <summary>Tiny options: fast to train, still a bidirectional LSTM with a hidden head layer.</summary>
    public static RecurrentTextClassifierOptions Tiny(int seed = 7, int hiddenSize = 8, int epochs = 2) => new()
    {
        Cell = RecurrentCell.Lstm, Bidirectional = true, EmbeddingSize = 8, HiddenSize = hiddenSize, HeadHiddenSize = 6,
        BatchSize = 16, NumberOfEpochs = epochs, LearningRate = 1e-2f, Seed = seed, NumberOfThreads = 1,
    };

    /// <summary>Trains the multiclass pipeline of <see cref="ClassifierTests.MulticlassPipeline"/> on 90 rows and saves it.</summary>
    public static SavedModel Train(int seed, int hiddenSize, int corpusSeed = 1)
    {
        var ml = new MLContext(seed: 1);
        IDataView train = TestCorpus.Load(ml, TestCorpus.Multiclass(90, corpusSeed));
        ITransformer model = ClassifierTests.MulticlassPipeline(ml, Tiny(seed, hiddenSize)).Fit(train);
        try
        {
            using var stream = new MemoryStream();
            ml.Model.Save(model, train.Schema, stream);
            return new SavedModel(stream.ToArray(), Predict(ml, model));
        }
        finally
        {
            RecurrentTextClassifierTransformer.ReleaseNativeMemoryOf(model);
        }
    }

    /// <summary>Loads a model zip from bytes with <c>mlContext.Model.Load</c>.</summary>
    public static ITransformer Load(MLContext ml, byte[] zip) => ml.Model.Load(new MemoryStream(zip, writable: false), out _);

    /// <summary>Every score bit and predicted label of <paramref name="model"/> on <see cref="ProbeRows"/>, one string per row.</summary>
    public static string[] Predict(MLContext ml, ITransformer model)
    {
        IDataView scored = model.Transform(TestCorpus.Load(ml, ProbeRows));
        float[][] scores = scored.GetColumn<float[]>("Score").ToArray();
        string[] labels = scored.GetColumn<string>("PredictedLabel").ToArray();
        return scores.Select((s, i) => string.Join(" ", s.Select(Bits)) + " → " + labels[i]).ToArray();
    }

    /// <summary>The exact bits of a float, for bit-for-bit comparisons.</summary>
    public static string Bits(float value) => BitConverter.SingleToInt32Bits(value).ToString("X8", CultureInfo.InvariantCulture);

    /// <summary>An exception and all its inner exceptions, outermost first.</summary>
    public static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException) yield return e;
    }

    /// <summary>All messages of the chain, one per line, with the exception types.</summary>
    public static string Messages(Exception exception) =>
        string.Join("\n", Chain(exception).Select(e => $"{e.GetType().Name}: {e.Message}"));

    /// <summary>The first exception of type <typeparamref name="T"/> in the chain; fails the test if there is none.</summary>
    public static T Find<T>(Exception exception)
        where T : Exception =>
        Chain(exception).OfType<T>().FirstOrDefault() ?? throw new AssertFailedException($"No {typeof(T).Name} in the chain:\n{Messages(exception)}");

    /// <summary>Live TorchSharp tensors after a full garbage collection (so earlier tests' garbage is finalized first).</summary>
    public static long LiveTensorsAfterCollection()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return TorchSharp.torch.Tensor.TotalCount;
    }

    /// <summary>A synchronous <see cref="IProgress{T}"/> (unlike <see cref="Progress{T}"/>, which posts to the thread pool).</summary>
    public sealed class SyncProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }

    /// <summary>A saved model and its reference predictions on <see cref="ProbeRows"/>.</summary>
    public sealed record SavedModel(byte[] Zip, string[] Predictions);

    /// <summary>Typed output of the multiclass pipeline, for <c>PredictionEngine</c>.</summary>
    public sealed class Prediction
    {
        public float[] Score { get; set; } = [];

        public string PredictedLabel { get; set; } = string.Empty;
    }
}
