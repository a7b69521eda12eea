namespace Ml.Recurrent;

/// <summary>A progress report from training, sent to <see cref="RecurrentTextClassifierOptions.Progress"/> after every
/// batch and at the end of every epoch.</summary>
/// <param name="Epoch">The epoch in progress, 1-based.</param>
/// <param name="NumberOfEpochs">Epochs planned.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="BatchesPerEpoch">Batches per epoch.</param>
/// <param name="TrainingLoss">Mean training loss so far in this epoch.</param>
/// <param name="CompletedEpoch">The finished epoch's record when this report closes an epoch;
/// otherwise <c>null</c>.</param>
public sealed record TrainingProgress(int Epoch, int NumberOfEpochs, int Batch, int BatchesPerEpoch,
    double TrainingLoss, EpochRecord? CompletedEpoch);
