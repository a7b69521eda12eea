using System.CommandLine;
using Ml.Recurrent.Runtime;
using Ml.Recurrent.Samples.Data;
using Ml.Recurrent.Samples.Experiments;
using Ml.Recurrent.Samples.Progress;
using Ml.Recurrent.Samples.Training;

namespace Ml.Recurrent.Samples.Commands;

/// <summary><c>experiment &lt;name&gt;</c>: one of the tutorial's comparisons; prints a table and writes CSV,
/// Markdown and PNG charts.</summary>
internal static class ExperimentCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var model = new ModelOptions();
        var name = new Argument<string>("name")
        {
            Description = $"Which comparison: " +
                $"{string.Join(", ", ExperimentCatalog.All.Select(e => $"{e.Name} ({e.Title.ToLowerInvariant()})"))}."
        };
        name.AcceptOnlyFromAmong([.. ExperimentCatalog.All.Select(e => e.Name)]);
        var validation =
            new Option<ValidationSource>("--validation") { Description = "Validation curves from: Auto (dev split, " +
                "else 10% of train), Dev, Fraction, None.", DefaultValueFactory = _ => ValidationSource.Auto };
        var output =
            new Option<DirectoryInfo?>("--output-dir") { Description = "Folder for results.csv, epochs.csv, " +
                "README.md and the charts. Default: out/experiments/<name>." };
        var command =
            new Command("experiment",
                "Compare variants of the model on the same data (the tutorial's exercises 1, 2, 4 and " +
                "5).") { name, validation, output };
        data.AddTo(command);
        model.AddTo(command);
        command.SetAction(result => CommandGuard.Run(() =>
        {
            ExperimentDefinition definition = ExperimentCatalog.Find(result.GetValue(name)!);
            var settings = new ExperimentSettings
            {
                Classifier = () => ExperimentSettings.RecurrentOnly(model.Classifier(result)),
                Tokenizer = () => model.Tokenizer(result),
                Epochs = model.Epochs(result),
                Validation = result.GetValue(validation),
            };
            string folder = result.GetValue(output)?.FullName
                ?? Path.GetFullPath(Path.Combine("out", "experiments", definition.Name));
            return Run(definition, DatasetLoader.Load(data.Read(result)), settings, folder);
        }));
        return command;
    }

    /// <summary>Runs the experiment and writes its files; returns the paths written.</summary>
    public static IReadOnlyList<string> RunAndWrite(ExperimentDefinition definition, Dataset dataset,
        ExperimentSettings settings, string folder, ITrainingRuns runs, out ExperimentResult result)
    {
        result = ExperimentRunner.Run(definition, dataset, settings, runs);
        Directory.CreateDirectory(folder);
        IReadOnlyList<string> charts = ExperimentCharts.Write(result, folder);
        string summary = Path.Combine(folder, "results.csv"), epochs = Path.Combine(folder, "epochs.csv"),
            report = Path.Combine(folder, "README.md");
        File.WriteAllText(summary, ExperimentReport.SummaryCsv(result));
        File.WriteAllText(epochs, ExperimentReport.EpochsCsv(result));
        File.WriteAllText(report, ExperimentReport.Markdown(result, charts));
        return [summary, epochs, report, .. charts];
    }

    private static int Run(ExperimentDefinition definition, Dataset dataset, ExperimentSettings settings, string folder)
    {
        Console.WriteLine($"{definition.Title}: {definition.Question}");
        Console.WriteLine($"Runtime: {TorchRuntime.Describe()}");
        Console.WriteLine($"Data: {dataset.Summary}.");
        string validation = TrainingJob.Describe(
            settings.Validation, dataset, settings.ValidationFraction, settings.Classifier().ValidationMetric);
        Console.WriteLine($"Validation: {validation}.");
        ExperimentResult result = null!;
        IReadOnlyList<string> files =
            LiveTrainingRuns.Run(runs => RunAndWrite(definition, dataset, settings, folder, runs, out result));
        ConsoleTable.Write(ExperimentReport.Headers, ExperimentReport.Rows(result),
            $"{definition.Title}, {result.EpochsPerVariant} epochs per variant");
        Console.WriteLine("Wrote:");
        foreach (string file in files) Console.WriteLine($"  {file}");
        return 0;
    }
}
