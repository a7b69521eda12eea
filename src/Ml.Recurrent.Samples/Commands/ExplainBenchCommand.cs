using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;

namespace Ml.Recurrent.Samples.Commands;

/// <summary>
/// <c>explain-bench</c>: milliseconds per explanation of a 20-token and a 200-token text with both methods, measured
/// in one process (first call of each case is a warm-up), with the machine's core count and load for the record.
/// </summary>
internal static class ExplainBenchCommand
{
    public static Command Create()
    {
        var explain = new ExplainOptions();
        var repeats = new Option<int>("--repeats") { Description = "Timed explanations per case.",
            DefaultValueFactory = _ => 10 };
        var lengths = new Option<int[]>("--lengths")
        {
            Description = "Text lengths in tokens.", DefaultValueFactory = _ => [20, 200],
                AllowMultipleArgumentsPerToken = true,
        };
        var threads = new Option<int?>("--threads") { Description = "libtorch intra-op threads (default: " +
            "libtorch's own)." };
        var command = new Command("explain-bench",
            "Time explanations of texts of given token counts with both methods.")
        {
            repeats, lengths, threads,
        };
        explain.AddTo(command);
        command.SetAction(result => CommandGuard.Run(() =>
        {
            if (result.GetValue(threads) is { } n)
            {
                if (n < 1) throw new ArgumentOutOfRangeException(nameof(threads), n,
                    $"--threads must be at least 1; got {n}.");
                TorchSharp.torch.set_num_threads(n);
            }

            return Run(explain.Model(result), explain.Options(result), result.GetValue(repeats),
                result.GetValue(lengths)!);
        }));
        return command;
    }

    private static int Run(FileInfo modelFile, TokenExplanationOptions options, int repeats, int[] lengths)
    {
        if (repeats < 1) throw new ArgumentOutOfRangeException(nameof(repeats), repeats,
            $"--repeats must be at least 1; got {repeats}.");
        var ml = new MLContext(seed: 1);
        ITransformer model = ml.Model.Load(modelFile.FullName, out _);
        Console.WriteLine($"Model {modelFile.FullName}; {Environment.ProcessorCount} cores; " +
            $"{TorchSharp.torch.get_num_threads()} libtorch threads; load average before: {LoadAverage()}");
        Console.WriteLine("| Tokens | Method | Steps | ms per explanation (mean) | min ms |");
        Console.WriteLine("|---:|---|---:|---:|---:|");
        foreach (int length in lengths)
        {
            foreach (AttributionMethod method in Enum.GetValues<AttributionMethod>())
            {
                options.Method = method;
                RecurrentExplainer explainer = ml.Model.CreateRecurrentExplainer(model, options);
                string text = TextOf(explainer, length);
                int tokens = explainer.Explain(text).Tokens.Count;
                var times = new List<double>();
                for (int i = 0; i < repeats; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    explainer.Explain(text);
                    times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }

                int steps = method == AttributionMethod.Occlusion ? 0 : options.Steps;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {tokens} | {method} | " +
                        $"{(steps == 0 ? "-" : steps.ToString(CultureInfo.InvariantCulture))} | " +
                            $"{times.Average():F1} | {times.Min():F1} |"));
            }
        }

        Console.WriteLine($"Load average after: {LoadAverage()}");
        return 0;
    }

    /// <summary>A text of exactly <paramref name="length"/> tokens: vocabulary words (lower case, no markers) in a
    /// seeded order.</summary>
    internal static string TextOf(RecurrentExplainer explainer, int length)
    {
        IReadOnlyList<string> vocabulary = explainer.Tokenizer.Vocabulary;
        if (vocabulary.Count < 4) throw new ArgumentException("The model's tokenizer has no learned vocabulary " +
            "to build benchmark texts from.");
        if (length > explainer.Tokenizer.MaximumLength)
            throw new ArgumentOutOfRangeException(nameof(length), length,
                $"--lengths {length} exceeds the tokenizer's maximum length {explainer.Tokenizer.MaximumLength}.");
        var words = vocabulary.Skip(3).Where(w => w.All(char.IsLetter)).Take(500).ToArray();
        var random = new Random(length);
        return string.Join(' ', Enumerable.Range(0, length).Select(_ => words[random.Next(words.Length)]));
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
            : "unknown";
}
