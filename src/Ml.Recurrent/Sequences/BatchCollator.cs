using static TorchSharp.torch;

namespace Ml.Recurrent.Sequences;

/// <summary>Builds the right-padded token tensor <c>[batch, longest]</c> and the length
/// tensor of a batch of rows.</summary>
internal static class BatchCollator
{
    public static (Tensor Tokens, Tensor Lengths) Collate(TokenSequenceStore store, IReadOnlyList<int> rows)
    {
        int longest = 0;
        foreach (int row in rows) longest = Math.Max(longest, store.Length(row));
        var tokens = new long[rows.Count * longest];
        var lengths = new long[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            ReadOnlySpan<int> sequence = store.Tokens(rows[i]);
            lengths[i] = sequence.Length;
            Span<long> target = tokens.AsSpan(i * longest, sequence.Length);
            for (int t = 0; t < sequence.Length; t++) target[t] = sequence[t];
        }

        return (tensor(tokens, [rows.Count, longest]), tensor(lengths));
    }
}
