// Usage: Ml.Recurrent.GoldenMaker <output folder>
// Trains a few small models that together cover the saved format (binary and multiclass; LSTM-bi, GRU, stacked
// RNN, the hand-written cell; word and cl100k tokenizers; every pooling and several head activations), saves each
// with the stock MLContext.Model.Save, loads it back in a fresh MLContext and writes the exact bits of its scores
// on texts.tsv. The golden-model test loads the zips with today's code and compares bit for bit.
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Ml.Recurrent.GoldenMaker <output folder>");
    return 2;
}

string folder = Directory.CreateDirectory(args[0]).FullName;
string texts = Path.Combine(folder, "texts.tsv");
File.WriteAllLines(texts, new[] { "Label\tText" }.Concat(GoldenCorpus.ScoringTexts().Select(t => $"{t.Label}\t{t.Text}")));

var models = new (string Name, bool Binary, RecurrentTokenizerOptions Tokenizer, RecurrentTextClassifierOptions Options)[]
{
    ("multiclass-bilstm-word", false, new() { MinimumCount = 1 }, Small(RecurrentCell.Lstm, true, 1, SequencePooling.LastMaxMean, HeadActivation.Relu)),
    ("binary-gru-word", true, new() { MinimumCount = 1, MaximumLength = 12 }, Small(RecurrentCell.Gru, false, 1, SequencePooling.Mean, HeadActivation.Elu)),
    ("multiclass-stacked-birnn-word", false, new() { MinimumCount = 2, CapitalizationMarkers = false }, Small(RecurrentCell.Rnn, true, 2, SequencePooling.Max, HeadActivation.None, RnnActivation.Relu)),
    ("binary-handwritten-cl100k", true, new() { Pretrained = PretrainedTokenizer.Cl100kBase }, Small(RecurrentCell.HandWrittenRnn, true, 1, SequencePooling.Last, HeadActivation.Tanh, embedding: 2)),
    // The bag-of-n-grams path with its default weighting (counts before the weighting option existed, tf-idf after)
    // and the recurrent window, which reads a long text's head and tail: the defaults since 2026-12-02.
    ("binary-bilstm-bag-window", true, new() { MinimumCount = 1 }, WithPath(Small(RecurrentCell.Lstm, true, 1, SequencePooling.LastMaxMean, HeadActivation.Relu), ngrams: 2, window: 6)),
    ("multiclass-gru-trigram-bag", false, new() { MinimumCount = 1 }, WithPath(Small(RecurrentCell.Gru, true, 1, SequencePooling.Mean, HeadActivation.Relu), ngrams: 3, window: 0)),
};

foreach ((string name, bool binary, RecurrentTokenizerOptions tokenizer, RecurrentTextClassifierOptions options) in models)
{
    var ml = new MLContext(seed: 1);
    string zip = Path.Combine(folder, name + ".zip");
    IDataView train = binary
        ? ml.Data.LoadFromEnumerable(GoldenCorpus.Training(240).Where(r => r.Label != "tech").Select(r => new BinaryRow { Text = r.Text, Label = r.Label == "sports" }))
        : ml.Data.LoadFromEnumerable(GoldenCorpus.Training(240));
    IEstimator<ITransformer> pipeline = binary
        ? ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", tokenizer)
            .Append(ml.BinaryClassification.Trainers.RecurrentTextClassifier(options))
        : ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", tokenizer))
            .Append(ml.MulticlassClassification.Trainers.RecurrentTextClassifier(options))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
    ITransformer model = pipeline.Fit(train);
    ml.Model.Save(model, train.Schema, zip);

    var fresh = new MLContext(seed: 2);
    ITransformer loaded = fresh.Model.Load(zip, out _);
    File.WriteAllLines(Path.Combine(folder, name + ".scores.txt"), Scores(fresh, loaded, texts, binary));
    Console.WriteLine($"{name}: {new FileInfo(zip).Length / 1024} KiB");
}

return 0;

static RecurrentTextClassifierOptions Small(RecurrentCell cell, bool bidirectional, int layers, SequencePooling pooling,
    HeadActivation head, RnnActivation rnn = RnnActivation.Tanh, int embedding = 8) => new()
{
    Cell = cell, Bidirectional = bidirectional, NumberOfLayers = layers, Pooling = pooling, HeadActivation = head,
    RnnActivation = rnn, EmbeddingSize = embedding, HiddenSize = 8, HeadHiddenSize = 6, BatchSize = 16,
    NumberOfEpochs = 3, Seed = 11, NumberOfThreads = 1,
};

static RecurrentTextClassifierOptions WithPath(RecurrentTextClassifierOptions options, int ngrams, int window)
{
    options.BagOfNgramsLength = ngrams;
    options.BagOfNgramsBuckets = 257;
    options.MaximumRecurrentLength = window;
    return options;
}

static string[] Scores(MLContext ml, ITransformer model, string path, bool binary)
{
    var loader = ml.Data.CreateTextLoader(
        [new TextLoader.Column("Label", binary ? DataKind.Boolean : DataKind.String, 0), new TextLoader.Column("Text", DataKind.String, 1)],
        separatorChar: '\t', hasHeader: true, allowQuoting: false);
    IDataView scored = model.Transform(loader.Load(path));
    static string Hex(float v) => BitConverter.SingleToInt32Bits(v).ToString("X8", CultureInfo.InvariantCulture);
    return binary
        ? scored.GetColumn<float>("Score").Select(Hex).ToArray()
        : scored.GetColumn<float[]>("Score").Select(s => string.Join(" ", s.Select(Hex))).ToArray();
}

internal sealed class Row
{
    public string Text { get; set; } = string.Empty;

    public string Label { get; set; } = string.Empty;
}

internal sealed class BinaryRow
{
    public string Text { get; set; } = string.Empty;

    public bool Label { get; set; }
}

internal static class GoldenCorpus
{
    private static readonly string[] Filler = ["the", "a", "it", "was", "and", "then", "of", "to", "with", "this", "film", "we"];

    private static readonly Dictionary<string, string[]> Cues = new()
    {
        ["sports"] = ["goal", "match", "team", "score", "coach"],
        ["tech"] = ["code", "chip", "server", "software", "laptop"],
        ["food"] = ["pasta", "sauce", "bread", "cheese", "soup"],
    };

    public static List<Row> Training(int count)
    {
        var random = new Random(5);
        string[] classes = [.. Cues.Keys];
        var rows = new List<Row>(count);
        for (int i = 0; i < count; i++)
        {
            string label = classes[i % classes.Length];
            var words = new List<string>();
            for (int w = random.Next(3, 10); w > 0; w--) words.Add(Filler[random.Next(Filler.Length)]);
            for (int c = random.Next(1, 3); c > 0; c--) words.Insert(random.Next(words.Count + 1), Cues[label][random.Next(5)]);
            if (random.Next(3) == 0) words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
            rows.Add(new Row { Text = string.Join(' ', words) + (random.Next(2) == 0 ? "." : "!"), Label = label });
        }

        return rows;
    }

    /// <summary>Ordinary and hostile texts: unknown words, capitals, punctuation runs, other scripts, empty, long.</summary>
    public static IEnumerable<(string Label, string Text)> ScoringTexts()
    {
        foreach (Row row in Training(30).Skip(10)) yield return (row.Label == "sports" ? "true" : "false", row.Text);
        yield return ("true", "The TEAM scored a GOAL in the match!!!");
        yield return ("false", "pasta with cheese sauce and zucchini");
        yield return ("false", "");
        yield return ("true", "   ");
        yield return ("false", "Привет мир, 你好 世界 — cheese?!...");
        yield return ("true", "coach " + string.Join(' ', Enumerable.Repeat("the match was long and the team won", 12)));
        yield return ("false", "Unknownword anotherunknown SERVER laptop... ;;; ???");
    }
}
