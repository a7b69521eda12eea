using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.Modeling;
using Ml.Recurrent.Runtime;
using Ml.Recurrent.Scoring;
using Ml.Recurrent.Sequences;
using TorchSharp;
using static TorchSharp.torch;

namespace Ml.Recurrent.Benchmarks;

/// <summary>
/// Where the time of one prediction goes (docs/benchmarks.md, "Single-prediction profile"): the default
/// architecture (BiLSTM 100/100) trained one epoch on 2,000 rows; every part is timed on a thread-pool thread, as a
/// web server calls it, as the median of <c>--repeats</c> calls after a warm-up, for texts of 1, 64 and 200 words.
/// Parts: the whole <c>PredictionEngine.Predict</c>; the tokenizer alone through a <c>PredictionEngine</c>;
/// <c>BatchScorer.Score</c> of a prebuilt token store; the collation; the module's forward pass on prebuilt tensors;
/// each stage of that pass; a bare libtorch op (dispatch cost).
/// </summary>
internal static class LatencyCommand
{
    public sealed class Input
    {
        public string Label { get; set; } = string.Empty;

        public string Text { get; set; } = string.Empty;
    }

    public sealed class Output
    {
        public float[] Score { get; set; } = [];

        public string PredictedLabel { get; set; } = string.Empty;
    }

    public sealed class Tokenized
    {
        public uint[] Tokens { get; set; } = [];
    }

    public static int Run(BenchArgs args)
    {
        string data = Path.Combine(args.Text("data-root", "../shared/data"), args.Text("data", "mr"), "train.tsv");
        int repeats = args.Int("repeats", 300);
        var ml = new MLContext(seed: 1);
        List<Dataset.Row> all = Dataset.Read(data);
        int step = Math.Max(1, all.Count / 2000);
        List<Dataset.Row> train = all.Where((_, i) => i % step == 0).Take(2000).ToList();
        IDataView view = ml.Data.LoadFromEnumerable(train);
        ITransformer model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", new RecurrentTokenizerOptions()))
            .Append(ml.MulticlassClassification.Trainers.RecurrentTextClassifier(
                new RecurrentTextClassifierOptions { NumberOfEpochs = 1, Seed = 1 }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"))
            .Fit(view);
        var chain = (IEnumerable<ITransformer>)model;
        RecurrentTextClassifierTransformer classifier = chain.OfType<RecurrentTextClassifierTransformer>().Single();
        RecurrentTokenizerTransformer tokenizer = chain.OfType<RecurrentTokenizerTransformer>().Single();
        ITransformer upToTokens = new TransformerChain<ITransformer>(
            chain.TakeWhile(t => t is not RecurrentTextClassifierTransformer).ToArray());
        string[] words = all.SelectMany(r => r.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();

        Console.WriteLine($"latency profile: {Environment.ProcessorCount} processors, load {Load()}, " +
                          $"median of {repeats} calls on a thread-pool thread (ms)");
        foreach (int count in args.Text("words", "1,64,200").Split(',').Select(int.Parse))
        {
            var row = new Input { Text = string.Join(' ', words.Take(count)) };
            int[] ids = Array.ConvertAll(tokenizer.Encode(row.Text), k => (int)k);
            Task.Run(() => Profile(ml, model, upToTokens, classifier.Scorer, row, ids, repeats)).GetAwaiter().GetResult();
        }

        Console.WriteLine($"load at the end: {Load()}");
        return 0;
    }

    private static void Profile(MLContext ml, ITransformer model, ITransformer upToTokens, BatchScorer scorer,
        Input row, int[] ids, int repeats)
    {
        using var engine = ml.Model.CreatePredictionEngine<Input, Output>(
            model, new PredictionEngineOptions { OwnsTransformer = false });
        using var tokenEngine = ml.Model.CreatePredictionEngine<Input, Tokenized>(
            upToTokens, new PredictionEngineOptions { OwnsTransformer = false });
        var builder = new TokenSequenceStore.Builder();
        builder.Add(ids, 0);
        TokenSequenceStore store = builder.Build();
        int[] rows = [0];
        ConcurrentDirection.Forced = false;
        float[] alone = scorer.Score(store);
        ConcurrentDirection.Forced = true;
        float[] split = scorer.Score(store);
        ConcurrentDirection.Forced = null;
        bool same = alone.Select(BitConverter.SingleToInt32Bits).SequenceEqual(split.Select(BitConverter.SingleToInt32Bits));
        var parts = new List<(string Name, double Ms)>();
        parts.AddRange(Alternating("PredictionEngine.Predict", repeats, () => engine.Predict(row)));
        parts.AddRange(Alternating("BatchScorer.Score(store)", repeats, () => scorer.Score(store)));
        parts.AddRange(new List<(string Name, double Ms)>
        {
            ("PredictionEngine.Predict", Median(repeats, () => engine.Predict(row))),
            ("  tokenizer PredictionEngine", Median(repeats, () => tokenEngine.Predict(row))),
            ("  BatchScorer.Score(store)", Median(repeats, () => scorer.Score(store))),
        });
        scorer.Use(module =>
        {
            using IntraOpThreads.Scope threads = IntraOpThreads.ForRows(1);
            using var grad = no_grad();
            parts.Add(("    collate", Median(repeats, () =>
            {
                using var scope = NewDisposeScope();
                BatchCollator.Collate(store, rows);
            })));
            using var scope = NewDisposeScope();
            (Tensor tokens, Tensor lengths) = BatchCollator.Collate(store, rows);
            parts.Add(("    module forward + read", Median(repeats, () =>
            {
                using var inner = NewDisposeScope();
                module.call(tokens, lengths).contiguous().data<float>().ToArray();
            })));
            using (torch.inference_mode())
            {
                parts.Add(("    same under inference_mode", Median(repeats, () =>
                {
                    using var inner = NewDisposeScope();
                    module.call(tokens, lengths).contiguous().data<float>().ToArray();
                })));
            }

            Stages(module, tokens, repeats, parts);
            return true;
        });
        Console.WriteLine($"-- {ids.Length} tokens ({row.Text.Split(' ').Length} words), load {Load()}; " +
                          $"split and unsplit logits bit for bit equal: {same}");
        foreach ((string name, double ms) in parts) Console.WriteLine($"  {name,-44} {ms,8:F3}");
    }

    private static void Stages(RecurrentClassifierModule module, Tensor tokens, int repeats,
        List<(string Name, double Ms)> parts)
    {
        var modules = module.named_modules().ToDictionary(m => m.name, m => m.module);
        var embedding = (nn.Module<Tensor, Tensor>)modules["embedding"];
        var forward = (SequenceRecurrence)modules["encoder.layers.0.forward_direction"];
        var backward = (SequenceRecurrence)modules["encoder.layers.0.backward_direction"];
        var head = (nn.Module<Tensor, Tensor>)modules["head"];
        Tensor embedded = embedding.call(tokens);
        Tensor outputs = forward.call(embedded);
        Tensor both = cat([outputs, outputs], 2);
        Tensor pooled = cat([both.select(1, -1), both.amax(1), both.mean([1])], 1);
        parts.Add(("      embedding", Time(() => embedding.call(tokens))));
        parts.Add(("      LSTM forward direction", Time(() => forward.call(embedded))));
        parts.Add(("      flip + LSTM backward direction", Time(() => backward.call(embedded.flip(1)))));
        parts.Add(("      last/cat/flip/cat outputs", Time(() =>
            (cat([both.select(1, -1), both.select(1, -1)], 1), cat([outputs, outputs.flip(1)], 2)))));
        parts.Add(("      pooling (max, mean, cat)", Time(() => cat([pooled.narrow(1, 0, 200), both.amax(1), both.mean([1])], 1))));
        parts.Add(("      head (2 Linear + ReLU)", Time(() => head.call(pooled))));
        parts.Add(("      read logits (contiguous + ToArray)", Time(() => pooled.contiguous().data<float>().ToArray())));
        using Tensor a = ones(1), b = ones(1);
        parts.Add(("      one tiny libtorch op (add of 1 element)", Median(repeats * 10, () =>
        {
            using Tensor c = a.add(b);
        })));
        double Time(Func<object> stage) => Median(repeats, () =>
        {
            using var inner = NewDisposeScope();
            stage();
        });
    }

    /// <summary>Medians of the calls made with <see cref="ConcurrentDirection.Forced"/> = true (split), false and
    /// null (adaptive, the default), measured in blocks of 25 that rotate through the three (so all see the same
    /// machine load); each with the process's CPU time per call.</summary>
    private static IEnumerable<(string Name, double Ms)> Alternating(string what, int repeats, Action call)
    {
        bool?[] modes = [true, false, null];
        var times = modes.Select(_ => new List<double>()).ToArray();
        var cpu = new TimeSpan[modes.Length];
        for (int block = 0; times[^1].Count < repeats; block++)
        {
            int mode = block % modes.Length;
            ConcurrentDirection.Forced = modes[mode];
            TimeSpan before = Process.GetCurrentProcess().TotalProcessorTime;
            for (int i = 0; i < 25; i++)
            {
                long start = Stopwatch.GetTimestamp();
                call();
                times[mode].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            cpu[mode] += Process.GetCurrentProcess().TotalProcessorTime - before;
        }

        ConcurrentDirection.Forced = null;
        string[] names = ["directions split", "not split", "adaptive (default)"];
        for (int m = 0; m < modes.Length; m++)
        {
            times[m].Sort();
            yield return ($"{what}, {names[m]} (CPU {cpu[m].TotalMilliseconds / times[m].Count:F2})",
                times[m][times[m].Count / 2]);
        }
    }

    private static double Median(int repeats, Action call)
    {
        for (int i = 0; i < Math.Max(20, repeats / 10); i++) call();
        var times = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            long start = Stopwatch.GetTimestamp();
            call();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return times[repeats / 2];
    }

    private static string Load() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
