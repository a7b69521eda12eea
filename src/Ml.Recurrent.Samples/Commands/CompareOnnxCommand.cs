using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.Samples.Onnx;

namespace Ml.Recurrent.Samples.Commands;

/// <summary>
/// <c>compare-onnx</c>: exports a model zip and, in one process, checks that ONNX Runtime's scores equal
/// <c>Transform</c>'s on every text of a file (maximum absolute difference), then times both runtimes: batched
/// throughput and single-text latency (p50/p99) for a sentence and a 400-token text.
/// </summary>
internal static class CompareOnnxCommand
{
    private const float Tolerance = 1e-5f;

    private sealed class Row
    {
        [LoadColumn(0)]
        public string Label { get; set; } = string.Empty;

        [LoadColumn(1)]
        public string Text { get; set; } = string.Empty;
    }

    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "The model zip.", Required = true };
        var data = new Option<FileInfo>("--data") { Description = "A Label<TAB>Text file with a header " +
            "line.", Required = true };
        var repeats = new Option<int>("--repeats") { Description = "Single-text calls timed per runtime and " +
            "text.", DefaultValueFactory = _ => 200 };
        var command = new Command("compare-onnx",
            "Check ONNX Runtime's scores against Transform on every text, and time both " +
            "runtimes.") { model, data, repeats };
        command.SetAction(result => CommandGuard.Run(() => Run(result.GetValue(model)!, result.GetValue(data)!,
            result.GetValue(repeats))));
        return command;
    }

    private static int Run(FileInfo modelFile, FileInfo data, int repeats)
    {
        if (!modelFile.Exists) throw new FileNotFoundException($"Model file '{modelFile.FullName}' does not exist.",
            modelFile.FullName);
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        // Both runtimes on one intra-op thread: a fair comparison on a shared machine (ORT's session uses one too).
        TorchSharp.torch.set_num_threads(1);
        var ml = new MLContext(seed: 1);
        IDataView rows = ml.Data.LoadFromTextFile<Row>(data.FullName, '\t', hasHeader: true, allowQuoting: false);
        ITransformer model = ml.Model.Load(modelFile.FullName, out _);
        string onnxPath = Path.Combine(Path.GetTempPath(), $"compare-{Guid.NewGuid():N}.onnx");
        using (FileStream stream = File.Create(onnxPath)) ml.Model.ConvertToOnnx(model, rows, stream);
        try
        {
            using var onnx = new OnnxScorer(onnxPath);
            string[] texts = rows.GetColumn<string>("Text").ToArray();
            float[][] expected = Scores(model.Transform(rows));
            float[][] actual = texts.Chunk(256).SelectMany(c => onnx.Score(c).Scores).ToArray();
            float worst = expected.Zip(actual).Max(p => p.First.Zip(p.Second).Max(v => Math.Abs(v.First - v.Second)));
            Console.WriteLine(Invariant($"{texts.Length} texts: max |ORT − Transform| = {worst:E2} (tolerance " +
                $"{Tolerance:E0}) {(worst <= Tolerance ? "OK" : "FAILED")}"));

            Time("libtorch Transform", texts.Length, () => _ = Scores(model.Transform(rows)));
            Time("ONNX Runtime", texts.Length, () => _ = texts.Chunk(256).SelectMany(c => onnx.Score(c).Scores)
                .Count());
            var engine = ml.Model.CreatePredictionEngine<Row, SingleOutput>(model,
                new PredictionEngineOptions { OwnsTransformer = false });
            string sentence = texts.OrderBy(t => Math.Abs(t.Split(' ').Length - 20)).First();
            string long400 = string.Join(' ', string.Join(' ', texts).Split(' ',
                StringSplitOptions.RemoveEmptyEntries).Take(400));
            foreach ((string name, string text) in new[] { ("sentence", sentence), ("400 words", long400) })
            {
                Latency($"libtorch PredictionEngine, {name}", repeats, () => engine.Predict(new Row { Text = text }));
                Latency($"ONNX Runtime, {name}", repeats, () => onnx.Score([text]));
            }

            return worst <= Tolerance ? 0 : 1;
        }
        finally
        {
            File.Delete(onnxPath);
        }
    }

    private sealed class SingleOutput
    {
        public float[] Score { get; set; } = [];
    }

    private static float[][] Scores(IDataView scored)
    {
        DataViewSchema.Column score = scored.Schema["Score"];
        return score.Type is VectorDataViewType
            ? scored.GetColumn<float[]>(score).ToArray()
            : scored.GetColumn<float>(score).Zip(scored.GetColumn<float>("Probability"), (s, p) => new[] { s,
                p }).ToArray();
    }

    private static void Time(string what, int count, Action run)
    {
        run();
        var clock = Stopwatch.StartNew();
        run();
        Console.WriteLine(Invariant($"{what}: {count / clock.Elapsed.TotalSeconds:F0} texts/s (batched, {count} " +
            $"texts)"));
    }

    private static void Latency(string what, int repeats, Action run)
    {
        for (int i = 0; i < 10; i++) run();
        var times = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            long start = Stopwatch.GetTimestamp();
            run();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        Console.WriteLine(Invariant($"{what}: p50 {times[repeats / 2]:F2} ms, p99 {times[(int)(repeats * 0.99)]:F2} " +
            $"ms"));
    }

    private static string Invariant(string s) => s; // CurrentCulture is set to the invariant culture in Run
}
