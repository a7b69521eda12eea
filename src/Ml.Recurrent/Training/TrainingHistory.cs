namespace Ml.Recurrent;

/// <summary>Per-epoch records of a training run and which epoch's weights the model kept.</summary>
public sealed class TrainingHistory
{
    internal TrainingHistory(IReadOnlyList<EpochRecord> epochs, int keptEpoch, bool stoppedEarly, int trainingRows, int skippedRows)
    {
        Epochs = epochs;
        KeptEpoch = keptEpoch;
        StoppedEarly = stoppedEarly;
        TrainingRows = trainingRows;
        SkippedRows = skippedRows;
    }

    /// <summary>One record per epoch run.</summary>
    public IReadOnlyList<EpochRecord> Epochs { get; }

    /// <summary>The epoch whose weights the model holds: the best by <see cref="RecurrentTextClassifierOptions.ValidationMetric"/> when validating, else the last.</summary>
    public int KeptEpoch { get; }

    /// <summary>Whether early stopping ended training before the planned number of epochs.</summary>
    public bool StoppedEarly { get; }

    /// <summary>Rows used for training (after holding out any validation fraction).</summary>
    public int TrainingRows { get; }

    /// <summary>Rows skipped because their label was missing.</summary>
    public int SkippedRows { get; }
}
