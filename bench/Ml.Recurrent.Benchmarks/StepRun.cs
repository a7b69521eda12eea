using System.Diagnostics;
using System.Text.Json;
using Microsoft.ML;
using Ml.Recurrent.Modeling;
using Ml.Recurrent.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Ml.Recurrent.Benchmarks;

/// <summary>
/// Isolates the model step (forward, loss, backward, Adam) from the rest of the training loop. On the same
/// length-bucketed batches, tensorised before the clock starts, it times one epoch of the raw peer model
/// (one fused bidirectional kernel, padding ignored) and one epoch of our <see cref="RecurrentClassifierModule"/>
/// in the peer-mirroring shape (exact padding: two single-direction kernels, per-row reversal and last-state
/// gathers), alternating, for --rounds rounds. Our full trainer's epoch time minus our module's time is the
/// loop's own cost (collation, labels, accuracy, progress). Prints one JSON line.
/// </summary>
internal static class StepRun
{
    public static int Run(BenchArgs args)
    {
        Dataset data = Dataset.Find(args.Text("data-root", "../shared/data"), args.Text("data", "sst2_sentence"));
        int rounds = args.Int("rounds", 6), maxLength = args.Int("maxlen", 64), threads = args.Int("threads", 2);
        bool bidirectional = args.Flag("bidirectional");
        torch.set_num_threads(threads);
        torch.manual_seed(1);

        var ml = new MLContext(seed: 1);
        List<Dataset.Row> rows = Dataset.Read(data.TrainPath);
        RecurrentTokenizerTransformer tokenizer = ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", new RecurrentTokenizerOptions
        {
            MaximumVocabularySize = 20_000 - 2, MinimumCount = 1, MaximumLength = maxLength, CapitalizationMarkers = false,
        }).Fit(ml.Data.LoadFromEnumerable(rows));
        string[] labels = rows.Select(r => r.Label).Distinct().Order(StringComparer.Ordinal).ToArray();
        var builder = new TokenSequenceStore.Builder();
        foreach (Dataset.Row row in rows)
        {
            int[] ids = tokenizer.Encode(row.Text).Select(k => (int)k).ToArray();
            builder.Add(ids.Length == 0 ? [tokenizer.VocabularySize + 1] : ids, Array.IndexOf(labels, row.Label));
        }

        TokenSequenceStore store = builder.Build();
        var batches = new List<(Tensor X, Tensor Lengths, Tensor Y)>();
        foreach (int[] batch in new LengthBucketBatcher(64).MakeBatches(store, new Random(1)))
        {
            (Tensor x, Tensor lengths) = BatchCollator.Collate(store, batch);
            Tensor y = tensor(batch.Select(r => (long)store.Label(r)).ToArray());
            x.DetachFromDisposeScope();
            lengths.DetachFromDisposeScope();
            y.DetachFromDisposeScope();
            batches.Add((x, lengths, y));
        }

        var shape = new RecurrentModelShape(tokenizer.VocabularySize, 100, RecurrentCell.Lstm, RnnActivation.Tanh, 100, 1, bidirectional,
            SequencePooling.Last, 10, HeadActivation.None, 0.2f, 0.2f, labels.Length);
        using var ours = new RecurrentClassifierModule(shape);
        using var raw = new RawPeerModel(tokenizer.VocabularySize + 2, labels.Length, RecurrentCell.Lstm, bidirectional, 100, 100, 0.2);
        using var oursOptimizer = optim.Adam(ours.parameters(), lr: 1e-3);
        using var rawOptimizer = optim.Adam(raw.parameters(), lr: 1e-3);
        using var loss = nn.CrossEntropyLoss();
        ours.train();
        raw.train();

        var oursSeconds = new List<double>();
        var rawSeconds = new List<double>();
        for (int round = 0; round <= rounds; round++)
        {
            // Round 0 warms both up and is not counted; the order alternates so neither always runs second.
            bool oursFirst = round % 2 == 0;
            double a = Epoch(oursFirst, ours, raw, oursOptimizer, rawOptimizer, loss, batches);
            double b = Epoch(!oursFirst, ours, raw, oursOptimizer, rawOptimizer, loss, batches);
            if (round == 0) continue;
            oursSeconds.Add(oursFirst ? a : b);
            rawSeconds.Add(oursFirst ? b : a);
        }

        double[] ratios = oursSeconds.Zip(rawSeconds, (o, r) => o / r).ToArray();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            command = "step", dataset = data.Name, bidirectional, batches = batches.Count, rounds,
            ours_epoch_seconds = oursSeconds.Select(s => Math.Round(s, 3)).ToArray(),
            raw_epoch_seconds = rawSeconds.Select(s => Math.Round(s, 3)).ToArray(),
            median_overhead_percent = Math.Round((OursRun.Median(ratios) - 1) * 100, 1),
            min_overhead_percent = Math.Round((ratios.Min() - 1) * 100, 1),
            max_overhead_percent = Math.Round((ratios.Max() - 1) * 100, 1),
        }));
        foreach ((Tensor x, Tensor l, Tensor y) in batches)
        {
            x.Dispose();
            l.Dispose();
            y.Dispose();
        }

        return 0;
    }

    private static double Epoch(bool runOurs, RecurrentClassifierModule ours, RawPeerModel raw, optim.Optimizer oursOptimizer,
        optim.Optimizer rawOptimizer, nn.Module<Tensor, Tensor, Tensor> loss, List<(Tensor X, Tensor Lengths, Tensor Y)> batches)
    {
        optim.Optimizer optimizer = runOurs ? oursOptimizer : rawOptimizer;
        var clock = Stopwatch.StartNew();
        foreach ((Tensor x, Tensor lengths, Tensor y) in batches)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            Tensor logits = runOurs ? ours.call(x, lengths) : raw.call(x);
            Tensor l = loss.call(logits, y);
            l.backward();
            optimizer.step();
            l.item<float>();
        }

        return clock.Elapsed.TotalSeconds;
    }
}
