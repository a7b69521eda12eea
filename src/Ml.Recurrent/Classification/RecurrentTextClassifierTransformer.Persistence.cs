using System.Security.Cryptography;
using Ml.Recurrent.Modeling;
using Ml.Recurrent.Persistence;
using Ml.Recurrent.Tasks;

namespace Ml.Recurrent;

/// <summary>Saving and loading in the standard ML.NET model zip.</summary>
/// <remarks>
/// Saved payload (format version 2), after ML.NET's header, in a checksummed block (see ModelFormat):
/// <code>
/// string feature column
/// int32 task (0 binary, 1 multiclass); int32 class count c; c × string class name
/// architecture as named fields — see RecurrentArchitecture.Write
/// int32 token term count t; t × string term
/// bool has history; if so the epochs and outcome — see TrainingHistory.Write
/// string SHA-256 (hex) of the Weights.bin payload: binds the weights to this entry
/// </code>
/// Side stream <c>Weights.bin</c>: the module's parameters (see WeightsCodec), checked against the architecture and
/// against the SHA-256 above, so that weights from another model of the same shape (another seed, other data, a
/// duplicated or swapped zip entry) are refused instead of loaded. Format version 1 (until 0.1) wrote the
/// architecture positionally (RecurrentArchitecture.ReadVersion1) and no SHA-256; it still loads.
/// ML.NET's save and load calls reach this file through MlNet/Registration (ModelSaving.cs, ModelLoaders.cs).
/// </remarks>
public sealed partial class RecurrentTextClassifierTransformer
{
    internal const string LoaderSignature = "MlRecurrentClassifier";
    internal const string WeightsStream = "Weights.bin";
    internal static readonly ModelFormat Format = new("MLRCLSFR", LoaderSignature, Version: 2, OldestReadable: 1);

    /// <summary>The entry's payload and side streams, as <c>Save</c> writes them (MlNet/Registration/ModelSaving.cs).
    /// </summary>
    internal (byte[] Payload, Dictionary<string, byte[]> Streams) ToEntry()
    {
        byte[] weights = Scorer.Use(WeightsCodec.Write);
        using var writer = new PayloadWriter();
        writer.Write(FeatureColumnName, "feature column name", StoredLimits.ColumnNameBytes);
        writer.Write(Task.Kind);
        writer.Write(Model.ClassNames.Count);
        for (int i = 0; i < Model.ClassNames.Count; i++) writer.Write(Model.ClassNames[i], $"class name #{i}",
            StoredLimits.ClassNameBytes);
        Model.Architecture.Write(writer);
        writer.Write(Model.TokenTerms.Count);
        for (int i = 0; i < Model.TokenTerms.Count; i++) writer.Write(Model.TokenTerms[i], $"token term #{i}",
            StoredLimits.TermBytes);
        TrainingHistory.Write(writer, Model.History);
        writer.Write(Convert.ToHexString(SHA256.HashData(weights)), "weights SHA-256");
        return (writer.ToArray(), new Dictionary<string, byte[]> { [WeightsStream] = weights });
    }

    /// <summary>Rebuilds a transformer from the payload and weights that <c>Save</c> wrote.</summary>
    internal static RecurrentTextClassifierTransformer Read(uint version, byte[] payload, byte[] weights)
    {
        using var reader = new PayloadReader(payload, LoaderSignature);
        string feature = reader.ReadString("feature column", StoredLimits.ColumnNameBytes);
        int taskKind = reader.ReadInt32("task", 0, 1);
        int classCount = reader.ReadInt32("class count", 2, RecurrentArchitecture.Limits.MaximumOutputs);
        var classNames = new List<string>(classCount);
        for (int i = 0; i < classCount; i++)
            classNames.Add(reader.ReadString("class name", StoredLimits.ClassNameBytes));
        RecurrentArchitecture architecture = version == 1
            ? RecurrentArchitecture.ReadVersion1(reader)
            : RecurrentArchitecture.Read(reader);
        int termCount = reader.ReadInt32("token term count", 0, RecurrentArchitecture.Limits.MaximumKeyCount);
        var terms = new List<string>(Math.Min(termCount, 1 << 20));
        for (int i = 0; i < termCount; i++) terms.Add(reader.ReadString("token term", StoredLimits.TermBytes));
        TrainingHistory? history = TrainingHistory.Read(reader);
        string? weightsHash = version == 1 ? null : reader.ReadString("weights SHA-256", 64);
        reader.EnsureEnd();

        ClassificationTask task = ClassificationTask.FromKind(taskKind, classNames)!;
        try
        {
            if (architecture.OutputSize != task.OutputSize)
                throw Inconsistent($"{architecture.OutputSize} outputs for a {task.Description} task");
            if (termCount != 0 && termCount != architecture.KeyCount)
                throw Inconsistent($"{termCount} token terms for {architecture.KeyCount} keys");
            var module = new RecurrentClassifierModule(architecture);
            try
            {
                WeightsCodec.Read(module, weights, $"{LoaderSignature}/{WeightsStream}");
                CheckBinding(weightsHash, weights);
                var model = new RecurrentTextClassifierModelParameters(module, task.ClassNames, terms, history);
                return new RecurrentTextClassifierTransformer(task, feature, model);
            }
            catch
            {
                module.Dispose();
                throw;
            }
        }
        catch
        {
            task.Dispose();
            throw;
        }
    }

    // Checked after the weights were read (so a malformed stream gets the codec's precise message), before any use.
    private static void CheckBinding(string? recorded, byte[] weights)
    {
        if (recorded is null || recorded == Convert.ToHexString(SHA256.HashData(weights))) return;
        throw new InvalidDataException($"The model entry '{LoaderSignature}': its '{WeightsStream}' stream " +
            "belongs to a different model (its SHA-256 is not the one this entry recorded when it was saved). " +
            "The zip's entries were " +
            "replaced or mixed up between two models; save the model again from the process that trained it.");
    }

    private static InvalidDataException Inconsistent(string what) =>
        new($"The model entry '{LoaderSignature}' is inconsistent: {what}.");
}
