namespace Ml.Recurrent;

/// <summary>What happened in one training epoch (like one row of Keras's <c>History</c>).</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainingLoss">Mean training loss over the epoch's batches (with dropout active).</param>
/// <param name="TrainingAccuracy">Fraction of training texts classified correctly during the epoch.</param>
/// <param name="ValidationLoss">Mean validation loss after the epoch, or <c>null</c> without validation data.</param>
/// <param name="ValidationAccuracy">Validation accuracy after the epoch, or <c>null</c>
/// without validation data.</param>
/// <param name="LearningRate">The learning rate at the epoch's last step.</param>
/// <param name="Seconds">Wall time of the epoch, including validation.</param>
/// <param name="TokensPerSecond">Real (non-padding) training tokens processed per second.</param>
public sealed record EpochRecord(
    int Epoch,
    double TrainingLoss,
    double TrainingAccuracy,
    double? ValidationLoss,
    double? ValidationAccuracy,
    double LearningRate,
    double Seconds,
    double TokensPerSecond);
