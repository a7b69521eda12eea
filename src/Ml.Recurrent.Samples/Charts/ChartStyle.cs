using ScottPlot;

namespace Ml.Recurrent.Samples.Charts;

/// <summary>What every chart of the samples shares: font, sizes, palette and saving.</summary>
public static class ChartStyle
{
    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    /// <summary>A sans-serif family that is installed (ScottPlot's own guess picks a serif face on
    /// some Linux systems).</summary>
    private static readonly Lazy<string> SansFamily = new(() =>
    {
        string[] installed = SkiaSharp.SKFontManager.Default.GetFontFamilies();
        return new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial",
            "Helvetica" }.FirstOrDefault(installed.Contains) ?? Fonts.Sans;
    });

    /// <summary>A plot with a title and axis labels in a sans-serif font.</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(SansFamily.Value);
        plot.Title(title, 18);
        plot.XLabel(xLabel, 15);
        plot.YLabel(yLabel, 15);
        return plot;
    }

    /// <summary>Palette colour <paramref name="index"/> (cycles).</summary>
    public static Color Color(int index) => Palette.GetColor(index);

    /// <summary>Saves <paramref name="plot"/> as a PNG, creating the folder.</summary>
    public static void Save(Plot plot, string path, int width, int height)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        plot.SavePng(path, width, height);
    }
}
