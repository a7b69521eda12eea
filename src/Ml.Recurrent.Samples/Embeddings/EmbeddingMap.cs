using System.Globalization;
using System.Text;

namespace Ml.Recurrent.Samples.Embeddings;

/// <summary>
/// A 2-D map of a trained model's word embeddings (the tutorial's exercise 3): the most frequent words, their
/// PCA and t-SNE coordinates, and optionally the class the model predicts for each word read alone.
/// </summary>
/// <param name="Words">The words, most frequent first.</param>
/// <param name="Pca">PCA coordinates, [word][2].</param>
/// <param name="PcaExplainedVariance">Share of variance of the two principal components.</param>
/// <param name="Tsne">t-SNE coordinates, [word][2].</param>
/// <param name="TsneKlDivergence">The t-SNE map's final KL divergence.</param>
/// <param name="PredictedClass">Per word, the class predicted for the word on its own, or <c>null</c>.</param>
public sealed record EmbeddingMap(IReadOnlyList<string> Words, double[][] Pca, double[] PcaExplainedVariance,
    double[][] Tsne, double TsneKlDivergence, IReadOnlyList<string>? PredictedClass)
{
    /// <summary>Terms a learned vocabulary starts with, which are markers rather than words.</summary>
    public static readonly IReadOnlyList<string> ReservedTerms = ["xxunk", "xxmaj", "xxup"];

    /// <summary>
    /// Picks the first <paramref name="count"/> words of a vocabulary in frequency order (as the tokenizer stores
    /// it), skipping reserved markers and, unless <paramref name="includePunctuation"/>, tokens without a letter
    /// or digit. Returns each word with its row in <paramref name="embeddings"/>.
    /// </summary>
    public static List<(string Word, double[] Vector)> MostFrequent(IReadOnlyList<string> terms, float[,] embeddings,
        int count, bool includePunctuation = false)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(embeddings);
        if (count < 3) throw new ArgumentOutOfRangeException(nameof(count), count,
            $"count must be at least 3; got {count}.");
        if (terms.Count == 0)
            throw new ArgumentException("The model has no token terms (a pretrained subword tokenizer, or keys " +
                "without text values); there are no words to map.", nameof(terms));
        if (embeddings.GetLength(0) != terms.Count)
            throw new ArgumentException($"The embedding matrix has {embeddings.GetLength(0)} rows but there are " +
                $"{terms.Count} terms.", nameof(embeddings));
        var chosen = new List<(string, double[])>();
        for (int k = 0; k < terms.Count && chosen.Count < count; k++)
        {
            string term = terms[k];
            if (ReservedTerms.Contains(term)) continue;
            if (!includePunctuation && !term.Any(char.IsLetterOrDigit)) continue;
            chosen.Add((term, [.. Enumerable.Range(0, embeddings.GetLength(1)).Select(j => (double)embeddings[k, j])]));
        }

        return chosen;
    }

    /// <summary>Projects the words with PCA and t-SNE.</summary>
    public static EmbeddingMap Project(IReadOnlyList<(string Word, double[] Vector)> words,
        double perplexity = Embeddings.Tsne.DefaultPerplexity, Func<string, string>? predict = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        double[][] vectors = [.. words.Select(w => w.Vector)];
        Pca.Result pca = Embeddings.Pca.Fit(vectors, 2);
        var tsne = new Tsne { Perplexity = perplexity };
        double[][] map = tsne.Fit(vectors);
        IReadOnlyList<string>? predicted = predict is null ? null : [.. words.Select(w => predict(w.Word))];
        return new EmbeddingMap([.. words.Select(w => w.Word)], pca.Coordinates, pca.ExplainedVarianceRatio, map,
            tsne.FinalKlDivergence, predicted);
    }

    /// <summary>The coordinates as CSV: rank, word, PCA x/y, t-SNE x/y, predicted class.</summary>
    public string ToCsv()
    {
        var text = new StringBuilder("rank,word,pca_x,pca_y,tsne_x,tsne_y,predicted_class\n");
        for (int i = 0; i < Words.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{i + 1},{Csv(Words[i])},{Pca[i][0]:R},{Pca[i][1]:R},{Tsne[i][0]:R},{Tsne[i][1]:R}," +
                $"{Csv(PredictedClass?[i] ?? string.Empty)}\n");
        }

        return text.ToString();
    }

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
}
