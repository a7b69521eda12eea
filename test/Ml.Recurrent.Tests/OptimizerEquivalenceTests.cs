using Ml.Recurrent.Runtime;
using Ml.Recurrent.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ml.Recurrent.Tests;

/// <summary>
/// The library's own optimiser steps (<see cref="ParameterOptimizer"/>, which hold their scalars) train exactly as
/// TorchSharp's <c>optim.Adam</c>, <c>optim.AdamW</c> and <c>optim.SGD</c> (momentum 0.9) that they replace: the same
/// weights, bit for bit, after steps with changing learning rates, so models train as before.
/// </summary>
[TestClass]
public sealed class OptimizerEquivalenceTests
{
    private const int Steps = 20;

    [TestInitialize]
    public void Load() => TorchRuntime.EnsureLoaded();

    [TestMethod]
    [DataRow(OptimizerKind.Adam, 0.0)]
    [DataRow(OptimizerKind.Adam, 0.01)]
    [DataRow(OptimizerKind.AdamW, 0.0)]
    [DataRow(OptimizerKind.AdamW, 0.1)]
    [DataRow(OptimizerKind.Sgd, 0.0)]
    [DataRow(OptimizerKind.Sgd, 0.01)]
    public void OurSteps_GiveTorchSharpsWeightsBitForBit(OptimizerKind kind, double weightDecay)
    {
        Parameter[] theirs = OptimizerDrill.Parameters(seed: 1, large: true);
        Parameter[] ours = OptimizerDrill.Parameters(seed: 1, large: true);
        try
        {
            int[] initial = OptimizerDrill.Bits(ours);
            using (optim.Optimizer reference = TorchSharps(kind, theirs, weightDecay))
            {
                OptimizerDrill.Run(theirs, Steps, seed: 2,
                    rate => { foreach (var group in reference.ParamGroups) group.LearningRate = rate; },
                    reference.zero_grad, () => reference.step());
            }

            using (ParameterOptimizer optimizer = OptimizerFactory.Create(kind, ours, 0.05, weightDecay))
                OptimizerDrill.Run(ours, Steps, seed: 2, rate => optimizer.LearningRate = rate, optimizer.ZeroGrad,
                    optimizer.Step);

            int[] expected = OptimizerDrill.Bits(theirs), actual = OptimizerDrill.Bits(ours);
            Assert.IsFalse(initial.SequenceEqual(actual), "the steps should have moved the weights");
            OptimizerDrill.AssertSameBits(expected, actual, $"{kind}, weight decay {weightDecay}");
        }
        finally
        {
            OptimizerDrill.DisposeAll(theirs);
            OptimizerDrill.DisposeAll(ours);
        }
    }

    /// <summary>What OptimizerFactory created before it had its own steps.</summary>
    private static optim.Optimizer TorchSharps(OptimizerKind kind, IEnumerable<Parameter> parameters,
        double weightDecay) => kind switch
    {
        OptimizerKind.Adam => optim.Adam(parameters, lr: 0.05, weight_decay: weightDecay),
        OptimizerKind.AdamW => optim.AdamW(parameters, lr: 0.05, weight_decay: weightDecay),
        _ => optim.SGD(parameters, 0.05, momentum: OptimizerFactory.SgdMomentum, weight_decay: weightDecay),
    };
}
