using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ml.Recurrent.Modeling;

/// <summary>Stacked recurrent layers with dropout between them.</summary>
internal sealed class RecurrentEncoder : nn.Module<Tensor, SequenceBatch, bool, (Tensor? Outputs, Tensor Last)>
{
    // Field names are state-dict keys: "layers.0.forward_direction...".
    private readonly ModuleList<RecurrentEncoderLayer> layers;
    private readonly Dropout between_layers;

    public RecurrentEncoder(RecurrentArchitecture architecture)
        : base(nameof(RecurrentEncoder))
    {
        layers = new ModuleList<RecurrentEncoderLayer>();
        for (int i = 0; i < architecture.NumberOfLayers; i++)
        {
            int inputSize = i == 0 ? architecture.EmbeddingSize : architecture.EncoderOutputSize;
            layers.Add(new RecurrentEncoderLayer(architecture, inputSize));
        }

        between_layers = nn.Dropout(architecture.Dropout);
        RegisterComponents();
    }

    /// <summary>Outputs of the last layer at every position (null unless <paramref name="needOutputs"/>)
    /// and its final states.</summary>
    public override (Tensor? Outputs, Tensor Last) forward(Tensor input, SequenceBatch batch, bool needOutputs)
    {
        Tensor? x = input;
        Tensor last = input;
        for (int i = 0; i < layers.Count; i++)
        {
            if (i > 0) x = between_layers.call(x!);
            (x, last) = layers[i].call(x!, batch, needOutputs || i < layers.Count - 1);
        }

        return (x, last);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            layers.Dispose();
            between_layers.Dispose();
        }

        base.Dispose(disposing);
    }
}
