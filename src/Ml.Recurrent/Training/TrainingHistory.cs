using Ml.Recurrent.Persistence;

namespace Ml.Recurrent;

/// <summary>Per-epoch records of a training run and which epoch's weights the model kept.</summary>
public sealed class TrainingHistory
{
    internal TrainingHistory(IReadOnlyList<EpochRecord> epochs, int keptEpoch, bool stoppedEarly, int trainingRows,
        int skippedRows)
    {
        Epochs = epochs;
        KeptEpoch = keptEpoch;
        StoppedEarly = stoppedEarly;
        TrainingRows = trainingRows;
        SkippedRows = skippedRows;
    }

    /// <summary>One record per epoch run.</summary>
    public IReadOnlyList<EpochRecord> Epochs { get; }

    /// <summary>The epoch whose weights the model holds: the best by
    /// <see cref="RecurrentTextClassifierOptions.ValidationMetric"/> when validating, else the last.</summary>
    public int KeptEpoch { get; }

    /// <summary>Whether early stopping ended training before the planned number of epochs.</summary>
    public bool StoppedEarly { get; }

    /// <summary>Rows used for training (after holding out any validation fraction).</summary>
    public int TrainingRows { get; }

    /// <summary>Rows skipped because their label was missing.</summary>
    public int SkippedRows { get; }

    /// <summary>How the bag-of-n-grams path and the recurrent part were trained
    /// (<see cref="RecurrentTextClassifierOptions.BagOfNgramsTraining"/>, the rule's choice where it was not set);
    /// <c>null</c> without the path. Not saved with the model: a loaded model's history has <c>null</c>.</summary>
    public BagOfNgramsTraining? BagOfNgramsTraining { get; internal set; }

    /// <summary>The share of the recurrent part's logits the model keeps next to the bag-of-n-grams path's, chosen on
    /// the validation rows (1: all of them; 0: the path alone); <c>null</c> without validation rows or without the
    /// path. Not saved with the model: a loaded model's history has <c>null</c>.</summary>
    public double? RecurrentShare { get; internal set; }

    /// <summary>How many vocabulary words took a vector from
    /// <see cref="RecurrentTextClassifierOptions.WordVectorsPath"/>; <c>null</c> without a file. Not saved with the
    /// model: a loaded model's history has <c>null</c>.</summary>
    public WordVectorCoverage? WordVectors { get; internal set; }

    /// <summary>
    /// Writes <paramref name="history"/> (or its absence): bool has history; int32 epochs e; e × (int32 epoch, float64
    /// loss, float64 accuracy, bool has validation, float64 validation loss, float64 validation accuracy, float64 lr,
    /// float64 seconds, float64 tokens/s); int32 kept epoch, bool stopped early, int32
    /// training rows, int32 skipped rows.
    /// </summary>
    internal static void Write(PayloadWriter w, TrainingHistory? history)
    {
        w.Write(history is not null);
        if (history is null) return;
        w.Write(history.Epochs.Count);
        foreach (EpochRecord e in history.Epochs)
        {
            w.Write(e.Epoch);
            w.Write(e.TrainingLoss);
            w.Write(e.TrainingAccuracy);
            w.Write(e.ValidationLoss.HasValue);
            w.Write(e.ValidationLoss ?? 0);
            w.Write(e.ValidationAccuracy ?? 0);
            w.Write(e.LearningRate);
            w.Write(e.Seconds);
            w.Write(e.TokensPerSecond);
        }

        w.Write(history.KeptEpoch);
        w.Write(history.StoppedEarly);
        w.Write(history.TrainingRows);
        w.Write(history.SkippedRows);
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    internal static TrainingHistory? Read(PayloadReader r)
    {
        if (!r.ReadBoolean("has history")) return null;
        int count = r.ReadInt32("epoch count", 0, 10_000);
        var epochs = new List<EpochRecord>(count);
        for (int i = 0; i < count; i++)
        {
            int epoch = r.ReadInt32("epoch", 1, 10_000);
            double loss = r.ReadDouble("training loss"), accuracy = r.ReadDouble("training accuracy");
            bool validated = r.ReadBoolean("has validation");
            double vl = r.ReadDouble("validation loss"), va = r.ReadDouble("validation accuracy");
            epochs.Add(new EpochRecord(epoch, loss, accuracy, validated ? vl : null, validated ? va : null,
                r.ReadDouble("learning rate"), r.ReadDouble("seconds"), r.ReadDouble("tokens per second")));
        }

        return new TrainingHistory(epochs, r.ReadInt32("kept epoch", 0, 10_000), r.ReadBoolean("stopped early"),
            r.ReadInt32("training rows", 0, int.MaxValue), r.ReadInt32("skipped rows", 0, int.MaxValue));
    }
}
