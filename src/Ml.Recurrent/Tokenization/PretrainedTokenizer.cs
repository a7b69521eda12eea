namespace Ml.Recurrent;

/// <summary>Which tokenizer <see cref="RecurrentTokenizerOptions"/> uses.</summary>
public enum PretrainedTokenizer
{
    /// <summary>
    /// Words and punctuation (Microsoft.ML.Tokenizers' word-or-punctuation pre-tokenizer and lower-case
    /// normalizer); the vocabulary is learned from the training data.
    /// </summary>
    None = 0,

    /// <summary>
    /// The pretrained byte-pair-encoding vocabulary <c>cl100k_base</c> (Tiktoken, as used by GPT-4),
    /// from the Microsoft.ML.Tokenizers.Data.Cl100kBase package. Nothing is learned; every text maps
    /// to subword ids, so there are no unknown tokens. About 100,000 ids: the embedding grows accordingly.
    /// </summary>
    Cl100kBase = 1,
}
