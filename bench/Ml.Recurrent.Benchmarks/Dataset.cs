namespace Ml.Recurrent.Benchmarks;

/// <summary>A Label&lt;TAB&gt;Text dataset folder from ../shared/data.</summary>
internal sealed record Dataset(string Name, string TrainPath, string TestPath)
{
    public sealed class Row
    {
        public string Label { get; set; } = string.Empty;

        public string Text { get; set; } = string.Empty;
    }

    public static Dataset Find(string dataRoot, string name)
    {
        string folder = Path.Combine(dataRoot, name);
        string train = Path.Combine(folder, "train.tsv"), test = Path.Combine(folder, "test.tsv");
        if (!File.Exists(train) || !File.Exists(test))
            throw new FileNotFoundException($"Dataset '{name}' needs {train} and {test}. The shared datasets live in ../shared/data next to the repository (pass --data-root).");
        return new Dataset(name, train, test);
    }

    public static List<Row> Read(string path) =>
        File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            int tab = l.IndexOf('\t');
            return new Row { Label = l[..tab], Text = l[(tab + 1)..] };
        }).ToList();
}
