using Microsoft.ML;
using Ml.Recurrent.Classification;
using Ml.Recurrent.MlNet;
using Ml.Recurrent.Tasks;

namespace Ml.Recurrent;

/// <summary>
/// The entry points of Ml.Recurrent on ML.NET's catalogs: each with a flat overload for the common case and
/// an options overload for everything.
/// </summary>
public static class RecurrentCatalog
{
    /// <summary>
    /// Tokenizes a text column for a recurrent classifier: learns a word vocabulary (most frequent first) and
    /// outputs each text as a variable-length vector of keys whose key values are the words.
    /// </summary>
    /// <param name="catalog">The text transforms catalog.</param>
    /// <param name="outputColumnName">Name of the key-vector column to produce.</param>
    /// <param name="inputColumnName">Name of the text column; <c>null</c> means the same as
    /// <paramref name="outputColumnName"/>.</param>
    /// <param name="maximumVocabularySize">Most words kept, at least 1.</param>
    /// <param name="maximumLength">Tokens kept per text, at least 1.</param>
    public static RecurrentTokenizerEstimator TokenizeForRecurrent(this TransformsCatalog.TextTransforms catalog,
        string outputColumnName, string? inputColumnName = null,
        int maximumVocabularySize = RecurrentTokenizerOptions.DefaultMaximumVocabularySize, int maximumLength =
            RecurrentTokenizerOptions.DefaultMaximumLength)
        => TokenizeForRecurrent(catalog, outputColumnName, inputColumnName ?? outputColumnName,
            new RecurrentTokenizerOptions { MaximumVocabularySize = maximumVocabularySize,
                MaximumLength = maximumLength });

    /// <summary>Tokenizes a text column for a recurrent classifier, with all options.</summary>
    /// <param name="catalog">The text transforms catalog.</param>
    /// <param name="outputColumnName">Name of the key-vector column to produce.</param>
    /// <param name="inputColumnName">Name of the text column.</param>
    /// <param name="options">Tokenizer options; validated here.</param>
    public static RecurrentTokenizerEstimator TokenizeForRecurrent(this TransformsCatalog.TextTransforms catalog,
        string outputColumnName, string inputColumnName, RecurrentTokenizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new RecurrentTokenizerEstimator(MlNetHost.Environment(catalog), outputColumnName, inputColumnName,
            options);
    }

    /// <summary>A multiclass recurrent text classifier (label: key type) with the common options.</summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="labelColumnName">Key-typed label column.</param>
    /// <param name="featureColumnName">Token key-vector column.</param>
    /// <param name="cell">Recurrent cell.</param>
    /// <param name="bidirectional">Read both directions.</param>
    /// <param name="numberOfEpochs">Passes over the data.</param>
    public static RecurrentTextClassifierEstimator RecurrentTextClassifier(
        this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = RecurrentTextClassifierOptions.DefaultLabelColumnName, string featureColumnName =
            RecurrentTextClassifierOptions.DefaultFeatureColumnName,
        RecurrentCell cell = RecurrentTextClassifierOptions.DefaultCell, bool bidirectional =
            RecurrentTextClassifierOptions.DefaultBidirectional,
        int numberOfEpochs = RecurrentTextClassifierOptions.DefaultNumberOfEpochs)
        => RecurrentTextClassifier(catalog,
            Flat(labelColumnName, featureColumnName, cell, bidirectional, numberOfEpochs));

    /// <summary>A multiclass recurrent text classifier (label: key type) with all options.</summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="options">Classifier options; validated here.</param>
    public static RecurrentTextClassifierEstimator RecurrentTextClassifier(
        this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        RecurrentTextClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new RecurrentTextClassifierEstimator(MlNetHost.Environment(catalog), options, new MulticlassTask([]));
    }

    /// <summary>A binary recurrent text classifier (label: bool) with the common options.</summary>
    /// <param name="catalog">The binary trainers catalog.</param>
    /// <param name="labelColumnName">Boolean label column.</param>
    /// <param name="featureColumnName">Token key-vector column.</param>
    /// <param name="cell">Recurrent cell.</param>
    /// <param name="bidirectional">Read both directions.</param>
    /// <param name="numberOfEpochs">Passes over the data.</param>
    public static RecurrentTextClassifierEstimator RecurrentTextClassifier(
        this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        string labelColumnName = RecurrentTextClassifierOptions.DefaultLabelColumnName, string featureColumnName =
            RecurrentTextClassifierOptions.DefaultFeatureColumnName,
        RecurrentCell cell = RecurrentTextClassifierOptions.DefaultCell, bool bidirectional =
            RecurrentTextClassifierOptions.DefaultBidirectional,
        int numberOfEpochs = RecurrentTextClassifierOptions.DefaultNumberOfEpochs)
        => RecurrentTextClassifier(catalog,
            Flat(labelColumnName, featureColumnName, cell, bidirectional, numberOfEpochs));

    /// <summary>A binary recurrent text classifier (label: bool) with all options.</summary>
    /// <param name="catalog">The binary trainers catalog.</param>
    /// <param name="options">Classifier options; validated here.</param>
    public static RecurrentTextClassifierEstimator RecurrentTextClassifier(
        this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, RecurrentTextClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new RecurrentTextClassifierEstimator(MlNetHost.Environment(catalog), options, new BinaryTask());
    }

    /// <summary>
    /// Saves <paramref name="model"/> like <c>mlContext.Model.Save(model, inputSchema, filePath)</c>, but never leaves
    /// a damaged file: it refuses a model whose recurrent classifier's native memory was released (ReleaseNativeMemory)
    /// before touching the file, writes a temporary file in the same folder and renames it over
    /// <paramref name="filePath"/> only when the whole zip was written and flushed. An existing good model at that path
    /// survives a failed save (full disk, released model).
    /// </summary>
    /// <param name="catalog">The model operations catalog (<c>mlContext.Model</c>).</param>
    /// <param name="model">The trained pipeline.</param>
    /// <param name="inputSchema">The schema of the data the model was trained on (as for <c>Model.Save</c>).</param>
    /// <param name="filePath">Where the zip goes; its folder must exist.</param>
    /// <exception cref="ObjectDisposedException">A recurrent classifier in the model had its native memory released.
    /// </exception>
    public static void SaveAtomically(
        this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema? inputSchema,
        string filePath) => AtomicModelFile.Save(catalog, model, inputSchema, filePath);

    /// <summary>
    /// Explains a model's predictions token by token (integrated gradients or occlusion): for one text with
    /// <see cref="RecurrentExplainer.Explain"/>, for a data view with <see cref="RecurrentExplainer.Transform"/>.
    /// </summary>
    /// <param name="catalog">The model operations catalog (<c>mlContext.Model</c>).</param>
    /// <param name="model">A trained or loaded model holding <c>TokenizeForRecurrent</c> and a recurrent text
    /// classifier.</param>
    /// <param name="options">Method, explained output and class, column names; validated here. <c>null</c>:
    /// defaults.</param>
    public static RecurrentExplainer CreateRecurrentExplainer(this ModelOperationsCatalog catalog, ITransformer model,
        TokenExplanationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return RecurrentExplainer.FromModel(model, options);
    }

    private static RecurrentTextClassifierOptions Flat(string label, string feature, RecurrentCell cell,
        bool bidirectional, int epochs) => new()
    {
        LabelColumnName = label,
        FeatureColumnName = feature,
        Cell = cell,
        Bidirectional = bidirectional,
        NumberOfEpochs = epochs,
    };
}
