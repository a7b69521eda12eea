using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.Tokenization;
using Ml.Recurrent.Training;

namespace Ml.Recurrent.Tests;

/// <summary>Initialising the embedding from a word-vector text file: the reader, the initialisation, the effect.</summary>
[TestClass]
public sealed class WordVectorTests
{
    private static string _dir = string.Empty;

    [ClassInitialize]
    public static void CreateFolder(TestContext _)
    {
        Runtime.TorchRuntime.EnsureLoaded();
        _dir = Directory.CreateTempSubdirectory("mlr-vectors").FullName;
    }

    [ClassCleanup]
    public static void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    private static string Write(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static Dictionary<string, float[]> ReadAll(string path, int dimension, params string[] wanted)
    {
        var read = new Dictionary<string, float[]>();
        WordVectorFile.Read(path, dimension, new HashSet<string>(wanted, StringComparer.Ordinal), (w, v) => read.TryAdd(w, v));
        return read;
    }

    // ---------------------------------------------------------------- the reader

    [TestMethod]
    public void GloveForm_AndHeaderForm_ReadTheSameVectors()
    {
        string glove = Write("glove.txt", "the 0.1 -0.2 3e-1\ncat 1 2 3\ndog -1.5 0 0.25\n");
        // fastText .vec: a "count dimension" header and a space at the end of every line; CRLF line ends.
        string vec = Write("fast.vec", "3 3\r\nthe 0.1 -0.2 3e-1 \r\ncat 1 2 3 \r\ndog -1.5 0 0.25 \r\n");

        Dictionary<string, float[]> a = ReadAll(glove, 3, "cat", "dog", "bird"), b = ReadAll(vec, 3, "cat", "dog", "bird");

        CollectionAssert.AreEquivalent(new[] { "cat", "dog" }, a.Keys.ToArray());
        CollectionAssert.AreEquivalent(a.Keys.ToArray(), b.Keys.ToArray());
        CollectionAssert.AreEqual(new[] { -1.5f, 0f, 0.25f }, a["dog"]);
        foreach (string word in a.Keys) CollectionAssert.AreEqual(a[word], b[word], word);
    }

    [TestMethod]
    [DataRow("a 1 2\nb 1\nc 1 2\n", 2, "has 1 value(s) after the word, not 2")]
    [DataRow("a 1 2\nb 1 2\nc 1 2 3\n", 3, "more than 2 values after the word")]
    [DataRow("a 1 2\nb 1 x\n", 2, "value 2 ('x') is not a finite number")]
    [DataRow("a 1 2\nb 0,5 1\n", 2, "value 1 ('0,5') is not a finite number")]
    [DataRow("a 1 2\nc 3 4\nb NaN 1\n", 3, "value 1 ('NaN') is not a finite number")]
    [DataRow("a 1 2\nb 1e39 1\n", 2, "value 1 ('1e39') is not a finite number")]
    [DataRow("a 1 2\n\nb 1 2\n", 2, "the line is empty")]
    [DataRow("a 1 2\nb 1 2\n 1 2\n", 3, "the word is empty")]
    [DataRow("a 1 2\nb 1  2\n", 2, "it has an empty field (two spaces in a row)")]
    [DataRow("a 1 2\nb  1\n", 2, "value 1 is empty (two spaces in a row)")]
    [DataRow("2 2\na 1 2\nb 1\n", 3, "has 1 value(s) after the word, not 2")]
    public void MalformedLine_IsRejected_NamingFileLineAndRule(string content, int line, string rule)
    {
        string path = Write($"bad-{line}-{Math.Abs(content.GetHashCode())}.txt", content);

        var error = Assert.ThrowsExactly<InvalidDataException>(() => ReadAll(path, 2, "a", "b"));

        StringAssert.Contains(error.Message, $"Word vector file '{path}', line {line}: ");
        StringAssert.Contains(error.Message, rule);
    }

    [TestMethod]
    public void BadNumber_OnALineWhoseWordIsNotWanted_IsNotParsed_ButItsFieldCountIsChecked()
    {
        string unparsed = Write("skip.txt", "a 1 2\nzebra 1 x\nb 3 4\n");
        string miscounted = Write("skip-count.txt", "a 1 2\nzebra 1\nb 3 4\n");

        Assert.HasCount(2, ReadAll(unparsed, 2, "a", "b"));
        var error = Assert.ThrowsExactly<InvalidDataException>(() => ReadAll(miscounted, 2, "a", "b"));
        StringAssert.Contains(error.Message, "line 2: it has 1 value(s)");
    }

    [TestMethod]
    public void TruncatedFile_WhoseHeaderPromisesMoreVectors_IsRejected()
    {
        string path = Write("short.vec", "3 2\na 1 2\nb 3 4\n");
        var error = Assert.ThrowsExactly<InvalidDataException>(() => ReadAll(path, 2, "a"));
        StringAssert.Contains(error.Message, "its header (line 1) declares 3 vectors, but 2 lines follow it");
    }

    [TestMethod]
    public void WordHoldingSpaces_IsAcceptedAndSkipped_AsGloVe840BHasSome()
    {
        string path = Write("spaces.txt", "a 1 2\n. . . 5 6\nat x@y.com 7 8\nb 3 4\n");
        Dictionary<string, float[]> read = ReadAll(path, 2, "a", "b", ".", ". . .");
        CollectionAssert.AreEqual(new[] { 5f, 6f }, read[". . ."]);
        Assert.HasCount(3, read);
    }

    [TestMethod]
    [DataRow("a 1 2 3\nb 1 2 3\n", "holds vectors of 3 values (line 1)")]
    [DataRow("2 3\na 1 2 3\nb 1 2 3\n", "holds vectors of 3 values (its header, line 1)")]
    public void DimensionOtherThanEmbeddingSize_IsRejected_NamingBothAndTheOption(string content, string where)
    {
        string path = Write($"dim-{where.Length}.txt", content);
        var error = Assert.ThrowsExactly<ArgumentException>(() => ReadAll(path, 2, "a"));
        StringAssert.Contains(error.Message, $"'{path}' {where}, but RecurrentTextClassifierOptions.EmbeddingSize is 2");
        StringAssert.Contains(error.Message, "set RecurrentTextClassifierOptions.EmbeddingSize = 3");
    }

    [TestMethod]
    public void DuplicateWord_FirstOccurrenceWins_AndExactSpellingBeatsLowerCaseWhereverItComes()
    {
        // Terms as a tokenizer's key values: the reserved terms, a cased word, words in and out of the file.
        string path = Write("dup.txt", "paris 9 9\ncat 1 2\nxxmaj 5 5\ncat 3 4\nParis 7 8\nCAT 6 6\n");
        string[] terms = ["xxunk", "xxmaj", "xxup", "cat", "Paris", "Cat", "London", "dog"];

        using PretrainedEmbedding vectors = PretrainedEmbedding.Read(path, terms, 2, freeze: false);

        // Rows = key = term index + 1: cat 4, Paris 5, Cat 6 (by lower case: "cat").
        CollectionAssert.AreEqual(new long[] { 4, 5, 6 }, vectors.Rows.ToArray());
        Assert.AreEqual(new WordVectorCoverage(path, 5, 3, 1, 6), vectors.Coverage);
        float[,] embedding = Embedding(vectors, terms.Length);
        CollectionAssert.AreEqual(new[] { 1f, 2f }, Row(embedding, 4), "first 'cat' line wins");
        CollectionAssert.AreEqual(new[] { 7f, 8f }, Row(embedding, 5), "'Paris' exact, though 'paris' came first");
        CollectionAssert.AreEqual(new[] { 1f, 2f }, Row(embedding, 6), "'Cat' takes 'cat', not 'CAT'");
        CollectionAssert.AreNotEqual(new[] { 5f, 5f }, Row(embedding, 2), "the marker xxmaj keeps its random row");
    }

    [TestMethod]
    public void ReservedTerms_AreTheWordTokenizers()
        => CollectionAssert.AreEqual(Vocabulary.ReservedTerms.ToArray(), PretrainedEmbedding.ReservedTerms.ToArray());

    private static float[,] Embedding(PretrainedEmbedding vectors, int keyCount)
    {
        var architecture = ModelingTests.Shape(outputs: 1) with { KeyCount = keyCount, EmbeddingSize = 2 };
        using var module = new Modeling.RecurrentClassifierModule(architecture);
        vectors.Initialize(module);
        float[] flat = module.EmbeddingWeight.data<float>().ToArray();
        var matrix = new float[flat.Length / 2, 2];
        Buffer.BlockCopy(flat, 0, matrix, 0, flat.Length * sizeof(float));
        return matrix;
    }

    private static float[] Row(float[,] matrix, int row) =>
        Enumerable.Range(0, matrix.GetLength(1)).Select(c => matrix[row, c]).ToArray();

    // ---------------------------------------------------------------- options and Fit

    [TestMethod]
    public void Options_FreezeWithoutAFile_OrABlankPath_AreRejected()
    {
        var freeze = Assert.ThrowsExactly<ArgumentException>(() => new RecurrentTextClassifierOptions { FreezeWordVectors = true }.Validate());
        StringAssert.Contains(freeze.Message, "FreezeWordVectors = true needs WordVectorsPath");
        var blank = Assert.ThrowsExactly<ArgumentException>(() => new RecurrentTextClassifierOptions { WordVectorsPath = " " }.Validate());
        StringAssert.Contains(blank.Message, "WordVectorsPath must name a word-vector file");
    }

    [TestMethod]
    public void MissingFile_FailsFit_NamingThePathAndTheOption()
    {
        string path = Path.Combine(_dir, "absent.txt");
        var error = Assert.ThrowsExactly<FileNotFoundException>(() => Fit(Synonyms.Train(40, 1), new() { WordVectorsPath = path }));
        StringAssert.Contains(error.Message, $"WordVectorsPath: the word vector file '{path}' does not exist");
    }

    [TestMethod]
    public void DimensionMismatch_FailsFit_BeforeTraining()
    {
        string path = Write("fit-dim.txt", "good 1 2 3\n");
        var reports = new Reports();
        var options = new RecurrentTextClassifierOptions { WordVectorsPath = path, EmbeddingSize = 4, Progress = reports };
        var error = Assert.ThrowsExactly<ArgumentException>(() => Fit(Synonyms.Train(40, 1), options));
        StringAssert.Contains(error.Message, "holds vectors of 3 values (line 1), but RecurrentTextClassifierOptions.EmbeddingSize is 4");
        Assert.AreEqual(0, reports.Count, "no batch was trained");
    }

    private sealed class Reports : IProgress<TrainingProgress>
    {
        public int Count { get; private set; }

        public void Report(TrainingProgress value) => Count++;
    }

    [TestMethod]
    public void Fit_StartsCoveredRowsAtTheFileVectors_AndLeavesTheOthersRandom()
    {
        List<TestCorpus.BinaryRow> rows = Synonyms.Train(200, 1);
        string path = Write("init.txt", Synonyms.VectorFile(Synonyms.EmbeddingSize, seed: 3));
        RecurrentTextClassifierOptions Tiny(string? vectors) => new()
        {
            EmbeddingSize = Synonyms.EmbeddingSize, HiddenSize = 8, NumberOfEpochs = 1, LearningRate = 1e-7f, Seed = 5,
            WordVectorsPath = vectors,
        };

        RecurrentTextClassifierModelParameters with = Fit(rows, Tiny(path)), without = Fit(rows, Tiny(null));

        Dictionary<string, float[]> file = ReadAll(path, Synonyms.EmbeddingSize, [.. with.TokenTerms]);
        float[,] trained = with.GetEmbeddingMatrix(), random = without.GetEmbeddingMatrix();
        int covered = 0;
        for (int key = 1; key <= with.TokenTerms.Count; key++)
        {
            string term = with.TokenTerms[key - 1];
            // GetEmbeddingMatrix: row k - 1 is key k.
            float[] expected = file.TryGetValue(term, out float[]? vector) ? vector : Row(random, key - 1);
            if (vector is not null) covered++;
            float[] actual = Row(trained, key - 1);
            for (int c = 0; c < expected.Length; c++) Assert.AreEqual(expected[c], actual[c], 1e-4, $"'{term}' value {c}");
        }

        Assert.IsGreaterThan(10, covered);
        Assert.IsLessThan(with.TokenTerms.Count - 3, covered, "filler words and markers are not in the file");
        Assert.AreEqual(new WordVectorCoverage(path, with.TokenTerms.Count - 3, covered, 0, Synonyms.FileWords), with.History!.WordVectors);
        Assert.IsNull(without.History!.WordVectors);
    }

    [TestMethod]
    public void FrozenWordVectors_KeepTheFileValues_WhileOtherRowsTrain()
    {
        List<TestCorpus.BinaryRow> rows = Synonyms.Train(200, 1);
        string path = Write("frozen.txt", Synonyms.VectorFile(Synonyms.EmbeddingSize, seed: 3));
        RecurrentTextClassifierOptions Options(bool freeze, float learningRate = 1e-2f) => new()
        {
            EmbeddingSize = Synonyms.EmbeddingSize, HiddenSize = 8, NumberOfEpochs = 2, Seed = 5, WeightDecay = 0.01f,
            WordVectorsPath = path, FreezeWordVectors = freeze, LearningRate = learningRate,
        };

        RecurrentTextClassifierModelParameters frozen = Fit(rows, Options(true)), trained = Fit(rows, Options(false));

        Dictionary<string, float[]> file = ReadAll(path, Synonyms.EmbeddingSize, [.. frozen.TokenTerms]);
        float[,] f = frozen.GetEmbeddingMatrix(), t = trained.GetEmbeddingMatrix();
        string good = "good";
        int row = frozen.TokenTerms.ToList().IndexOf(good); // GetEmbeddingMatrix: row k - 1 is key k
        CollectionAssert.AreEqual(file[good], Row(f, row), "frozen: exactly the file's vector");
        CollectionAssert.AreNotEqual(file[good], Row(t, row), "not frozen: trained away from it");
        int filler = frozen.TokenTerms.ToList().IndexOf(Synonyms.Filler[0]);
        CollectionAssert.AreNotEqual(Row(f, filler), Row(Fit(rows, Options(true, learningRate: 1e-7f)).GetEmbeddingMatrix(), filler),
            "a word the file lacks is trained even when the file's rows are frozen");
    }

    // ---------------------------------------------------------------- the effect

    /// <summary>
    /// The labels follow "good" and "bad" only. Their synonyms are in the vocabulary (the tokenizer also read unlabelled
    /// texts that hold them) but in no labelled text, so the labels teach nothing about them and their rows get no
    /// gradient. Texts whose only cue is a synonym are then classified by what the vector file says the synonym is
    /// close to: right with the file, at chance without (the synonyms' rows stay random).
    /// </summary>
    [TestMethod]
    public void Vectors_LetTheModelClassifySynonymsTheLabelsNeverTaught()
    {
        List<TestCorpus.BinaryRow> train = Synonyms.Train(600, 1), test = Synonyms.Test(seed: 2);
        string path = Write("effect.txt", Synonyms.VectorFile(Synonyms.EmbeddingSize, seed: 3));
        var with = new List<double>();
        var without = new List<double>();
        foreach (int seed in new[] { 1, 2, 3 })
        {
            RecurrentTextClassifierOptions Options(string? vectors) => new()
            {
                EmbeddingSize = Synonyms.EmbeddingSize, HiddenSize = 32, NumberOfEpochs = 4, Seed = seed, WordVectorsPath = vectors,
            };
            with.Add(Accuracy(train, test, Options(path)));
            without.Add(Accuracy(train, test, Options(null)));
        }

        string figures = $"with vectors {string.Join(", ", with.Select(a => a.ToString("F3")))}; without {string.Join(", ", without.Select(a => a.ToString("F3")))}";
        Assert.IsGreaterThanOrEqualTo(0.95, with.Min(), figures);
        Assert.IsLessThanOrEqualTo(0.7, without.Average(), "without vectors the synonyms' rows are random and untrained: chance; " + figures);
    }

    private static MLContext _ml = new(seed: 1);

    /// <summary>The word tokenizer learns its vocabulary from the labelled texts and the unlabelled ones (where the
    /// synonyms occur); the classifier trains on the labelled texts only.</summary>
    private static ITransformer Tokenizer(List<TestCorpus.BinaryRow> labelled) =>
        _ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", new RecurrentTokenizerOptions { MinimumCount = 1 })
            .Fit(_ml.Data.LoadFromEnumerable(labelled.Concat(Synonyms.Unlabelled())));

    private static RecurrentTextClassifierModelParameters Fit(List<TestCorpus.BinaryRow> rows, RecurrentTextClassifierOptions options) =>
        _ml.BinaryClassification.Trainers.RecurrentTextClassifier(options)
            .Fit(Tokenizer(rows).Transform(_ml.Data.LoadFromEnumerable(rows))).Model;

    private static double Accuracy(List<TestCorpus.BinaryRow> train, List<TestCorpus.BinaryRow> test, RecurrentTextClassifierOptions options)
    {
        ITransformer tokenizer = Tokenizer(train);
        var classifier = _ml.BinaryClassification.Trainers.RecurrentTextClassifier(options).Fit(tokenizer.Transform(_ml.Data.LoadFromEnumerable(train)));
        IDataView scored = classifier.Transform(tokenizer.Transform(_ml.Data.LoadFromEnumerable(test)));
        bool[] predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();
        return predicted.Zip(test).Count(p => p.First == p.Second.Label) / (double)test.Count;
    }

    /// <summary>A tiny sentiment corpus whose labels come from "good" and "bad" alone, and its vector file.</summary>
    private static class Synonyms
    {
        public const int EmbeddingSize = 16;

        public static readonly string[] Filler = ["the", "movie", "was", "really", "i", "think", "it", "so", "quite", "plot"];

        private static readonly string[] Positive = ["fine", "great", "nice", "superb", "lovely"];

        private static readonly string[] Negative = ["awful", "poor", "dreadful", "terrible", "nasty"];

        private static readonly string[] Elsewhere = ["zebra", "quantum", "violin"];

        /// <summary>Lines of <see cref="VectorFile"/>: the anchors, their synonyms and words no text uses.</summary>
        public static int FileWords => 2 + Positive.Length + Negative.Length + Elsewhere.Length;

        /// <summary>Label true with "good", false with "bad", among filler words; no synonym.</summary>
        public static List<TestCorpus.BinaryRow> Train(int count, int seed)
        {
            var random = new Random(seed);
            var rows = new List<TestCorpus.BinaryRow>(count);
            for (int i = 0; i < count; i++)
            {
                bool label = i % 2 == 0;
                List<string> words = Fill(random);
                words.Insert(random.Next(words.Count + 1), label ? "good" : "bad");
                rows.Add(new TestCorpus.BinaryRow { Text = string.Join(' ', words), Label = label });
            }

            return rows;
        }

        /// <summary>Texts without labels that hold the synonyms (two each), so that they are in the vocabulary.</summary>
        public static IEnumerable<TestCorpus.BinaryRow> Unlabelled()
        {
            var random = new Random(7);
            foreach (string word in Positive.Concat(Negative).SelectMany(w => new[] { w, w }))
            {
                List<string> words = Fill(random);
                words.Insert(random.Next(words.Count + 1), word);
                yield return new TestCorpus.BinaryRow { Text = string.Join(' ', words) };
            }
        }

        /// <summary>Six texts per synonym, the synonym their only cue.</summary>
        public static List<TestCorpus.BinaryRow> Test(int seed)
        {
            var random = new Random(seed);
            var rows = new List<TestCorpus.BinaryRow>();
            foreach ((string word, bool label) in Positive.Select(w => (w, true)).Concat(Negative.Select(w => (w, false))))
            {
                for (int i = 0; i < 6; i++)
                {
                    List<string> words = Fill(random);
                    words.Insert(random.Next(words.Count + 1), word);
                    rows.Add(new TestCorpus.BinaryRow { Text = string.Join(' ', words), Label = label });
                }
            }

            return rows;
        }

        /// <summary>GloVe form: "good" and "bad" random, each synonym its anchor plus a little noise; no filler.</summary>
        public static string VectorFile(int dimension, int seed, double noise = 0.15)
        {
            var random = new Random(seed);
            float[] Gaussian(double scale) => Enumerable.Range(0, dimension)
                .Select(_ => (float)(scale * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))
                .ToArray();
            float[] good = Gaussian(1), bad = Gaussian(1);
            var lines = new List<(string Word, float[] Vector)> { ("good", good), ("bad", bad) };
            foreach (string w in Positive) lines.Add((w, good.Zip(Gaussian(noise), (a, b) => a + b).ToArray()));
            foreach (string w in Negative) lines.Add((w, bad.Zip(Gaussian(noise), (a, b) => a + b).ToArray()));
            foreach (string w in Elsewhere) lines.Add((w, Gaussian(1)));
            return string.Concat(lines.Select(l =>
                l.Word + " " + string.Join(' ', l.Vector.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "\n"));
        }

        private static List<string> Fill(Random random) =>
            Enumerable.Range(0, random.Next(3, 8)).Select(_ => Filler[random.Next(Filler.Length)]).ToList();
    }
}
