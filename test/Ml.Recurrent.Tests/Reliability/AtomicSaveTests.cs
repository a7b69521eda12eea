using Microsoft.ML;

namespace Ml.Recurrent.Tests.Reliability;

/// <summary><c>mlContext.Model.SaveAtomically</c>: a failed save leaves the previous good model loadable.</summary>
[TestClass]
public sealed class AtomicSaveTests
{
    [TestMethod]
    public void SaveAtomically_OfADisposedModel_OntoAGoodFile_Throws_AndTheGoodFileStillLoads()
    {
        string folder = Directory.CreateTempSubdirectory("mlr-atomic").FullName;
        try
        {
            (MLContext ml, IDataView train, ITransformer model) = Train();
            string path = Path.Combine(folder, "model.zip");
            ml.Model.SaveAtomically(model, train.Schema, path);
            byte[] good = File.ReadAllBytes(path);
            ((IEnumerable<ITransformer>)model).OfType<RecurrentTextClassifierTransformer>().Single().ReleaseNativeMemory();

            Assert.ThrowsExactly<ObjectDisposedException>(() => ml.Model.SaveAtomically(model, train.Schema, path));

            CollectionAssert.AreEqual(good, File.ReadAllBytes(path), "the good file was not touched");
            Assert.HasCount(1, Directory.GetFiles(folder), "no temporary file is left behind");
            ITransformer loaded = ml.Model.Load(path, out _);
            (loaded as IDisposable)?.Dispose();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void StockSave_OfADisposedModel_DamagesTheGoodFile_WhichIsWhySaveAtomicallyExists()
    {
        string folder = Directory.CreateTempSubdirectory("mlr-atomic").FullName;
        try
        {
            (MLContext ml, IDataView train, ITransformer model) = Train();
            string path = Path.Combine(folder, "model.zip");
            ml.Model.Save(model, train.Schema, path);
            ((IEnumerable<ITransformer>)model).OfType<RecurrentTextClassifierTransformer>().Single().ReleaseNativeMemory();

            Assert.Throws<Exception>(() => ml.Model.Save(model, train.Schema, path));

            Assert.Throws<Exception>(() => ml.Model.Load(path, out _), "ML.NET's in-place save left a damaged file");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (MLContext Ml, IDataView Train, ITransformer Model) Train()
    {
        var ml = new MLContext(seed: 1);
        IDataView train = TestCorpus.Load(ml, TestCorpus.Multiclass(60, seed: 1));
        return (ml, train, ClassifierTests.MulticlassPipeline(ml, ReliabilityFixture.Tiny()).Fit(train));
    }
}
