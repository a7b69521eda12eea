using Ml.Recurrent.Runtime;
using static TorchSharp.torch;

namespace Ml.Recurrent.Modeling;

/// <summary>
/// Turns the encoder's per-position outputs into one vector per text, over real (non-padding) positions only:
/// <see cref="SequencePooling"/>. A submodule of <see cref="RecurrentClassifierModule"/> (field <c>pooling</c>), so a
/// pooling mode with weights of its own keeps them under <c>pooling.*</c> state-dict
/// keys. The built-in modes have none.
/// </summary>
internal sealed class SequencePooler : nn.Module<Tensor?, Tensor, SequenceBatch, Tensor>
{
    private readonly SequencePooling _mode;

    public SequencePooler(RecurrentArchitecture architecture)
        : base(nameof(SequencePooler))
    {
        _mode = architecture.Pooling;
        RegisterComponents();
    }

    /// <summary>Whether <see cref="forward"/> reads the per-position outputs (otherwise
    /// only the last states).</summary>
    public bool NeedsOutputs => _mode != SequencePooling.Last;

    /// <summary>Width of the pooled vector for an encoder output of
    /// <paramref name="encoderOutputSize"/> per position.</summary>
    public static int PooledSize(SequencePooling mode, int encoderOutputSize) =>
        encoderOutputSize * (mode == SequencePooling.LastMaxMean ? 3 : 1);

    /// <param name="outputs">Per-position outputs <c>[batch, time, features]</c>; <c>null</c> when not
    /// <see cref="NeedsOutputs"/>.</param>
    /// <param name="last">State at each row's last real token (both directions), <c>[batch, features]</c>.</param>
    /// <param name="batch">Real lengths and mask.</param>
    public override Tensor forward(Tensor? outputs, Tensor last, SequenceBatch batch) => _mode switch
    {
        SequencePooling.Last => last,
        SequencePooling.Max => MaxOverReal(outputs!, batch),
        SequencePooling.Mean => MeanOverReal(outputs!, batch),
        SequencePooling.LastMaxMean => cat([last, MaxOverReal(outputs!, batch), MeanOverReal(outputs!, batch)], 1),
        _ => throw new InvalidOperationException($"Unknown pooling {_mode}."),
    };

    private static Tensor MaxOverReal(Tensor outputs, SequenceBatch batch)
    {
        if (batch.Uniform) return outputs.amax(1);
        return outputs.masked_fill(batch.Mask.logical_not().unsqueeze(2), ScalarConstants.NegativeInfinity).amax(1);
    }

    private static Tensor MeanOverReal(Tensor outputs, SequenceBatch batch)
    {
        if (batch.Uniform) return outputs.mean([1]);
        Tensor summed = (outputs * batch.Mask.unsqueeze(2).to_type(outputs.dtype)).sum(1);
        return summed / batch.Lengths.unsqueeze(1).to_type(outputs.dtype);
    }
}
