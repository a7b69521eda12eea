using ScottPlot;

namespace Ml.Recurrent.Samples.Charts;

/// <summary>Line charts (per-epoch curves) saved as PNG with ScottPlot: title, axis labels, legend.</summary>
public static class CurveChart
{
    /// <summary>Default size in pixels.</summary>
    public const int Width = 1000, Height = 600;

    /// <summary>Draws <paramref name="series"/> and saves a PNG to <paramref name="path"/>.</summary>
    public static void Write(string path, string title, string xLabel, string yLabel, IReadOnlyList<LineSeries> series,
        bool integerX = true)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0) throw new ArgumentException("A chart needs at least one series.", nameof(series));
        Plot plot = ChartStyle.NewPlot(title, xLabel, yLabel);
        foreach (LineSeries s in series)
        {
            var line = plot.Add.Scatter(s.X, s.Y, ChartStyle.Color(s.ColorIndex));
            line.LegendText = s.Name;
            line.LineWidth = 2;
            line.MarkerSize = 6;
            if (s.Dashed)
            {
                line.LinePattern = LinePattern.Dashed;
                line.MarkerShape = MarkerShape.OpenCircle;
            }
        }

        if (integerX)
        {
            double[] ticks = [.. series.SelectMany(s => s.X).Distinct().Order()];
            plot.Axes.Bottom.SetTicks(ticks,
                [.. ticks.Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }

        plot.ShowLegend(Edge.Right);
        ChartStyle.Save(plot, path, Width, Height);
    }
}
