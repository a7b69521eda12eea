using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.Classification;
using Ml.Recurrent.Scoring;
using Ml.Recurrent.Tasks;

namespace Ml.Recurrent;

/// <summary>
/// A trained recurrent text classifier. <c>Transform</c> scores in batches; <c>PredictionEngine</c> works
/// row by row. Binary models add <c>Score</c> (logit), <c>Probability</c> and a bool <c>PredictedLabel</c>;
/// multiclass models add a <c>Score</c> vector of class probabilities and a key-typed <c>PredictedLabel</c>.
/// Saved and loaded with the stock <c>mlContext.Model.Save</c>/<c>Load</c>.
/// </summary>
/// <remarks>
/// <para>One instance may be shared across threads (each thread with its own <c>PredictionEngine</c>, or calling
/// <c>Transform</c>); scoring calls run in parallel. A forward pass over fewer than 16 texts (every
/// <c>PredictionEngine.Predict</c>) runs on one intra-op thread of the calling thread; see docs/serving.md for
/// exactly what that changes.</para>
/// <para>Native memory: the weights live in libtorch. <see cref="ReleaseNativeMemory()"/> frees them at once
/// (deterministic release); a transformer that is dropped without it frees them when the garbage collector
/// finalizes it. <see cref="Dispose"/> does <b>not</b> free them, because ML.NET calls it on the model whenever a
/// <c>PredictionEngine</c> created with default options is disposed: the idiom
/// <c>using var engine = mlContext.Model.CreatePredictionEngine&lt;In, Out&gt;(model);</c> per request keeps
/// working.</para>
/// </remarks>
public sealed partial class RecurrentTextClassifierTransformer : ITransformer, IDisposable
{
    internal RecurrentTextClassifierTransformer(ClassificationTask task, string featureColumnName,
        RecurrentTextClassifierModelParameters model)
    {
        Task = task;
        FeatureColumnName = featureColumnName;
        Model = model;
    }

    /// <summary>The token column read.</summary>
    public string FeatureColumnName { get; }

    /// <summary>The trained model: classes, architecture, history and weights.</summary>
    public RecurrentTextClassifierModelParameters Model { get; }

    /// <summary>Always <c>true</c>: a <c>PredictionEngine</c> can use it.</summary>
    public bool IsRowToRowMapper => true;

    internal ClassificationTask Task { get; }

    internal BatchScorer Scorer => Model.Scorer;

    /// <summary>Output schema for <paramref name="inputSchema"/>; throws if the token column is missing
    /// or of the wrong type.</summary>
    /// <param name="inputSchema">Schema of the data to score.</param>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => MakeMapper(inputSchema).OutputSchema;

    /// <summary>Adds the output columns to <paramref name="input"/>; rows are scored lazily, in batches, as
    /// a cursor reads them.</summary>
    /// <param name="input">Data with the token column.</param>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ClassifierDataView(input, MakeMapper(input.Schema));
    }

    /// <summary>A row-to-row mapper over <paramref name="inputSchema"/>, used by <c>PredictionEngine</c>.</summary>
    /// <param name="inputSchema">Schema of the rows to map.</param>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => MakeMapper(inputSchema);

    /// <summary>
    /// Does not free anything and leaves the transformer usable. ML.NET calls it on the whole model when a
    /// <c>PredictionEngine</c> that owns the model (the default) is disposed, or when the model is disposed
    /// explicitly; to free the native weights at once call <see cref="ReleaseNativeMemory()"/> (or
    /// <see cref="ReleaseNativeMemoryOf"/> for a whole model); otherwise the garbage collector frees them once
    /// the transformer is unreachable.
    /// </summary>
    public void Dispose()
    {
    }

    /// <summary>
    /// Frees the native (libtorch) weights now, after scoring calls in progress on other threads have finished.
    /// Afterwards every use (scoring, saving, reading weights) throws <see cref="ObjectDisposedException"/>.
    /// Calling it again does nothing.
    /// </summary>
    public void ReleaseNativeMemory()
    {
        Scorer.Release();
        Task.Dispose();
    }

    /// <summary>
    /// Calls <see cref="ReleaseNativeMemory()"/> on every recurrent text classifier in <paramref name="model"/>
    /// (the transformer itself or any transformer chain, e.g. what <c>Fit</c> or <c>mlContext.Model.Load</c>
    /// returned) and returns how many it released.
    /// </summary>
    /// <param name="model">A trained or loaded model.</param>
    public static int ReleaseNativeMemoryOf(ITransformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        switch (model)
        {
            case RecurrentTextClassifierTransformer classifier:
                classifier.ReleaseNativeMemory();
                return 1;
            case IEnumerable<ITransformer> chain:
                return chain.Sum(ReleaseNativeMemoryOf);
            default:
                return 0;
        }
    }

    private ClassifierRowMapper MakeMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        DataViewSchema.Column tokens = TokenColumnChecks.Check(inputSchema, FeatureColumnName, Model.VocabularySize);
        TokenColumnChecks.CheckTerms(tokens, Model.TokenTerms);
        return new ClassifierRowMapper(Scorer, Task, Model.VocabularySize, inputSchema, tokens);
    }
}
