using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ml.Recurrent.Training;

/// <summary>
/// An optimiser of a fixed list of parameters, in place of TorchSharp's <c>optim.*</c>: their <c>step</c> converts
/// doubles implicitly into temporary <see cref="TorchSharp.Scalar"/>s that nothing holds during the native call, so a
/// finalizer can free one mid-call (a CI run failed in <c>Adam.step</c> with "Expected false to be true" from
/// <c>c10::Scalar::toDouble</c>). The subclasses do the same tensor operations in the same order, so the weights come
/// out bit for bit the same, with every <see cref="TorchSharp.Scalar"/> held until after the calls that read it.
/// </summary>
internal abstract class ParameterOptimizer : IDisposable
{
    private readonly Parameter[] _parameters;
    private bool _disposed;

    protected ParameterOptimizer(IEnumerable<Parameter> parameters, double learningRate, double weightDecay)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(weightDecay >= 0 && double.IsFinite(weightDecay)))
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "must be finite and at least 0");
        _parameters = parameters.ToArray();
        LearningRate = learningRate;
        WeightDecay = weightDecay;
    }

    /// <summary>The rate of the next <see cref="Step"/>; the trainer sets it per step for the schedule.</summary>
    public double LearningRate
    {
        get;
        set => field = value >= 0 && double.IsFinite(value) ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "must be finite and at least 0");
    }

    /// <summary>The weight decay (L2 penalty, or decoupled for AdamW); 0 for none.</summary>
    public double WeightDecay { get; }

    /// <summary>How many parameters this optimiser updates (and keeps state for).</summary>
    protected int Count => _parameters.Length;

    /// <summary>Zeroes the gradients that exist (as TorchSharp's <c>zero_grad</c>: none is set to <c>null</c>).
    /// </summary>
    public void ZeroGrad()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (Parameter parameter in _parameters)
        {
            using Tensor? grad = parameter.grad;
            using Tensor? zeroed = grad?.zero_(); // TorchSharp's zero_ returns a new handle, not this
        }
    }

    /// <summary>Updates every parameter that has a gradient, without recording gradients.</summary>
    public void Step()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using (no_grad()) Update();
        GC.KeepAlive(this);
    }

    /// <summary>Releases the state tensors and the held scalars.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        ReleaseState();
        GC.SuppressFinalize(this);
    }

    /// <summary>One step over <see cref="Gradients"/>; runs under <c>no_grad</c>.</summary>
    protected abstract void Update();

    /// <summary>Disposes the state tensors and the scalars held for the optimiser's lifetime.</summary>
    protected abstract void ReleaseState();

    /// <summary>The parameters that have a gradient, in order, with their index; each gradient handle is disposed
    /// once the caller moves on (the gradient itself stays with its parameter).</summary>
    protected IEnumerable<(int Index, Parameter Parameter, Tensor Gradient)> Gradients()
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            using Tensor? grad = _parameters[i].grad;
            if (grad is not null) yield return (i, _parameters[i], grad);
        }
    }

    /// <summary>A state tensor of zeros shaped like <paramref name="parameter"/>, outside every dispose scope.
    /// </summary>
    protected static Tensor ZerosLike(Parameter parameter) => zeros_like(parameter).DetachFromDisposeScope();
}
