using System.Text;
using Microsoft.ML;

namespace Ml.Recurrent.LoadBench;

/// <summary>The served models and the request texts, from a <c>Label&lt;TAB&gt;Text</c> file.</summary>
internal static class BenchModel
{
    private sealed class Row
    {
        public string Label { get; set; } = string.Empty;

        public string Text { get; set; } = string.Empty;
    }

    /// <summary>Two models of the default architecture (1 epoch, seeds 1 and 2), saved in <paramref name="folder"/>.</summary>
    public static (string A, string B) TrainTwo(string data, string folder, int rows)
    {
        List<Row> all = Read(data).ToList();
        int step = Math.Max(1, all.Count / rows); // spread over the file: TSVs are often sorted by label
        List<Row> train = all.Where((_, i) => i % step == 0).Take(rows).ToList();
        string Train(int seed)
        {
            var ml = new MLContext(seed: 1);
            IDataView view = ml.Data.LoadFromEnumerable(train);
            ITransformer model = ml.Transforms.Conversion.MapValueToKey("Label")
                .Append(ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", new RecurrentTokenizerOptions()))
                .Append(ml.MulticlassClassification.Trainers.RecurrentTextClassifier(new RecurrentTextClassifierOptions { NumberOfEpochs = 1, Seed = seed }))
                .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"))
                .Fit(view);
            string path = Path.Combine(folder, $"model-{seed}.zip");
            ml.Model.Save(model, view.Schema, path);
            RecurrentTextClassifierTransformer.ReleaseNativeMemoryOf(model);
            return path;
        }

        string a = Train(1), b = Train(2);
        Console.WriteLine($"trained two models on {train.Count} rows of {data}: {new FileInfo(a).Length / 1048576.0:F2} MiB each");
        return (a, b);
    }

    /// <summary><paramref name="count"/> texts of <paramref name="tokens"/> words, each made of consecutive reviews.</summary>
    public static IReadOnlyList<string> Reviews(string data, int tokens, int count)
    {
        string[] words = Read(data).SelectMany(r => r.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        var texts = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            var text = new StringBuilder();
            for (int w = 0; w < tokens; w++) text.Append(words[((i * tokens) + w) % words.Length]).Append(' ');
            texts.Add(text.ToString().TrimEnd());
        }

        return texts;
    }

    private static IEnumerable<Row> Read(string path) =>
        File.ReadLines(path).Skip(1).Select(l => l.Split('\t', 2)).Where(p => p.Length == 2).Select(p => new Row { Label = p[0], Text = p[1] });
}
