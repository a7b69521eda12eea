using System.Globalization;
using System.Text;

namespace Ml.Recurrent.Samples.Experiments;

/// <summary>The comparison table of an experiment as rows of cells, CSV and Markdown.</summary>
public static class ExperimentReport
{
    /// <summary>Column headers of the comparison table.</summary>
    public static IReadOnlyList<string> Headers { get; } =
        ["Variant", "Test accuracy", "Test log-loss", "Val. accuracy", "Final train loss", "Epochs to 98% of best",
            "Kept epoch", "Training time (s)", "Parameters", "Vocabulary"];

    /// <summary>The comparison table, one row of formatted cells per variant (invariant culture).</summary>
    public static IReadOnlyList<string[]> Rows(ExperimentResult result) =>
    [
        .. result.Variants.Select(v => new[]
        {
            v.Variant,
            F(v.TestAccuracy, "F4"),
            F(v.TestLogLoss, "F4"),
            v.KeptValidationAccuracy is { } va ? F(va, "F4") : "–",
            F(v.FinalTrainingLoss, "F4"),
            v.EpochsTo98PercentOfBest.ToString(CultureInfo.InvariantCulture),
            v.KeptEpoch.ToString(CultureInfo.InvariantCulture),
            F(v.TrainingSeconds, "F1"),
            v.Parameters.ToString("N0", CultureInfo.InvariantCulture),
            v.VocabularySize.ToString("N0", CultureInfo.InvariantCulture),
        }),
    ];

    /// <summary>The comparison table as Markdown.</summary>
    public static string MarkdownTable(ExperimentResult result)
    {
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", Headers) + " |");
        text.AppendLine("|" + string.Join("|", Headers.Select((_, i) => i == 0 ? "---" : "---:")) + "|");
        foreach (string[] row in Rows(result)) text.AppendLine("| " + string.Join(" | ", row) + " |");
        return text.ToString();
    }

    /// <summary>A Markdown report: what was compared, on what, the table and the charts.</summary>
    public static string Markdown(ExperimentResult result, IEnumerable<string> chartFiles)
    {
        var text = new StringBuilder();
        text.AppendLine($"# {result.Definition.Title}");
        text.AppendLine();
        text.AppendLine(result.Definition.Question);
        text.AppendLine();
        text.AppendLine($"- Data: {result.Dataset}");
        text.AppendLine($"- Validation: {result.Validation}");
        text.AppendLine($"- Epochs per variant: {result.EpochsPerVariant}; otherwise the options given on the " +
            $"command line (default: the library's defaults, seed 1)");
        text.AppendLine("- Training time: wall time of the fit (vocabulary and classifier), measured after an " +
            "untimed warm-up run; other processes on the machine inflate it");
        text.AppendLine();
        text.Append(MarkdownTable(result));
        text.AppendLine();
        foreach (string chart in chartFiles) text.AppendLine(
            $"![{Path.GetFileNameWithoutExtension(chart)}]({Path.GetFileName(chart)})");
        return text.ToString();
    }

    /// <summary>The comparison table as CSV (RFC 4180 quoting), numbers unformatted.</summary>
    public static string SummaryCsv(ExperimentResult result)
    {
        var text = new StringBuilder();
        text.AppendLine("variant,test_accuracy,test_macro_accuracy,test_log_loss,kept_validation_accuracy," +
            "final_training_loss,epochs_to_98pct_of_best,kept_epoch,training_seconds,parameters,vocabulary_size");
        foreach (VariantResult v in result.Variants)
        {
            text.AppendLine(string.Join(",", Csv(v.Variant), R(v.TestAccuracy), R(v.TestMacroAccuracy),
                R(v.TestLogLoss), v.KeptValidationAccuracy is { } va ? R(va) : string.Empty,
                R(v.FinalTrainingLoss), I(v.EpochsTo98PercentOfBest), I(v.KeptEpoch), R(v.TrainingSeconds), I(
                    v.Parameters), I(v.VocabularySize)));
        }

        return text.ToString();
    }

    /// <summary>Every variant's per-epoch history as CSV, the data behind the charts.</summary>
    public static string EpochsCsv(ExperimentResult result)
    {
        var text = new StringBuilder();
        text.AppendLine(
            "variant,epoch,training_loss,training_accuracy,validation_loss,validation_accuracy,learning_rate,seconds");
        foreach (VariantResult v in result.Variants)
        {
            foreach (EpochRecord e in v.Epochs)
            {
                text.AppendLine(string.Join(",", Csv(v.Variant), I(e.Epoch), R(e.TrainingLoss), R(e.TrainingAccuracy),
                    e.ValidationLoss is { } vl ? R(vl) : string.Empty, e.ValidationAccuracy is { } va ? R(va)
                        : string.Empty, R(e.LearningRate), R(e.Seconds)));
            }
        }

        return text.ToString();
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
}
