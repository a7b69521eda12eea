using ScottPlot;

namespace Ml.Recurrent.Samples.Charts;

/// <summary>A scatter plot with a text label beside every point, points coloured by group, saved as PNG.</summary>
public static class LabelledScatterChart
{
    /// <summary>Default size in pixels (large, so that labels of a few hundred words stay readable).</summary>
    public const int Width = 1600, Height = 1200;

    /// <summary>Draws the points, labels them and saves a PNG; <paramref name="groups"/> (optional) colours points
    /// and fills the legend.</summary>
    public static void Write(string path, string title, string xLabel, string yLabel, double[][] points,
        IReadOnlyList<string> labels, IReadOnlyList<string>? groups, string groupLegendPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Length != labels.Count || points.Length == 0)
            throw new ArgumentException($"One label per point and at least one point; got {points.Length} points and " +
                $"{labels.Count} labels.", nameof(labels));
        Plot plot = ChartStyle.NewPlot(title, xLabel, yLabel);
        string[] groupOf = groups is null ? [.. labels.Select(_ => "words")] : [.. groups];
        string[] distinct = [.. groupOf.Distinct().Order(StringComparer.Ordinal)];
        for (int g = 0; g < distinct.Length; g++)
        {
            int[] members = [.. Enumerable.Range(0, points.Length).Where(i => groupOf[i] == distinct[g])];
            double[] xs = [.. members.Select(i => points[i][0])], ys = [.. members.Select(i => points[i][1])];
            var markers = plot.Add.ScatterPoints(xs, ys, ChartStyle.Color(g));
            markers.MarkerSize = 7;
            markers.LegendText = groupLegendPrefix + distinct[g];
            foreach (int i in members)
            {
                var text = plot.Add.Text(labels[i], points[i][0], points[i][1]);
                text.LabelFontSize = 12;
                text.LabelFontColor = ChartStyle.Color(g).Darken(0.3);
                text.OffsetX = 4;
                text.OffsetY = -2;
            }
        }

        plot.ShowLegend(Alignment.UpperRight);
        ChartStyle.Save(plot, path, Width, Height);
    }
}
