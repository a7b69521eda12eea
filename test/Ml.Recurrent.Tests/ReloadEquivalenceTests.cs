using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Recurrent.Tests;

/// <summary>
/// Issue 16: the model Fit returns must be the module a load of its zip builds, so that scores in the training process
/// and after a reload in any process come from tensors made the same way (docs/reliability.md, "Scores after reload").
/// </summary>
[TestClass]
public sealed class ReloadEquivalenceTests
{
    [TestMethod]
    [DataRow(RecurrentCell.Gru, false)]
    [DataRow(RecurrentCell.Lstm, true)]
    public void Fit_ReturnsAFreshlyBuiltModule_WithoutTheTrainingsGradients_AndWithTheSameScores(
        RecurrentCell cell, bool bidirectional)
    {
        var ml = new MLContext(seed: 1);
        IDataView train = TestCorpus.Load(ml, TestCorpus.Binary(120, seed: 1));
        var chain = (TransformerChain<RecurrentTextClassifierTransformer>)ClassifierTests
            .BinaryPipeline(ml, ClassifierTests.Small(cell, bidirectional, epochs: 2)).Fit(train);
        RecurrentTextClassifierTransformer classifier = chain.LastTransformer;

        // The trained module's parameters carry the last batch's gradients; a loaded module's have none.
        int withGradient = classifier.Scorer.Use(module => module.parameters().Count(p => p.grad is not null));
        Assert.AreEqual(0, withGradient, "Fit must return a fresh copy (as a load builds it), not the trained module");

        IDataView test = TestCorpus.Load(ml, TestCorpus.Binary(40, seed: 2));
        float[] here = chain.Transform(test).GetColumn<float>("Score").ToArray();
        string zip = Path.Combine(Path.GetTempPath(), $"mlr-reload-{cell}-{bidirectional}-{Environment.ProcessId}.zip");
        try
        {
            ml.Model.Save(chain, train.Schema, zip);
            ITransformer reloaded = new MLContext(seed: 2).Model.Load(zip, out _);
            float[] loaded = reloaded.Transform(test).GetColumn<float>("Score").ToArray();
            CollectionAssert.AreEqual(Bits(here), Bits(loaded), "scores in the training process and after a load");
        }
        finally
        {
            File.Delete(zip);
        }
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
