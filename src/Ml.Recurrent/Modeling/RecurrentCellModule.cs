using static TorchSharp.torch;

namespace Ml.Recurrent.Modeling;

/// <summary>
/// A recurrent cell that computes one time step: <c>(input [batch, InputSize], state [batch, HiddenSize])</c>
/// → new state <c>[batch, HiddenSize]</c>. Looped over time by Ml.Recurrent. Derive from it to write
/// your own cell; <see cref="ElmanCell"/> is the tutorial's example.
/// </summary>
public abstract class RecurrentCellModule : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Creates a cell.</summary>
    /// <param name="name">Module name.</param>
    /// <param name="inputSize">Width of each input step; at least 1.</param>
    /// <param name="hiddenSize">Width of the state; at least 1.</param>
    protected RecurrentCellModule(string name, int inputSize, int hiddenSize)
        : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenSize, 1);
        InputSize = inputSize;
        HiddenSize = hiddenSize;
    }

    /// <summary>Width of each input step.</summary>
    public int InputSize { get; }

    /// <summary>Width of the state.</summary>
    public int HiddenSize { get; }

    /// <summary>
    /// The part of the step that depends on the input only, for all steps at once:
    /// <c>[batch, time, InputSize]</c> → <c>[batch, time, *]</c>. Computing it in one matrix product
    /// instead of once per step is the main speed-up of a looped cell. The default returns the input.
    /// </summary>
    /// <param name="inputs">All input steps.</param>
    public virtual Tensor ProjectInputs(Tensor inputs) => inputs.alias();

    /// <summary>One step: from the projected input of this step (a slice of <see cref="ProjectInputs"/>) and the
    /// state to the new state.</summary>
    /// <param name="projectedInput">This step's slice of <see cref="ProjectInputs"/>, <c>[batch, *]</c>.</param>
    /// <param name="state">The previous state, <c>[batch, HiddenSize]</c>.</param>
    public abstract Tensor Step(Tensor projectedInput, Tensor state);

    /// <summary>One step from the raw input: <c>Step(ProjectInputs(input), state)</c>.</summary>
    /// <param name="input">This step's input, <c>[batch, InputSize]</c>.</param>
    /// <param name="state">The previous state, <c>[batch, HiddenSize]</c>.</param>
    public override Tensor forward(Tensor input, Tensor state)
    {
        using Tensor projected = ProjectInputs(input.unsqueeze(1)).squeeze(1);
        return Step(projected, state);
    }
}
