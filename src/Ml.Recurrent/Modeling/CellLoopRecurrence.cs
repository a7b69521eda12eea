using static TorchSharp.torch;

namespace Ml.Recurrent.Modeling;

/// <summary>
/// Runs a <see cref="RecurrentCellModule"/> over time in C#: the input projection for all steps in one
/// product, then one <see cref="RecurrentCellModule.Step"/> per position. Steps come from
/// <c>unbind(1)</c>, which is much faster in backward than indexing <c>x[:, t]</c>.
/// </summary>
internal sealed class CellLoopRecurrence : SequenceRecurrence
{
    // Field name is a state-dict key prefix: "cell.i2h.weight", ...
    private readonly RecurrentCellModule cell;

    public CellLoopRecurrence(RecurrentCellModule cell)
        : base(nameof(CellLoopRecurrence))
    {
        this.cell = cell;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        long batch = input.shape[0];
        using Tensor projected = cell.ProjectInputs(input);
        Tensor[] steps = projected.unbind(1);
        var states = new Tensor[steps.Length];
        Tensor state = zeros(batch, cell.HiddenSize, dtype: input.dtype, device: input.device);
        for (int t = 0; t < steps.Length; t++)
        {
            state = cell.Step(steps[t], state);
            states[t] = state;
        }

        Tensor output = stack(states, 1);
        foreach (Tensor s in steps) s.Dispose();
        return output;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) cell.Dispose();
        base.Dispose(disposing);
    }
}
