namespace Ml.Recurrent;

/// <summary>Options of <see cref="RecurrentCatalog.TokenizeForRecurrent(Microsoft.ML.TransformsCatalog.TextTransforms,
/// string, string, RecurrentTokenizerOptions)"/>.</summary>
public sealed class RecurrentTokenizerOptions
{
    /// <summary>Default of <see cref="MaximumVocabularySize"/>.</summary>
    public const int DefaultMaximumVocabularySize = 20_000;

    /// <summary>Default of <see cref="MinimumCount"/>.</summary>
    public const int DefaultMinimumCount = 2;

    /// <summary>Default of <see cref="MaximumWordLength"/>: BERT's WordPiece limit (Microsoft.ML.Tokenizers'
    /// <c>WordPieceOptions.MaxInputCharsPerWord</c>).</summary>
    public const int DefaultMaximumWordLength = 100;

    /// <summary>Largest <see cref="MaximumWordLength"/>: 16,384 UTF-16 characters are at most 49,152 UTF-8 bytes,
    /// within the 65,536 bytes a saved term may hold.</summary>
    public const int MaximumWordLengthLimit = 16_384;

    /// <summary>Default of <see cref="MaximumLength"/>.</summary>
    public const int DefaultMaximumLength = 3000;

    /// <summary>
    /// Most words kept in the learned vocabulary, the most frequent first (ties in ordinal order), not
    /// counting the reserved tokens. Default 20,000; at least 1. Ignored by a pretrained tokenizer.
    /// </summary>
    public int MaximumVocabularySize { get; set; } = DefaultMaximumVocabularySize;

    /// <summary>
    /// A word must occur at least this many times in the training data to get its own id; rarer words
    /// become the unknown token. Default 2 (a word seen once teaches the model little, and mapping it to the
    /// unknown token lets the unknown embedding learn); at least 1. Ignored by a pretrained tokenizer.
    /// </summary>
    public int MinimumCount { get; set; } = DefaultMinimumCount;

    /// <summary>
    /// Tokens kept per text, counting capitalisation markers; longer texts keep their first
    /// <c>MaximumLength</c> tokens. Default 3,000 (documents of a few pages are kept whole: the classifier's
    /// bag-of-n-grams path reads every token, its recurrent part a window, <c>MaximumRecurrentLength</c>); at least 1.
    /// </summary>
    public int MaximumLength { get; set; } = DefaultMaximumLength;

    /// <summary>
    /// Longest word, in UTF-16 characters (after lower-casing), that can enter the vocabulary. A longer "word" (a URL,
    /// a base64 blob, a run of letters without spaces) is read as the unknown token <c>xxunk</c> in training and
    /// scoring, as BERT's WordPiece does with words over 100 characters; its capitalisation marker is kept. Default
    /// 100; 1 to 16,384. It keeps every saved term within the 65,536 UTF-8 bytes a model can hold, and the
    /// vocabulary counting from holding huge strings. Not saved: a word longer than this is never a term, so the
    /// loaded vocabulary gives it the unknown key.
    /// </summary>
    public int MaximumWordLength { get; set; } = DefaultMaximumWordLength;

    /// <summary>Lower-case words before looking them up. Default <c>true</c>. Ignored by a
    /// pretrained tokenizer.</summary>
    public bool LowerCase { get; set; } = true;

    /// <summary>
    /// With <see cref="LowerCase"/>, put the marker <c>xxmaj</c> before a word that started with a capital
    /// and <c>xxup</c> before a word of two or more letters in capitals, as fastai does, so lower-casing keeps
    /// that information. Default <c>true</c>. Must be <c>false</c> when <see cref="LowerCase"/> is <c>false</c>.
    /// </summary>
    public bool CapitalizationMarkers { get; set; } = true;

    /// <summary>Use a pretrained subword tokenizer instead of learning a word vocabulary. Default
    /// <see cref="PretrainedTokenizer.None"/>.</summary>
    public PretrainedTokenizer Pretrained { get; set; } = PretrainedTokenizer.None;

    /// <summary>How words are split: <see cref="Tokenization.WordRule.CodePoints"/> for every tokenizer trained now;
    /// a loaded tokenizer keeps the rule it was saved with.</summary>
    internal Tokenization.WordRule WordRule { get; set; } = Tokenization.WordRule.CodePoints;

    /// <summary>Checks every option; throws <see cref="ArgumentOutOfRangeException"/> naming the
    /// option and its value.</summary>
    public void Validate()
    {
        if (MaximumVocabularySize < 1)
            throw new ArgumentOutOfRangeException(nameof(MaximumVocabularySize), MaximumVocabularySize,
                $"{nameof(MaximumVocabularySize)} must be at least 1; got {MaximumVocabularySize}.");
        if (MinimumCount < 1)
            throw new ArgumentOutOfRangeException(nameof(MinimumCount), MinimumCount,
                $"{nameof(MinimumCount)} must be at least 1; got {MinimumCount}.");
        if (MaximumLength < 1)
            throw new ArgumentOutOfRangeException(nameof(MaximumLength), MaximumLength,
                $"{nameof(MaximumLength)} must be at least 1; got {MaximumLength}.");
        if (MaximumWordLength < 1 || MaximumWordLength > MaximumWordLengthLimit)
            throw new ArgumentOutOfRangeException(nameof(MaximumWordLength), MaximumWordLength,
                $"{nameof(MaximumWordLength)} must be in [1, {MaximumWordLengthLimit}]; got {MaximumWordLength}.");
        if (CapitalizationMarkers && !LowerCase)
            throw new ArgumentException($"{nameof(CapitalizationMarkers)} = true needs {nameof(LowerCase)} = true: " +
                $"markers record the case that lower-casing removes; got {nameof(LowerCase)} = " +
                $"false.", nameof(CapitalizationMarkers));
        if (!Enum.IsDefined(Pretrained))
            throw new ArgumentOutOfRangeException(nameof(Pretrained), Pretrained,
                $"{nameof(Pretrained)} must be one of {string.Join(", ", Enum.GetNames<PretrainedTokenizer>())}; got " +
                $"{(int)Pretrained}.");
    }

    internal RecurrentTokenizerOptions Clone() => (RecurrentTokenizerOptions)MemberwiseClone();
}
