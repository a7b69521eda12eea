using System.Reflection;
using Microsoft.ML;

namespace Ml.Recurrent.Tests.Reliability;

/// <summary>
/// What a crafted model file can and cannot make <c>mlContext.Model.Load</c> do. Each entry's ML.NET header names a
/// loader assembly and a loader signature. ML.NET loads that assembly by name (from the application's own probing
/// paths), then runs the loader registered for the signature with <c>[LoadableClass]</c>; our loaders read numbers,
/// strings and floats only, never a type name. These tests craft headers that try to go further.
/// </summary>
[TestClass]
public sealed class UnsafeDeserialisationTests
{
    private static ModelZip Zip() => ModelZip.Read(ReliabilityFixture.Reference.Zip);

    [TestMethod]
    public void EntryNamingAForeignAssemblyAndLoader_Load_FailsWithAManagedException()
    {
        ModelZip crafted = Zip();
        byte[] entry = ModelZip.WithLoaderAssemblyName(crafted[crafted.Classifier], "System.Diagnostics.Process");
        crafted[crafted.Classifier] = ModelZip.WithLoaderSignature(entry, "Process");

        Exception ex = Assert.Throws<Exception>(() => ReliabilityFixture.Load(new MLContext(seed: 1), crafted.ToBytes()));

        StringAssert.Contains(ReliabilityFixture.Find<FormatException>(ex).Message, "Couldn't load model: 'TransformerChain/Transform_002'", ReliabilityFixture.Messages(ex));
    }

    [TestMethod]
    public void EntryNamingAForeignAssemblyWithOurLoader_StillRunsOnlyOurLoader_AndPredictsIdentically()
    {
        ModelZip crafted = Zip();
        Assert.AreEqual("Ml.Recurrent", ModelZip.LoaderAssemblyNameOf(crafted[crafted.Classifier]), "precondition: we store the simple assembly name");
        crafted[crafted.Classifier] = ModelZip.WithLoaderAssemblyName(crafted[crafted.Classifier], "System.Diagnostics.Process");
        var ml = new MLContext(seed: 1);

        ITransformer loaded = ReliabilityFixture.Load(ml, crafted.ToBytes());

        Assert.IsInstanceOfType<RecurrentTextClassifierTransformer>(((IEnumerable<ITransformer>)loaded).ElementAt(2), "the signature selects the loader; the assembly name only adds an assembly to scan");
        CollectionAssert.AreEqual(ReliabilityFixture.Reference.Predictions, ReliabilityFixture.Predict(ml, loaded));
    }

    [TestMethod]
    [DataRow("path")]
    [DataRow("codebase")]
    public void EntryNamingAnAssemblyFileOutsideTheApplication_Load_FailsAndNeverLoadsThatFile(string form)
    {
        string folder = Directory.CreateTempSubdirectory("mlr-untrusted").FullName;
        try
        {
            string dll = Path.Combine(folder, "Mlr.Untrusted.dll");
            File.Copy(typeof(Ml.Recurrent.AccessControl.ControlTransformer).Assembly.Location, dll);
            string name = form == "path" ? dll : $"Mlr.Untrusted, CodeBase={new Uri(dll).AbsoluteUri}";
            ModelZip crafted = Zip();
            crafted[crafted.Classifier] = ModelZip.WithLoaderAssemblyName(crafted[crafted.Classifier], name);

            Exception ex = Assert.Throws<Exception>(() => ReliabilityFixture.Load(new MLContext(seed: 1), crafted.ToBytes()));

            Assert.IsTrue(ReliabilityFixture.Chain(ex).Any(e => e is FileLoadException or FileNotFoundException), ReliabilityFixture.Messages(ex));
            Assert.IsFalse(AppDomain.CurrentDomain.GetAssemblies().Any(a => !a.IsDynamic && a.Location.StartsWith(folder, StringComparison.Ordinal)),
                "no assembly may be loaded from the folder the model file names");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void EntryNamingAnotherMlNetLoader_Load_FailsInsideThatLoaderWithAManagedException()
    {
        ModelZip crafted = Zip();
        string keyToValue = crafted.Entries.Select(e => e.Key).Last(n => n.EndsWith("/Model.key", StringComparison.Ordinal) && n.Contains("Transform_", StringComparison.Ordinal));
        string foreignSignature = ModelZip.LoaderSignatureOf(crafted[keyToValue]);
        Assert.AreNotEqual(RecurrentTextClassifierTransformer.LoaderSignature, foreignSignature, "precondition: ML.NET's key-to-value loader");
        crafted[crafted.Classifier] = ModelZip.WithLoaderSignature(crafted[crafted.Classifier], foreignSignature);

        Exception ex = Assert.Throws<Exception>(() => ReliabilityFixture.Load(new MLContext(seed: 1), crafted.ToBytes()));

        Assert.IsTrue(ReliabilityFixture.Chain(ex).Any(e => e is TargetInvocationException), ReliabilityFixture.Messages(ex));
        StringAssert.Contains(ReliabilityFixture.Find<FormatException>(ex).Message, "Unknown file type", "ML.NET's loader refuses our entry by its model signature");
    }
}
