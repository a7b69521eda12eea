using System.Globalization;
using Ml.Recurrent.Samples.Explaining;
using ScottPlot;

namespace Ml.Recurrent.Samples.Charts;

/// <summary>A horizontal bar chart of one text's most influential tokens (largest absolute attribution first), saved as
/// PNG.</summary>
public static class AttributionChart
{
    /// <summary>Chart size in pixels.</summary>
    public const int Width = 1000, Height = 600;

    /// <summary>Default number of tokens shown.</summary>
    public const int DefaultTop = 12;

    /// <summary>Draws the <paramref name="top"/> tokens of <paramref name="explanation"/> with the largest absolute
    /// attribution.</summary>
    public static void Write(string path, string title, TextExplanation explanation, int top = DefaultTop)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        // Largest first, drawn top to bottom: the first bar gets the highest position.
        var chosen = explanation.Tokens.Select((t, i) => (Token: t, Position: i))
            .OrderByDescending(x => Math.Abs(x.Token.Attribution)).Take(top).ToList();
        Plot plot = ChartStyle.NewPlot(title,
            $"attribution to '{explanation.ExplainedClass}' ({explanation.Output})", string.Empty);
        var bars = new List<Bar>();
        for (int i = 0; i < chosen.Count; i++)
        {
            float value = chosen[i].Token.Attribution;
            (byte r, byte g, byte b) = AttributionColours.Hue(value);
            bars.Add(new Bar
            {
                Position = chosen.Count - 1 - i,
                Value = value,
                FillColor = new Color(r, g, b),
                Label = value.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture),
            });
        }

        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plottable.ValueLabelStyle.FontSize = 13;
        double[] positions = [.. Enumerable.Range(0, chosen.Count).Select(i => (double)(chosen.Count - 1 - i))];
        string[] labels = [.. chosen.Select(x => $"{x.Token.Token} (#{x.Position + 1})")];
        plot.Axes.Left.SetTicks(positions, labels);
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        double extent = chosen.Max(x => Math.Abs(x.Token.Attribution));
        extent = extent > 0 ? extent * 1.25 : 1;
        plot.Axes.SetLimitsX(chosen.Any(x => x.Token.Attribution < 0) ? -extent : 0, extent);
        plot.Add.VerticalLine(0, 1, Colors.Gray);
        ChartStyle.Save(plot, path, Width, Height);
    }
}
