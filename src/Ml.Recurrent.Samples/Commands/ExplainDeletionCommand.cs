using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using Ml.Recurrent.Samples.Data;

namespace Ml.Recurrent.Samples.Commands;

/// <summary>
/// <c>explain-deletion</c>: a faithfulness check on real data. For each test text, delete its top-k attributed tokens
/// and, separately, k random tokens (several seeded draws), and compare the mean drop of the predicted class's
/// probability. Attributions that mean something make the first drop larger.
/// </summary>
internal static class ExplainDeletionCommand
{
    public static Command Create()
    {
        var explain = new ExplainOptions();
        var data = new DataOptions();
        var deleted = new Option<int>("--deleted") { Description = "Tokens deleted per text.",
            DefaultValueFactory = _ => 3 };
        var draws = new Option<int>("--draws") { Description = "Random deletions per text.",
            DefaultValueFactory = _ => 5 };
        var command = new Command("explain-deletion",
            "Deleting top-attributed vs random tokens: mean drop of the predicted class's probability.")
        {
            deleted, draws,
        };
        explain.AddTo(command);
        data.AddTo(command);
        command.SetAction(result => CommandGuard.Run(() => Run(explain.Model(result), explain.Options(result),
            DatasetLoader.Load(data.Read(result)), result.GetValue(deleted), result.GetValue(draws))));
        return command;
    }

    private static int Run(FileInfo modelFile, TokenExplanationOptions options, Dataset dataset, int deleted, int draws)
    {
        if (deleted < 1) throw new ArgumentOutOfRangeException(nameof(deleted), deleted,
            $"--deleted must be at least 1; got {deleted}.");
        if (draws < 1) throw new ArgumentOutOfRangeException(nameof(draws), draws,
            $"--draws must be at least 1; got {draws}.");
        var ml = new MLContext(seed: 1);
        RecurrentExplainer explainer = ml.Model.CreateRecurrentExplainer(ml.Model.Load(modelFile.FullName, out _),
            options);
        (double top, double random, int texts, int skipped) = Measure(explainer, dataset.Test.Select(r => r.Text),
            deleted, draws);
        Console.WriteLine($"Data: {dataset.Summary}. Model {modelFile.FullName}; {options.Method}" +
            (options.Method == AttributionMethod.IntegratedGradients ? $" ({options.Steps} steps)" : string.Empty)
                + ".");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{texts} test texts ({skipped} with fewer than {deleted + 1} tokens skipped): mean drop of the " +
                $"predicted class's probability " +
            $"when deleting the top-{deleted} attributed tokens {top:F4}, {deleted} random tokens {random:F4} " +
                $"(mean of {draws} draws per text)."));
        return 0;
    }

    /// <summary>Mean probability drops (top-k deleted, k random deleted), texts measured, texts skipped as too
    /// short.</summary>
    internal static (double Top, double Random, int Texts, int Skipped) Measure(RecurrentExplainer explainer,
        IEnumerable<string> texts, int deleted, int draws)
    {
        var random = new Random(17);
        double topSum = 0, randomSum = 0;
        int count = 0, skipped = 0;
        foreach (string text in texts)
        {
            TextExplanation e = explainer.Explain(text);
            if (e.Tokens.Count <= deleted)
            {
                skipped++;
                continue;
            }

            int predicted = explainer.ClassNames.ToList().IndexOf(e.PredictedClass);
            float before = e.ClassProbabilities[predicted];
            int[] topPositions = [.. Enumerable.Range(0, e.Tokens.Count).OrderByDescending(i
                => e.Tokens[i].Attribution).Take(deleted)];
            topSum += before - explainer.ClassProbabilities(Without(e, topPositions))[predicted];
            double drawSum = 0;
            for (int d = 0; d < draws; d++)
            {
                int[] chosen = [.. Enumerable.Range(0, e.Tokens.Count).OrderBy(_ => random.Next()).Take(deleted)];
                drawSum += before - explainer.ClassProbabilities(Without(e, chosen))[predicted];
            }

            randomSum += drawSum / draws;
            count++;
        }

        if (count == 0) throw new ArgumentException($"No test text has more than {deleted} tokens; nothing to " +
            $"measure.");
        return (topSum / count, randomSum / count, count, skipped);
    }

    private static List<uint> Without(TextExplanation e, int[] positions) =>
        [.. e.Tokens.Where((_, i) => !positions.Contains(i)).Select(t => t.Key)];
}
