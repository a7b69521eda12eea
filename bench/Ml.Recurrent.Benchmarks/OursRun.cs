using System.Diagnostics;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;

namespace Ml.Recurrent.Benchmarks;

/// <summary>
/// One end-to-end run of the library in this process: Fit (IDataView → tokens → batches → training),
/// test accuracy, batched scoring throughput, single-prediction latency, RSS per epoch. Prints one JSON line.
/// With --defaults the library's default options are used; otherwise options that mirror the peer's model.
/// </summary>
internal static class OursRun
{
    /// <summary>Token count of the text timed by <see cref="SingleLatency"/> (200 unless the training words run out first).</summary>
    private static int LatencyTokens;

    public static int Run(BenchArgs args)
    {
        Dataset data = Dataset.Find(args.Text("data-root", "../shared/data"), args.Text("data", "sst2_sentence"));
        bool defaults = args.Flag("defaults");
        int epochs = args.Int("epochs", 5), maxLength = args.Int("maxlen", 400), threads = args.Int("threads", 2);
        RecurrentCell cell = Enum.Parse<RecurrentCell>(args.Text("cell", "lstm"), ignoreCase: true);
        bool bidirectional = args.Flag("bidirectional");

        var ml = new MLContext(seed: 1);
        var rss = new List<double>();
        RecurrentTokenizerOptions tokenizer = defaults ? new RecurrentTokenizerOptions() : TokenStoreBuilder.PeerOptions(maxLength);
        RecurrentTextClassifierOptions options = defaults ? new RecurrentTextClassifierOptions() : new RecurrentTextClassifierOptions
        {
            Cell = cell, Bidirectional = bidirectional, EmbeddingSize = 100, HiddenSize = 100, Pooling = SequencePooling.Last,
            HeadHiddenSize = 10, HeadActivation = HeadActivation.None, Dropout = 0.2f, EmbeddingDropout = 0.2f, BatchSize = 64,
            LearningRate = 1e-3f, LearningRateSchedule = LearningRateScheduleKind.Constant, GradientClippingNorm = null,
        };
        if (!defaults) options.NumberOfEpochs = epochs;
        options.Seed = args.Int("seed", 1);
        options.NumberOfThreads = threads;
        options.Progress = new EpochRss(rss);
        foreach (string assignment in args.Text("set", string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
            Override(assignment, options, tokenizer);

        List<Dataset.Row> trainRows = Dataset.Read(data.TrainPath), testRows = Dataset.Read(data.TestPath);
        IDataView train = ml.Data.LoadFromEnumerable(trainRows), test = ml.Data.LoadFromEnumerable(testRows);
        SdcaBaseline.Result? sdca = args.Flag("no-sdca") ? null : SdcaBaseline.Run(trainRows, testRows);
        double rssBefore = ProcessMemory.RssMiB();
        TimeSpan cpuBefore = Process.GetCurrentProcess().UserProcessorTime;
        var clock = Stopwatch.StartNew();
        ITransformer model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", tokenizer))
            .Append(ml.MulticlassClassification.Trainers.RecurrentTextClassifier(options))
            .Fit(train);
        double fitSeconds = clock.Elapsed.TotalSeconds;
        double fitCpu = (Process.GetCurrentProcess().UserProcessorTime - cpuBefore).TotalSeconds;
        RecurrentTextClassifierTransformer classifier = ((IEnumerable<ITransformer>)model).OfType<RecurrentTextClassifierTransformer>().Single();
        TrainingHistory history = classifier.Model.History!;
        double trainedRows = history.TrainingRows;
        double[] epochSeconds = history.Epochs.Select(e => e.Seconds).ToArray();

        IDataView scored = model.Transform(test);
        double accuracy = ml.MulticlassClassification.Evaluate(scored).MicroAccuracy;
        // --accuracy-only (tuning runs): skip the throughput and latency passes.
        bool speed = !args.Flag("accuracy-only");
        double scoringTest = speed ? ScoringRate(model, test, testRows.Count) : 0;
        double scoringTrain = speed ? ScoringRate(model, train, trainRows.Count) : 0;
        ITransformer[] upToTokens = ((IEnumerable<ITransformer>)model).TakeWhile(t => t is not RecurrentTextClassifierTransformer).ToArray();
        double tokenizeTrain = speed ? PassRate(() => upToTokens.Aggregate(train, (view, t) => t.Transform(view)), "Tokens", default(VBuffer<uint>), trainRows.Count) : 0;

        int defaultThreads = torch.get_num_threads();
        Dictionary<int, double> latencyMs = speed ? SingleLatency(ml, model, trainRows, [defaultThreads, 1])
            : new() { [defaultThreads] = 0, [1] = 0 };
        var result = new
        {
            framework = "ml.recurrent", dataset = data.Name, defaults, cell = classifier.Model.Architecture.Cell.ToString(), bidirectional = classifier.Model.Architecture.Bidirectional,
            epochs = history.Epochs.Count, train_rows = trainedRows, fit_seconds = Math.Round(fitSeconds, 2),
            fit_user_cpu_seconds = Math.Round(fitCpu, 1), load_average = LoadAverage(),
            sdca_trainer = sdca?.Trainer, sdca_test_accuracy = sdca is null ? (double?)null : Math.Round(sdca.Accuracy, 4),
            sdca_fit_seconds = sdca is null ? (double?)null : Math.Round(sdca.FitSeconds, 2),
            sdca_fit_user_cpu_seconds = sdca is null ? (double?)null : Math.Round(sdca.FitUserCpuSeconds, 1),
            epoch_seconds = epochSeconds.Select(s => Math.Round(s, 2)).ToArray(),
            train_sequences_per_s = Math.Round(trainedRows * epochSeconds.Length / epochSeconds.Sum(), 1),
            end_to_end_sequences_per_s = Math.Round(trainedRows * epochSeconds.Length / fitSeconds, 1),
            overrides = args.Text("set", string.Empty), kept_epoch = history.KeptEpoch, recurrent_share = history.RecurrentShare,
            test_accuracy = Math.Round(accuracy, 4), scoring_texts_per_s = Math.Round(scoringTest, 0),
            scoring_train_texts_per_s = Math.Round(scoringTrain, 0), tokenizing_train_texts_per_s = Math.Round(tokenizeTrain, 0),
            single_latency_ms = Math.Round(latencyMs[defaultThreads], 3), single_latency_threads = defaultThreads,
            single_latency_ms_1_thread = Math.Round(latencyMs[1], 3), single_latency_tokens = LatencyTokens,
            rss_before_mib = Math.Round(rssBefore, 1), rss_per_epoch_mib = rss.Select(r => Math.Round(r, 1)).ToArray(),
            peak_rss_mib = Math.Round(ProcessMemory.PeakRssMiB(), 1), parameters = classifier.Model.ParameterCount,
        };
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>
    /// Batched scoring throughput: texts per second of a whole pass (Transform, a cursor reading the Score column
    /// of every row, dispose), median of three passes. Fixed costs per pass weigh more on small sets, so it is
    /// measured on both the test and the (larger) training texts.
    /// </summary>
    private static double ScoringRate(ITransformer model, IDataView data, int rows) =>
        PassRate(() => model.Transform(data), "Score", default(VBuffer<float>), rows);

    /// <summary>Rows per second of whole passes over <paramref name="column"/> of the view <paramref name="makeView"/> builds (built inside the clock), median of three.</summary>
    private static double PassRate<T>(Func<IDataView> makeView, string column, T value, int rows)
    {
        var rates = new List<double>();
        for (int pass = 0; pass < 3; pass++)
        {
            var clock = Stopwatch.StartNew();
            IDataView view = makeView();
            using DataViewRowCursor cursor = view.GetRowCursor([view.Schema[column]]);
            ValueGetter<T> getter = cursor.GetGetter<T>(view.Schema[column]);
            while (cursor.MoveNext()) getter(ref value);
            rates.Add(rows / clock.Elapsed.TotalSeconds);
        }

        return Median(rates);
    }

    /// <summary>
    /// Median latency of PredictionEngine.Predict, per libtorch intra-op thread count, on a text of 200 tokens as
    /// the model sees them (markers and punctuation included; fewer if the tokenizer truncates sooner), built from
    /// training words. Counting words instead would give longer sequences
    /// on text with e-mail headers, where one word splits into several tokens.
    /// </summary>
    private static Dictionary<int, double> SingleLatency(MLContext ml, ITransformer model, List<Dataset.Row> rows, int[] threadCounts)
    {
        RecurrentTokenizerTransformer tokenizer = ((IEnumerable<ITransformer>)model).OfType<RecurrentTokenizerTransformer>().Single();
        int target = Math.Min(200, tokenizer.MaximumLength);
        var words = new List<string>();
        foreach (string word in rows.SelectMany(r => r.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            words.Add(word);
            int count = tokenizer.Encode(string.Join(' ', words)).Length;
            if (count > target) words.RemoveAt(words.Count - 1);
            if (count >= target) break;
        }

        var input = new Dataset.Row { Text = string.Join(' ', words), Label = rows[0].Label };
        LatencyTokens = tokenizer.Encode(input.Text).Length;
        using var engine = ml.Model.CreatePredictionEngine<Dataset.Row, Prediction>(model);
        for (int i = 0; i < 20; i++) engine.Predict(input);
        var times = threadCounts.Distinct().ToDictionary(t => t, _ => new List<double>());
        for (int block = 0; block < 6; block++)
        {
            // Alternating blocks of 50 at each thread count, so a slow spell on the machine hits both alike.
            foreach ((int threads, List<double> list) in times)
            {
                torch.set_num_threads(threads);
                for (int i = 0; i < 50; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    engine.Predict(input);
                    list.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }
        }

        torch.set_num_threads(threadCounts[0]);
        return times.ToDictionary(p => p.Key, p => Median(p.Value));
    }

    /// <summary>Sets one option by name ("Dropout=0.4"), on the classifier or tokenizer options, for tuning runs.</summary>
    private static void Override(string assignment, RecurrentTextClassifierOptions options, RecurrentTokenizerOptions tokenizer)
    {
        string[] parts = assignment.Split('=', 2);
        object target = typeof(RecurrentTextClassifierOptions).GetProperty(parts[0]) is not null ? options : tokenizer;
        System.Reflection.PropertyInfo property = target.GetType().GetProperty(parts[0])
            ?? throw new ArgumentException($"--set: no option named '{parts[0]}'.");
        Type type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        object? value = parts[1] == "null" ? null : type.IsEnum ? Enum.Parse(type, parts[1], ignoreCase: true) : Convert.ChangeType(parts[1], type, System.Globalization.CultureInfo.InvariantCulture);
        property.SetValue(target, value);
    }

    /// <summary>The 1-, 5- and 15-minute load averages (/proc/loadavg) when the run ends: the machine is shared.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    internal static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed class Prediction
    {
        public float[] Score { get; set; } = [];
    }

    private sealed class EpochRss(List<double> rss) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.CompletedEpoch is not { } epoch) return;
            rss.Add(ProcessMemory.RssMiB());
            Console.Error.WriteLine(FormattableString.Invariant(
                $"epoch {value.Epoch}/{value.NumberOfEpochs}: loss {epoch.TrainingLoss:F4}, accuracy {epoch.TrainingAccuracy:F4}, validation {epoch.ValidationAccuracy?.ToString("F4") ?? "-"}, {epoch.Seconds:F1} s, {epoch.TokensPerSecond:F0} tokens/s"));
        }
    }
}
