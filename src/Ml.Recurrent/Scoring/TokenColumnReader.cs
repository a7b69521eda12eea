using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.Modeling;

namespace Ml.Recurrent.Scoring;

/// <summary>
/// Reads a key-vector token column into embedding rows: key <c>k</c> (1..KeyCount) → row <c>k</c>, a missing
/// key (0) or an out-of-range key → the missing-key row, an empty vector → one missing-key token.
/// </summary>
internal sealed class TokenColumnReader
{
    private readonly ValueGetter<VBuffer<uint>> _getter;
    private readonly RecurrentModelShape _shape;
    private readonly int? _maximumLength;
    private VBuffer<uint> _buffer;

    public TokenColumnReader(DataViewRow row, DataViewSchema.Column column, RecurrentModelShape shape, int? maximumLength = null)
    {
        _getter = row.GetGetter<VBuffer<uint>>(column);
        _shape = shape;
        _maximumLength = maximumLength;
    }

    /// <summary>Reads the current row's tokens into <paramref name="rows"/> (cleared first).</summary>
    public void Read(List<int> rows)
    {
        rows.Clear();
        _getter(ref _buffer);
        int missing = (int)_shape.MissingKeyRow;
        int keyCount = _shape.KeyCount;
        int take = _maximumLength is { } max ? Math.Min(max, _buffer.Length) : _buffer.Length;
        if (_buffer.IsDense)
        {
            ReadOnlySpan<uint> values = _buffer.GetValues();
            for (int i = 0; i < take; i++) rows.Add(values[i] == 0 || values[i] > keyCount ? missing : (int)values[i]);
        }
        else
        {
            int i = 0;
            foreach (uint value in _buffer.DenseValues())
            {
                if (i++ >= take) break;
                rows.Add(value == 0 || value > keyCount ? missing : (int)value);
            }
        }

        if (rows.Count == 0) rows.Add(missing);
    }
}
