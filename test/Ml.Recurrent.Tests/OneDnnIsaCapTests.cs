using System.Runtime.InteropServices;
using Ml.Recurrent.Runtime;

namespace Ml.Recurrent.Tests;

/// <summary>The library caps oneDNN at AVX2 on x64 unless the user chose otherwise (Runtime/OneDnnIsaCap.cs).
/// On an AVX-512 machine, GoldenModelTests and the ONNX export tests fail without the cap.</summary>
[TestClass]
public sealed class OneDnnIsaCapTests
{
    [TestMethod]
    public void AfterLoading_OneDnnSeesTheCap_OrTheUsersOwnChoice()
    {
        if (RuntimeInformation.ProcessArchitecture != System.Runtime.InteropServices.Architecture.X64)
            Assert.Inconclusive("the cap applies on x64 only");
        TorchRuntime.EnsureLoaded();
        string? chosen = Environment.GetEnvironmentVariable(OneDnnIsaCap.Variable)
                         ?? Environment.GetEnvironmentVariable(OneDnnIsaCap.OlderVariable);

        Assert.AreEqual(chosen ?? OneDnnIsaCap.Cap, OneDnnIsaCap.Effective);
        StringAssert.Contains(TorchRuntime.Describe(), $"oneDNN ISA cap {OneDnnIsaCap.Effective}");
    }
}
