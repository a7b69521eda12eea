using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ml.Recurrent.Tests;

/// <summary>
/// A tiny set of parameters and a seeded run of optimiser steps on them, for comparing optimisers bit for bit: each
/// step sets a new learning rate, zeroes the gradients, back-propagates a loss whose gradient is a seeded random
/// tensor per parameter (one parameter gets none for the first steps, so that its gradient is still <c>null</c>), and
/// steps. The same seed gives the same gradients, so two optimisers that do the same arithmetic end bit-identical.
/// </summary>
internal static class OptimizerDrill
{
    /// <summary>The parameter that gets no gradient before step <see cref="LateStart"/>.</summary>
    private const int LateParameter = 2;

    private const int LateStart = 5;

    /// <summary>Shapes with vector-width tails (35, 33, 24 elements); with <paramref name="large"/> one of 75,000
    /// elements too, above ATen's grain size, so that element-wise kernels split across threads.</summary>
    public static Parameter[] Parameters(int seed, bool large)
    {
        long[][] shapes = large ? [[7, 5], [33], [3, 4, 2], [300, 250]] : [[7, 5], [33], [3, 4, 2]];
        using var generator = new torch.Generator((ulong)seed);
        return shapes.Select(shape =>
        {
            var parameter = new Parameter(randn(shape, generator: generator));
            parameter.DetachFromDisposeScope();
            return parameter;
        }).ToArray();
    }

    /// <summary>Runs <paramref name="steps"/> steps through the three callbacks.</summary>
    public static void Run(IReadOnlyList<Parameter> parameters, int steps, int seed, Action<double> setRate,
        Action zeroGrad, Action step)
    {
        using var generator = new torch.Generator((ulong)seed);
        for (int s = 0; s < steps; s++)
        {
            setRate(RateAt(s));
            zeroGrad();
            using (NewDisposeScope())
            {
                var terms = new List<Tensor>();
                for (int i = 0; i < parameters.Count; i++)
                {
                    // Drawn for every parameter on every step, so the stream does not depend on which are used.
                    Tensor direction = randn(parameters[i].shape, generator: generator);
                    if (s % 9 == 4) direction.zero_(); // a step with zero gradients: only the state moves
                    if (i == LateParameter && s < LateStart) continue;
                    terms.Add(parameters[i].mul(direction).sum());
                }

                stack(terms).sum().backward();
            }

            step();
        }
    }

    /// <summary>A rate that changes every step, as under the one-cycle schedule.</summary>
    public static double RateAt(int step) => 0.05 * (0.2 + (step % 7) / 7.0);

    /// <summary>The raw bits of every element of every parameter, in order.</summary>
    public static int[] Bits(IEnumerable<Parameter> parameters) => parameters
        .SelectMany(p => p.data<float>().ToArray())
        .Select(BitConverter.SingleToInt32Bits)
        .ToArray();

    /// <summary>Fails with the first differing element when the two bit arrays differ.</summary>
    public static void AssertSameBits(int[] expected, int[] actual, string what)
    {
        Assert.HasCount(expected.Length, actual, what);
        int at = Enumerable.Range(0, expected.Length).FirstOrDefault(i => expected[i] != actual[i], -1);
        if (at >= 0)
            Assert.Fail($"{what}: element {at} is {BitConverter.Int32BitsToSingle(actual[at]):R}, expected " +
                $"{BitConverter.Int32BitsToSingle(expected[at]):R} ({actual.Length} elements)");
    }

    public static void DisposeAll(IEnumerable<Parameter> parameters)
    {
        foreach (Parameter p in parameters) p.Dispose();
    }
}
