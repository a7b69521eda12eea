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

    /// <summary>Creates the recurrence that <paramref name="architecture"/> names, reading
    /// <paramref name="inputSize"/> features per step.</summary>
    public static SequenceRecurrence Create(RecurrentArchitecture architecture, int inputSize) =>
        architecture.Cell switch
    {
        RecurrentCell.Rnn or RecurrentCell.Lstm or RecurrentCell.Gru =>
            new FusedRecurrence(architecture.Cell, architecture.RnnActivation, inputSize, architecture.HiddenSize),
        RecurrentCell.HandWrittenRnn =>
            new CellLoopRecurrence(new ElmanCell(inputSize, architecture.HiddenSize, architecture.RnnActivation)),
        RecurrentCell.Custom =>
            new CellLoopRecurrence(RecurrentCellRegistry.Create(architecture.CustomCellName!, inputSize,
                architecture.HiddenSize)),
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture.Cell,
            $"Unknown recurrent cell {architecture.Cell}."),
    };
}
