namespace Ml.Recurrent.Samples.Experiments;

/// <summary>The outcome of one variant: test metrics of the kept model, cost, size and per-epoch history.</summary>
/// <param name="Variant">The variant's name.</param>
/// <param name="TestAccuracy">Micro accuracy on the test split.</param>
/// <param name="TestMacroAccuracy">Macro accuracy on the test split.</param>
/// <param name="TestLogLoss">Log-loss on the test split.</param>
/// <param name="TrainingSeconds">Wall time of <c>Fit</c> (tokenizer and classifier).</param>
/// <param name="Parameters">Trainable weights.</param>
/// <param name="VocabularySize">Keys of the token column (words kept plus reserved tokens).</param>
/// <param name="KeptEpoch">The epoch whose weights the model kept.</param>
/// <param name="Epochs">Per-epoch records.</param>
public sealed record VariantResult(
    string Variant,
    double TestAccuracy,
    double TestMacroAccuracy,
    double TestLogLoss,
    double TrainingSeconds,
    long Parameters,
    int VocabularySize,
    int KeptEpoch,
    IReadOnlyList<EpochRecord> Epochs)
{
    /// <summary>The last epoch's training loss.</summary>
    public double FinalTrainingLoss => Epochs[^1].TrainingLoss;

    /// <summary>Validation accuracy of the kept epoch, when validating.</summary>
    public double? KeptValidationAccuracy => Epochs.FirstOrDefault(e => e.Epoch == KeptEpoch)?.ValidationAccuracy;

    /// <summary>
    /// Convergence speed: the first epoch whose validation accuracy (training accuracy without validation)
    /// reaches 98% of the best value of this run.
    /// </summary>
    public int EpochsTo98PercentOfBest
    {
        get
        {
            double[] values = [.. Epochs.Select(e => e.ValidationAccuracy ?? e.TrainingAccuracy)];
            double target = 0.98 * values.Max();
            return Epochs[Array.FindIndex(values, v => v >= target)].Epoch;
        }
    }
}
