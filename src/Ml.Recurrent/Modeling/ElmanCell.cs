using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ml.Recurrent.Modeling;

/// <summary>
/// The tutorial's hand-written Elman cell: <c>h' = act(i2h(x) + h2h(h))</c> with two <c>Linear</c> layers.
/// The same maths as a one-layer <c>nn.RNN</c>: <c>i2h</c> holds <c>weight_ih_l0</c>/<c>bias_ih_l0</c> and
/// <c>h2h</c> holds <c>weight_hh_l0</c>/<c>bias_hh_l0</c>.
/// </summary>
public sealed class ElmanCell : RecurrentCellModule
{
    // Field names are state-dict keys.
    private readonly Linear i2h;
    private readonly Linear h2h;
    private readonly RnnActivation _activation;

    /// <summary>Creates the cell with PyTorch's default RNN initialisation, U(-1/√hidden, 1/√hidden).</summary>
    /// <param name="inputSize">Width of each input step; at least 1.</param>
    /// <param name="hiddenSize">Width of the state; at least 1.</param>
    /// <param name="activation">The non-linearity; default tanh.</param>
    public ElmanCell(int inputSize, int hiddenSize, RnnActivation activation = RnnActivation.Tanh)
        : base(nameof(ElmanCell), inputSize, hiddenSize)
    {
        _activation = activation;
        i2h = nn.Linear(inputSize, hiddenSize);
        h2h = nn.Linear(hiddenSize, hiddenSize);
        double bound = 1.0 / Math.Sqrt(hiddenSize);
        using (no_grad())
        {
            foreach (Parameter p in new[] { i2h.weight!, i2h.bias!, h2h.weight!, h2h.bias! })
                nn.init.uniform_(p, -bound, bound);
        }

        RegisterComponents();
    }

    /// <summary>The input-to-hidden layer (<c>weight_ih</c>, <c>bias_ih</c>).</summary>
    public Linear InputToHidden => i2h;

    /// <summary>The hidden-to-hidden layer (<c>weight_hh</c>, <c>bias_hh</c>).</summary>
    public Linear HiddenToHidden => h2h;

    /// <inheritdoc />
    public override Tensor ProjectInputs(Tensor inputs) => i2h.call(inputs);

    /// <inheritdoc />
    public override Tensor Step(Tensor projectedInput, Tensor state)
    {
        using Tensor recurrent = h2h.call(state);
        using Tensor sum = projectedInput + recurrent;
        return _activation == RnnActivation.Relu ? sum.relu() : sum.tanh();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            i2h.Dispose();
            h2h.Dispose();
        }

        base.Dispose(disposing);
    }
}
