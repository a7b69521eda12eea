namespace Ml.Recurrent.Tokenization;

/// <summary>Turns a text into ML.NET key values (1 .. <see cref="KeyCount"/>); one
/// implementation per tokenizer kind.</summary>
internal interface ITokenEncoder
{
    /// <summary>The key count of the output column: the number of distinct token ids.</summary>
    int KeyCount { get; }

    /// <summary>Appends the keys of the first <paramref name="maximumLength"/> tokens of <paramref name="text"/> to
    /// <paramref name="keys"/>.</summary>
    void Encode(ReadOnlySpan<char> text, int maximumLength, List<uint> keys);

    /// <summary>The text of the token with key <paramref name="key"/> (1-based), for the
    /// KeyValues annotation.</summary>
    string TermOf(uint key);
}
