using System.CommandLine;
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.Runtime;
using Ml.Recurrent.Samples.Data;
using Ml.Recurrent.Samples.Training;

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
        CompareWithBagOfWords(dataset, metrics.MicroAccuracy);

        output.Directory?.Create();
        ml.Model.Save(model, trainView.Schema, output.FullName);
        Console.WriteLine($"Saved the model to {output.FullName} ({output.Length / 1024.0:F0} KiB).");

        var fresh = new MLContext(seed: 2);
        ITransformer loaded = fresh.Model.Load(output.FullName, out _);
        float[][] before = Scores(model, testView), after = Scores(loaded, fresh.Data.LoadFromEnumerable(test));
        ReloadComparison reload = ReloadComparison.Of(before, after);
        Console.WriteLine($"Reloaded in a fresh MLContext: {reload.Identical} of {before.Length} test predictions " +
            $"bit-identical, largest score difference {reload.LargestDifference:G3} (promised: within " +
            $"{ReloadComparison.Tolerance:G1} of the score's size, docs/reliability.md).");

        using var engine = fresh.Model.CreatePredictionEngine<LabelledText, Prediction>(loaded);
        foreach (LabelledText row in test.Take(4))
        {
            Prediction p = engine.Predict(row);
            Console.WriteLine($"  \"{Shorten(row.Text)}\" -> {p.PredictedLabel} (p = {p.Score.Max():F3}; true: " +
                $"{row.Label})");
        }

        return reload.WithinTolerance ? 0 : 1;
    }

    private static float[][] Scores(ITransformer model, IDataView data) =>
        model.Transform(data).GetColumn<float[]>("Score").ToArray();

    private static void CompareWithBagOfWords(Dataset dataset, double recurrentAccuracy)
    {
        (double accuracy, TimeSpan time) = BagOfWordsBaseline.TrainAndEvaluate(dataset.Train, dataset.Test);
        Console.WriteLine($"ML.NET's bag of words on the same data (FeaturizeText + SdcaMaximumEntropy, defaults): " +
            $"accuracy {accuracy:F4}, trained in {time.TotalSeconds:F1} s.");
        double lead = recurrentAccuracy - accuracy;
        string verdict = lead >= 0 ? $"{lead:F4} ahead of" : $"{-lead:F4} behind";
        Console.WriteLine($"The recurrent model is {verdict} the bag of words" + (dataset.IsGenerated
            ? ": in these reviews both classes use the same words and only their order decides (the clause " +
              "after \"but\", the adjective a \"not\" reaches), which a bag of words cannot see and a recurrent " +
              "network reads."
            : "."));
    }

    private static string Shorten(string text) => text.Length <= 70 ? text : text[..67] + "...";

    private sealed class Prediction
    {
        public float[] Score { get; set; } = [];

        public string PredictedLabel { get; set; } = string.Empty;
    }
}
