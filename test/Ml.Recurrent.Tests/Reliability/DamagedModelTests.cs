using System.Buffers.Binary;
using System.Reflection;
using System.Text;
using Microsoft.ML;

namespace Ml.Recurrent.Tests.Reliability;

/// <summary>
/// Damaged and mismatched model files must end in a clear managed exception from <c>mlContext.Model.Load</c> (or, for a
/// model assembled from two pipelines, at first use), never a native crash, a hang, or a model that predicts garbage.
/// ML.NET calls our loaders by reflection and wraps what they throw in <see cref="TargetInvocationException"/>s: the
/// tests assert the outer type actually thrown and that the chain holds our exception naming the entry.
/// </summary>
[TestClass]
public sealed class DamagedModelTests
{
    private static ModelZip Zip() => ModelZip.Read(ReliabilityFixture.Reference.Zip);

    private static Exception LoadFails(byte[] zip) =>
        Assert.Throws<Exception>(() => ReliabilityFixture.Load(new MLContext(seed: 1), zip), "the damaged model must not load");

    [TestMethod]
    [DataRow(0)]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    public void TruncatedZip_Load_ThrowsFormatExceptionFromTheZipReader(int quarter)
    {
        byte[] zip = ReliabilityFixture.Reference.Zip;
        byte[] truncated = zip[..(quarter == 3 ? zip.Length - 1 : zip.Length * quarter / 4)];

        Exception ex = LoadFails(truncated);

        Assert.IsInstanceOfType<FormatException>(ex, ReliabilityFixture.Messages(ex));
        StringAssert.Contains(ex.Message, "zip");
        ReliabilityFixture.Find<InvalidDataException>(ex);
    }

    [TestMethod]
    [DataRow("tokenizer", "MlRecurrentTokenizer")]
    [DataRow("classifier", "MlRecurrentClassifier")]
    [DataRow("weights", "MlRecurrentClassifier/Weights.bin")]
    public void FlippedByteInOurEntry_Load_ThrowsInvalidDataExceptionNamingTheEntry(string entry, string named)
    {
        ModelZip original = Zip();
        string name = entry switch { "tokenizer" => original.Tokenizer, "classifier" => original.Classifier, _ => original.Weights };
        int blockStart = entry == "weights" ? 0 : ModelZip.HeaderSize;
        int payloadLength = ModelZip.PayloadOf(original[name], blockStart).Length;
        int[] positions = [blockStart + 4, blockStart + 4 + payloadLength / 2, blockStart + 4 + payloadLength - 1, blockStart + 4 + payloadLength + 5];

        foreach (int position in positions)
        {
            ModelZip damaged = original.Clone();
            damaged[name][position] ^= 0x20;

            Exception ex = LoadFails(damaged.ToBytes());

            Assert.IsInstanceOfType<TargetInvocationException>(ex, ReliabilityFixture.Messages(ex));
            InvalidDataException ours = ReliabilityFixture.Find<InvalidDataException>(ex);
            StringAssert.Contains(ours.Message, $"'{named}' is damaged: its checksum does not match its content", $"byte {position}");
        }
    }

    [TestMethod]
    public void FlippedByteInTheMlNetHeaderOfOurEntry_Load_ThrowsFormatException()
    {
        ModelZip damaged = Zip();
        damaged[damaged.Classifier][0] ^= 0x01; // the 'ML MODEL' signature

        Exception ex = LoadFails(damaged.ToBytes());

        StringAssert.Contains(ReliabilityFixture.Find<FormatException>(ex).Message, "Wrong file type", ReliabilityFixture.Messages(ex));
    }

    [TestMethod]
    public void TruncatedWeightsEntry_Load_ThrowsInvalidDataExceptionNamingIt()
    {
        ModelZip damaged = Zip();
        damaged[damaged.Weights] = damaged[damaged.Weights][..(damaged[damaged.Weights].Length / 2)];

        Exception ex = LoadFails(damaged.ToBytes());

        Assert.IsInstanceOfType<TargetInvocationException>(ex, ReliabilityFixture.Messages(ex));
        StringAssert.Contains(ReliabilityFixture.Find<InvalidDataException>(ex).Message, "'MlRecurrentClassifier/Weights.bin' is truncated");
    }

    [TestMethod]
    public void WeightsEntryDeclaringAHugeLength_Load_RefusesItBeforeAllocatingThatMuch()
    {
        ModelZip damaged = Zip();
        BinaryPrimitives.WriteInt32LittleEndian(damaged[damaged.Weights], (1 << 30) - 1);
        byte[] zip = damaged.ToBytes();
        var ml = new MLContext(seed: 1);
        long allocated = GC.GetAllocatedBytesForCurrentThread();

        Exception ex = Assert.Throws<Exception>(() => ReliabilityFixture.Load(ml, zip));

        Assert.IsLessThan(64L << 20, GC.GetAllocatedBytesForCurrentThread() - allocated, "a damaged length must not make the loader allocate a gigabyte");
        StringAssert.Contains(ReliabilityFixture.Find<InvalidDataException>(ex).Message, "'MlRecurrentClassifier/Weights.bin' is truncated: it declares 1073741823 bytes");
    }

    [TestMethod]
    public void MissingWeightsEntry_Load_ThrowsFormatExceptionNamingTheStream()
    {
        ModelZip damaged = Zip();
        string weights = damaged.Weights;
        damaged.Entries.RemoveAll(e => e.Key == weights);

        Exception ex = LoadFails(damaged.ToBytes());

        StringAssert.Contains(ReliabilityFixture.Find<FormatException>(ex).Message, "has no 'Weights.bin' stream", ReliabilityFixture.Messages(ex));
    }

    [TestMethod]
    [DataRow("tokenizer")]
    [DataRow("classifier")]
    public void EntryFromANewerFormatVersion_Load_ThrowsFormatExceptionAskingToUpgrade(string entry)
    {
        ModelZip newer = Zip();
        string name = entry == "tokenizer" ? newer.Tokenizer : newer.Classifier;
        uint current = ModelZip.ModelVersionWrittenOf(newer[name]);
        newer[name] = ModelZip.WithModelVersionWritten(newer[name], current + 1);

        Exception ex = LoadFails(newer.ToBytes());

        Assert.IsInstanceOfType<TargetInvocationException>(ex, ReliabilityFixture.Messages(ex));
        FormatException ours = ReliabilityFixture.Find<FormatException>(ex);
        StringAssert.Contains(ours.Message, $"written by a newer Ml.Recurrent (format version {current + 1}); this one reads versions up to {current}");
        StringAssert.Contains(ours.Message, "Upgrade Ml.Recurrent");
    }

    [TestMethod]
    public void WeightsFromAModelWithOtherShapes_Load_ThrowsNamingTheWeightAndBothShapes()
    {
        ModelZip wider = ModelZip.Read(ReliabilityFixture.Train(seed: 7, hiddenSize: 12).Zip);
        ModelZip mixed = Zip();
        mixed[mixed.Weights] = wider[wider.Weights];

        Exception ex = LoadFails(mixed.ToBytes());

        Assert.IsInstanceOfType<TargetInvocationException>(ex, ReliabilityFixture.Messages(ex));
        string message = ReliabilityFixture.Find<InvalidDataException>(ex).Message;
        StringAssert.Contains(message, "weight 'encoder.layers.0.forward_direction.lstm.weight_ih_l0' has shape [48, 8]; the saved options need [32, 8]");
    }

    [TestMethod]
    public void WeightWithAlteredShapeButValidChecksum_Load_ThrowsNamingTheWeight()
    {
        ModelZip crafted = Zip();
        byte[] payload = ModelZip.PayloadOf(crafted[crafted.Weights]);
        int nameLength = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(4));
        string name = Encoding.UTF8.GetString(payload, 8, nameLength);
        int firstDimension = 8 + nameLength + 4;
        long rows = BinaryPrimitives.ReadInt64LittleEndian(payload.AsSpan(firstDimension));
        BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(firstDimension), rows + 1);
        crafted[crafted.Weights] = ModelZip.Frame(payload);

        Exception ex = LoadFails(crafted.ToBytes());

        StringAssert.Contains(ReliabilityFixture.Find<InvalidDataException>(ex).Message, $"weight '{name}' has shape [{rows + 1}, ", ReliabilityFixture.Messages(ex));
    }

    [TestMethod]
    public void NonFiniteWeightWithValidChecksum_Load_ThrowsNamingTheWeight()
    {
        ModelZip crafted = Zip();
        byte[] payload = ModelZip.PayloadOf(crafted[crafted.Weights]);
        int nameLength = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(4));
        int rank = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(8 + nameLength));
        BinaryPrimitives.WriteSingleLittleEndian(payload.AsSpan(8 + nameLength + 4 + (8 * rank) + 4), float.NaN);
        crafted[crafted.Weights] = ModelZip.Frame(payload);

        Exception ex = LoadFails(crafted.ToBytes());

        StringAssert.Contains(ReliabilityFixture.Find<InvalidDataException>(ex).Message, "weight 'embedding.weight' holds a non-finite value", ReliabilityFixture.Messages(ex));
    }

    [TestMethod]
    public void ClassifierFromAnotherPipelineWithAnEquallyLargeVocabulary_LoadsButFirstUseThrowsNamingTheVocabularyMismatch()
    {
        // Two corpora with different words but the same vocabulary size: a key-count check alone cannot tell them apart.
        ModelZip ours = Zip();
        ModelZip other = ModelZip.Read(ReliabilityFixture.Train(seed: 7, hiddenSize: 8, corpusSeed: 2).Zip);
        ModelZip mixed = ours.Clone();
        mixed[mixed.Classifier] = other[other.Classifier];
        mixed[mixed.Weights] = other[other.Weights];
        var ml = new MLContext(seed: 1);
        ITransformer loaded = ReliabilityFixture.Load(ml, mixed.ToBytes());
        string[] oursTerms = ((IEnumerable<ITransformer>)ReliabilityFixture.Load(ml, ours.ToBytes())).OfType<RecurrentTokenizerTransformer>().Single().Vocabulary.ToArray();
        string[] otherTerms = ((IEnumerable<ITransformer>)loaded).OfType<RecurrentTextClassifierTransformer>().Single().Model.TokenTerms.ToArray();
        Assert.HasCount(oursTerms.Length, otherTerms, "precondition: equally large vocabularies");
        int firstDifference = Enumerable.Range(0, oursTerms.Length).First(i => oursTerms[i] != otherTerms[i]);

        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ReliabilityFixture.Predict(ml, loaded));

        StringAssert.Contains(ex.Message, $"Column 'Tokens' maps key {firstDifference + 1} to '{oursTerms[firstDifference]}', but the model was trained with '{otherTerms[firstDifference]}'");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Model.CreatePredictionEngine<TestCorpus.Row, ReliabilityFixture.Prediction>(loaded));
    }
}
