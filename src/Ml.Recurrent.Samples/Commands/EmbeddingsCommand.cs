using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using Ml.Recurrent.Samples.Charts;
using Ml.Recurrent.Samples.Data;
using Ml.Recurrent.Samples.Embeddings;
using Ml.Recurrent.Samples.ModelBuilder;
using Ml.Recurrent.Samples.Progress;
using Ml.Recurrent.Samples.Training;

namespace Ml.Recurrent.Samples.Commands;

/// <summary>
/// <c>embeddings</c> (exercise 3): map the most frequent words' learned embeddings to 2-D with PCA and t-SNE;
/// writes labelled scatter plots and the coordinates. Uses a saved model, or trains one first.
/// </summary>
internal static class EmbeddingsCommand
{
    public static Command Create()
    {
        var data = new DataOptions();
        var modelOptions = new ModelOptions();
        var model =
            new Option<FileInfo?>("--model") { Description = "A saved model zip. Default: train one on --data first " +
                "(with the model options)." };
        var words =
            new Option<int>("--words") { Description = "How many of the most frequent words to map.",
                DefaultValueFactory = _ => 200 };
        var perplexity =
            new Option<double>("--perplexity") { Description = "t-SNE perplexity (less than the number of words " +
                "minus 1).", DefaultValueFactory = _ => Tsne.DefaultPerplexity };
        var punctuation =
            new Option<bool>("--include-punctuation") { Description = "Also map tokens without a letter or digit." };
        var output =
            new Option<DirectoryInfo>("--output-dir") { Description = "Folder for the PNGs and CSV.",
                DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("out", "embeddings")) };
        var command =
            new Command("embeddings",
                "Map the learned word embeddings to 2-D (PCA and t-SNE) and plot them (exercise " +
                "3).") { model, words, perplexity, punctuation, output };
        data.AddTo(command);
        modelOptions.AddTo(command);
        command.SetAction(result => CommandGuard.Run(() =>
        {
            var ml = new MLContext(seed: 1);
            ITransformer trained = result.GetValue(model) is { } file
                ? Load(ml, file)
                : Train(ml, DatasetLoader.Load(data.Read(result)), modelOptions.Classifier(result),
                    modelOptions.Tokenizer(result));
            return Run(ml, trained, result.GetValue(words), result.GetValue(perplexity), result.GetValue(punctuation),
                result.GetValue(output)!.FullName);
        }));
        return command;
    }

    /// <summary>Builds the map for a trained pipeline and writes <c>embeddings-pca.png</c>, <c>embeddings-tsne.png</c>
    /// and <c>embeddings.csv</c>.</summary>
    public static (EmbeddingMap Map, IReadOnlyList<string> Files) Write(MLContext ml, ITransformer model, int words,
        double perplexity, bool includePunctuation, string folder)
    {
        RecurrentTextClassifierModelParameters parameters = SentimentModel.GetClassifier(model).Model;
        var chosen =
            EmbeddingMap.MostFrequent(parameters.TokenTerms, parameters.GetEmbeddingMatrix(), words,
                includePunctuation);
        using var engine =
            ml.Model.CreatePredictionEngine<SentimentModel.ModelInput, SentimentModel.ModelOutput>(model);
        EmbeddingMap map =
            EmbeddingMap.Project(chosen, perplexity,
                word => engine.Predict(new SentimentModel.ModelInput { Text = word }).PredictedLabel);

        Directory.CreateDirectory(folder);
        string pca = Path.Combine(folder, "embeddings-pca.png"), tsne = Path.Combine(folder, "embeddings-tsne.png"),
            csv = Path.Combine(folder, "embeddings.csv");
        string what = $"{map.Words.Count} most frequent words, {parameters.Architecture.EmbeddingSize}-d embeddings " +
            $"of a {(parameters.Architecture.Bidirectional ? "bidirectional " : string.Empty)}" +
            $"{parameters.Architecture.Cell}";
        LabelledScatterChart.Write(pca, $"Word embeddings, PCA ({what})",
            string.Create(CultureInfo.InvariantCulture,
                $"Principal component 1 ({map.PcaExplainedVariance[0] * 100:F1}% of variance)"),
            string.Create(CultureInfo.InvariantCulture,
                $"Principal component 2 ({map.PcaExplainedVariance[1] * 100:F1}% of variance)"),
            map.Pca, map.Words, map.PredictedClass, "predicted alone: ");
        LabelledScatterChart.Write(tsne,
            string.Create(CultureInfo.InvariantCulture, $"Word embeddings, t-SNE, perplexity {perplexity:G3} ({what})"),
            "t-SNE dimension 1", "t-SNE dimension 2", map.Tsne, map.Words, map.PredictedClass, "predicted alone: ");
        File.WriteAllText(csv, map.ToCsv());
        return (map, [pca, tsne, csv]);
    }

    private static int Run(MLContext ml, ITransformer model, int words, double perplexity, bool includePunctuation,
        string folder)
    {
        (EmbeddingMap map, IReadOnlyList<string> files) =
            Write(ml, model, words, perplexity, includePunctuation, folder);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Mapped {map.Words.Count} words: PCA keeps {map.PcaExplainedVariance.Sum() * 100:F1}% of the variance " +
            $"in 2-D; t-SNE final KL divergence {map.TsneKlDivergence:F3}."));
        Console.WriteLine($"Most frequent: {string.Join(", ", map.Words.Take(20))}, ...");
        if (map.PredictedClass is { } classes)
        {
            foreach (IGrouping<string, string> group in map.Words.Zip(classes).GroupBy(p => p.Second, p => p.First)
                .OrderBy(g => g.Key, StringComparer.Ordinal))
                Console.WriteLine($"  Read alone as '{group.Key}' ({group.Count()}): " +
                    $"{string.Join(", ", group.Take(15))}{(group.Count() > 15 ? ", ..." : string.Empty)}");
        }

        Console.WriteLine("Wrote:");
        foreach (string file in files) Console.WriteLine($"  {file}");
        return 0;
    }

    private static ITransformer Load(MLContext ml, FileInfo file)
    {
        if (!file.Exists) throw new FileNotFoundException($"Model file '{file.FullName}' does not exist; train one " +
            $"first (train --output {file.FullName}).", file.FullName);
        return ml.Model.Load(file.FullName, out _);
    }

    private static ITransformer Train(MLContext ml, Dataset dataset, RecurrentTextClassifierOptions classifier,
        RecurrentTokenizerOptions tokenizer)
    {
        Console.WriteLine($"No --model given: training one. Data: {dataset.Summary}.");
        return LiveTrainingRuns.Run(runs =>
        {
            classifier.Progress = runs.Begin("model for the embedding map");
            (ITransformer model, double seconds) =
                TrainingJob.Fit(ml, dataset, classifier, tokenizer, ValidationSource.None);
            runs.End("model for the embedding map",
                string.Create(CultureInfo.InvariantCulture, $"trained in {seconds:F1} s"));
            return model;
        });
    }
}
