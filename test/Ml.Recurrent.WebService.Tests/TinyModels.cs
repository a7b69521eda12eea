using Microsoft.ML;

namespace Ml.Recurrent.WebService.Tests;

/// <summary>Tiny three-class models trained in seconds on inline texts, saved as zips, and their Transform scores.</summary>
internal static class TinyModels
{
    private static readonly Dictionary<string, string[]> Cues = new()
    {
        ["sports"] = ["goal", "match", "team", "coach"],
        ["tech"] = ["code", "chip", "server", "laptop"],
        ["food"] = ["pasta", "sauce", "bread", "soup"],
    };

    private static readonly string[] Filler = ["the", "a", "it", "was", "and", "then", "of", "this", "we", "saw"];

    /// <summary>Texts to score: cue words, unknown words, and an empty text.</summary>
    public static IReadOnlyList<string> Probes { get; } =
        [.. Rows(12, seed: 5).Select(r => r.Text), "goal code pasta zebra!", "?!", string.Empty];

    /// <summary>Trains a model with <paramref name="seed"/> and saves it to <paramref name="path"/>.</summary>
    public static void TrainAndSave(string path, int seed)
    {
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Data.LoadFromEnumerable(Rows(90, seed: 1));
        var options = new RecurrentTextClassifierOptions
        {
            Cell = RecurrentCell.Lstm, Bidirectional = true, EmbeddingSize = 8, HiddenSize = 8, HeadHiddenSize = 6,
            BatchSize = 16, NumberOfEpochs = 2, LearningRate = 1e-2f, Seed = seed, NumberOfThreads = 1,
        };
        ITransformer model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", new RecurrentTokenizerOptions { MinimumCount = 1 }))
            .Append(ml.MulticlassClassification.Trainers.RecurrentTextClassifier(options))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"))
            .Fit(data);
        string temporary = path + ".tmp";
        ml.Model.Save(model, data.Schema, temporary);
        File.Move(temporary, path, overwrite: true);
        RecurrentTextClassifierTransformer.ReleaseNativeMemoryOf(model);
    }

    /// <summary>
    /// Every text's class probabilities and label from <c>Transform</c> on the saved model, as strings: all texts in
    /// one data view, or (<paramref name="oneAtATime"/>) each text in its own, as <c>/predict</c> scores it. The two
    /// can differ in the last bit: the forward pass sums in a different order for a different batch.
    /// </summary>
    public static string[] TransformScores(string path, IReadOnlyList<string> texts, bool oneAtATime = false)
    {
        var ml = new MLContext(seed: 1);
        ITransformer model = ml.Model.Load(path, out _);
        IEnumerable<string> Score(IEnumerable<string> batch)
        {
            IDataView scored = model.Transform(ml.Data.LoadFromEnumerable(batch.Select(t => new ModelInput { Text = t }).ToList()));
            return ml.Data.CreateEnumerable<ModelOutput>(scored, reuseRowObject: false).Select(o => Key(o.PredictedLabel, o.Score)).ToList();
        }

        string[] result = oneAtATime ? texts.SelectMany(t => Score([t])).ToArray() : Score(texts).ToArray();
        RecurrentTextClassifierTransformer.ReleaseNativeMemoryOf(model);
        return result;
    }

    /// <summary>A comparable string of a prediction: label and probabilities in class order.</summary>
    public static string Key(string label, IEnumerable<float> probabilities) =>
        label + " " + string.Join(" ", probabilities.Select(p => BitConverter.SingleToInt32Bits(p).ToString("X8", System.Globalization.CultureInfo.InvariantCulture)));

    private sealed record Row(string Label, string Text);

    private static List<Row> Rows(int count, int seed)
    {
        var random = new Random(seed);
        string[] classes = [.. Cues.Keys];
        var rows = new List<Row>(count);
        for (int i = 0; i < count; i++)
        {
            string label = classes[i % classes.Length];
            var words = Enumerable.Range(0, random.Next(3, 10)).Select(_ => Filler[random.Next(Filler.Length)]).ToList();
            for (int c = 0; c < 2; c++) words.Insert(random.Next(words.Count + 1), Cues[label][random.Next(Cues[label].Length)]);
            rows.Add(new Row(label, string.Join(' ', words)));
        }

        return rows;
    }
}
