using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.Tests;

namespace Ml.Recurrent.Reliability.Bench;

/// <summary>Resident memory over many single predictions and many Transform passes: it must stay flat.</summary>
internal static class ScoringMemoryBench
{
    public static void Run(int predictions, int passes, int rows)
    {
        var ml = new MLContext(seed: 1);
        var train = TestCorpus.Load(ml, TestCorpus.Multiclass(3000, seed: 1));
        Console.WriteLine($"\n== scoring memory: default architecture trained 1 epoch on 3000 rows; {predictions} single predictions, then {passes} Transform passes over {rows} rows");
        ITransformer model = BenchModels.Pipeline(ml, BenchModels.Defaults(epochs: 1)).Fit(train);
        List<TestCorpus.Row> texts = TestCorpus.Multiclass(1000, seed: 2);
        using var engine = ml.Model.CreatePredictionEngine<TestCorpus.Row, BenchModels.Prediction>(model, new PredictionEngineOptions { OwnsTransformer = false });
        int every = Math.Max(1, predictions / 10);
        for (int i = 0; i < every; i++) engine.Predict(texts[i % texts.Count]); // warm-up: the first block's allocations are not growth

        var samples = new List<double>();
        Console.WriteLine("predictions   RSS MiB   GC committed MiB   live tensors   seconds");
        var clock = Stopwatch.StartNew();
        Sample(0);
        for (int i = 1; i <= predictions; i++)
        {
            engine.Predict(texts[i % texts.Count]);
            if (i % every == 0) Sample(i);
        }

        if (predictions > 0)
        {
            Report("single predictions", samples);
            Console.WriteLine($"  {clock.Elapsed.TotalMilliseconds / predictions:F3} ms per prediction");
        }

        IDataView data = TestCorpus.Load(ml, TestCorpus.Multiclass(rows, seed: 3));
        samples.Clear();
        Console.WriteLine("       pass   RSS MiB   GC committed MiB   live tensors   seconds");
        clock.Restart();
        for (int pass = 0; pass <= passes; pass++)
        {
            IDataView scored = model.Transform(data);
            using DataViewRowCursor cursor = scored.GetRowCursor([scored.Schema["Score"], scored.Schema["PredictedLabel"]]);
            ValueGetter<VBuffer<float>> score = cursor.GetGetter<VBuffer<float>>(scored.Schema["Score"]);
            ValueGetter<ReadOnlyMemory<char>> label = cursor.GetGetter<ReadOnlyMemory<char>>(scored.Schema["PredictedLabel"]);
            VBuffer<float> s = default;
            ReadOnlyMemory<char> l = default;
            while (cursor.MoveNext())
            {
                score(ref s);
                label(ref l);
            }

            Sample(pass);
        }

        Report("Transform passes", samples);
        Console.WriteLine($"  {clock.Elapsed.TotalSeconds / (passes + 1):F2} s per pass of {rows} rows (pass 0 is a warm-up)");
        ((IDisposable)model).Dispose();

        void Sample(int at)
        {
            double rss = Rss.MiB();
            samples.Add(rss);
            double committed = GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0;
            Console.WriteLine($"{at,11}   {rss,7:F1}   {committed,16:F1}   {TorchSharp.torch.Tensor.TotalCount,12}   {clock.Elapsed.TotalSeconds,7:F1}");
        }
    }

    private static void Report(string what, List<double> samples)
    {
        // The first sample is taken after a warm-up (a block of predictions, or pass 0); growth is last minus first,
        // spread is max minus min.
        Console.WriteLine($"  {what}: RSS first {samples[0]:F1} MiB, last {samples[^1]:F1} MiB, growth {samples[^1] - samples[0]:+0.0;-0.0} MiB, spread {samples.Max() - samples.Min():F1} MiB");
    }
}
