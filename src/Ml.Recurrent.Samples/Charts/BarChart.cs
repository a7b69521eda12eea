using System.Globalization;
using ScottPlot;

namespace Ml.Recurrent.Samples.Charts;

/// <summary>A labelled bar chart saved as PNG with ScottPlot, each bar showing its value on top.</summary>
public static class BarChart
{
    /// <summary>Draws one bar per label and saves a PNG to <paramref name="path"/>.</summary>
    public static void Write(string path, string title, string xLabel, string yLabel, IReadOnlyList<string> labels,
        IReadOnlyList<double> values, string valueFormat = "F3")
    {
        if (labels.Count != values.Count || labels.Count == 0)
            throw new ArgumentException($"A bar chart needs one value per label and at least one bar; got " +
                $"{labels.Count} labels and {values.Count} values.", nameof(values));
        Plot plot = ChartStyle.NewPlot(title, xLabel, yLabel);
        var bars = new List<Bar>();
        for (int i = 0; i < values.Count; i++)
        {
            bars.Add(new Bar
            {
                Position = i,
                Value = values[i],
                FillColor = ChartStyle.Color(i),
                Label = values[i].ToString(valueFormat, CultureInfo.InvariantCulture),
            });
        }

        var plottable = plot.Add.Bars(bars);
        plottable.LegendText = yLabel;
        plottable.ValueLabelStyle.FontSize = 14;
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, labels.Count).Select(i => (double)i)], [.. labels]);
        double min = values.Min(), max = values.Max(), span = Math.Max(max - min, Math.Abs(max) * 0.02 + 1e-9);
        plot.Axes.SetLimitsY(Math.Max(0, min - span), max + span * 0.5);
        plot.ShowLegend(Alignment.UpperRight);
        ChartStyle.Save(plot, path, CurveChart.Width, CurveChart.Height);
    }
}
