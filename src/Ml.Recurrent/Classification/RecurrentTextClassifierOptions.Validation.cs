using Ml.Recurrent.Modeling;

namespace Ml.Recurrent;

/// <summary>Validation of the options, done once by the estimator.</summary>
public sealed partial class RecurrentTextClassifierOptions
{
    /// <summary>Checks every option; throws an <see cref="ArgumentException"/> that names the option and
    /// echoes the bad value.</summary>
    /// <exception cref="ArgumentException">A column name is empty or an enum value is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its documented range.</exception>
    public void Validate()
    {
        RequireName(LabelColumnName, nameof(LabelColumnName));
        RequireName(FeatureColumnName, nameof(FeatureColumnName));
        Persistence.StoredLimits.CheckText(FeatureColumnName, Persistence.StoredLimits.ColumnNameBytes, "column name",
            nameof(FeatureColumnName), "column name");
        if (Cell == RecurrentCell.Custom &&
            (!RecurrentCellRegistry.IsValidName(CustomCellName)
                || !RecurrentCellRegistry.IsRegistered(CustomCellName!)))
        {
            throw new ArgumentException($"{nameof(Cell)} = {RecurrentCell.Custom} needs {nameof(CustomCellName)} to " +
                $"name a cell registered with RecurrentCellRegistry.Register; got " +
                $"{(CustomCellName is null ? "null" : $"'{CustomCellName}'")}.",
                nameof(CustomCellName));
        }

        if (BagOfNgramsBuckets is { } buckets)
            RecurrentArchitecture.Limits.Check(buckets, 1, RecurrentArchitecture.Limits.MaximumBuckets,
                nameof(BagOfNgramsBuckets));

        RecurrentArchitecture.Limits.CheckDefined(BagOfNgramsWeighting, nameof(BagOfNgramsWeighting));

        // The architecture's own ranges (RecurrentArchitecture.Limits), also applied when a saved model is loaded.
        ToArchitecture(keyCount: 1, outputSize: 1).Validate();

        RecurrentArchitecture.Limits.CheckDefined(Optimizer, nameof(Optimizer));
        if (BagOfNgramsTraining is { } training)
            RecurrentArchitecture.Limits.CheckDefined(training, nameof(BagOfNgramsTraining));
        RecurrentArchitecture.Limits.CheckDefined(LearningRateSchedule, nameof(LearningRateSchedule));
        RecurrentArchitecture.Limits.CheckDefined(ValidationMetric, nameof(ValidationMetric));
        RecurrentArchitecture.Limits.Check(BatchSize, 1, 65_536, nameof(BatchSize));
        RecurrentArchitecture.Limits.Check(NumberOfEpochs, 1, 10_000, nameof(NumberOfEpochs));
        if (!(LearningRate > 0 && LearningRate <= 10))
            throw OutOfRange(nameof(LearningRate), LearningRate, "must be greater than 0 and at most 10");
        if (!(WeightDecay >= 0 && WeightDecay <= 1))
            throw OutOfRange(nameof(WeightDecay), WeightDecay, "must be in [0, 1]");
        if (GradientClippingNorm is { } clip && !(clip > 0 && float.IsFinite(clip)))
            throw OutOfRange(nameof(GradientClippingNorm), clip,
                "must be a finite number greater than 0, or null for no clipping");
        if (!(ValidationFraction >= 0 && ValidationFraction <= 0.5f))
            throw OutOfRange(nameof(ValidationFraction), ValidationFraction, "must be in [0, 0.5]");
        if (ValidationData is not null && ValidationFraction > 0)
            throw new ArgumentException($"Set either {nameof(ValidationData)} or {nameof(ValidationFraction)}, not " +
                $"both; got {nameof(ValidationFraction)} = {ValidationFraction} with {nameof(ValidationData)} " +
                $"set.", nameof(ValidationFraction));
        if (EarlyStoppingPatience is { } patience)
        {
            if (patience < 1) throw OutOfRange(nameof(EarlyStoppingPatience), patience,
                "must be at least 1, or null for no early stopping");
            if (ValidationData is null && ValidationFraction == 0)
                throw new ArgumentException($"{nameof(EarlyStoppingPatience)} = {patience} needs validation data: " +
                    $"set {nameof(ValidationData)} or {nameof(ValidationFraction)}.", nameof(EarlyStoppingPatience));
        }

        if (MaximumTokensPerBatch is { } budget && budget < 1)
            throw OutOfRange(nameof(MaximumTokensPerBatch), budget,
                "must be at least 1, or null for a fixed batch size");
        if (NumberOfThreads is { } threads) RecurrentArchitecture.Limits.Check(threads, 1, 1024,
            nameof(NumberOfThreads));
        if (WordVectorsPath is { } vectors && string.IsNullOrWhiteSpace(vectors))
            throw new ArgumentException($"{nameof(WordVectorsPath)} must name a word-vector file, or be null for a " +
                $"random initialisation; got '{vectors}'.", nameof(WordVectorsPath));
        if (FreezeWordVectors && WordVectorsPath is null)
            throw new ArgumentException($"{nameof(FreezeWordVectors)} = true needs {nameof(WordVectorsPath)}: " +
                $"there are no word vectors to freeze.", nameof(FreezeWordVectors));
    }

    internal RecurrentTextClassifierOptions Clone() => (RecurrentTextClassifierOptions)MemberwiseClone();

    private static void RequireName(string? value, string option)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException($"{option} must name a column; got {(value is null ? "null" : $"'{value}'")}.",
                option);
    }

    private static ArgumentOutOfRangeException OutOfRange(string option, object value, string rule) =>
        RecurrentArchitecture.Limits.OutOfRange(option, value, rule);
}
