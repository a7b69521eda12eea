using System.CommandLine;
using Ml.Recurrent.Samples.Commands;

var root =
    new RootCommand("Ml.Recurrent samples: recurrent text classifiers in ML.NET, and the fastai IMDB tutorial's " +
        "exercises as commands.")
{
    QuickstartCommand.Create(),
    TrainCommand.Create(),
    EvaluateCommand.Create(),
    PredictCommand.Create(),
    ExplainCommand.Create(),
    ExplainBenchCommand.Create(),
    ExplainDeletionCommand.Create(),
    ExperimentCommand.Create(),
    EmbeddingsCommand.Create(),
    DownloadImdbCommand.Create(),
    ExportOnnxCommand.Create(),
    ScoreOnnxCommand.Create(),
    CompareOnnxCommand.Create(),
};

// With no command, run the quickstart (the README's main job).
string[] effective = args.Length == 0 ? ["quickstart"] : args;
return await root.Parse(effective).InvokeAsync().ConfigureAwait(false);
