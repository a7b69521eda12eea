using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Recurrent.Sequences;

/// <summary>
/// Reads a key-vector token column into embedding rows (<see cref="TokenRows"/>): key <c>k</c> (1..keyCount) → row
/// <c>k</c>, a missing key (0) or an out-of-range key → the missing-key row, an empty vector → one missing-key
/// token.
/// </summary>
internal sealed class TokenColumnReader
{
    private readonly ValueGetter<VBuffer<uint>> _getter;
    private readonly int _keyCount;
    private VBuffer<uint> _buffer;

    public TokenColumnReader(DataViewRow row, DataViewSchema.Column column, int keyCount)
    {
        _getter = row.GetGetter<VBuffer<uint>>(column);
        _keyCount = keyCount;
    }

    /// <summary>Reads the current row's tokens into <paramref name="rows"/> (cleared first).</summary>
    public void Read(List<int> rows)
    {
        rows.Clear();
        _getter(ref _buffer);
        int missing = TokenRows.Missing(_keyCount);
        if (_buffer.IsDense)
        {
            foreach (uint value in _buffer.GetValues()) rows.Add(value == 0 || value > _keyCount ? missing
                : (int)value);
        }
        else
        {
            foreach (uint value in _buffer.DenseValues()) rows.Add(value == 0 || value > _keyCount ? missing
                : (int)value);
        }

        if (rows.Count == 0) rows.Add(missing);
    }
}
