namespace Ml.Recurrent.Samples.Onnx;

/// <summary>Reads a <c>Label&lt;TAB&gt;Text</c> file with a header line, without ML.NET (for the ONNX-only
/// scorer).</summary>
internal static class LabelledTexts
{
    public static (string[] Labels, string[] Texts) Read(FileInfo file)
    {
        if (!file.Exists) throw new FileNotFoundException($"Data file '{file.FullName}' does not exist.",
            file.FullName);
        var labels = new List<string>();
        var texts = new List<string>();
        foreach (string line in File.ReadLines(file.FullName).Skip(1))
        {
            int tab = line.IndexOf('\t');
            if (tab < 0) throw new InvalidDataException($"'{file.FullName}': line {labels.Count + 2} has no tab; " +
                $"expected Label<TAB>Text.");
            labels.Add(line[..tab]);
            texts.Add(line[(tab + 1)..]);
        }

        return ([.. labels], [.. texts]);
    }
}
