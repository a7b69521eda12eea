using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.Tests;

namespace Ml.Recurrent.Reliability.Bench;

/// <summary>
/// Peak resident memory (VmHWM) of one fit and one scoring pass over 63 short texts plus one long text of the given
/// size, with the default architecture (bidirectional LSTM, embedding and hidden 100), batch size 64, one epoch: what
/// a tokenizer <c>MaximumLength</c> costs, with and without the token budget (issue 13, case 6).
/// </summary>
internal static class LongTextMemoryBench
{
    public static void Run(int textBytes, int maximumLength, int budget)
    {
        var ml = new MLContext(seed: 1);
        string[] words = ["goal", "code", "pasta", "the", "match", "server", "sauce"];
        var text = new System.Text.StringBuilder(textBytes + 16);
        for (int i = 0; text.Length < textBytes; i++) text.Append(words[i % words.Length]).Append(' ');
        List<TestCorpus.Row> rows = [.. TestCorpus.Multiclass(63, seed: 1), new() { Text = text.ToString(), Label = "sports" }];
        IDataView data = TestCorpus.Load(ml, rows);
        RecurrentTextClassifierOptions options = BenchModels.Defaults(epochs: 1);
        options.MaximumTokensPerBatch = budget > 0 ? budget : null;
        IEstimator<ITransformer> pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text",
                new RecurrentTokenizerOptions { MinimumCount = 1, MaximumLength = maximumLength }))
            .Append(ml.MulticlassClassification.Trainers.RecurrentTextClassifier(options));
        string budgetText = budget > 0 ? budget.ToString(CultureInfo.InvariantCulture) : "none";
        Console.WriteLine($"\n== long text: {textBytes} bytes, MaximumLength {maximumLength}, MaximumTokensPerBatch " +
            $"{budgetText}; default architecture, batch 64, 1 epoch, 64 rows");
        ResetPeak();
        double start = Rss.MiB();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ITransformer model = pipeline.Fit(data);
        Console.WriteLine($"fit:   RSS before {start:F0} MiB, peak {PeakMiB():F0} MiB, {clock.Elapsed.TotalSeconds:F1} s");
        Rss.Collect();
        ResetPeak();
        start = Rss.MiB();
        clock.Restart();
        int scored = model.Transform(data).GetColumn<float[]>("Score").Count();
        Console.WriteLine($"score: RSS before {start:F0} MiB, peak {PeakMiB():F0} MiB, {clock.Elapsed.TotalSeconds:F1} s " +
            $"({scored} rows)");
        (model as IDisposable)?.Dispose();
    }

    // Writing 5 to clear_refs resets the peak resident size (Linux 4.0+).
    private static void ResetPeak() => File.WriteAllText("/proc/self/clear_refs", "5");

    private static double PeakMiB()
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return double.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
    }
}
