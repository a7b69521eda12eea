using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.Samples.Data;
using Ml.Recurrent.Samples.ModelBuilder;

namespace Ml.Recurrent.Samples.Commands;

/// <summary><c>evaluate</c>: load a saved model and measure it on a dataset's test split: accuracy, log-loss, per-class
/// figures, confusion matrix.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var model =
            new Option<FileInfo>("--model") { Description = "The model zip to evaluate.",
                DefaultValueFactory = _ => new FileInfo(Path.Combine("out", "model.zip")) };
        var command = new Command("evaluate", "Evaluate a saved model on the test split of a dataset.") { model };
        data.AddTo(command);
        command.SetAction(result =>
            CommandGuard.Run(() => Run(result.GetValue(model)!, DatasetLoader.Load(data.Read(result)))));
        return command;
    }

    private static int Run(FileInfo modelFile, Dataset dataset)
    {
        Console.WriteLine($"Data: {dataset.Summary}.");
        var ml = new MLContext(seed: 1);
        MulticlassClassificationMetrics metrics =
            SentimentModel.Evaluate(ml, modelFile.FullName, ml.Data.LoadFromEnumerable(dataset.Test));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Model {modelFile.FullName} on {dataset.Test.Count} test texts: accuracy {metrics.MicroAccuracy:F4}, " +
            $"macro accuracy {metrics.MacroAccuracy:F4}, log-loss {metrics.LogLoss:F4}, log-loss reduction " +
            $"{metrics.LogLossReduction:F4}"));

        ConfusionMatrix confusion = metrics.ConfusionMatrix;
        IReadOnlyList<string> classes = ClassNames(ml, modelFile.FullName, confusion.NumberOfClasses);
        ConsoleTable.Write(["Class", "Test texts", "Precision", "Recall", "Log-loss"],
            Enumerable.Range(0, confusion.NumberOfClasses).Select(c => new[]
            {
                classes[c],
                confusion.Counts[c].Sum().ToString(CultureInfo.InvariantCulture),
                confusion.PerClassPrecision[c].ToString("F4", CultureInfo.InvariantCulture),
                confusion.PerClassRecall[c].ToString("F4", CultureInfo.InvariantCulture),
                metrics.PerClassLogLoss[c].ToString("F4", CultureInfo.InvariantCulture),
            }),
            "Per class");
        ConsoleTable.Write(["True \\ predicted", .. classes],
            Enumerable.Range(0, confusion.NumberOfClasses)
                .Select(r =>
                new[] { classes[r] }.Concat(confusion.Counts[r].Select(n => n.ToString(CultureInfo.InvariantCulture)))
                    .ToArray()),
            "Confusion matrix (rows: true class, columns: predicted class)");
        return 0;
    }

    private static IReadOnlyList<string> ClassNames(MLContext ml, string modelPath, int count)
    {
        ITransformer model = ml.Model.Load(modelPath, out _);
        IReadOnlyList<string> names = SentimentModel.GetClassifier(model).Model.ClassNames;
        return names.Count == count ? names
            : [.. Enumerable.Range(0, count).Select(i => i.ToString(CultureInfo.InvariantCulture))];
    }
}
