using Microsoft.ML;
using Microsoft.ML.Runtime;
using Ml.Recurrent.Classification;
using Ml.Recurrent.MlNet;
using Ml.Recurrent.Modeling;
using Ml.Recurrent.Persistence;
using Ml.Recurrent.Runtime;
using Ml.Recurrent.Sequences;
using Ml.Recurrent.Tasks;
using Ml.Recurrent.Training;
using TorchSharp;

namespace Ml.Recurrent;

/// <summary>
/// Trains a recurrent text classifier on a token-key column. Created by
/// <c>mlContext.MulticlassClassification.Trainers.RecurrentTextClassifier(...)</c> or its binary twin.
/// </summary>
public sealed class RecurrentTextClassifierEstimator : IEstimator<RecurrentTextClassifierTransformer>
{
    private readonly IHost _host;
    private readonly RecurrentTextClassifierOptions _options;
    private readonly ClassificationTask _task;

    internal RecurrentTextClassifierEstimator(IHostEnvironment environment, RecurrentTextClassifierOptions options,
        ClassificationTask task)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _host = environment.Register($"{task.GetType().Name[..^4]}RecurrentTextClassifier");
        _options = options.Clone();
        _task = task;
    }

    /// <summary>A copy of the options this estimator trains with.</summary>
    public RecurrentTextClassifierOptions Options => _options.Clone();

    /// <summary>Trains on <paramref name="input"/>.</summary>
    /// <param name="input">Data with the token and label columns.</param>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of the wrong type.</exception>
    /// <exception cref="ArgumentException">The data cannot train a classifier (no rows, a single class).</exception>
    /// <exception cref="OperationCanceledException">Training was canceled.</exception>
    public RecurrentTextClassifierTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        TorchRuntime.EnsureLoaded();
        DataViewSchema.Column tokens = TokenColumnChecks.Check(input.Schema, _options.FeatureColumnName);
        DataViewSchema.Column label = _task.CheckLabel(input.Schema, _options.LabelColumnName);
        ClassificationTask task = _task.ForLabel(label);
        try
        {
            RecurrentArchitecture architecture =
                _options.ToArchitecture(TokenColumnChecks.KeyCountOf(tokens), task.OutputSize);
            IReadOnlyList<string> terms = TokenColumnChecks.TermsOf(tokens);
            CheckStorable(task.ClassNames, terms);
            int seed = _options.Seed ?? _host.Rand.Next();
            var reader = new TrainingDataReader(architecture.KeyCount, task);
            (TokenSequenceStore all, int skipped) = reader.Read(input, tokens, label);
            (TokenSequenceStore train, TokenSequenceStore? validation) =
                SplitValidation(all, reader, task, terms, seed);
            CheckTrainable(train, task, skipped);

            using IChannel channel = _host.Start("Training");
            if (skipped > 0)
                channel.Warning(MessageSensitivity.None,
                    $"Skipped {skipped} training row(s) whose label '{_options.LabelColumnName}' is missing.");
            channel.Info(MessageSensitivity.None,
                $"Training {architecture} on {train.Count} rows ({train.TokenCount} tokens)" +
                $"{(validation is null ? string.Empty : $", validating on {validation.Count}")}, seed {seed}.");

            using PretrainedEmbedding? vectors = _options.ReadWordVectors(terms);
            if (vectors?.Coverage is { } coverage)
                channel.Info(MessageSensitivity.None, $"Word vectors: {coverage.Covered} of " +
                    $"{coverage.VocabularyWords} vocabulary words found in '{coverage.Path}' " +
                    $"({coverage.CoveredByLowerCase} by lower-case form).");
            int previousThreads = torch.get_num_threads();
            torch.set_num_threads(_options.NumberOfThreads ?? Environment.ProcessorCount);
            try
            {
                var trainer = new RecurrentTrainer(_options, task, channel, () => MlNetHost.IsCanceled(_host));
                (RecurrentClassifierModule trained, TrainingHistory history) =
                    trainer.Train(architecture, train, validation, seed, skipped, vectors);
                history.WordVectors = vectors?.Coverage;
                RecurrentClassifierModule module = ReloadedCopy.Of(trained);
                var model = new RecurrentTextClassifierModelParameters(module, task.ClassNames, terms, history);
                return new RecurrentTextClassifierTransformer(task, _options.FeatureColumnName, model);
            }
            finally
            {
                torch.set_num_threads(previousThreads);
                NativeMemory.Trim();
            }
        }
        catch
        {
            task.Dispose();
            throw;
        }
    }

    /// <summary>The schema after scoring, checked before any training: the output columns with their types.</summary>
    /// <param name="inputSchema">The shape of the input data.</param>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        TokenColumnChecks.Check(inputSchema, _options.FeatureColumnName);
        _task.CheckLabel(inputSchema, _options.LabelColumnName);
        var columns = inputSchema.ToDictionary(c => c.Name);
        foreach (SchemaShape.Column column in _task.OutputShape()) columns[column.Name] = column;
        return new SchemaShape(columns.Values);
    }

    /// <summary>
    /// The validation rows: <see cref="RecurrentTextClassifierOptions.ValidationData"/>, checked like data to score
    /// (same token vocabulary, same classes in the same order), or a seeded fraction of the training rows.
    /// </summary>
    private (TokenSequenceStore Train, TokenSequenceStore? Validation) SplitValidation(TokenSequenceStore all,
        TrainingDataReader reader, ClassificationTask task, IReadOnlyList<string> terms, int seed)
    {
        const string option = nameof(RecurrentTextClassifierOptions.ValidationData);
        if (_options.ValidationData is { } data)
        {
            DataViewSchema.Column tokens =
                TokenColumnChecks.Check(data.Schema, _options.FeatureColumnName, reader.KeyCount);
            TokenColumnChecks.CheckTerms(tokens, terms);
            DataViewSchema.Column label = task.CheckLabel(data.Schema, _options.LabelColumnName);
            task.CheckSameClasses(label, option);
            (TokenSequenceStore validation, _) = reader.Read(data, tokens, label);
            if (validation.Count == 0)
                throw new ArgumentException($"{option} has no rows with a label.", option);
            return (all, validation);
        }

        if (_options.ValidationFraction <= 0) return (all, null);
        int[] order = Enumerable.Range(0, all.Count).ToArray();
        new Random(unchecked(seed * 31 + 7)).Shuffle(order);
        int held = (int)Math.Round(all.Count * (double)_options.ValidationFraction);
        if (held < 1 || held >= all.Count)
            throw new ArgumentException($"{nameof(RecurrentTextClassifierOptions.ValidationFraction)} = " +
                $"{_options.ValidationFraction} of {all.Count} rows leaves {held} for validation and " +
                $"{all.Count - held} for training; both need at least 1.",
                nameof(RecurrentTextClassifierOptions.ValidationFraction));
        return (all.Subset(order[held..]), all.Subset(order[..held]));
    }

    /// <summary>Class names and token terms within the limits a saved model holds (checked before training).</summary>
    private void CheckStorable(IReadOnlyList<string> classNames, IReadOnlyList<string> terms)
    {
        for (int i = 0; i < classNames.Count; i++)
            StoredLimits.CheckText(classNames[i], StoredLimits.ClassNameBytes,
                $"class name #{i} of label column '{_options.LabelColumnName}'", "input", "class name");
        for (int i = 0; i < terms.Count; i++)
            StoredLimits.CheckText(terms[i], StoredLimits.TermBytes,
                $"term of key {i + 1} of token column '{_options.FeatureColumnName}'", "input", "term");
    }

    private void CheckTrainable(TokenSequenceStore train, ClassificationTask task, int skipped)
    {
        if (train.Count == 0)
        {
            string why = skipped > 0
                ? $" ({skipped} row(s) skipped because their label is missing, e.g. a value MapValueToKey did not " +
                    $"learn)"
                : " (it has no rows)";
            throw new ArgumentException($"The training data has no rows with a label in " +
                $"'{_options.LabelColumnName}'{why}; nothing to train on.", "input");
        }

        var present = new HashSet<int>();
        for (int i = 0; i < train.Count && present.Count < 2; i++) present.Add(train.Label(i));
        if (present.Count >= 2) return;
        string split = _options.ValidationFraction > 0
            ? $" after holding out {nameof(RecurrentTextClassifierOptions.ValidationFraction)} = " +
                $"{_options.ValidationFraction} for validation"
            : string.Empty;
        throw new ArgumentException($"Label column '{_options.LabelColumnName}': every training row{split} has the " +
            $"same class ('{task.ClassNames[present.Single()]}'); a classifier needs at least two classes.", "input");
    }
}
