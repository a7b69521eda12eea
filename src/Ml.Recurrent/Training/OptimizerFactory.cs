using TorchSharp.Modules;

namespace Ml.Recurrent.Training;

/// <summary>Creates the optimiser that <see cref="RecurrentTextClassifierOptions.Optimizer"/> names
/// (<see cref="ParameterOptimizer"/>: ours, with the numbers of TorchSharp's and held scalars).</summary>
internal static class OptimizerFactory
{
    /// <summary>Momentum of <see cref="OptimizerKind.Sgd"/>.</summary>
    public const double SgdMomentum = 0.9;

    public static ParameterOptimizer Create(OptimizerKind kind, IEnumerable<Parameter> parameters, double learningRate,
        double weightDecay) => kind switch
    {
        OptimizerKind.Adam => new AdamOptimizer(parameters, learningRate, weightDecay, decoupled: false),
        OptimizerKind.AdamW => new AdamOptimizer(parameters, learningRate, weightDecay, decoupled: true),
        OptimizerKind.Sgd => new SgdOptimizer(parameters, learningRate, SgdMomentum, weightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Unknown optimizer {kind}."),
    };
}
