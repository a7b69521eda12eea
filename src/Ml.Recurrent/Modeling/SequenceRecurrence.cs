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

    /// <summary>Creates the recurrence that <paramref name="shape"/> names, reading <paramref name="inputSize"/> features per step.</summary>
    public static SequenceRecurrence Create(RecurrentModelShape shape, int inputSize) => shape.Cell switch
    {
        RecurrentCell.Rnn or RecurrentCell.Lstm or RecurrentCell.Gru => new FusedRecurrence(shape.Cell, shape.RnnActivation, inputSize, shape.HiddenSize),
        RecurrentCell.HandWrittenRnn => new CellLoopRecurrence(new ElmanCell(inputSize, shape.HiddenSize, shape.RnnActivation)),
        RecurrentCell.Custom => new CellLoopRecurrence(RecurrentCellRegistry.Create(shape.CustomCellName!, inputSize, shape.HiddenSize)),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape.Cell, $"Unknown recurrent cell {shape.Cell}."),
    };
}
