using Microsoft.ML;
using Ml.Recurrent.MlNet;

namespace Ml.Recurrent;

// ML.NET's Model.Save calls ICanSaveModel.Save with a ModelSaveContext whose members are internal; these partial
// declarations keep that binding here, beside the loaders (ModelLoaders.cs). Each component's own .Persistence.cs
// partial decides the bytes (ToEntry) and documents the layout.

// The tokenizer: one entry, no side stream.
public sealed partial class RecurrentTokenizerTransformer : ICanSaveModel
{
    void ICanSaveModel.Save(ModelSaveContext ctx) =>
        ModelEntries.Save(ctx, Format, ToEntry(), new Dictionary<string, byte[]>());
}

// The classifier: its entry and the Weights.bin side stream.
public sealed partial class RecurrentTextClassifierTransformer : ICanSaveModel
{
    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        (byte[] payload, Dictionary<string, byte[]> streams) = ToEntry();
        ModelEntries.Save(ctx, Format, payload, streams);
    }
}
