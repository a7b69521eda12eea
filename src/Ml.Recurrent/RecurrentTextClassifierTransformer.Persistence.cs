using Microsoft.ML;
using Microsoft.ML.Runtime;
using Ml.Recurrent.Modeling;
using Ml.Recurrent.Persistence;
using Ml.Recurrent.Tasks;

namespace Ml.Recurrent;

/// <summary>Saving and loading in the standard ML.NET model zip.</summary>
/// <remarks>
/// Saved payload (format version 1), after ML.NET's header, in a checksummed block (see ModelFormat):
/// <code>
/// string feature column
/// int32 task (0 binary, 1 multiclass); int32 class count c; c × string class name
/// int32 KeyCount, EmbeddingSize; int32 Cell, RnnActivation; int32 HiddenSize, NumberOfLayers; bool Bidirectional
/// int32 Pooling; int32 HeadHiddenSize; int32 HeadActivation; float32 EmbeddingDropout, Dropout; int32 OutputSize
/// string custom cell name (empty unless Cell is Custom; the factory must be registered before loading)
/// int32 token term count t; t × string term
/// bool has history; if so: int32 epochs e; e × (int32 epoch, float64 loss, float64 accuracy, bool has validation,
///   float64 validation loss, float64 validation accuracy, float64 lr, float64 seconds, float64 tokens/s);
///   int32 kept epoch, bool stopped early, int32 training rows, int32 skipped rows
/// </code>
/// Side stream <c>Weights.bin</c>: the module's parameters (see WeightsCodec), checked against the shape above.
/// </remarks>
public sealed partial class RecurrentTextClassifierTransformer
{
    internal const string LoaderSignature = "MlRecurrentClassifier";
    internal const string WeightsStream = "Weights.bin";
    internal static readonly ModelFormat Format = new("MLRCLSFR", LoaderSignature, Version: 1, OldestReadable: 1);

    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        using var writer = new PayloadWriter();
        writer.Write(FeatureColumnName, "feature column name");
        writer.Write(Task is BinaryTask ? 0 : 1);
        writer.Write(Model.ClassNames.Count);
        for (int i = 0; i < Model.ClassNames.Count; i++) writer.Write(Model.ClassNames[i], $"class name #{i}");
        WriteShape(writer, Model.Shape);
        writer.Write(Model.TokenTerms.Count);
        for (int i = 0; i < Model.TokenTerms.Count; i++) writer.Write(Model.TokenTerms[i], $"token term #{i}");
        WriteHistory(writer, Model.History);
        byte[] weights = Scorer.Use(WeightsCodec.Write);
        MlNetInternals.Save(ctx, Format, writer.ToArray(), new Dictionary<string, byte[]> { [WeightsStream] = weights });
    }

    // Called by ML.NET's ComponentCatalog through the LoadableClass registration.
    private static RecurrentTextClassifierTransformer Create(IHostEnvironment env, ModelLoadContext ctx)
    {
        (_, byte[] payload) = MlNetInternals.Load(ctx, Format);
        using var reader = new PayloadReader(payload, LoaderSignature);
        string feature = reader.ReadString("feature column", 4096);
        int taskKind = reader.ReadInt32("task", 0, 1);
        int classCount = reader.ReadInt32("class count", 2, 1_000_000);
        var classNames = new List<string>(classCount);
        for (int i = 0; i < classCount; i++) classNames.Add(reader.ReadString("class name", 1 << 16));
        RecurrentModelShape shape = ReadShape(reader);
        if ((shape.Cell == RecurrentCell.Custom) != (shape.CustomCellName is not null))
            throw new InvalidDataException($"The model entry '{LoaderSignature}' is inconsistent: cell {shape.Cell} with custom cell name '{shape.CustomCellName}'.");
        int termCount = reader.ReadInt32("token term count", 0, (int)SchemaChecks.MaximumKeyCount);
        var terms = new List<string>(Math.Min(termCount, 1 << 20));
        for (int i = 0; i < termCount; i++) terms.Add(reader.ReadString("token term", 1 << 16));
        TrainingHistory? history = ReadHistory(reader);
        reader.EnsureEnd();

        ClassificationTask task = taskKind == 0 ? new BinaryTask() : new MulticlassTask(classNames);
        if (shape.OutputSize != task.OutputSize)
            throw new InvalidDataException($"The model entry '{LoaderSignature}' is inconsistent: {shape.OutputSize} outputs for a {(taskKind == 0 ? "binary" : $"{classCount}-class")} task.");
        if (termCount != 0 && termCount != shape.KeyCount)
            throw new InvalidDataException($"The model entry '{LoaderSignature}' is inconsistent: {termCount} token terms for {shape.KeyCount} keys.");

        byte[] weights = MlNetInternals.LoadStream(ctx, WeightsStream, LoaderSignature);
        var module = new RecurrentClassifierModule(shape);
        try
        {
            WeightsCodec.Read(module, weights, $"{LoaderSignature}/{WeightsStream}");
            var model = new RecurrentTextClassifierModelParameters(module, task.ClassNames, terms, history);
            return new RecurrentTextClassifierTransformer(env, task, feature, model);
        }
        catch
        {
            module.Dispose();
            task.Dispose();
            throw;
        }
    }

    private static void WriteShape(PayloadWriter w, RecurrentModelShape s)
    {
        w.Write(s.KeyCount);
        w.Write(s.EmbeddingSize);
        w.WriteEnum(s.Cell);
        w.WriteEnum(s.RnnActivation);
        w.Write(s.HiddenSize);
        w.Write(s.NumberOfLayers);
        w.Write(s.Bidirectional);
        w.WriteEnum(s.Pooling);
        w.Write(s.HeadHiddenSize);
        w.WriteEnum(s.HeadActivation);
        w.Write(s.EmbeddingDropout);
        w.Write(s.Dropout);
        w.Write(s.OutputSize);
        w.Write(s.CustomCellName ?? string.Empty, "custom cell name");
    }

    private static RecurrentModelShape ReadShape(PayloadReader r) => new(
        KeyCount: r.ReadInt32("key count", 1, (int)SchemaChecks.MaximumKeyCount),
        EmbeddingSize: r.ReadInt32("embedding size", 1, 4096),
        Cell: r.ReadEnum<RecurrentCell>("cell"),
        RnnActivation: r.ReadEnum<RnnActivation>("RNN activation"),
        HiddenSize: r.ReadInt32("hidden size", 1, 4096),
        NumberOfLayers: r.ReadInt32("number of layers", 1, 8),
        Bidirectional: r.ReadBoolean("bidirectional"),
        Pooling: r.ReadEnum<SequencePooling>("pooling"),
        HeadHiddenSize: r.ReadInt32("head hidden size", 0, 4096),
        HeadActivation: r.ReadEnum<HeadActivation>("head activation"),
        EmbeddingDropout: r.ReadSingle("embedding dropout", 0, 0.999999f),
        Dropout: r.ReadSingle("dropout", 0, 0.999999f),
        OutputSize: r.ReadInt32("output size", 1, 1_000_000),
        CustomCellName: ReadCustomCellName(r));

    private static string? ReadCustomCellName(PayloadReader r)
    {
        string name = r.ReadString("custom cell name", 128);
        if (name.Length == 0) return null;
        if (!RecurrentCellRegistry.IsValidName(name)) throw new InvalidDataException($"The model entry '{LoaderSignature}' names an invalid custom cell '{name}'.");
        return name;
    }

    private static void WriteHistory(PayloadWriter w, TrainingHistory? h)
    {
        w.Write(h is not null);
        if (h is null) return;
        w.Write(h.Epochs.Count);
        foreach (EpochRecord e in h.Epochs)
        {
            w.Write(e.Epoch);
            w.Write(e.TrainingLoss);
            w.Write(e.TrainingAccuracy);
            w.Write(e.ValidationLoss.HasValue);
            w.Write(e.ValidationLoss ?? 0);
            w.Write(e.ValidationAccuracy ?? 0);
            w.Write(e.LearningRate);
            w.Write(e.Seconds);
            w.Write(e.TokensPerSecond);
        }

        w.Write(h.KeptEpoch);
        w.Write(h.StoppedEarly);
        w.Write(h.TrainingRows);
        w.Write(h.SkippedRows);
    }

    private static TrainingHistory? ReadHistory(PayloadReader r)
    {
        if (!r.ReadBoolean("has history")) return null;
        int count = r.ReadInt32("epoch count", 0, 10_000);
        var epochs = new List<EpochRecord>(count);
        for (int i = 0; i < count; i++)
        {
            int epoch = r.ReadInt32("epoch", 1, 10_000);
            double loss = r.ReadDouble("training loss"), accuracy = r.ReadDouble("training accuracy");
            bool validated = r.ReadBoolean("has validation");
            double vl = r.ReadDouble("validation loss"), va = r.ReadDouble("validation accuracy");
            epochs.Add(new EpochRecord(epoch, loss, accuracy, validated ? vl : null, validated ? va : null,
                r.ReadDouble("learning rate"), r.ReadDouble("seconds"), r.ReadDouble("tokens per second")));
        }

        return new TrainingHistory(epochs, r.ReadInt32("kept epoch", 0, 10_000), r.ReadBoolean("stopped early"),
            r.ReadInt32("training rows", 0, int.MaxValue), r.ReadInt32("skipped rows", 0, int.MaxValue));
    }
}
