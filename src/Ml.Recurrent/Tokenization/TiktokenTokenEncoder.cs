using Microsoft.ML.Tokenizers;

namespace Ml.Recurrent.Tokenization;

/// <summary>Encodes texts with the pretrained <c>cl100k_base</c> byte-pair encoding; key = id + 1.</summary>
internal sealed class TiktokenTokenEncoder : ITokenEncoder
{
    private static readonly Lazy<TiktokenTokenizer> Cl100k = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    public TiktokenTokenEncoder()
    {
        Tokenizer = Cl100k.Value;
        int maxSpecial = Tokenizer.SpecialTokens?.Values.DefaultIfEmpty(0).Max() ?? 0;
        // cl100k_base: 100,256 ranks plus special tokens up to id 100,276.
        KeyCount = Math.Max(100_256, maxSpecial + 1);
    }

    public TiktokenTokenizer Tokenizer { get; }

    public int KeyCount { get; }

    public void Encode(ReadOnlySpan<char> text, int maximumLength, List<uint> keys)
    {
        if (text.IsEmpty) return;
        IReadOnlyList<int> ids = Tokenizer.EncodeToIds(text, maximumLength, out _, out _);
        foreach (int id in ids) keys.Add((uint)id + 1);
    }

    public string TermOf(uint key) => Tokenizer.Decode([(int)key - 1]) ?? string.Empty;
}
