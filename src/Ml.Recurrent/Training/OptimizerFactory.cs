using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ml.Recurrent.Training;

/// <summary>Creates the optimiser that <see cref="RecurrentTextClassifierOptions.Optimizer"/> names and sets its
/// learning rate per step.</summary>
internal static class OptimizerFactory
{
    /// <summary>Momentum of <see cref="OptimizerKind.Sgd"/>.</summary>
    public const double SgdMomentum = 0.9;

    public static optim.Optimizer Create(OptimizerKind kind, IEnumerable<Parameter> parameters, double learningRate,
        double weightDecay) => kind switch
    {
        OptimizerKind.Adam => optim.Adam(parameters, lr: learningRate, weight_decay: weightDecay),
        OptimizerKind.AdamW => optim.AdamW(parameters, lr: learningRate, weight_decay: weightDecay),
        OptimizerKind.Sgd => optim.SGD(parameters, learningRate, momentum: SgdMomentum, weight_decay: weightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Unknown optimizer {kind}."),
    };

    public static void SetLearningRate(optim.Optimizer optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
    }
}
