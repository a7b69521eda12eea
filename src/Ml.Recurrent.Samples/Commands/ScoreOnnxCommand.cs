using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ml.Recurrent.Samples.Onnx;

namespace Ml.Recurrent.Samples.Commands;

/// <summary>
/// <c>score-onnx</c>: scores a <c>Label&lt;TAB&gt;Text</c> file with an exported ONNX model through ONNX Runtime
/// alone, prints accuracy and throughput, and checks from <c>/proc/self/maps</c> that libtorch never loaded.
/// With <c>--engine mlnet</c> it scores through ML.NET's <c>ApplyOnnxModel</c> instead.
/// </summary>
internal static class ScoreOnnxCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "The exported ONNX file " +
            "(export-onnx).", Required = true };
        var data = new Option<FileInfo>("--data") { Description = "A Label<TAB>Text file with a header " +
            "line.", Required = true };
        var batch = new Option<int>("--batch-size") { Description = "Texts per ONNX Runtime " +
            "call.", DefaultValueFactory = _ => 256 };
        var engine = new Option<string>("--engine") { Description = "ort (ONNX Runtime directly) or mlnet (ML.NET's " +
            "ApplyOnnxModel).", DefaultValueFactory = _ => "ort" };
        var command = new Command("score-onnx",
            "Score texts with an exported ONNX model, without libtorch.") { model, data, batch, engine };
        command.SetAction(result => CommandGuard.Run(() => Run(result.GetValue(model)!, result.GetValue(data)!,
            result.GetValue(batch), result.GetValue(engine)!)));
        return command;
    }

    private static int Run(FileInfo model, FileInfo data, int batchSize, string engine)
    {
        if (!model.Exists) throw new FileNotFoundException($"Model file '{model.FullName}' does not exist; export " +
            $"one first (export-onnx).", model.FullName);
        if (batchSize < 1) throw new ArgumentException($"--batch-size must be at least 1; got {batchSize}.");
        (string[] labels, string[] texts) = LabelledTexts.Read(data);
        var clock = Stopwatch.StartNew();
        string[] predicted = engine switch
        {
            "ort" => ScoreWithOnnxRuntime(model.FullName, texts, batchSize),
            "mlnet" => ApplyOnnxModelScorer.Score(model.FullName, data.FullName),
            _ => throw new ArgumentException($"--engine must be ort or mlnet; got '{engine}'."),
        };
        double seconds = clock.Elapsed.TotalSeconds;
        int correct = predicted.Zip(labels).Count(p => string.Equals(p.First, p.Second, StringComparison.Ordinal));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{engine}: {texts.Length} texts in {seconds:F2} s ({texts.Length / seconds:F0} texts/s), accuracy " +
                $"{(double)correct / texts.Length:F4}"));
        for (int i = 0; i < Math.Min(3,
            texts.Length); i++) Console.WriteLine($"  {predicted[i],-10} {Shorten(texts[i])}");

        string[] torch = File.ReadLines("/proc/self/maps").Where(l => l.Contains("libtorch",
            StringComparison.Ordinal)).ToArray();
        Console.WriteLine(torch.Length == 0 ? "libtorch loaded: no (checked /proc/self/maps)"
            : $"libtorch loaded: YES ({torch.Length} mappings)");
        string peak = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM",
            StringComparison.Ordinal)) ?? "VmHWM: unknown";
        Console.WriteLine($"peak resident memory {peak["VmHWM:".Length..].Trim()}");
        return torch.Length == 0 ? 0 : 1;
    }

    private static string[] ScoreWithOnnxRuntime(string model, string[] texts, int batchSize)
    {
        using var scorer = new OnnxScorer(model);
        return texts.Chunk(batchSize).SelectMany(chunk => scorer.Score(chunk).Labels).ToArray();
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
