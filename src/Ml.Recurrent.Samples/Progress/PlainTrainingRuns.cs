using System.Globalization;

namespace Ml.Recurrent.Samples.Progress;

/// <summary>
/// Progress as plain log lines, one per finished epoch and one per finished run: for redirected output (files,
/// CI logs) where a live display would only write control characters.
/// </summary>
public sealed class PlainTrainingRuns(TextWriter output) : ITrainingRuns
{
    /// <inheritdoc />
    public IProgress<TrainingProgress> Begin(string name)
    {
        output.WriteLine($"[{name}] training...");
        return new Sink(name, output);
    }

    /// <inheritdoc />
    public void End(string name, string summary) => output.WriteLine($"[{name}] done: {summary}");

    /// <summary>One line for a finished epoch, e.g. <c>epoch 2/5: loss 0.4123, accuracy 0.8101, validation
    /// loss ..., 3.1 s</c>.</summary>
    public static string Describe(EpochRecord r, int epochs)
    {
        string validation = r.ValidationLoss is { } vl
            ? string.Create(CultureInfo.InvariantCulture,
                $", validation loss {vl:F4}, validation accuracy {r.ValidationAccuracy:F4}")
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"epoch {r.Epoch}/{epochs}: loss {r.TrainingLoss:F4}, accuracy {r.TrainingAccuracy:F4}{validation}, " +
            $"{r.Seconds:F1} s");
    }

    /// <summary>Writes synchronously on the training thread (unlike <see cref="Progress{T}"/>, which posts
    /// to the thread pool).</summary>
    private sealed class Sink(string name, TextWriter output) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.CompletedEpoch is { } epoch) output.WriteLine($"[{name}] " +
                $"{Describe(epoch, value.NumberOfEpochs)}");
        }
    }
}
