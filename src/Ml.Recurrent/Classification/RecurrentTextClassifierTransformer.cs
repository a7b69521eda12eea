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
/// Saved and loaded with the stock <c>mlContext.Model.Save</c>/<c>Load</c>. Dispose it to free the native
/// weights at once. Scoring calls are serialised internally, so one instance may be shared across threads
/// (each thread with its own <c>PredictionEngine</c>, or calling <c>Transform</c>). Disposing a
/// <c>PredictionEngine</c> disposes this transformer too unless the engine was created with
/// <c>new PredictionEngineOptions { OwnsTransformer = false }</c> (ML.NET's default is to own it).
/// </summary>
public sealed partial class RecurrentTextClassifierTransformer : ITransformer, ICanSaveModel, IDisposable
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

    /// <summary>Frees the native weights. Scoring afterwards throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        Scorer.Dispose();
        Task.Dispose();
    }

    private ClassifierRowMapper MakeMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        DataViewSchema.Column tokens = TokenColumnChecks.Check(inputSchema, FeatureColumnName, Model.VocabularySize);
        TokenColumnChecks.CheckTerms(tokens, Model.TokenTerms);
        return new ClassifierRowMapper(Scorer, Task, Model.VocabularySize, inputSchema, tokens);
    }
}
