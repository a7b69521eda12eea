using System.CommandLine;
using System.Globalization;
using Ml.Recurrent.Samples.ModelBuilder;

namespace Ml.Recurrent.Samples.Commands;

/// <summary><c>predict</c>: classify texts with a saved model through the Model-Builder-style
/// <see cref="SentimentModel.Predict"/>.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model =
            new Option<FileInfo>("--model") { Description = "The model zip.",
                DefaultValueFactory = _ => new FileInfo(Path.Combine("out", "model.zip")) };
        var file = new Option<FileInfo?>("--file") { Description = "A file with one text per line to classify." };
        var texts =
            new Argument<string[]>("texts") { Description = "Texts to classify (or lines on standard input when none " +
                "are given and input is redirected).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("predict", "Classify texts with a saved model.") { model, file, texts };
        command.SetAction(result =>
            CommandGuard.Run(() => Run(result.GetValue(model)!, result.GetValue(file), result.GetValue(texts) ?? [])));
        return command;
    }

    private static int Run(FileInfo model, FileInfo? file, string[] texts)
    {
        if (!model.Exists) throw new FileNotFoundException($"Model file '{model.FullName}' does not exist; train one " +
            $"first (train --output {model.FullName}).", model.FullName);
        List<string> inputs = [.. texts];
        if (file is not null)
        {
            if (!file.Exists) throw new FileNotFoundException($"Input file '{file.FullName}' does not exist.",
                file.FullName);
            inputs.AddRange(File.ReadAllLines(file.FullName).Where(l => l.Length > 0));
        }

        if (inputs.Count == 0 && Console.IsInputRedirected)
        {
            while (Console.ReadLine() is { } line)
            {
                if (line.Length > 0) inputs.Add(line);
            }
        }

        if (inputs.Count == 0) throw new ArgumentException("Nothing to classify: give texts as arguments, --file, or " +
            "lines on standard input.");

        SentimentModel.MLNetModelPath = model.FullName;
        foreach (string text in inputs)
        {
            var input = new SentimentModel.ModelInput { Text = text };
            SentimentModel.ModelOutput output = SentimentModel.Predict(input);
            string scores = string.Join(", ", SentimentModel.GetSortedScoresWithLabels(output).Take(3)
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:F3}")));
            Console.WriteLine($"{output.PredictedLabel,-12} ({scores})  {Shorten(text)}");
        }

        return 0;
    }

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..97] + "...";
}
