namespace Ml.Recurrent.Samples.Data;

/// <summary>Turns a <see cref="DatasetRequest"/> into a <see cref="Dataset"/>, choosing the reader from
/// what the path holds.</summary>
public static class DatasetLoader
{
    /// <summary>Loads the dataset; errors say which file or folder is missing and what was expected there.</summary>
    public static Dataset Load(DatasetRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!(request.TestFraction > 0 && request.TestFraction <= 0.5))
            throw new ArgumentOutOfRangeException(nameof(request), request.TestFraction,
                $"TestFraction must be in (0, 0.5]; got {request.TestFraction}.");
        if (request.MaximumTrainingRows is < 2) throw new ArgumentOutOfRangeException(nameof(request),
            request.MaximumTrainingRows, $"MaximumTrainingRows must be at least 2; got {request.MaximumTrainingRows}.");
        if (request.MaximumTestRows is < 1) throw new ArgumentOutOfRangeException(nameof(request),
            request.MaximumTestRows, $"MaximumTestRows must be at least 1; got {request.MaximumTestRows}.");

        Dataset full = request.Path is null ? Synthetic(request) : FromPath(request, request.Path);
        List<LabelledText> train = request.MaximumTrainingRows is { } maxTrain
            ? Sample(full.Train, maxTrain, request.Seed) : full.Train;
        List<LabelledText> test = request.MaximumTestRows is { } maxTest ? Sample(full.Test, maxTest, request.Seed + 1)
            : full.Test;
        return full with { Train = train, Test = test };
    }

    /// <summary>
    /// Splits rows into (kept, held out): within each class, in order, every k-th row is
    /// held out, k = round(1 / fraction).
    /// Deterministic and stratified, like the fixed splits in ../shared/data.
    /// </summary>
    public static (List<LabelledText> Kept,
        List<LabelledText> HeldOut) StratifiedSplit(IReadOnlyList<LabelledText> rows, double fraction)
    {
        int every = Math.Max(2, (int)Math.Round(1 / fraction));
        var kept = new List<LabelledText>();
        var held = new List<LabelledText>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (LabelledText row in rows)
        {
            int n = seen[row.Label] = seen.GetValueOrDefault(row.Label) + 1;
            (n % every == 0 ? held : kept).Add(row);
        }

        return (kept, held);
    }

    /// <summary>A seeded stratified sample of at most <paramref name="count"/> rows (each class keeps its share),
    /// in the original order.</summary>
    public static List<LabelledText> Sample(List<LabelledText> rows, int count, int seed)
    {
        if (rows.Count <= count) return rows;
        var random = new Random(seed);
        var chosen = new HashSet<int>();
        foreach (IGrouping<string, int> group in Enumerable.Range(0, rows.Count).GroupBy(i => rows[i].Label))
        {
            int[] indexes = [.. group];
            random.Shuffle(indexes);
            int take = Math.Max(1, (int)Math.Round((double)count * indexes.Length / rows.Count));
            chosen.UnionWith(indexes.Take(take));
        }

        return [.. Enumerable.Range(0, rows.Count).Where(chosen.Contains).Select(i => rows[i])];
    }

    private static Dataset Synthetic(DatasetRequest request)
    {
        static List<LabelledText> Make(int count, int seed) =>
            [.. SyntheticReviews.Generate(count, seed)
                .Select(r => new LabelledText { Label = r.Label, Text = r.Text })];
        return new Dataset(Make(request.SyntheticSize.Train, seed: 1), Make(request.SyntheticSize.Test, seed: 2), null,
            "generated movie reviews (word order decides the sentiment; 5% of labels flipped)") { IsGenerated = true };
    }

    private static Dataset FromPath(DatasetRequest request, string path)
    {
        if (File.Exists(path)) return FromFile(request, path);
        if (!Directory.Exists(path))
            throw new DirectoryNotFoundException($"Data path '{path}' does not exist (the shared datasets live in " +
                $"../shared/data next to the repository; a clone without it can use the generated corpus by leaving " +
                $"out --data, or download IMDB with download-imdb).");

        foreach (string extension in new[] { ".tsv", ".csv" })
        {
            string trainFile = Path.Combine(path, "train" + extension);
            if (!File.Exists(trainFile)) continue;
            string testFile = Path.Combine(path, "test" + extension), devFile = Path.Combine(path, "dev" + extension);
            List<LabelledText> train = ReadFile(request, trainFile);
            List<LabelledText>? dev = File.Exists(devFile) ? ReadFile(request, devFile) : null;
            if (File.Exists(testFile)) return new Dataset(train, ReadFile(request, testFile), dev,
                Path.GetFullPath(path));
            (List<LabelledText> kept, List<LabelledText> held) = StratifiedSplit(train, request.TestFraction);
            return new Dataset(kept, held, dev,
                $"{Path.GetFullPath(path)} (no test{extension}: every {Math.Round(1 / request.TestFraction)}th row " +
                $"of train{extension} held out)");
        }

        if (TextFolderDataset.LooksLikeOne(path))
        {
            (List<LabelledText> train, List<LabelledText>? test, IReadOnlyList<string> classes) =
                TextFolderDataset.Read(path, request.Classes);
            string description =
                $"{Path.GetFullPath(path)} (one .txt file per text, classes from folders: " +
                $"{string.Join(", ", classes)})";
            if (test is not null) return new Dataset(train, test, null, description);
            (List<LabelledText> kept, List<LabelledText> held) = StratifiedSplit(train, request.TestFraction);
            return new Dataset(kept, held, null, description + ", test held out from train");
        }

        throw new InvalidDataException($"Data folder '{path}' holds neither train.tsv, train.csv nor " +
            $"train/<class>/*.txt; see README (Samples) for the layouts read.");
    }

    private static Dataset FromFile(DatasetRequest request, string path)
    {
        List<LabelledText> rows = ReadFile(request, path);
        if (request.TestPath is not null) return new Dataset(rows, ReadFile(request, request.TestPath), null,
            Path.GetFullPath(path));
        (List<LabelledText> kept, List<LabelledText> held) = StratifiedSplit(rows, request.TestFraction);
        return new Dataset(kept, held, null,
            $"{Path.GetFullPath(path)} (every {Math.Round(1 / request.TestFraction)}th row of each class held out " +
            $"for test)");
    }

    private static List<LabelledText> ReadFile(DatasetRequest request, string path) =>
        DelimitedTextReader.Read(path, request.Format ?? DelimitedTextReader.FormatOf(path), request.LabelColumn,
            request.TextColumn, request.HasHeader);
}
