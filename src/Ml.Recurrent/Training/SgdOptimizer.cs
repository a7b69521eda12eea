using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ml.Recurrent.Training;

/// <summary>
/// Stochastic gradient descent with momentum (no dampening, no Nesterov) and weight decay added to the gradient as
/// L2. The operations and their order are TorchSharp 0.107's <c>optim.SGD</c> <c>step</c>, so the weights match theirs
/// bit for bit; the scalars are held (<see cref="ParameterOptimizer"/>).
/// </summary>
internal sealed class SgdOptimizer : ParameterOptimizer
{
    private readonly Scalar _momentum;
    private readonly Scalar _gradientShare = 1.0.ToScalar(); // 1 − dampening, with dampening 0
    private readonly Scalar _weightDecay;
    private readonly Tensor?[] _buffers;

    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">The first step's rate.</param>
    /// <param name="momentum">Decay of the momentum buffer, in (0, 1).</param>
    /// <param name="weightDecay">L2 penalty.</param>
    public SgdOptimizer(IEnumerable<Parameter> parameters, double learningRate, double momentum, double weightDecay)
        : base(parameters, learningRate, weightDecay)
    {
        if (!(momentum > 0 && momentum < 1))
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "must be in (0, 1)");
        _momentum = momentum.ToScalar();
        _weightDecay = weightDecay.ToScalar();
        _buffers = new Tensor?[Count];
    }

    protected override void Update()
    {
        using Scalar negativeRate = (-LearningRate).ToScalar();
        foreach ((int i, Parameter parameter, Tensor gradient) in Gradients())
        {
            using Tensor? decayed = WeightDecay != 0 ? gradient.add(parameter, _weightDecay) : null;
            Tensor grad = decayed ?? gradient;
            Tensor? buffer = _buffers[i];
            if (buffer is null) _buffers[i] = buffer = grad.clone().DetachFromDisposeScope();
            else buffer.mul_(_momentum).add_(grad, _gradientShare);
            parameter.add_(buffer, negativeRate);
        }
    }

    protected override void ReleaseState()
    {
        foreach (Tensor? t in _buffers) t?.Dispose();
        Array.Clear(_buffers);
        _momentum.Dispose();
        _gradientShare.Dispose();
        _weightDecay.Dispose();
    }
}
