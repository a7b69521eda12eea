using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Ml.Recurrent.MlNet;

/// <summary>The host environment behind ML.NET's catalogs, and its cancellation flag (both
/// reached through internals).</summary>
internal static class MlNetHost
{
    /// <summary>The host environment behind an ML.NET catalog (the <see cref="MLContext"/>).</summary>
    public static IHostEnvironment Environment(TransformsCatalog.TextTransforms catalog) =>
        CatalogUtils.GetEnvironment(catalog);

    /// <inheritdoc cref="Environment(TransformsCatalog.TextTransforms)"/>
    public static IHostEnvironment Environment(
        MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog) =>
        CatalogUtils.GetEnvironment(catalog);

    /// <inheritdoc cref="Environment(TransformsCatalog.TextTransforms)"/>
    public static IHostEnvironment Environment(BinaryClassificationCatalog.BinaryClassificationTrainers catalog) =>
        CatalogUtils.GetEnvironment(catalog);

    /// <summary>Whether <c>MLContext.CancelExecution()</c> was called on <paramref name="environment"/>.</summary>
    public static bool IsCanceled(IHostEnvironment environment) =>
        environment is ICancelable cancelable && cancelable.IsCanceled;
}
