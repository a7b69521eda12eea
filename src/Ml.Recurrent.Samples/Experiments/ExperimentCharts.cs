using Ml.Recurrent.Samples.Charts;

namespace Ml.Recurrent.Samples.Experiments;

/// <summary>The PNG charts of an experiment: per-epoch loss and accuracy curves (training solid, validation dashed) and
/// test accuracy per variant.</summary>
public static class ExperimentCharts
{
    /// <summary>Writes the charts into <paramref name="folder"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(ExperimentResult result, string folder)
    {
        string name = result.Definition.Name, title = result.Definition.Title;
        string lines = result.Variants.Any(v => v.Epochs.Any(e => e.ValidationLoss is not null))
            ? " (solid: training, dashed: validation)" : " (training; no validation)";
        string loss = Path.Combine(folder, $"{name}-loss.png"), accuracy =
            Path.Combine(folder, $"{name}-accuracy.png"), test = Path.Combine(folder, $"{name}-test-accuracy.png");
        CurveChart.Write(loss, $"{title}: loss per epoch{lines}", "Epoch", "Cross-entropy loss",
            Curves(result, e => e.TrainingLoss, e => e.ValidationLoss));
        CurveChart.Write(accuracy, $"{title}: accuracy per epoch{lines}", "Epoch", "Accuracy",
            Curves(result, e => e.TrainingAccuracy, e => e.ValidationAccuracy));
        BarChart.Write(test, $"{title}: test accuracy of the kept model", "Variant", "Test accuracy (axis not from 0)",
            [.. result.Variants.Select(v => v.Variant)], [.. result.Variants.Select(v => v.TestAccuracy)]);
        return [loss, accuracy, test];
    }

    private static List<LineSeries> Curves(ExperimentResult result, Func<EpochRecord, double> training,
        Func<EpochRecord, double?> validation)
    {
        var series = new List<LineSeries>();
        for (int i = 0; i < result.Variants.Count; i++)
        {
            VariantResult v = result.Variants[i];
            double[] epochs = [.. v.Epochs.Select(e => (double)e.Epoch)];
            series.Add(new LineSeries($"{v.Variant} (train)", epochs, [.. v.Epochs.Select(training)], i));
            EpochRecord[] validated = [.. v.Epochs.Where(e => validation(e) is not null)];
            if (validated.Length > 0)
                series.Add(new LineSeries($"{v.Variant} (validation)", [.. validated.Select(e => (double)e.Epoch)],
                    [.. validated.Select(e => validation(e)!.Value)], i, Dashed: true));
        }

        return series;
    }
}
