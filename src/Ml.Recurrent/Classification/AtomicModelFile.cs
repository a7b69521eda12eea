using Microsoft.ML;

namespace Ml.Recurrent.Classification;

/// <summary>
/// Saves a model zip so that a failure never leaves a damaged file behind: checks that no recurrent classifier in the
/// model had its native memory released, writes a temporary file in the same folder, flushes it to disk, then renames
/// it over the target (an atomic replace on the same file system). ML.NET's own <c>Model.Save(path)</c> writes the
/// target in place.
/// </summary>
internal static class AtomicModelFile
{
    public static void Save(ModelOperationsCatalog catalog, ITransformer model, DataViewSchema? inputSchema,
        string filePath)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        foreach (RecurrentTextClassifierTransformer classifier in Classifiers(model))
            classifier.Scorer.Use(_ => true); // throws ObjectDisposedException before the file is touched

        string target = Path.GetFullPath(filePath);
        string folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException(
                $"Cannot save the model to '{target}': the folder '{folder}' does not exist.");
        string temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                catalog.Save(model, inputSchema, stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static IEnumerable<RecurrentTextClassifierTransformer> Classifiers(ITransformer model) => model switch
    {
        RecurrentTextClassifierTransformer classifier => [classifier],
        IEnumerable<ITransformer> chain => chain.SelectMany(Classifiers),
        _ => [],
    };

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original error matters more; a leftover temporary file is harmless and named as ours.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
