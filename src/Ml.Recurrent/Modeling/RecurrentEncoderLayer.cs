using static TorchSharp.torch;

namespace Ml.Recurrent.Modeling;

/// <summary>
/// One recurrent layer, uni- or bidirectional. The backward direction reads each sequence reversed within
/// its real length, so padding never reaches a real position in either direction.
/// </summary>
internal sealed class RecurrentEncoderLayer : nn.Module<Tensor, SequenceBatch, bool, (Tensor? Outputs, Tensor Last)>
{
    // Field names are state-dict keys: "forward_direction...", "backward_direction...".
    private readonly SequenceRecurrence forward_direction;
    private readonly SequenceRecurrence? backward_direction;

    public RecurrentEncoderLayer(RecurrentArchitecture architecture, int inputSize)
        : base(nameof(RecurrentEncoderLayer))
    {
        forward_direction = SequenceRecurrence.Create(architecture, inputSize);
        if (architecture.Bidirectional) backward_direction = SequenceRecurrence.Create(architecture, inputSize);
        RegisterComponents();
    }

    /// <summary>
    /// Returns the outputs at every position (<c>[batch, time, directions·hidden]</c>; only when
    /// <paramref name="needOutputs"/>, else null) and the final state of each direction concatenated (forward at
    /// the last real token, backward at the first). Skipping the outputs saves un-reversing the backward
    /// direction when only the final state is pooled.
    /// </summary>
    public override (Tensor? Outputs, Tensor Last) forward(Tensor input, SequenceBatch batch, bool needOutputs)
    {
        if (backward_direction is null)
        {
            Tensor outputs = forward_direction.call(input);
            return (outputs, batch.AtLastPosition(outputs));
        }

        // Small scoring passes run the two directions at once when cores are idle (same numbers, see the class).
        (Tensor forwardOutputs, Tensor reversedOutputs) = ConcurrentDirection.Run(
            forward_direction, input, backward_direction, batch.ReverseWithinLengths(input));
        Tensor forwardLast = batch.AtLastPosition(forwardOutputs);
        Tensor backwardLast = batch.AtLastPosition(reversedOutputs);
        Tensor last = cat([forwardLast, backwardLast], 1);
        if (!needOutputs) return (null, last);
        return (cat([forwardOutputs, batch.ReverseWithinLengths(reversedOutputs)], 2), last);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            forward_direction.Dispose();
            backward_direction?.Dispose();
        }

        base.Dispose(disposing);
    }
}
