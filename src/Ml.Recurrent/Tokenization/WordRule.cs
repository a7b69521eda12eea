namespace Ml.Recurrent.Tokenization;

/// <summary>
/// How the word tokenizer splits text; saved with the tokenizer (format version 2) so that a loaded model splits as
/// it did when it was trained.
/// </summary>
internal enum WordRule
{
    /// <summary>
    /// Tokenizers saved in format version 1: Microsoft.ML.Tokenizers' word-or-punctuation pre-tokenizer
    /// (<c>\w+|[\p{P}]</c> over UTF-16 code units), so every character outside the Basic Multilingual Plane (emoji,
    /// 𝔘𝔫𝔦𝔠𝔬𝔡𝔢) and every symbol (❤, $, +) is a separator and never becomes a token.
    /// </summary>
    BasicPlaneOnly = 1,

    /// <summary>
    /// Tokenizers trained now (<see cref="UnicodeWords"/>): the same words and punctuation over the Basic Plane, and
    /// read by code point: letters, digits and marks outside it continue a word (𝔘𝔫𝔦𝔠𝔬𝔡𝔢 is one
    /// word), and each symbol or punctuation character, in or outside it, is a token of its own (😀, ❤, $).
    /// </summary>
    CodePoints = 2,
}
