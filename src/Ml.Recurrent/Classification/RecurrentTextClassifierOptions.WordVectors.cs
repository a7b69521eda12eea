using Ml.Recurrent.Training;

namespace Ml.Recurrent;

/// <summary>Initialising the embedding from a word-vector file.</summary>
public sealed partial class RecurrentTextClassifierOptions
{
    /// <summary>Default of <see cref="FreezeWordVectors"/>.</summary>
    public const bool DefaultFreezeWordVectors = false;

    /// <summary>
    /// A word-vector text file (GloVe, or word2vec/fastText <c>.vec</c> with its first line <c>count dimension</c>,
    /// detected by itself; UTF-8) to initialise the embedding from, as ML.NET's <c>ApplyWordEmbedding</c> reads
    /// GloVe and fastText files. <c>Fit</c> streams the file before training and gives each word of the token
    /// column's vocabulary (its key values) the file's vector for the same word, else for its lower-case form; for a
    /// word listed twice the first line wins. Other words, the tokenizer's <c>xxunk</c>, <c>xxmaj</c> and
    /// <c>xxup</c>, and the padding and missing-key rows keep the random initialisation, and every row is then
    /// trained unless <see cref="FreezeWordVectors"/>. The file's dimension must equal <see cref="EmbeddingSize"/>;
    /// a malformed line is an error naming the line. How many words were covered:
    /// <see cref="TrainingHistory.WordVectors"/> and the training log. The model saves the trained embedding as
    /// always and does not need the file to load. Meant for the word tokenizer: the pretrained <c>cl100k</c>
    /// tokenizer's pieces start with a space and match few words. Default <c>null</c>: random initialisation.
    /// </summary>
    public string? WordVectorsPath { get; set; }

    /// <summary>
    /// With <see cref="WordVectorsPath"/>: keep the rows the file covered at the file's values during training (their
    /// gradients are zeroed and the values restored after each optimiser step, so weight decay does not move them
    /// either); the other rows are trained. Helps when the training data is small and the vocabulary holds words
    /// whose labelled examples are few. Default <c>false</c>.
    /// </summary>
    public bool FreezeWordVectors { get; set; } = DefaultFreezeWordVectors;

    /// <summary>The word vectors for the token column's <paramref name="terms"/>, or <c>null</c> without a file.
    /// </summary>
    internal PretrainedEmbedding? ReadWordVectors(IReadOnlyList<string> terms)
    {
        if (WordVectorsPath is not { } path) return null;
        if (terms.Count == 0)
            throw new ArgumentException($"{nameof(WordVectorsPath)} = '{path}' needs the words of token column " +
                $"'{FeatureColumnName}', but the column has no text key values (use TokenizeForRecurrent, or " +
                $"MapValueToKey on words).", nameof(WordVectorsPath));
        return PretrainedEmbedding.Read(path, terms, EmbeddingSize, FreezeWordVectors);
    }
}
