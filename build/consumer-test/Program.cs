// The consumer test's app (build/consumer-test.sh copies this file into a fresh console app that gets
// Ml.Recurrent from the packed .nupkg). Two modes, run in two processes:
//   train <folder>: trains a tiny classifier on inline texts, saves <folder>/model.zip and writes the scores of
//                   the test texts (float bits in hex) to <folder>/scores.txt;
//   score <folder>: loads <folder>/model.zip, scores the same texts and compares them with scores.txt (the reload bound).
// Exit code 0 when all is well, 1 on a mismatch or a usage error.
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent;

if (args.Length != 2 || args[0] is not ("train" or "score"))
{
    Console.Error.WriteLine("usage: app train|score <folder>");
    return 1;
}

string folder = args[1];
string modelPath = Path.Combine(folder, "model.zip"), scoresPath = Path.Combine(folder, "scores.txt");
var ml = new MLContext(seed: 1);
IDataView testData = ml.Data.LoadFromEnumerable(Corpus.Rows(count: 40, seed: 2));

if (args[0] == "train")
{
    Directory.CreateDirectory(folder);
    IDataView train = ml.Data.LoadFromEnumerable(Corpus.Rows(count: 90, seed: 1));
    var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
        .Append(ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text"))
        .Append(ml.MulticlassClassification.Trainers.RecurrentTextClassifier(new RecurrentTextClassifierOptions
        {
            LabelColumnName = "Label", FeatureColumnName = "Tokens", Cell = RecurrentCell.Gru,
            EmbeddingSize = 16, HiddenSize = 16, NumberOfEpochs = 3, Seed = 1,
        }))
        .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
    ITransformer model = pipeline.Fit(train);
    var metrics = ml.MulticlassClassification.Evaluate(model.Transform(testData));
    ml.Model.Save(model, train.Schema, modelPath);
    string[] scores = Corpus.ScoreLines(model.Transform(testData));
    File.WriteAllLines(scoresPath, scores);
    Console.WriteLine($"train: accuracy {metrics.MicroAccuracy:F4}; saved {modelPath} and {scores.Length} score rows");
    return 0;
}

ITransformer loaded = ml.Model.Load(modelPath, out _);
string[] expected = File.ReadAllLines(scoresPath), actual = Corpus.ScoreLines(loaded.Transform(testData));
if (expected.Length != actual.Length)
{
    Console.Error.WriteLine($"score: {actual.Length} score rows, expected {expected.Length}");
    return 1;
}

// The promise (docs/reliability.md, "Scores after reload"): within 1e-5 of each score's size (at least 1);
// bit-identical rows are counted and reported.
const double tolerance = 1e-5;
int identical = 0, outside = 0;
double largest = 0;
foreach ((string e, string a) in expected.Zip(actual))
{
    if (e == a)
    {
        identical++;
        continue;
    }

    float[] before = Corpus.ParseLine(e), after = Corpus.ParseLine(a);
    bool rowOutside = before.Length != after.Length;
    for (int i = 0; !rowOutside && i < before.Length; i++)
    {
        double difference = Math.Abs((double)before[i] - after[i]);
        largest = Math.Max(largest, double.IsNaN(difference) ? double.PositiveInfinity : difference);
        rowOutside = !(difference <= tolerance * Math.Max(1, Math.Abs((double)before[i])));
    }

    if (rowOutside) outside++;
}

if (outside > 0)
{
    Console.Error.WriteLine($"score: {outside} of {expected.Length} rows differ from the training process's scores " +
        $"by more than the bound (largest difference {largest:G3})");
    return 1;
}

Console.WriteLine($"score: {identical} of {expected.Length} rows bit-identical to the training process's scores, " +
    $"largest difference {largest:G3} (bound {tolerance:G1} relative)");
return 0;

/// <summary>Inline texts: two cue words of the class among filler words.</summary>
internal static class Corpus
{
    public sealed class Row
    {
        public string Label { get; set; } = "";
        public string Text { get; set; } = "";
    }

    public static IEnumerable<Row> Rows(int count, int seed)
    {
        string[] filler = ["the", "a", "it", "was", "and", "then", "of", "this", "that", "we"];
        var cues = new Dictionary<string, string[]>
        {
            ["sports"] = ["goal", "match", "team", "coach"],
            ["tech"] = ["code", "chip", "server", "laptop"],
            ["food"] = ["pasta", "sauce", "bread", "soup"],
        };
        string[] labels = [.. cues.Keys];
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            string label = labels[i % labels.Length];
            var words = Enumerable.Range(0, random.Next(3, 9)).Select(_ => filler[random.Next(filler.Length)]).ToList();
            for (int c = 0; c < 2; c++) words.Insert(random.Next(words.Count + 1), cues[label][random.Next(4)]);
            yield return new Row { Label = label, Text = string.Join(' ', words) };
        }
    }

    /// <summary>One line per row: the class probabilities' float bits in hex.</summary>
    public static string[] ScoreLines(IDataView scored) =>
        scored.GetColumn<float[]>("Score")
            .Select(s => string.Join(' ', s.Select(Hex)))
            .ToArray();

    /// <summary>The floats of one <see cref="ScoreLines"/> line.</summary>
    public static float[] ParseLine(string line) =>
        [
            .. line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(h => BitConverter.Int32BitsToSingle(int.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture))),
        ];

    private static string Hex(float value) =>
        BitConverter.SingleToInt32Bits(value).ToString("X8", CultureInfo.InvariantCulture);
}
