using System.Diagnostics;
using System.Text.Json;
using Microsoft.ML;
using Ml.Recurrent.Sequences;
using Ml.Recurrent.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Ml.Recurrent.Benchmarks;

/// <summary>
/// Raw TorchSharp training of the peer's model on pre-tensorised batches (tokenised by our tokenizer, all
/// tensors built before the clock starts). --batching bucketed uses our length-bucketed batches (the work our
/// trainer does); --batching padded pads every text to --maxlen in random batches (the peer's plain loop).
/// Prints one JSON line.
/// </summary>
internal static class RawRun
{
    public static int Run(BenchArgs args)
    {
        Dataset data = Dataset.Find(args.Text("data-root", "../shared/data"), args.Text("data", "sst2_sentence"));
        int epochs = args.Int("epochs", 5), maxLength = args.Int("maxlen", 400), threads = args.Int("threads", 2);
        RecurrentCell cell = Enum.Parse<RecurrentCell>(args.Text("cell", "lstm"), ignoreCase: true);
        bool bidirectional = args.Flag("bidirectional");
        string batching = args.Text("batching", "bucketed");
        torch.set_num_threads(threads);
        torch.manual_seed(1);

        var ml = new MLContext(seed: 1);
        List<Dataset.Row> rows = Dataset.Read(data.TrainPath);
        RecurrentTokenizerTransformer tokenizer = ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", TokenStoreBuilder.PeerOptions(maxLength))
            .Fit(ml.Data.LoadFromEnumerable(rows));
        string[] labels = TokenStoreBuilder.Labels(rows);
        TokenSequenceStore store = TokenStoreBuilder.Build(tokenizer, rows, labels);
        var random = new Random(1);
        var batcher = new LengthBucketBatcher(64);
        var epochBatches = new List<List<(Tensor X, Tensor Y)>>();
        for (int e = 0; e < epochs; e++)
        {
            List<int[]> order = batching == "padded" ? RandomBatches(store.Count, 64, random) : batcher.MakeBatches(store, random);
            epochBatches.Add(order.Select(b => Tensorise(store, b, batching == "padded" ? maxLength : null)).ToList());
        }

        using var model = new RawPeerModel(tokenizer.VocabularySize + 2, labels.Length, cell, bidirectional, 100, 100, 0.2);
        using var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        using var loss = nn.CrossEntropyLoss();
        var seconds = new List<double>();
        model.train();
        foreach (List<(Tensor X, Tensor Y)> batches in epochBatches)
        {
            var clock = Stopwatch.StartNew();
            foreach ((Tensor x, Tensor y) in batches)
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                Tensor l = loss.call(model.call(x), y);
                l.backward();
                optimizer.step();
                l.item<float>();
            }

            seconds.Add(clock.Elapsed.TotalSeconds);
        }

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            framework = "torchsharp-raw", batching, dataset = data.Name, cell = cell.ToString(), bidirectional, train_rows = store.Count,
            epoch_seconds = seconds.Select(s => Math.Round(s, 2)).ToArray(),
            train_sequences_per_s = Math.Round(store.Count * seconds.Count / seconds.Sum(), 1),
            peak_rss_mib = Math.Round(ProcessMemory.PeakRssMiB(), 1),
        }));
        return 0;
    }

    private static List<int[]> RandomBatches(int count, int size, Random random)
    {
        int[] order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order);
        return order.Chunk(size).ToList();
    }

    private static (Tensor X, Tensor Y) Tensorise(TokenSequenceStore store, int[] rows, int? padTo)
    {
        int width = padTo ?? rows.Max(store.Length);
        var x = new long[rows.Length * width];
        for (int i = 0; i < rows.Length; i++)
        {
            ReadOnlySpan<int> tokens = store.Tokens(rows[i]);
            for (int t = 0; t < Math.Min(width, tokens.Length); t++) x[i * width + t] = tokens[t];
        }

        Tensor xs = tensor(x, [rows.Length, width]), ys = tensor(rows.Select(r => (long)store.Label(r)).ToArray());
        xs.DetachFromDisposeScope();
        ys.DetachFromDisposeScope();
        return (xs, ys);
    }
}
