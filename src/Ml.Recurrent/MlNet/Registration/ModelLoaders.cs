using Microsoft.ML;
using Microsoft.ML.Runtime;
using Ml.Recurrent.MlNet;
using Ml.Recurrent.Persistence;

namespace Ml.Recurrent.MlNet.Registration;

/// <summary>
/// The loaders ML.NET's ComponentCatalog calls for our entries (registered in LoaderRegistrations.cs): each reads
/// the framed payload and side streams through <see cref="ModelEntries"/> and hands plain bytes to the component's
/// own reader, so that no component outside MlNet/ sees <c>ModelLoadContext</c>.
/// </summary>
internal static class ModelLoaders
{
    /// <summary>The tokenizer's entry.</summary>
    internal static class Tokenizer
    {
        public const string LoaderSignature = RecurrentTokenizerTransformer.LoaderSignature;

        private static RecurrentTokenizerTransformer Create(IHostEnvironment env, ModelLoadContext ctx)
        {
            (uint version, byte[] payload) = ModelEntries.Load(ctx, RecurrentTokenizerTransformer.Format);
            return RecurrentTokenizerTransformer.Read(version, payload);
        }
    }

    /// <summary>The classifier's entry and its weights stream.</summary>
    internal static class Classifier
    {
        public const string LoaderSignature = RecurrentTextClassifierTransformer.LoaderSignature;

        private static RecurrentTextClassifierTransformer Create(IHostEnvironment env, ModelLoadContext ctx)
        {
            ModelFormat format = RecurrentTextClassifierTransformer.Format;
            (uint version, byte[] payload) = ModelEntries.Load(ctx, format);
            byte[] weights = ModelEntries.LoadStream(ctx, RecurrentTextClassifierTransformer.WeightsStream,
                format.LoaderSignature);
            return RecurrentTextClassifierTransformer.Read(version, payload, weights);
        }
    }
}
