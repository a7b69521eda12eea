using System.CommandLine;
using Ml.Recurrent.Runtime;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.Samples.Charts;
using Ml.Recurrent.Samples.Data;
using Ml.Recurrent.Samples.ModelBuilder;
using Ml.Recurrent.Samples.Progress;
using Ml.Recurrent.Samples.Training;

namespace Ml.Recurrent.Samples.Commands;

/// <summary><c>train</c>: train a classifier with a live progress display, evaluate it on the test split, save the zip,
/// its history and curves.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var model = new ModelOptions();
        var validation =
            new Option<ValidationSource>("--validation") { Description = "Validation curves from: Auto (dev split, " +
                "else 10% of train), Dev, Fraction, None.", DefaultValueFactory = _ => ValidationSource.Auto };
        var output =
            new Option<FileInfo>("--output") { Description = "Where to save the model zip (history CSV and curves " +
                "PNG go beside it).", DefaultValueFactory = _ => new FileInfo(Path.Combine("out", "model.zip")) };
        var command =
            new Command("train",
                "Train a recurrent text classifier, evaluate it on the test split and save it.") { validation, output };
        data.AddTo(command);
        model.AddTo(command);
        command.SetAction(result => CommandGuard.Run(() =>
            Run(DatasetLoader.Load(data.Read(result)), model.Classifier(result), model.Tokenizer(result),
                result.GetValue(validation), result.GetValue(output)!)));
        return command;
    }

    private static int Run(Dataset dataset, RecurrentTextClassifierOptions classifier,
        RecurrentTokenizerOptions tokenizer, ValidationSource validation, FileInfo output)
    {
        Console.WriteLine($"Runtime: {TorchRuntime.Describe()}");
        Console.WriteLine($"Data: {dataset.Summary}.");
        Console.WriteLine($"Validation: " +
            $"{TrainingJob.Describe(validation, dataset, metric: classifier.ValidationMetric)}.");
        string name = $"{(classifier.Bidirectional ? "bidirectional " : string.Empty)}{classifier.Cell}";
        var ml = new MLContext(seed: 1);
        (ITransformer model, double seconds) = LiveTrainingRuns.Run(runs =>
        {
            classifier.Progress = runs.Begin(name);
            var fitted = TrainingJob.Fit(ml, dataset, classifier, tokenizer, validation);
            runs.End(name, string.Create(CultureInfo.InvariantCulture, $"trained in {fitted.Seconds:F1} s"));
            return fitted;
        });

        RecurrentTextClassifierModelParameters parameters = SentimentModel.GetClassifier(model).Model;
        TrainingHistory history = parameters.History!;
        ConsoleTable.Write(["Epoch", "Train loss", "Train acc.", "Val. loss", "Val. acc.", "Learning rate", "Seconds"],
            history.Epochs.Select(e => new[]
            {
                I(e.Epoch), F(e.TrainingLoss), F(e.TrainingAccuracy), e.ValidationLoss is { } vl ? F(vl)
                    : "–", e.ValidationAccuracy is { } va ? F(va) : "–",
                e.LearningRate.ToString("G3", CultureInfo.InvariantCulture), e.Seconds.ToString("F1",
                    CultureInfo.InvariantCulture),
            }),
            string.Create(CultureInfo.InvariantCulture,
                $"Training history (kept epoch {history.KeptEpoch}; {parameters.ParameterCount:N0} parameters, " +
                $"{parameters.VocabularySize:N0} vocabulary keys, {seconds:F1} s)"));

        MulticlassClassificationMetrics metrics =
            SentimentModel.Evaluate(ml, model, ml.Data.LoadFromEnumerable(dataset.Test));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Test: accuracy {metrics.MicroAccuracy:F4}, macro accuracy {metrics.MacroAccuracy:F4}, log-loss " +
            $"{metrics.LogLoss:F4} ({dataset.Test.Count} texts)"));

        SentimentModel.SaveModel(ml, model, ml.Data.LoadFromEnumerable(dataset.Train), output.FullName);
        output.Refresh();
        string stem = Path.Combine(output.DirectoryName!, Path.GetFileNameWithoutExtension(output.Name));
        File.WriteAllText(stem + "-history.csv", HistoryCsv(history));
        CurveChart.Write(stem + "-curves.png", $"Training {name}: accuracy per epoch", "Epoch", "Accuracy",
        [
            new LineSeries("training accuracy", [.. history.Epochs.Select(e => (double)e.Epoch)],
                [.. history.Epochs.Select(e => e.TrainingAccuracy)], 0),
            .. history.Epochs.All(e => e.ValidationAccuracy is not null)
                ? new[] { new LineSeries("validation accuracy", [.. history.Epochs.Select(e => (double)e.Epoch)],
                    [.. history.Epochs.Select(e => e.ValidationAccuracy!.Value)], 1, Dashed: true) }
                : [],
        ]);
        Console.WriteLine($"Saved the model to {output.FullName} ({output.Length / 1024.0:F0} KiB), its history to " +
            $"{stem}-history.csv and curves to {stem}-curves.png.");
        Console.WriteLine($"Next: evaluate --model {output.FullName} --data <folder>; predict --model " +
            $"{output.FullName} \"some text\"; embeddings --model {output.FullName}");
        return 0;
    }

    private static string HistoryCsv(TrainingHistory history) =>
        "epoch,training_loss,training_accuracy,validation_loss,validation_accuracy,learning_rate,seconds\n" +
            string.Concat(history.Epochs.Select(e =>
            string.Create(CultureInfo.InvariantCulture,
                $"{e.Epoch},{e.TrainingLoss:R},{e.TrainingAccuracy:R},{e.ValidationLoss:R},{e.ValidationAccuracy:R}," +
                $"{e.LearningRate:R},{e.Seconds:R}\n")));

    private static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
