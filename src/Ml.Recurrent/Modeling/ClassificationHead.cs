using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ml.Recurrent.Modeling;

/// <summary>
/// The tutorial's head: dropout → Linear(pooled → hidden) → activation → Linear(hidden → outputs); with a
/// hidden size of 0, dropout → Linear(pooled → outputs).
/// </summary>
internal sealed class ClassificationHead : nn.Module<Tensor, Tensor>
{
    // Field names are state-dict keys: "hidden.weight", "output.weight", ...
    private readonly Dropout dropout;
    private readonly Linear? hidden;
    private readonly nn.Module<Tensor, Tensor>? activation;
    private readonly Linear output;

    public ClassificationHead(RecurrentArchitecture architecture)
        : base(nameof(ClassificationHead))
    {
        dropout = nn.Dropout(architecture.Dropout);
        int outputInput = architecture.PooledSize;
        if (architecture.HeadHiddenSize > 0)
        {
            hidden = nn.Linear(architecture.PooledSize, architecture.HeadHiddenSize);
            activation = CreateActivation(architecture.HeadActivation);
            outputInput = architecture.HeadHiddenSize;
        }

        output = nn.Linear(outputInput, architecture.OutputSize);
        RegisterComponents();
    }

    public override Tensor forward(Tensor pooled)
    {
        Tensor x = dropout.call(pooled);
        if (hidden is not null)
        {
            x = hidden.call(x);
            if (activation is not null) x = activation.call(x);
        }

        return output.call(x);
    }

    /// <summary>Multiplies the head's logits by <paramref name="factor"/> (its last layer's weights and bias), for
    /// every later call.</summary>
    public void ScaleOutput(double factor)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using Scalar scale = factor.ToScalar();
        // Linear's weight and bias getters return its parameters themselves, not new handles: not disposed here (the
        // scope disposes only the handles the in-place products return).
        output.weight!.mul_(scale);
        output.bias!.mul_(scale);
    }

    private static nn.Module<Tensor, Tensor>? CreateActivation(HeadActivation activation) => activation switch
    {
        HeadActivation.None => null,
        HeadActivation.Relu => nn.ReLU(),
        HeadActivation.Elu => nn.ELU(),
        HeadActivation.LeakyRelu => nn.LeakyReLU(0.01),
        HeadActivation.Tanh => nn.Tanh(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation,
            $"Unknown head activation {activation}."),
    };

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            dropout.Dispose();
            hidden?.Dispose();
            activation?.Dispose();
            output.Dispose();
        }

        base.Dispose(disposing);
    }
}
