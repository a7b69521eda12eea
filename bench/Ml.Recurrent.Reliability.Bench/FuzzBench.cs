using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.Tests;
using Ml.Recurrent.Tests.Reliability;

namespace Ml.Recurrent.Reliability.Bench;

/// <summary>The CI fuzz test's model and mutations, many more of them.</summary>
internal static class FuzzBench
{
    public static void Run(int mutations, int seed)
    {
        var ml = new MLContext(seed: 1);
        IDataView train = TestCorpus.Load(ml, TestCorpus.Multiclass(90, 1));
        ITransformer model = BenchModels.Pipeline(ml, BenchModels.Tiny()).Fit(train);
        using var saved = new MemoryStream();
        ml.Model.Save(model, train.Schema, saved);
        IDataView probe = TestCorpus.Load(ml, BenchModels.ProbeRows());
        string[] Predict(ITransformer m)
        {
            IDataView scored = m.Transform(probe);
            float[][] scores = scored.GetColumn<float[]>("Score").ToArray();
            string[] labels = scored.GetColumn<string>("PredictedLabel").ToArray();
            return scores.Select((s, i) => string.Join(" ", s.Select(v => BitConverter.SingleToInt32Bits(v))) + " → " + labels[i]).ToArray();
        }

        Console.WriteLine($"\n== fuzz: {mutations} mutations from seed {seed} of a {saved.Length}-byte model zip");
        double rssBefore = Rss.MiB();
        var clock = Stopwatch.StartNew();
        var examples = new SortedDictionary<string, string>(StringComparer.Ordinal);
        (SortedDictionary<string, int> outcomes, List<string> different) = new ModelFuzzer(saved.ToArray()).Run(ml, Predict, Predict(model), mutations, seed,
            (i, description, outcome) => examples.TryAdd(outcome, $"#{i} {description}"));
        clock.Stop();
        foreach ((string outcome, int count) in outcomes) Console.WriteLine($"{count,8}  {outcome,-45} first: {examples[outcome]}");
        foreach (string d in different) Console.WriteLine($"  DIFFERENT: {d}");
        Rss.Collect();
        Console.WriteLine($"  {mutations / clock.Elapsed.TotalSeconds:F0} mutations/s, {clock.Elapsed.TotalSeconds:F0} s; RSS {rssBefore:F1} → {Rss.MiB():F1} MiB after collecting garbage " +
                          $"(GC heap: {GC.GetTotalMemory(true) / 1048576.0:F1} MiB live, {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0:F1} MiB committed; live tensor count {TorchSharp.torch.Tensor.TotalCount})");
        Console.WriteLine(different.Count == 0 ? "  no damaged model loaded with different predictions" : $"  {different.Count} DAMAGED MODELS LOADED WITH DIFFERENT PREDICTIONS");
    }
}
