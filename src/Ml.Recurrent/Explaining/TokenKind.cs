namespace Ml.Recurrent;

/// <summary>What a token in an explanation stands for.</summary>
public enum TokenKind
{
    /// <summary>A word, punctuation mark or sub-word piece in the vocabulary.</summary>
    Word,

    /// <summary>A capitalisation marker the tokenizer inserted (<c>xxmaj</c>: next word capitalised; <c>xxup</c>:
    /// written in capitals).</summary>
    CapitalizationMarker,

    /// <summary>The unknown token (<c>xxunk</c>), standing for a word outside the vocabulary.</summary>
    Unknown,

    /// <summary>A missing or out-of-range key, or the single placeholder the model reads for an empty text.</summary>
    Missing,
}
