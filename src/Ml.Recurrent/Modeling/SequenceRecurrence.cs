using TorchSharp;
using static TorchSharp.torch;

namespace Ml.Recurrent.Modeling;

/// <summary>
/// One recurrent layer read in one direction: <c>[batch, time, input]</c> → <c>[batch, time, hidden]</c>,
/// starting from a zero state. Hides the different return shapes of TorchSharp's RNN, LSTM and GRU and
/// of the hand-written cell. Padding must come after the real tokens (right padding): outputs at real
/// positions then never depend on it.
/// </summary>
internal abstract class SequenceRecurrence : nn.Module<Tensor, Tensor>
{
    protected SequenceRecurrence(string name)
        : base(name)
    {
    }

    /// <summary>Creates the recurrence that <paramref name="cell"/> names.</summary>
    public static SequenceRecurrence Create(RecurrentCell cell, RnnActivation activation, int inputSize, int hiddenSize) => cell switch
    {
        RecurrentCell.Rnn or RecurrentCell.Lstm or RecurrentCell.Gru => new FusedRecurrence(cell, activation, inputSize, hiddenSize),
        RecurrentCell.HandWrittenRnn => new CellLoopRecurrence(new ElmanCell(inputSize, hiddenSize, activation)),
        _ => throw new ArgumentOutOfRangeException(nameof(cell), cell, $"Unknown recurrent cell {cell}."),
    };
}
