using System.Diagnostics;
using System.Text.Json;
using Microsoft.ML;
using Ml.Recurrent.Modeling;
using Ml.Recurrent.Sequences;
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
        RecurrentTokenizerTransformer tokenizer = ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", TokenStoreBuilder.PeerOptions(maxLength))
            .Fit(ml.Data.LoadFromEnumerable(rows));
        string[] labels = TokenStoreBuilder.Labels(rows);
        TokenSequenceStore store = TokenStoreBuilder.Build(tokenizer, rows, labels);
        var batches = new List<(Tensor X, Tensor Lengths, Tensor Y)>();
        List<int[]> rowBatches = new LengthBucketBatcher(64).MakeBatches(store, new Random(1));
        foreach (int[] batch in rowBatches)
        {
            (Tensor x, Tensor lengths) = BatchCollator.Collate(store, batch);
            Tensor y = tensor(batch.Select(r => (long)store.Label(r)).ToArray());
            x.DetachFromDisposeScope();
            lengths.DetachFromDisposeScope();
            y.DetachFromDisposeScope();
            batches.Add((x, lengths, y));
        }

        var shape = new RecurrentArchitecture
        {
            KeyCount = tokenizer.VocabularySize, EmbeddingSize = 100, Cell = RecurrentCell.Lstm, RnnActivation = RnnActivation.Tanh,
            HiddenSize = 100, NumberOfLayers = 1, Bidirectional = bidirectional, Pooling = SequencePooling.Last, HeadHiddenSize = 10,
            HeadActivation = HeadActivation.None, EmbeddingDropout = 0.2f, Dropout = 0.2f, OutputSize = labels.Length,
        };
        using var ours = new RecurrentClassifierModule(shape);
        using var raw = new RawPeerModel(tokenizer.VocabularySize + 2, labels.Length, RecurrentCell.Lstm, bidirectional, 100, 100, 0.2);
        using var oursOptimizer = optim.Adam(ours.parameters(), lr: 1e-3);
        using var rawOptimizer = optim.Adam(raw.parameters(), lr: 1e-3);
        using var loss = nn.CrossEntropyLoss();
        ours.train();
        raw.train();

        using var task = new Ml.Recurrent.Tasks.MulticlassTask(labels);
        using var loopOptimizer = optim.Adam(ours.parameters(), lr: 1e-3);
        var seconds = new Dictionary<string, List<double>> { ["ours"] = [], ["raw"] = [], ["loop"] = [] };
        for (int round = 0; round <= rounds; round++)
        {
            // Round 0 warms all up and is not counted; the order rotates so none always runs first.
            string[] order = ["ours", "raw", "loop"];
            for (int i = 0; i < order.Length; i++)
            {
                string variant = order[(i + round) % order.Length];
                double elapsed = variant == "loop"
                    ? LoopEpoch(ours, loopOptimizer, task, store, rowBatches)
                    : Epoch(variant == "ours", ours, raw, oursOptimizer, rawOptimizer, loss, batches);
                if (round > 0) seconds[variant].Add(elapsed);
            }
        }

        double[] ratios = seconds["ours"].Zip(seconds["raw"], (o, r) => o / r).ToArray();
        double[] loopRatios = seconds["loop"].Zip(seconds["ours"], (l, o) => l / o).ToArray();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            command = "step", dataset = data.Name, bidirectional, batches = batches.Count, rounds,
            ours_epoch_seconds = seconds["ours"].Select(s => Math.Round(s, 3)).ToArray(),
            raw_epoch_seconds = seconds["raw"].Select(s => Math.Round(s, 3)).ToArray(),
            loop_epoch_seconds = seconds["loop"].Select(s => Math.Round(s, 3)).ToArray(),
            median_overhead_percent = Math.Round((OursRun.Median(ratios) - 1) * 100, 1),
            min_overhead_percent = Math.Round((ratios.Min() - 1) * 100, 1),
            max_overhead_percent = Math.Round((ratios.Max() - 1) * 100, 1),
            loop_over_ours_median_percent = Math.Round((OursRun.Median(loopRatios) - 1) * 100, 1),
        }));
        foreach ((Tensor x, Tensor l, Tensor y) in batches)
        {
            x.Dispose();
            l.Dispose();
            y.Dispose();
        }

        return 0;
    }

    /// <summary>
    /// One epoch of our module with the trainer's per-batch work around it: collation from the token store, labels
    /// as an int array, the task's loss and accuracy count, the loss read back. Compared with <see cref="Epoch"/>
    /// on pre-tensorised batches, it shows what the loop adds to the model step.
    /// </summary>
    private static double LoopEpoch(RecurrentClassifierModule ours, optim.Optimizer optimizer, Ml.Recurrent.Tasks.ClassificationTask task,
        TokenSequenceStore store, List<int[]> rowBatches)
    {
        var clock = Stopwatch.StartNew();
        double lossSum = 0;
        long correct = 0;
        foreach (int[] rows in rowBatches)
        {
            using var scope = NewDisposeScope();
            (Tensor x, Tensor lengths) = BatchCollator.Collate(store, rows);
            int[] labels = rows.Select(store.Label).ToArray();
            optimizer.zero_grad();
            Tensor logits = ours.call(x, lengths);
            Tensor l = task.Loss(logits, labels);
            l.backward();
            optimizer.step();
            lossSum += l.item<float>() * rows.Length;
            correct += task.CountCorrect(logits.detach(), labels);
        }

        GC.KeepAlive(lossSum + correct);
        return clock.Elapsed.TotalSeconds;
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
