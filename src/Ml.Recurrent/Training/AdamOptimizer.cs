using Ml.Recurrent.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ml.Recurrent.Training;

/// <summary>
/// Adam (β1 0.9, β2 0.999, ε 1e-8; no AMSGrad), with weight decay either added to the gradient as L2 (Adam) or
/// decoupled, shrinking the weights by 1 − rate × decay before the update (AdamW). The operations and their order
/// are TorchSharp 0.107's <c>optim.Adam</c>/<c>optim.AdamW</c> <c>step</c>, so the weights match theirs bit for bit;
/// the scalars are held (<see cref="ParameterOptimizer"/>).
/// </summary>
internal sealed class AdamOptimizer : ParameterOptimizer
{
    /// <summary>Decay of the running mean of the gradient.</summary>
    public const double Beta1 = 0.9;

    /// <summary>Decay of the running mean of the squared gradient.</summary>
    public const double Beta2 = 0.999;

    /// <summary>Added to the denominator for numerical stability.</summary>
    public const double Epsilon = 1e-8;

    private readonly bool _decoupled;
    private readonly Scalar _beta1 = Beta1.ToScalar();
    private readonly Scalar _beta2 = Beta2.ToScalar();
    private readonly Scalar _gradientShare = (1 - Beta1).ToScalar();
    private readonly Scalar _squareShare = (1 - Beta2).ToScalar();
    private readonly Scalar _epsilon = Epsilon.ToScalar();
    private readonly Scalar _weightDecay;
    private readonly long[] _steps;
    private readonly Tensor?[] _expAvg;
    private readonly Tensor?[] _expAvgSq;

    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">The first step's rate.</param>
    /// <param name="weightDecay">L2 penalty, or the decoupled decay when <paramref name="decoupled"/>.</param>
    /// <param name="decoupled">AdamW when true, Adam otherwise.</param>
    public AdamOptimizer(IEnumerable<Parameter> parameters, double learningRate, double weightDecay, bool decoupled)
        : base(parameters, learningRate, weightDecay)
    {
        _decoupled = decoupled;
        _weightDecay = weightDecay.ToScalar();
        _steps = new long[Count];
        _expAvg = new Tensor?[Count];
        _expAvgSq = new Tensor?[Count];
    }

    protected override void Update()
    {
        double rate = LearningRate;
        bool decay = WeightDecay != 0;
        // AdamW multiplies by 1 − rate × 0 = 1 without decay, which changes no bit, so that call is left out.
        using Scalar? shrink = _decoupled && decay ? (1 - rate * WeightDecay).ToScalar() : null;
        foreach ((int i, Parameter parameter, Tensor gradient) in Gradients())
        {
            long step = ++_steps[i];
            if (shrink is not null) parameter.mul_(shrink);
            double biasCorrection1 = 1 - Math.Pow(Beta1, step);
            double biasCorrection2 = 1 - Math.Pow(Beta2, step);
            using Tensor? decayed = !_decoupled && decay ? gradient.add(parameter, _weightDecay) : null;
            Tensor grad = decayed ?? gradient;

            Tensor expAvg = _expAvg[i] ??= ZerosLike(parameter);
            Tensor expAvgSq = _expAvgSq[i] ??= ZerosLike(parameter);
            expAvg.mul_(_beta1).add_(grad, _gradientShare);
            expAvgSq.mul_(_beta2).addcmul_(grad, grad, _squareShare);

            using Scalar correction = Math.Sqrt(biasCorrection2).ToScalar();
            using Scalar stepSize = (-(rate / biasCorrection1)).ToScalar();
            using Tensor denominator = expAvgSq.sqrt();
            denominator.div_(correction).add_(_epsilon, ScalarConstants.One);
            parameter.addcdiv_(expAvg, denominator, stepSize);
        }
    }

    protected override void ReleaseState()
    {
        foreach (Tensor? t in _expAvg.Concat(_expAvgSq)) t?.Dispose();
        Array.Clear(_expAvg);
        Array.Clear(_expAvgSq);
        foreach (Scalar s in new[] { _beta1, _beta2, _gradientShare, _squareShare, _epsilon, _weightDecay })
            s.Dispose();
    }
}
