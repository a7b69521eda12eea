namespace Ml.Recurrent.Samples.Progress;

/// <summary>Shows the progress of one or more training runs; each run gets the sink to pass as the trainer's
/// <c>Progress</c> option.</summary>
public interface ITrainingRuns
{
    /// <summary>Starts showing a run called <paramref name="name"/>; pass the result to
    /// <see cref="RecurrentTextClassifierOptions.Progress"/>.</summary>
    IProgress<TrainingProgress> Begin(string name);

    /// <summary>Marks the run as finished with a short <paramref name="summary"/> (e.g. its test accuracy).</summary>
    void End(string name, string summary);
}
