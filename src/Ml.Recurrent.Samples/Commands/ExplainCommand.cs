using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using Ml.Recurrent.Samples.Charts;
using Ml.Recurrent.Samples.Data;
using Ml.Recurrent.Samples.Explaining;

namespace Ml.Recurrent.Samples.Commands;

/// <summary>
/// <c>explain</c>: why a saved model labels texts as it does. Texts given as arguments are printed with their tokens
/// coloured by attribution (plain text with scores when output is redirected); <c>--output report.html</c> writes one
/// page for a sample of test texts; <c>--chart top.png</c> draws the first text's most influential tokens.
/// </summary>
internal static class ExplainCommand
{
    /// <summary>Default number of test texts on the HTML page.</summary>
    public const int DefaultCount = 20;

    public static Command Create()
    {
        var explain = new ExplainOptions();
        var data = new DataOptions();
        var texts = new Argument<string[]>("texts") { Description = "Texts to explain on the console.",
            Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<FileInfo?>("--output") { Description = "Write an HTML page explaining a sample " +
            "of the test texts of --data." };
        var count = new Option<int>("--count") { Description = "Test texts on the HTML page (a seeded sample).",
            DefaultValueFactory = _ => DefaultCount };
        var chart = new Option<FileInfo?>("--chart") { Description = "Write a PNG bar chart of the first text's " +
            "most influential tokens." };
        var top = new Option<int>("--top") { Description = "Tokens in the chart.", DefaultValueFactory = _
            => AttributionChart.DefaultTop };
        var command = new Command("explain", "Explain a saved model's predictions token by token.") { texts, output,
            count, chart, top };
        explain.AddTo(command);
        data.AddTo(command);
        command.SetAction(result => CommandGuard.Run(() =>
        {
            FileInfo? page = result.GetValue(output);
            string[] given = result.GetValue(texts) ?? [];
            if (given.Length == 0 && page is null)
                throw new ArgumentException("Nothing to explain: give texts as arguments, or --output " +
                    "report.html (with --data) for a page of test texts.");
            var ml = new MLContext(seed: 1);
            FileInfo modelFile = explain.Model(result);
            RecurrentExplainer explainer = ml.Model.CreateRecurrentExplainer(ml.Model.Load(modelFile.FullName,
                out _), explain.Options(result));
            var explained = new List<ExplainedText>();
            foreach (string text in given)
            {
                explained.Add(new ExplainedText(text, null, explainer.Explain(text)));
                TerminalExplanation.Write(text, explained[^1].Explanation, explainer.ClassNames);
            }

            if (page is not null)
            {
                Dataset dataset = DatasetLoader.Load(data.Read(result));
                IReadOnlyList<ExplainedText> sample = ExplainSample(explainer, dataset, result.GetValue(count));
                explained.AddRange(sample);
                string description = $"Model {modelFile.Name}; {sample.Count} test texts sampled from " +
                    $"{dataset.Description}; " +
                    $"{Describe(explainer.Options)}.";
                Directory.CreateDirectory(Path.GetDirectoryName(page.FullName)!);
                File.WriteAllText(page.FullName, ExplanationHtmlReport.Build("Why these labels?", description, sample));
                Console.WriteLine($"Wrote {page.FullName} ({sample.Count} texts, " +
                    $"{sample.Sum(s => s.Explanation.Tokens.Count)} tokens).");
            }

            if (result.GetValue(chart) is { } png)
            {
                ExplainedText first = explained[0];
                AttributionChart.Write(png.FullName, Title(first.Text), first.Explanation, result.GetValue(top));
                Console.WriteLine($"Wrote {png.FullName}.");
            }

            return 0;
        }));
        return command;
    }

    /// <summary>Explains a seeded sample of <paramref name="count"/> test texts of <paramref
    /// name="dataset"/>.</summary>
    internal static IReadOnlyList<ExplainedText> ExplainSample(RecurrentExplainer explainer, Dataset dataset, int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count,
            $"--count must be at least 1; got {count}.");
        var random = new Random(7);
        return dataset.Test.OrderBy(_ => random.Next()).Take(count)
            .Select(row => new ExplainedText(row.Text, row.Label, explainer.Explain(row.Text))).ToList();
    }

    private static string Describe(TokenExplanationOptions options) => options.Method == AttributionMethod.Occlusion
        ? $"occlusion (leave one token out) of each class's {options.Output.ToString().ToLowerInvariant()}"
        : string.Create(CultureInfo.InvariantCulture,
            $"integrated gradients ({options.Steps} steps, padding baseline) of each class's " +
                $"{options.Output.ToString().ToLowerInvariant()}");

    private static string Title(string text) => "Top tokens: " + (text.Length <= 60 ? text : text[..57] + "...");
}
