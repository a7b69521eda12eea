using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ml.Recurrent.Modeling;

/// <summary>
/// A single-layer, single-direction TorchSharp <c>nn.RNN</c>/<c>nn.LSTM</c>/<c>nn.GRU</c> (batch first).
/// Runs libtorch's fused kernel on a plain padded tensor: no <c>PackedSequence</c>, which would skip
/// oneDNN's fast path on CPU (see docs/design.md).
/// </summary>
internal sealed class FusedRecurrence : SequenceRecurrence
{
    // Field names are state-dict keys: "rnn.weight_ih_l0", ...
    private readonly RNN? rnn;
    private readonly LSTM? lstm;
    private readonly GRU? gru;

    public FusedRecurrence(RecurrentCell cell, RnnActivation activation, int inputSize, int hiddenSize)
        : base(nameof(FusedRecurrence))
    {
        switch (cell)
        {
            case RecurrentCell.Rnn:
                rnn = nn.RNN(inputSize, hiddenSize, numLayers: 1,
                    nonLinearity: activation == RnnActivation.Relu ? nn.NonLinearities.ReLU
                        : nn.NonLinearities.Tanh, batchFirst: true);
                break;
            case RecurrentCell.Lstm:
                lstm = nn.LSTM(inputSize, hiddenSize, numLayers: 1, batchFirst: true);
                break;
            case RecurrentCell.Gru:
                gru = nn.GRU(inputSize, hiddenSize, numLayers: 1, batchFirst: true);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(cell), cell, "Not a fused cell.");
        }

        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        if (lstm is not null)
        {
            (Tensor output, Tensor h, Tensor c) = lstm.call(input);
            h.Dispose();
            c.Dispose();
            return output;
        }

        (Tensor result, Tensor state) = rnn is not null ? rnn.call(input) : gru!.call(input);
        state.Dispose();
        return result;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            rnn?.Dispose();
            lstm?.Dispose();
            gru?.Dispose();
        }

        base.Dispose(disposing);
    }
}
