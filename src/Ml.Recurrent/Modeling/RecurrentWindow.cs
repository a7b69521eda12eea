using Ml.Recurrent.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Ml.Recurrent.Modeling;

/// <summary>
/// The tokens the recurrent part reads of a long text: at most <see cref="Length"/>, its head (the first
/// <see cref="Head"/> tokens) and its tail (the last <c>Length − Head</c>). A text that fits is read whole. Reading
/// head and tail rather than the head alone follows Sun et al. (2019, "How to fine-tune BERT for text
/// classification"), whose best cut of long reviews kept the first quarter and the last three quarters of the
/// window; the beginning of a text holds its subject, the end its conclusion. The bag-of-n-grams path reads every
/// token, so nothing the tokenizer kept is ignored by the model as a whole.
/// </summary>
internal sealed class RecurrentWindow : IDisposable
{
    // Held for the window's lifetime (see ScalarConstants for why temporaries are avoided in forward passes).
    private readonly Scalar _length;
    private readonly Scalar _head;

    /// <param name="length">Most tokens read (0: every token).</param>
    public RecurrentWindow(int length)
    {
        Length = length;
        Head = HeadOf(length);
        _length = ((long)length).ToScalar();
        _head = ((long)Head).ToScalar();
    }

    /// <summary>Most tokens the recurrent part reads; 0 reads every token.</summary>
    public int Length { get; }

    /// <summary>Tokens read from the start of a text longer than <see cref="Length"/>.</summary>
    public int Head { get; }

    /// <summary>The head of a window of <paramref name="length"/> tokens: a quarter, rounded down.</summary>
    public static int HeadOf(int length) => length / 4;

    /// <summary>Whether a batch padded to <paramref name="time"/> positions has rows the window cuts.</summary>
    public bool Cuts(long time) => Length > 0 && time > Length;

    /// <summary>
    /// The positions each row reads, <c>[batch, min(time, Length)]</c> (int64) for right-padded rows of real
    /// <paramref name="lengths"/>: <c>p</c> in the head, <c>p + length − Length</c> in the tail of a row that is cut,
    /// and <c>p</c> everywhere in a row that fits (so its padding stays padding). Only when <see cref="Cuts"/>.
    /// </summary>
    public Tensor Positions(Tensor lengths)
    {
        Tensor positions = HeldRange.Of(Length, lengths.device).unsqueeze(0);
        Tensor shift = lengths.sub(_length).clamp_min(ScalarConstants.Zero).unsqueeze(1);
        return where(positions.lt(_head), positions, positions.add(shift, ScalarConstants.One));
    }

    /// <summary>Rows of <paramref name="values"/> (<c>[batch, time]</c> or <c>[batch, time, features]</c>) cut to
    /// the window, and their new lengths; the input itself when nothing is cut.</summary>
    public (Tensor Values, Tensor Lengths) Select(Tensor values, Tensor lengths)
    {
        if (!Cuts(values.shape[1])) return (values, lengths);
        Tensor index = Positions(lengths);
        if (values.dim() == 3) index = index.unsqueeze(2).expand(-1, -1, values.shape[2]);
        return (values.gather(1, index), lengths.clamp_max(_length));
    }

    public void Dispose()
    {
        _length.Dispose();
        _head.Dispose();
    }
}
