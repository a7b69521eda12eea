using System.Globalization;
using Spectre.Console;

namespace Ml.Recurrent.Samples.Progress;

/// <summary>A live Spectre.Console progress display: one bar per run, advanced by every batch report.</summary>
public sealed class LiveTrainingRuns : ITrainingRuns
{
    private readonly ProgressContext _context;
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);

    private LiveTrainingRuns(ProgressContext context) => _context = context;

    /// <summary>
    /// Runs <paramref name="work"/> inside a live display when the console is interactive, otherwise with plain
    /// log lines on standard output.
    /// </summary>
    public static T Run<T>(Func<ITrainingRuns, T> work)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            return work(new PlainTrainingRuns(Console.Out));
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context => result = work(new LiveTrainingRuns(context)));
        return result;
    }

    /// <inheritdoc />
    public IProgress<TrainingProgress> Begin(string name)
    {
        ProgressTask task = _context.AddTask(Markup.Escape($"{name}: starting"), autoStart: true, maxValue: 1);
        _tasks[name] = task;
        return new Sink(name, task);
    }

    /// <inheritdoc />
    public void End(string name, string summary)
    {
        if (!_tasks.TryGetValue(name, out ProgressTask? task)) return;
        task.Value = task.MaxValue;
        task.Description = $"[green]{Markup.Escape(name)}[/]: {Markup.Escape(summary)}";
        task.StopTask();
    }

    /// <summary>Updates the bar synchronously on the training thread; Spectre redraws on its own timer.</summary>
    private sealed class Sink(string name, ProgressTask task) : IProgress<TrainingProgress>
    {
        private string _last = string.Empty;

        public void Report(TrainingProgress value)
        {
            task.MaxValue = value.NumberOfEpochs;
            task.Value = value.Epoch - 1 +
                (value.BatchesPerEpoch == 0 ? 0 : (double)value.Batch / value.BatchesPerEpoch);
            if (value.CompletedEpoch is { } epoch)
            {
                _last = epoch.ValidationAccuracy is { } va
                    ? string.Create(CultureInfo.InvariantCulture, $", last: val. acc. {va:F3}")
                    : string.Create(CultureInfo.InvariantCulture, $", last: acc. {epoch.TrainingAccuracy:F3}");
            }

            task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{name}: epoch {value.Epoch}/{value.NumberOfEpochs}, loss {value.TrainingLoss:F4}{_last}"));
        }
    }
}
