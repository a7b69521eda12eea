using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Recurrent.Reliability.Bench;

/// <summary>
/// The child processes of <see cref="RoundTripBench"/>. <c>roundtrip-train</c> trains binary classifiers, scores
/// the test split with Transform and with a PredictionEngine, saves each model, loads it back in the same process
/// and scores again, and writes each set of scores (as exact bits) to a file. <c>roundtrip-score</c> loads the saved
/// models in a fresh process and writes their scores. <c>roundtrip-burn</c> keeps every processor busy until killed.
/// </summary>
internal static class RoundTripChild
{
    /// <summary>The file names, inside the run folder, of the score sets.</summary>
    public const string TransformFile = "transform.txt", EngineFile = "engine.txt",
        SameProcessLoadFile = "load-same-process.txt";

    /// <summary>The saved model, inside the run folder.</summary>
    public const string ModelFile = "model.zip";

    /// <summary>
    /// <c>roundtrip-train &lt;folder&gt; &lt;data folder&gt; &lt;models&gt; &lt;training rows&gt; &lt;epochs&gt;</c>:
    /// trains each model (<c>Gru:false,Lstm:true</c>, cell and bidirectional) in turn with the issue's set-up (maximum
    /// length 64, batch 64, embedding/hidden 100, dropout 0.2, learning rate 1e-3, seed 1) on the first rows of
    /// train.tsv (0: all), and writes its scores and model into <c>folder/&lt;model name&gt;/</c>.
    /// </summary>
    public static int Train(string folder, string data, string models, int trainingRows, int epochs)
    {
        foreach ((string name, RecurrentCell cell, bool bidirectional) in Models(models))
        {
            string target = Path.Combine(folder, name);
            Directory.CreateDirectory(target);
            TrainOne(target, data, cell, bidirectional, trainingRows, epochs);
        }

        return 0;
    }

    /// <summary>
    /// <c>roundtrip-score &lt;folder&gt; &lt;data folder&gt; &lt;models&gt; &lt;file name&gt;</c>: loads each model's
    /// zip in this process, which trained none of them, and writes its scores to
    /// <c>folder/&lt;model name&gt;/&lt;file name&gt;</c>.
    /// </summary>
    public static int Score(string folder, string data, string models, string fileName)
    {
        var ml = new MLContext(seed: 3);
        IDataView test = Load(ml, Path.Combine(data, "test.tsv"), 0);
        foreach ((string name, _, _) in Models(models))
        {
            ITransformer model = ml.Model.Load(Path.Combine(folder, name, ModelFile), out _);
            Write(Path.Combine(folder, name, fileName), Scores(model.Transform(test)));
            (model as IDisposable)?.Dispose();
        }

        return 0;
    }

    /// <summary>Parses <c>Gru:false,Lstm:true</c> into names (<c>uni-Gru</c>, ...), cells and directions.</summary>
    public static List<(string Name, RecurrentCell Cell, bool Bidirectional)> Models(string models) =>
        models.Split(',').Select(m => m.Split(':'))
            .Select(p => (Cell: Enum.Parse<RecurrentCell>(p[0]), Bi: bool.Parse(p[1])))
            .Select(m => ($"{(m.Bi ? "bi" : "uni")}-{m.Cell}", m.Cell, m.Bi)).ToList();

    private static void TrainOne(string folder, string data, RecurrentCell cell, bool bidirectional, int trainingRows,
        int epochs)
    {
        var ml = new MLContext(seed: 1);
        IDataView train = Load(ml, Path.Combine(data, "train.tsv"), trainingRows);
        IDataView test = Load(ml, Path.Combine(data, "test.tsv"), 0);
        var options = new RecurrentTextClassifierOptions
        {
            Cell = cell, Bidirectional = bidirectional, NumberOfEpochs = epochs, BatchSize = 64, EmbeddingSize = 100,
            HiddenSize = 100, Dropout = 0.2f, LearningRate = 1e-3f, Seed = 1,
        };
        var tokenizer = new RecurrentTokenizerOptions { MaximumLength = 64 };
        var pipeline = ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", tokenizer)
            .Append(ml.BinaryClassification.Trainers.RecurrentTextClassifier(options));
        ITransformer model = pipeline.Fit(train);
        Write(Path.Combine(folder, TransformFile), Scores(model.Transform(test)));

        var engineOptions = new PredictionEngineOptions { OwnsTransformer = false };
        using (var engine = ml.Model.CreatePredictionEngine<Row, Prediction>(model, engineOptions))
        {
            var lines = ml.Data.CreateEnumerable<Row>(test, reuseRowObject: false)
                .Select(row => Bits(engine.Predict(row).Score)).ToList();
            Write(Path.Combine(folder, EngineFile), lines);
        }

        string zip = Path.Combine(folder, ModelFile);
        ml.Model.Save(model, train.Schema, zip);
        ITransformer loaded = new MLContext(seed: 2).Model.Load(zip, out _);
        Write(Path.Combine(folder, SameProcessLoadFile), Scores(loaded.Transform(test)));
        (loaded as IDisposable)?.Dispose();
        (model as IDisposable)?.Dispose();
    }

    /// <summary><c>roundtrip-burn</c>: one spinning thread per processor, until the process is killed.</summary>
    public static int Burn()
    {
        var threads = Enumerable.Range(0, Environment.ProcessorCount)
            .Select(_ => new Thread(Spin) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return 0;
    }

    private static void Spin()
    {
        double x = 1;
        while (true) x = Math.Sqrt(x + 1.5);
    }

    private static IDataView Load(MLContext ml, string path, int rows) =>
        ml.Data.LoadFromEnumerable(File.ReadLines(path).Skip(1).Take(rows > 0 ? rows : int.MaxValue)
            .Select(line => line.Split('\t', 2))
            .Select(parts => new Row { Label = parts[0] == "positive", Text = parts[1] }).ToList());

    private static List<string> Scores(IDataView scored) =>
        scored.GetColumn<float>("Score").Select(s => Bits(s)).ToList();

    private static string Bits(float value) =>
        BitConverter.SingleToInt32Bits(value).ToString("X8", CultureInfo.InvariantCulture);

    private static void Write(string path, List<string> lines) => File.WriteAllLines(path, lines);

    /// <summary>A test row.</summary>
    public sealed class Row
    {
        public bool Label { get; set; }

        public string Text { get; set; } = string.Empty;
    }

    /// <summary>PredictionEngine output.</summary>
    public sealed class Prediction
    {
        public float Score { get; set; }
    }
}
