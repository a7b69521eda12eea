using Microsoft.ML;

namespace Ml.Recurrent.Tests;

/// <summary>
/// Tiny data for explanation tests: lower-case filler words plus exactly one of "good"/"bad", which alone decides
/// the label; and trained models on it and on <see cref="TestCorpus"/>, made once per test run.
/// </summary>
internal static class ExplanationCorpus
{
    public const string Positive = "good", Negative = "bad";

    private static readonly string[] Filler =
        ["the", "a", "it", "was", "and", "then", "of", "to", "with", "this", "that", "film", "story", "we", "saw", "plot"];

    private static readonly Lazy<(MLContext Ml, ITransformer Model)> DecisiveModel = new(() =>
    {
        var ml = new MLContext(seed: 1);
        ITransformer model = ClassifierTests.BinaryPipeline(ml, RecurrentOnly(RecurrentCell.Lstm))
            .Fit(TestCorpus.Load(ml, Decisive(300, seed: 1)));
        return (ml, model);
    });

    private static readonly Lazy<(MLContext Ml, ITransformer Model)> TopicModel = new(() =>
    {
        var ml = new MLContext(seed: 1);
        ITransformer model = ClassifierTests.MulticlassPipeline(ml, RecurrentOnly(RecurrentCell.Gru))
            .Fit(TestCorpus.Load(ml, TestCorpus.Multiclass(300, seed: 1)));
        return (ml, model);
    });

    /// <summary>Models without the bag-of-n-grams path: these tests measure attributions through the recurrent part
    /// (integration error, faithfulness); the path's exact, linear share is tested in BagOfNgramsTests.</summary>
    private static RecurrentTextClassifierOptions RecurrentOnly(RecurrentCell cell)
    {
        RecurrentTextClassifierOptions options = ClassifierTests.Small(cell, epochs: 6);
        options.BagOfNgramsLength = 0;
        return options;
    }

    /// <summary>A binary model (bidirectional LSTM) trained on <see cref="Decisive"/> texts.</summary>
    public static (MLContext Ml, ITransformer Model) Binary => DecisiveModel.Value;

    /// <summary>A three-class model (bidirectional GRU) trained on <see cref="TestCorpus.Multiclass"/> texts.</summary>
    public static (MLContext Ml, ITransformer Model) Multiclass => TopicModel.Value;

    /// <summary>Rows of 3–10 filler words with one decisive word at a random place; label: the word is
    /// "good".</summary>
    public static List<TestCorpus.BinaryRow> Decisive(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<TestCorpus.BinaryRow>(count);
        for (int i = 0; i < count; i++)
        {
            bool positive = i % 2 == 0;
            var words = new List<string>();
            int filler = random.Next(3, 11);
            for (int w = 0; w < filler; w++) words.Add(Filler[random.Next(Filler.Length)]);
            words.Insert(random.Next(words.Count + 1), positive ? Positive : Negative);
            rows.Add(new TestCorpus.BinaryRow { Text = string.Join(' ', words), Label = positive });
        }

        return rows;
    }
}
