using Ml.Recurrent.Runtime;
using Ml.Recurrent.Training;
using TorchSharp;
using TorchSharp.Modules;

namespace Ml.Recurrent.Tests.Reliability;

/// <summary>
/// The optimiser steps hold every scalar they pass to native code, so garbage collection during a step cannot free
/// one mid-call (TorchSharp's own <c>Adam.step</c> once failed so in CI), and they keep no tensor alive beyond their
/// state, which <see cref="ParameterOptimizer.Dispose"/> releases.
/// </summary>
[TestClass]
public sealed class OptimizerLifetimeTests
{
    [TestInitialize]
    public void Load() => TorchRuntime.EnsureLoaded();

    [TestMethod]
    [DataRow(OptimizerKind.Adam, 0.01)]
    [DataRow(OptimizerKind.AdamW, 0.1)]
    [DataRow(OptimizerKind.Sgd, 0.01)]
    public void StepsUnderConstantGarbageCollection_DoNotFail_AndTrainAsWithout(OptimizerKind kind, double decay)
    {
        const int steps = 2_000;
        int[] calm = Train(kind, decay, steps);

        (int[] pressed, long collections) = GarbageCollectionPressure.Run(() => Train(kind, decay, steps));

        Assert.IsGreaterThan(10L, collections, "the collector should have run during steps");
        OptimizerDrill.AssertSameBits(calm, pressed, $"{kind} under garbage collection");
    }

    [TestMethod]
    [DataRow(OptimizerKind.Adam, 2)]
    [DataRow(OptimizerKind.AdamW, 2)]
    [DataRow(OptimizerKind.Sgd, 1)]
    public void Steps_LeaveNoTensorAlive_AndDispose_ReleasesTheState(OptimizerKind kind, int stateTensorsPerParameter)
    {
        Parameter[] parameters = OptimizerDrill.Parameters(seed: 3, large: false);
        try
        {
            LifetimeStatistics tensors = DisposeScopeManager.Statistics.TensorStatistics;
            ParameterOptimizer optimizer = OptimizerFactory.Create(kind, parameters, 0.01, weightDecay: 0.01);
            OptimizerDrill.Run(parameters, 10, seed: 4, r => optimizer.LearningRate = r, optimizer.ZeroGrad,
                optimizer.Step);
            long afterWarmUp = tensors.ThreadTotalLiveCount;

            OptimizerDrill.Run(parameters, 50, seed: 5, r => optimizer.LearningRate = r, optimizer.ZeroGrad,
                optimizer.Step);
            Assert.AreEqual(afterWarmUp, tensors.ThreadTotalLiveCount, "live tensors after 50 more steps");

            optimizer.Dispose();
            Assert.AreEqual(afterWarmUp - (stateTensorsPerParameter * parameters.Length), tensors.ThreadTotalLiveCount,
                "live tensors after Dispose");
            Assert.ThrowsExactly<ObjectDisposedException>(optimizer.Step);
        }
        finally
        {
            OptimizerDrill.DisposeAll(parameters);
        }
    }

    private static int[] Train(OptimizerKind kind, double decay, int steps)
    {
        Parameter[] parameters = OptimizerDrill.Parameters(seed: 6, large: false);
        try
        {
            using ParameterOptimizer optimizer = OptimizerFactory.Create(kind, parameters, 0.01, decay);
            OptimizerDrill.Run(parameters, steps, seed: 7, r => optimizer.LearningRate = r, optimizer.ZeroGrad,
                optimizer.Step);
            return OptimizerDrill.Bits(parameters);
        }
        finally
        {
            OptimizerDrill.DisposeAll(parameters);
        }
    }
}
