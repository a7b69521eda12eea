namespace Ml.Recurrent.Samples.Data;

// Hand-written: ML.NET's loaders read delimited files, not a folder per class of one-file documents.
/// <summary>
/// Reads a folder laid out like the IMDB archive (and fastai's <c>TextDataLoaders.from_folder</c>):
/// <c>train/&lt;class&gt;/*.txt</c> and <c>test/&lt;class&gt;/*.txt</c>, one document per file, the class being the
/// folder name. Files are read in ordinal name order, so the result is the same on every machine.
/// </summary>
public static class TextFolderDataset
{
    /// <summary>Name of the training split folder.</summary>
    public const string TrainFolder = "train";

    /// <summary>Names tried, in order, for the held-out split folder.</summary>
    public static readonly IReadOnlyList<string> TestFolders = ["test", "valid"];

    /// <summary>Whether <paramref name="root"/> looks like such a folder: it has a <c>train</c> folder with at
    /// least one sub-folder.</summary>
    public static bool LooksLikeOne(string root) =>
        Directory.Exists(Path.Combine(root, TrainFolder))
            && Directory.EnumerateDirectories(Path.Combine(root, TrainFolder)).Any();

    /// <summary>
    /// Reads the training and (when present) test split. The classes are <paramref name="classes"/> when given;
    /// otherwise the class folders present in both splits (so the IMDB archive's unlabelled <c>train/unsup</c>
    /// is left out), or every class folder of <c>train</c> when there is no test split.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder, its <c>train</c> folder or a named class folder is
    /// missing.</exception> <exception cref="InvalidDataException">Fewer than two classes, or a class folder with
    /// no <c>.txt</c> file.</exception>
    public static (List<LabelledText> Train, List<LabelledText>? Test, IReadOnlyList<string> Classes) Read(string root,
        IReadOnlyList<string>? classes = null)
    {
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"Data folder '{root}' does not exist.");
        string train = Path.Combine(root, TrainFolder);
        if (!Directory.Exists(train))
            throw new DirectoryNotFoundException($"'{root}' has no '{TrainFolder}' folder; expected " +
                $"{TrainFolder}/<class>/*.txt and test/<class>/*.txt.");
        string? test = TestFolders.Select(name => Path.Combine(root, name)).FirstOrDefault(Directory.Exists);

        IReadOnlyList<string> chosen = classes is { Count: > 0 } ? classes : DefaultClasses(train, test);
        if (chosen.Count < 2)
            throw new InvalidDataException($"'{train}' has {chosen.Count} class folder(s) " +
                $"({string.Join(", ", chosen)}){(test is null ? string.Empty : $" shared with '{test}'")}; a " +
                $"classifier needs at least two.");
        return (ReadSplit(train, chosen), test is null ? null : ReadSplit(test, chosen), chosen);
    }

    private static List<string> DefaultClasses(string train, string? test)
    {
        IEnumerable<string> names = SubfolderNames(train);
        if (test is not null)
        {
            var inTest = SubfolderNames(test).ToHashSet(StringComparer.Ordinal);
            names = names.Where(inTest.Contains);
        }

        return [.. names];
    }

    private static IEnumerable<string> SubfolderNames(string folder) =>
        Directory.EnumerateDirectories(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    private static List<LabelledText> ReadSplit(string split, IReadOnlyList<string> classes)
    {
        var rows = new List<LabelledText>();
        foreach (string label in classes)
        {
            string folder = Path.Combine(split, label);
            if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Class folder '{folder}' does not " +
                $"exist.");
            string[] files = Directory.GetFiles(folder, "*.txt");
            if (files.Length == 0) throw new InvalidDataException($"Class folder '{folder}' has no .txt files.");
            Array.Sort(files, StringComparer.Ordinal);
            rows.AddRange(files.Select(f => new LabelledText { Label = label, Text = File.ReadAllText(f) }));
        }

        return rows;
    }
}
