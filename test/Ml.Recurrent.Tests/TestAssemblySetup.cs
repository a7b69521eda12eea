using Ml.Recurrent.Runtime;

namespace Ml.Recurrent.Tests;

/// <summary>Loads the runtime the way the library does before any test runs, so that a test which builds a bare
/// TorchSharp LSTM first (ModelingTests) cannot fix oneDNN's kernels before the library caps them.</summary>
[TestClass]
public static class TestAssemblySetup
{
    [AssemblyInitialize]
    public static void LoadRuntime(TestContext _) => TorchRuntime.EnsureLoaded();
}
