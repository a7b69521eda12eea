using Ml.Recurrent.Runtime;

namespace Ml.Recurrent.Tests;

[TestClass]
public sealed class NativeRuntimeGuardTests
{
    [TestMethod]
    public void LoadFailure_WithOldLibstdcxx_NamesMissingSymbolVersionAndFix()
    {
        string dir = Directory.CreateTempSubdirectory("mlr-guard").FullName;
        try
        {
            string native = Path.Combine(dir, "libLibTorchSharp.so");
            string libstdcxx = Path.Combine(dir, "libstdc++.so.6");
            File.WriteAllText(native, "\0ELF...GLIBCXX_3.4.21\0GLIBCXX_3.4.32\0GLIBCXX_3.4.30\0");
            File.WriteAllText(libstdcxx, "\0GLIBCXX_3.4\0GLIBCXX_3.4.21\0GLIBCXX_3.4.30\0");
            var failure = new DllNotFoundException("Unable to load shared library 'LibTorchSharp' or one of its dependencies: cannot open shared object file");

            string message = NativeLoadDiagnosis.Describe(failure, native, libstdcxx, loaderMessage: null);

            StringAssert.Contains(message, "GLIBCXX_3.4.32");
            StringAssert.Contains(message, libstdcxx);
            StringAssert.Contains(message, "build/setup-native.sh");
            Assert.IsFalse(message.Contains("GLIBCXX_3.4.30 ", StringComparison.Ordinal), "versions that are present must not be reported missing");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void SimulatedLoadFailure_IsTranslatedIntoNativeRuntimeException()
    {
        var ex = Assert.ThrowsExactly<NativeRuntimeException>(() =>
            TorchRuntime.EnsureLoaded(() => throw new DllNotFoundException("libLibTorchSharp: cannot open shared object file")));

        StringAssert.Contains(ex.Message, NativeLoadDiagnosis.RequiredGlibcxxVersion);
        StringAssert.Contains(ex.Message, "cannot open shared object file", "the original error is kept in the message");
        Assert.IsInstanceOfType<DllNotFoundException>(ex.InnerException);
    }

    [TestMethod]
    public void UnrelatedException_IsNotMaskedAsNativeFailure()
    {
        Assert.ThrowsExactly<InvalidOperationException>(() => TorchRuntime.EnsureLoaded(() => throw new InvalidOperationException("other")));
    }

    [TestMethod]
    public void RealRuntime_Loads_AndDescribesItself()
    {
        string description = TorchRuntime.Describe();

        StringAssert.Contains(description, "TorchSharp 0.107");
        StringAssert.Contains(description, "libtorch 2.10");
    }
}
