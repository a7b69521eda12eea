using System.CommandLine;
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.Runtime;
using Ml.Recurrent.Samples.Data;

namespace Ml.Recurrent.Samples.Commands;

/// <summary>
/// The README's main job: train a recurrent classifier, evaluate it, save it to a zip, load it back in a
/// fresh MLContext and check that its predictions are identical. Runs on a corpus the project generates
/// (no network, about a minute) or on a folder with train.tsv/test.tsv.
/// </summary>
internal static class QuickstartCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var cell =
            new Option<RecurrentCell>("--cell") { Description = "Recurrent cell.",
                DefaultValueFactory = _ => RecurrentCell.Lstm };
        var unidirectional = new Option<bool>("--unidirectional") { Description = "Read texts in one direction only." };
        var epochs =
            new Option<int>("--epochs") { Description = "Training epochs.",
                DefaultValueFactory = _ => RecurrentTextClassifierOptions.DefaultNumberOfEpochs };
        var output =
            new Option<FileInfo>("--output") { Description = "Where to save the model zip.",
                DefaultValueFactory = _ => new FileInfo(Path.Combine("out", "quickstart-model.zip")) };
        var command =
            new Command("quickstart",
                "Train, evaluate, save and reload a recurrent text classifier (the README's main job).")
        {
            cell, unidirectional, epochs, output,
        };
        data.AddTo(command);
        command.SetAction(result => CommandGuard.Run(() =>
            Run(data.Read(result), result.GetValue(cell), !result.GetValue(unidirectional), result.GetValue(epochs),
                result.GetValue(output)!)));
        return command;
    }

    private static int Run(DatasetRequest request, RecurrentCell cell, bool bidirectional, int epochs, FileInfo output)
    {
        Console.WriteLine($"Runtime: {TorchRuntime.Describe()}");
        Dataset dataset = DatasetLoader.Load(request);
        (List<LabelledText> train, List<LabelledText> test) = (dataset.Train, dataset.Test);
        Console.WriteLine($"Data: {dataset.Summary}.");

        var ml = new MLContext(seed: 1);
        ml.Log += (_, e) =>
        {
            if (e.Kind == Microsoft.ML.Runtime.ChannelMessageKind.Info
                && e.Source.Contains("Recurrent", StringComparison.Ordinal))
                Console.WriteLine($"  {e.RawMessage}");
        };
        IDataView trainView = ml.Data.LoadFromEnumerable(train), testView = ml.Data.LoadFromEnumerable(test);
        var options =
            new RecurrentTextClassifierOptions { Cell = cell, Bidirectional = bidirectional, NumberOfEpochs = epochs,
                Seed = 1 };
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", new RecurrentTokenizerOptions()))
            .Append(ml.MulticlassClassification.Trainers.RecurrentTextClassifier(options))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

        Console.WriteLine($"Training a {(bidirectional ? "bidirectional " : string.Empty)}{cell} classifier for " +
            $"{epochs} epochs...");
        var clock = Stopwatch.StartNew();
        ITransformer model = pipeline.Fit(trainView);
        Console.WriteLine($"Trained in {clock.Elapsed.TotalSeconds:F1} s.");

        MulticlassClassificationMetrics metrics = ml.MulticlassClassification.Evaluate(model.Transform(testView));
        Console.WriteLine($"Test: accuracy {metrics.MicroAccuracy:F4}, macro accuracy {metrics.MacroAccuracy:F4}, " +
            $"log-loss {metrics.LogLoss:F4}");

        output.Directory?.Create();
        ml.Model.Save(model, trainView.Schema, output.FullName);
        Console.WriteLine($"Saved the model to {output.FullName} ({output.Length / 1024.0:F0} KiB).");

        var fresh = new MLContext(seed: 2);
        ITransformer loaded = fresh.Model.Load(output.FullName, out _);
        string[] before = Predictions(ml, model, testView), after =
            Predictions(fresh, loaded, fresh.Data.LoadFromEnumerable(test));
        int same = before.Zip(after).Count(p => p.First == p.Second);
        Console.WriteLine($"Reloaded in a fresh MLContext: {same} of {before.Length} test predictions identical " +
            $"(scores compared bit for bit).");

        using var engine = fresh.Model.CreatePredictionEngine<LabelledText, Prediction>(loaded);
        foreach (LabelledText row in test.Take(4))
        {
            Prediction p = engine.Predict(row);
            Console.WriteLine($"  \"{Shorten(row.Text)}\" -> {p.PredictedLabel} (p = {p.Score.Max():F3}; true: " +
                $"{row.Label})");
        }

        return same == before.Length ? 0 : 1;
    }

    private static string[] Predictions(MLContext ml, ITransformer model, IDataView data) =>
        model.Transform(data).GetColumn<float[]>("Score")
            .Select(s => string.Join(",", s.Select(v => BitConverter.SingleToInt32Bits(v)))).ToArray();

    private static string Shorten(string text) => text.Length <= 70 ? text : text[..67] + "...";

    private sealed class Prediction
    {
        public float[] Score { get; set; } = [];

        public string PredictedLabel { get; set; } = string.Empty;
    }
}
