namespace Ml.Recurrent.Sequences;

/// <summary>
/// Token sequences and labels read once from an <c>IDataView</c> into one flat buffer plus offsets, so
/// batching never allocates per row. Tokens are embedding rows (key <c>k</c> → row <c>k</c>; a missing key →
/// the model's missing-key row); an empty sequence is stored as one missing-key token.
/// </summary>
internal sealed class TokenSequenceStore
{
    private readonly int[] _tokens;
    private readonly int[] _offsets;
    private readonly int[] _labels;

    public TokenSequenceStore(int[] tokens, int[] offsets, int[] labels)
    {
        if (offsets.Length != labels.Length + 1)
            throw new ArgumentException("offsets must have one more entry than labels.", nameof(offsets));
        _tokens = tokens;
        _offsets = offsets;
        _labels = labels;
    }

    public int Count => _labels.Length;

    public long TokenCount => _offsets[^1];

    public int Length(int row) => _offsets[row + 1] - _offsets[row];

    public ReadOnlySpan<int> Tokens(int row) => _tokens.AsSpan(_offsets[row], Length(row));

    public int Label(int row) => _labels[row];

    /// <summary>A store holding the given rows of this one, in that order.</summary>
    public TokenSequenceStore Subset(IReadOnlyList<int> rows)
    {
        var offsets = new int[rows.Count + 1];
        var labels = new int[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            offsets[i + 1] = offsets[i] + Length(rows[i]);
            labels[i] = _labels[rows[i]];
        }

        var tokens = new int[offsets[^1]];
        for (int i = 0; i < rows.Count; i++) Tokens(rows[i]).CopyTo(tokens.AsSpan(offsets[i]));
        return new TokenSequenceStore(tokens, offsets, labels);
    }

    /// <summary>Accumulates rows; <see cref="Build"/> freezes them.</summary>
    public sealed class Builder
    {
        private readonly List<int> _offsets = [0];
        private readonly List<int> _labels = [];
        private int[] _tokens = new int[1024];
        private int _count;

        public int Rows => _labels.Count;

        public void Add(ReadOnlySpan<int> tokens, int label)
        {
            if (_count + tokens.Length > _tokens.Length)
                Array.Resize(ref _tokens, Math.Max(_tokens.Length * 2, _count + tokens.Length));
            tokens.CopyTo(_tokens.AsSpan(_count));
            _count += tokens.Length;
            _offsets.Add(_count);
            _labels.Add(label);
        }

        public TokenSequenceStore Build() =>
            new(_tokens.AsSpan(0, _count).ToArray(), _offsets.ToArray(), _labels.ToArray());
    }
}
