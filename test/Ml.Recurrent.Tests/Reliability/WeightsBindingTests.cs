using Microsoft.ML;

namespace Ml.Recurrent.Tests.Reliability;

/// <summary>
/// A classifier entry records the SHA-256 of its own weights (format version 2): weights from another model of the same
/// shape, or a duplicated and differing weights entry, are refused instead of giving other predictions.
/// </summary>
[TestClass]
public sealed class WeightsBindingTests
{
    private static readonly Lazy<ReliabilityFixture.SavedModel> OtherSeed = new(() => ReliabilityFixture.Train(seed: 8, hiddenSize: 8));

    [TestMethod]
    public void WeightsFromAModelOfTheSameShape_OtherSeed_AreRefusedNamingTheStream()
    {
        ModelZip ours = ModelZip.Read(ReliabilityFixture.Reference.Zip), other = ModelZip.Read(OtherSeed.Value.Zip);
        CollectionAssert.AreNotEqual(ours[ours.Weights], other[other.Weights], "the two models' weights differ");
        ours[ours.Weights] = other[other.Weights];

        Exception ex = Assert.Throws<Exception>(() => ReliabilityFixture.Load(new MLContext(seed: 1), ours.ToBytes()));

        StringAssert.Contains(ReliabilityFixture.Find<InvalidDataException>(ex).Message,
            "'Weights.bin' stream belongs to a different model", ReliabilityFixture.Messages(ex));
    }

    [TestMethod]
    public void SameModelsWeights_StillLoad_AndPredictAsBefore()
    {
        ModelZip ours = ModelZip.Read(ReliabilityFixture.Reference.Zip);
        var ml = new MLContext(seed: 1);
        ITransformer loaded = ReliabilityFixture.Load(ml, ours.ToBytes());
        try
        {
            CollectionAssert.AreEqual(ReliabilityFixture.Reference.Predictions, ReliabilityFixture.Predict(ml, loaded));
        }
        finally
        {
            (loaded as IDisposable)?.Dispose();
        }
    }
}
