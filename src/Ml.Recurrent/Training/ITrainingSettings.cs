namespace Ml.Recurrent.Training;

/// <summary>
/// What the training loop reads from the classifier's options, so that <c>Training/</c> does not depend on the
/// classification layer above it. <see cref="RecurrentTextClassifierOptions"/> implements it with the same names,
/// documents each value and validates it.
/// </summary>
internal interface ITrainingSettings
{
    int BatchSize { get; }

    int? MaximumTokensPerBatch { get; }

    int NumberOfEpochs { get; }

    OptimizerKind Optimizer { get; }

    LearningRateScheduleKind LearningRateSchedule { get; }

    float LearningRate { get; }

    float WeightDecay { get; }

    float? GradientClippingNorm { get; }

    ValidationMetric ValidationMetric { get; }

    int? EarlyStoppingPatience { get; }

    BagOfNgramsTraining? BagOfNgramsTraining { get; }

    bool SelectRecurrentShare { get; }

    IProgress<TrainingProgress>? Progress { get; }

    CancellationToken CancellationToken { get; }
}
