namespace Ml.Recurrent.Tokenization;

/// <summary>Encodes words with a learned <see cref="Vocabulary"/>; unseen words become the unknown key.</summary>
internal sealed class WordTokenEncoder : ITokenEncoder
{
    private readonly WordSplitter _splitter;

    public WordTokenEncoder(Vocabulary vocabulary, bool lowerCase, bool capitalizationMarkers, WordRule rule)
    {
        Vocabulary = vocabulary;
        Rule = rule;
        _splitter = new WordSplitter(lowerCase, capitalizationMarkers, rule);
    }

    /// <summary>How words are split.</summary>
    public WordRule Rule { get; }

    public Vocabulary Vocabulary { get; }

    public int KeyCount => Vocabulary.Count;

    public void Encode(ReadOnlySpan<char> text, int maximumLength, List<uint> keys)
    {
        int start = keys.Count;
        _splitter.Split(text, token =>
        {
            keys.Add(Vocabulary.KeyOf(token));
            return keys.Count - start < maximumLength;
        });
    }

    public string TermOf(uint key) => Vocabulary.Terms[(int)key - 1];
}
