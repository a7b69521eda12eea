namespace Ml.Recurrent.Samples.Data;

/// <summary>
/// Reads <c>Label&lt;TAB&gt;Text</c> files with a header line, splitting each line at its first tab (no quote
/// handling: texts may contain quotes), as in ../shared/data.
/// </summary>
public static class TsvDataset
{
    /// <summary>Reads one file; throws <see cref="FileNotFoundException"/> or <see cref="InvalidDataException"/> naming the file and line.</summary>
    public static List<LabelledText> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Data file '{path}' does not exist.", path);
        var rows = new List<LabelledText>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (lineNumber == 1) continue;
            if (line.Length == 0) continue;
            int tab = line.IndexOf('\t');
            if (tab <= 0) throw new InvalidDataException($"'{path}' line {lineNumber}: expected 'Label<TAB>Text', found no tab or an empty label.");
            rows.Add(new LabelledText { Label = line[..tab], Text = line[(tab + 1)..] });
        }

        if (rows.Count == 0) throw new InvalidDataException($"'{path}' has no data rows after its header.");
        return rows;
    }

    /// <summary>Reads <c>train.tsv</c> and <c>test.tsv</c> from <paramref name="folder"/>.</summary>
    public static (List<LabelledText> Train, List<LabelledText> Test) ReadFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Data folder '{folder}' does not exist (the shared datasets live in ../shared/data next to the repository; see README).");
        return (Read(Path.Combine(folder, "train.tsv")), Read(Path.Combine(folder, "test.tsv")));
    }
}
