using System.Diagnostics;
using Microsoft.ML;
using Ml.Recurrent.Runtime;
using Ml.Recurrent.Tests;

namespace Ml.Recurrent.Reliability.Bench;

/// <summary>
/// What a server sees (docs/serving.md): <c>PredictionEngine.Predict</c> latency of a 64-token text on the main
/// thread, a new thread and a thread-pool thread; the ML.NET idiom of an engine per request; and resident memory
/// over load-and-drop cycles of a saved model that is never disposed.
/// </summary>
internal static class ServingBench
{
    private const int Tokens = 64;

    public static void Run(int predictions, int cycles)
    {
        var ml = new MLContext(seed: 1);
        IDataView train = TestCorpus.Load(ml, TestCorpus.Multiclass(3000, seed: 1));
        Console.WriteLine($"\n== serving: default architecture (BiLSTM 100/100) trained 1 epoch on 3000 rows; {Tokens}-token text");
        ITransformer model = BenchModels.Pipeline(ml, BenchModels.Defaults(epochs: 1)).Fit(train);
        var row = new TestCorpus.Row { Text = LongText(Tokens) };

        string path = Path.Combine(Path.GetTempPath(), $"serving-bench-{Environment.ProcessId}.zip");
        ml.Model.Save(model, train.Schema, path);
        Console.WriteLine($"  model file {new FileInfo(path).Length / 1048576.0:F2} MiB");
        try
        {
            Latency(ml, model, row, predictions);
            EnginePerRequest(ml, model, row, predictions);
            LoadAndDrop(path, row, cycles);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A text of <paramref name="words"/> words from the corpus.</summary>
    public static string LongText(int words) =>
        string.Join(' ', TestCorpus.Multiclass(200, seed: 9).SelectMany(r => r.Text.TrimEnd('.', '!').Split(' ')).Take(words));

    private static void Latency(MLContext ml, ITransformer model, TestCorpus.Row row, int predictions)
    {
        using var engine = ml.Model.CreatePredictionEngine<TestCorpus.Row, BenchModels.Prediction>(model, new PredictionEngineOptions { OwnsTransformer = false });
        // Wall-clock median, and the whole process's CPU time per prediction: the second is what spinning OpenMP
        // teams waste, and it hardly depends on how busy the (shared) machine is.
        string Measure()
        {
            for (int i = 0; i < 20; i++) engine.Predict(row);
            var times = new double[predictions];
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (int i = 0; i < predictions; i++)
            {
                long start = Stopwatch.GetTimestamp();
                engine.Predict(row);
                times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / predictions;
            Array.Sort(times);
            return $"{times[times.Length / 2]:F2} ms (CPU {cpuMs:F2} ms)";
        }

        string main = Measure();
        string fresh = string.Empty;
        var thread = new Thread(() => fresh = Measure());
        thread.Start();
        thread.Join();
        string pool = Task.Run(Measure).GetAwaiter().GetResult();
        string mainAgain = Measure();
        Console.WriteLine($"  PredictionEngine.Predict median of {predictions}: main thread {main}, new thread {fresh}, " +
                          $"thread-pool thread {pool}, main thread again {mainAgain}");
    }

    private static void EnginePerRequest(MLContext ml, ITransformer model, TestCorpus.Row row, int requests)
    {
        try
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < requests; i++)
            {
                using var engine = ml.Model.CreatePredictionEngine<TestCorpus.Row, BenchModels.Prediction>(model);
                engine.Predict(row);
            }

            Console.WriteLine($"  engine per request (default options, disposed each time): {requests} requests, " +
                              $"{Stopwatch.GetElapsedTime(start).TotalMilliseconds / requests:F2} ms each");
        }
        catch (ObjectDisposedException ex)
        {
            Console.WriteLine($"  engine per request: FAILED with ObjectDisposedException: {ex.Message.Split('.')[0]}");
        }
    }

    private static void LoadAndDrop(string path, TestCorpus.Row row, int cycles)
    {
        WeakReference first = Cycle(path, row);
        double start = Collected();
        Console.WriteLine($"  first dropped transformer collected: {!first.IsAlive}");
        Console.WriteLine($"  load-and-drop without Dispose: RSS after 1 cycle {start:F1} MiB, {TorchSharp.torch.Tensor.TotalCount} live tensors");
        for (int i = 1; i <= cycles; i++)
        {
            Cycle(path, row);
            if (i % (cycles / 5 == 0 ? 1 : cycles / 5) == 0)
            {
                double rss = Collected();
                Console.WriteLine($"    after {i,4} more cycles: RSS {rss:F1} MiB ({(rss - start) / start:+0.0%;-0.0%}), " +
                                  $"{TorchSharp.torch.Tensor.TotalCount} live tensors");
            }
        }
    }

    private static WeakReference Cycle(string path, TestCorpus.Row row)
    {
        var ml = new MLContext(seed: 1);
        ITransformer loaded = ml.Model.Load(path, out _);
        var engine = ml.Model.CreatePredictionEngine<TestCorpus.Row, BenchModels.Prediction>(loaded, new PredictionEngineOptions { OwnsTransformer = false });
        engine.Predict(row);
        return new WeakReference(((IEnumerable<ITransformer>)loaded).OfType<RecurrentTextClassifierTransformer>().Single());
    }

    private static double Collected()
    {
        for (int i = 0; i < 3; i++) Rss.Collect();
        NativeMemoryProbe.Trim();
        return Rss.MiB();
    }
}
