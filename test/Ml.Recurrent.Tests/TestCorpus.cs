using Microsoft.ML;

namespace Ml.Recurrent.Tests;

/// <summary>Tiny labelled corpora made in code: each class has its own cue words mixed with shared filler.</summary>
internal static class TestCorpus
{
    public sealed class Row
    {
        public string Text { get; set; } = string.Empty;

        public string Label { get; set; } = string.Empty;
    }

    public sealed class BinaryRow
    {
        public string Text { get; set; } = string.Empty;

        public bool Label { get; set; }
    }

    private static readonly string[] Filler = ["the", "a", "it", "was", "and", "then", "of", "to", "with", "this", "that", "film", "story", "we", "saw"];

    private static readonly Dictionary<string, string[]> Cues = new()
    {
        ["sports"] = ["goal", "match", "team", "score", "coach", "league"],
        ["tech"] = ["code", "chip", "server", "software", "laptop", "network"],
        ["food"] = ["pasta", "sauce", "bread", "cheese", "soup", "spice"],
    };

    public static IReadOnlyList<string> Classes => [.. Cues.Keys];

    /// <summary>Multiclass rows: 2–3 cue words of the class among 3–12 filler words (capitalised at random).</summary>
    public static List<Row> Multiclass(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<Row>(count);
        string[] classes = [.. Cues.Keys];
        for (int i = 0; i < count; i++)
        {
            string label = classes[i % classes.Length];
            var words = new List<string>();
            int filler = random.Next(3, 13);
            for (int w = 0; w < filler; w++) words.Add(Filler[random.Next(Filler.Length)]);
            int cues = random.Next(2, 4);
            for (int c = 0; c < cues; c++) words.Insert(random.Next(words.Count + 1), Cues[label][random.Next(Cues[label].Length)]);
            if (random.Next(3) == 0) words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
            rows.Add(new Row { Text = string.Join(' ', words) + (random.Next(2) == 0 ? "." : "!"), Label = label });
        }

        return rows;
    }

    /// <summary>Binary rows: "sports" cues are true, "food" cues false.</summary>
    public static List<BinaryRow> Binary(int count, int seed) =>
        Multiclass(count * 3 / 2 + 3, seed).Where(r => r.Label != "tech").Take(count)
            .Select(r => new BinaryRow { Text = r.Text, Label = r.Label == "sports" }).ToList();

    public static IDataView Load(MLContext ml, IEnumerable<Row> rows) => ml.Data.LoadFromEnumerable(rows);

    public static IDataView Load(MLContext ml, IEnumerable<BinaryRow> rows) => ml.Data.LoadFromEnumerable(rows);

    /// <summary>Writes rows as a <c>Label&lt;TAB&gt;Text</c> file with header.</summary>
    public static void WriteTsv(string path, IEnumerable<(string Label, string Text)> rows) =>
        File.WriteAllLines(path, new[] { "Label\tText" }.Concat(rows.Select(r => $"{r.Label}\t{r.Text}")));
}
