using Ml.Recurrent.Runtime;
using static TorchSharp.torch;

namespace Ml.Recurrent.Modeling;

/// <summary>
/// Per-batch helpers derived from the real lengths of right-padded sequences: the mask of real positions
/// and the index that reverses each sequence within its own length (so that a backward reader starts at
/// the real last token, never at padding).
/// </summary>
internal sealed class SequenceBatch
{
    private Tensor? _mask;
    private Tensor? _reverseIndex;

    /// <param name="lengths">Real lengths, <c>[batch]</c>, int64, each in 1..<paramref name="time"/>.</param>
    /// <param name="time">Padded length.</param>
    /// <param name="uniform">All lengths equal <paramref name="time"/> (no padding).</param>
    public SequenceBatch(Tensor lengths, long time, bool uniform)
    {
        Lengths = lengths;
        Time = time;
        Uniform = uniform;
    }

    public Tensor Lengths { get; }

    public long Time { get; }

    public bool Uniform { get; }

    /// <summary><c>[batch, time]</c> bool: true at real positions.</summary>
    public Tensor Mask =>
        _mask ??= HeldRange.Of(Time, Lengths.device).unsqueeze(0) < Lengths.unsqueeze(1);

    /// <summary>Reverses each row of <paramref name="values"/> (<c>[batch, time, features]</c>) within its real length;
    /// padding stays in place.</summary>
    public Tensor ReverseWithinLengths(Tensor values)
    {
        if (Uniform) return values.flip(1);
        if (_reverseIndex is null)
        {
            Tensor positions = HeldRange.Of(Time, Lengths.device).unsqueeze(0);
            Tensor reversed = Lengths.unsqueeze(1).sub(ScalarConstants.One).sub(positions);
            _reverseIndex = where(Mask, reversed, positions);
        }

        return values.gather(1, _reverseIndex.unsqueeze(2).expand(-1, -1, values.shape[2]));
    }

    /// <summary>The values at each row's last real position: <c>[batch, time, features]</c> →
    /// <c>[batch, features]</c>.</summary>
    public Tensor AtLastPosition(Tensor values)
    {
        if (Uniform) return values.select(1, Time - 1);
        Tensor index = Lengths.sub(ScalarConstants.One).view(-1, 1, 1).expand(-1, 1, values.shape[2]);
        return values.gather(1, index).squeeze(1);
    }
}
