using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Ml.Recurrent.Modeling;
using Ml.Recurrent.Persistence;
using Ml.Recurrent.Runtime;
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
    private readonly bool _binary;

    internal RecurrentTextClassifierEstimator(IHostEnvironment environment, RecurrentTextClassifierOptions options, bool binary)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _host = environment.Register(binary ? "BinaryRecurrentTextClassifier" : "MulticlassRecurrentTextClassifier");
        _options = options.Clone();
        _binary = binary;
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
        DataViewSchema.Column tokens = SchemaChecks.CheckTokens(input.Schema, _options.FeatureColumnName);
        DataViewSchema.Column label = _binary
            ? SchemaChecks.CheckBinaryLabel(input.Schema, _options.LabelColumnName)
            : SchemaChecks.CheckMulticlassLabel(input.Schema, _options.LabelColumnName);
        int keyCount = (int)((KeyDataViewType)((VectorDataViewType)tokens.Type).ItemType).Count;
        ClassificationTask task = _binary ? new BinaryTask() : new MulticlassTask(ClassNamesOf(label));
        try
        {
            var shape = new RecurrentModelShape(keyCount, _options.EmbeddingSize, _options.Cell, _options.RnnActivation, _options.HiddenSize,
                _options.NumberOfLayers, _options.Bidirectional, _options.Pooling, _options.HeadHiddenSize, _options.HeadActivation,
                _options.EmbeddingDropout, _options.Dropout, task.OutputSize, _options.CustomCellName);
            int seed = _options.Seed ?? _host.Rand.Next();
            var reader = new TrainingDataReader(shape, task);
            (TokenSequenceStore all, int skipped) = reader.Read(input, tokens, label);
            (TokenSequenceStore train, TokenSequenceStore? validation) = SplitValidation(all, reader, seed);
            CheckTrainable(train, task, skipped);

            using IChannel channel = _host.Start("Training");
            if (skipped > 0)
                channel.Warning(MessageSensitivity.None, $"Skipped {skipped} training row(s) whose label '{_options.LabelColumnName}' is missing.");
            channel.Info(MessageSensitivity.None, $"Training {Describe(shape)} on {train.Count} rows ({train.TokenCount} tokens){(validation is null ? string.Empty : $", validating on {validation.Count}")}, seed {seed}.");

            int previousThreads = torch.get_num_threads();
            torch.set_num_threads(_options.NumberOfThreads ?? Environment.ProcessorCount);
            try
            {
                var trainer = new RecurrentTrainer(_options, task, channel, () => MlNetInternals.IsCanceled(_host));
                (RecurrentClassifierModule module, TrainingHistory history) = trainer.Train(shape, train, validation, seed, skipped);
                var model = new RecurrentTextClassifierModelParameters(module, task.ClassNames, TermsOf(tokens), history);
                return new RecurrentTextClassifierTransformer(_host, task, _options.FeatureColumnName, model);
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
        SchemaChecks.CheckShape(inputSchema, _options.FeatureColumnName, _options.LabelColumnName, _binary);
        var columns = inputSchema.ToDictionary(c => c.Name);
        const SchemaShape.Column.VectorKind scalar = SchemaShape.Column.VectorKind.Scalar;
        if (_binary)
        {
            columns[ColumnNames.Score] = MlNetInternals.Column(ColumnNames.Score, scalar, NumberDataViewType.Single, false);
            columns[ColumnNames.Probability] = MlNetInternals.Column(ColumnNames.Probability, scalar, NumberDataViewType.Single, false);
            columns[ColumnNames.PredictedLabel] = MlNetInternals.Column(ColumnNames.PredictedLabel, scalar, BooleanDataViewType.Instance, false);
        }
        else
        {
            var slotNames = new SchemaShape([MlNetInternals.Column(AnnotationUtils.Kinds.SlotNames, SchemaShape.Column.VectorKind.Vector, TextDataViewType.Instance, false)]);
            var keyValues = new SchemaShape([MlNetInternals.Column(AnnotationUtils.Kinds.KeyValues, SchemaShape.Column.VectorKind.Vector, TextDataViewType.Instance, false)]);
            columns[ColumnNames.Score] = MlNetInternals.Column(ColumnNames.Score, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, slotNames);
            columns[ColumnNames.PredictedLabel] = MlNetInternals.Column(ColumnNames.PredictedLabel, scalar, NumberDataViewType.UInt32, true, keyValues);
        }

        return new SchemaShape(columns.Values);
    }

    private (TokenSequenceStore Train, TokenSequenceStore? Validation) SplitValidation(TokenSequenceStore all, TrainingDataReader reader, int seed)
    {
        if (_options.ValidationData is { } data)
        {
            DataViewSchema.Column tokens = SchemaChecks.CheckTokens(data.Schema, _options.FeatureColumnName, reader.Shape.KeyCount);
            DataViewSchema.Column label = _binary
                ? SchemaChecks.CheckBinaryLabel(data.Schema, _options.LabelColumnName)
                : SchemaChecks.CheckMulticlassLabel(data.Schema, _options.LabelColumnName);
            (TokenSequenceStore validation, _) = reader.Read(data, tokens, label);
            if (validation.Count == 0)
                throw new ArgumentException($"{nameof(RecurrentTextClassifierOptions.ValidationData)} has no rows with a label.", nameof(RecurrentTextClassifierOptions.ValidationData));
            return (all, validation);
        }

        if (_options.ValidationFraction <= 0) return (all, null);
        int[] order = Enumerable.Range(0, all.Count).ToArray();
        new Random(unchecked(seed * 31 + 7)).Shuffle(order);
        int held = (int)Math.Round(all.Count * (double)_options.ValidationFraction);
        if (held < 1 || held >= all.Count)
            throw new ArgumentException($"{nameof(RecurrentTextClassifierOptions.ValidationFraction)} = {_options.ValidationFraction} of {all.Count} rows leaves {held} for validation and {all.Count - held} for training; both need at least 1.", nameof(RecurrentTextClassifierOptions.ValidationFraction));
        return (all.Subset(order[held..]), all.Subset(order[..held]));
    }

    private void CheckTrainable(TokenSequenceStore train, ClassificationTask task, int skipped)
    {
        if (train.Count == 0)
        {
            string why = skipped > 0 ? $" ({skipped} row(s) skipped because their label is missing, e.g. a value MapValueToKey did not learn)" : " (it has no rows)";
            throw new ArgumentException($"The training data has no rows with a label in '{_options.LabelColumnName}'{why}; nothing to train on.", "input");
        }

        var present = new HashSet<int>();
        for (int i = 0; i < train.Count && present.Count < 2; i++) present.Add(train.Label(i));
        if (present.Count < 2)
            throw new ArgumentException($"Label column '{_options.LabelColumnName}': every training row has the same class ('{task.ClassNames[present.Single()]}'); a classifier needs at least two classes.", "input");
    }

    private static IReadOnlyList<string> ClassNamesOf(DataViewSchema.Column label)
    {
        int count = (int)((KeyDataViewType)label.Type).Count;
        return SchemaChecks.KeyValuesOf(label) ?? Enumerable.Range(1, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }

    // Terms are kept for inspection and for the scoring-time vocabulary check; lone surrogates become U+FFFD so that
    // a saved model reads back exactly what it holds in memory.
    private static IReadOnlyList<string> TermsOf(DataViewSchema.Column tokens) =>
        SchemaChecks.KeyValuesOf(tokens)?.Select(Utf16Text.ReplaceLoneSurrogates).ToList() ?? [];

    private static string Describe(RecurrentModelShape s) =>
        $"{(s.Bidirectional ? "bidirectional " : string.Empty)}{s.Cell} ({s.NumberOfLayers} layer(s), embedding {s.EmbeddingSize}, hidden {s.HiddenSize}, pooling {s.Pooling}, {s.KeyCount} keys, {s.OutputSize} output(s))";
}
