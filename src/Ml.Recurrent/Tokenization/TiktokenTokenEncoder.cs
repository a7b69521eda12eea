using Microsoft.ML.Tokenizers;

namespace Ml.Recurrent.Tokenization;

/// <summary>Encodes texts with the pretrained <c>cl100k_base</c> byte-pair encoding; key = id + 1.</summary>
internal sealed class TiktokenTokenEncoder : ITokenEncoder
{
    private static readonly Lazy<TiktokenTokenizer> Cl100k =
        new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    // The key values are read whenever a classifier checks that its input has the vocabulary it was trained
    // with; decoding all ids each time would cost ~150 ms, so they are decoded once per process.
    private static readonly Lazy<string[]> Terms = new(() =>
    {
        TiktokenTokenizer tokenizer = Cl100k.Value;
        var terms = new string[KeyCountOf(tokenizer)];
        for (int id = 0; id < terms.Length; id++) terms[id] = tokenizer.Decode([id]) ?? string.Empty;
        return terms;
    });

    public TiktokenTokenEncoder()
    {
        Tokenizer = Cl100k.Value;
        KeyCount = KeyCountOf(Tokenizer);
    }

    public TiktokenTokenizer Tokenizer { get; }

    public int KeyCount { get; }

    public void Encode(ReadOnlySpan<char> text, int maximumLength, List<uint> keys)
    {
        if (text.IsEmpty) return;
        IReadOnlyList<int> ids = Tokenizer.EncodeToIds(text, maximumLength, out _, out _);
        foreach (int id in ids) keys.Add((uint)id + 1);
    }

    public string TermOf(uint key) => Terms.Value[(int)key - 1];

    // cl100k_base: 100,256 ranks plus special tokens up to id 100,276.
    private static int KeyCountOf(TiktokenTokenizer tokenizer) =>
        Math.Max(100_256, (tokenizer.SpecialTokens?.Values.DefaultIfEmpty(0).Max() ?? 0) + 1);
}
