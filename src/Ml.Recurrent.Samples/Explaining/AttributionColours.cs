using System.Globalization;

namespace Ml.Recurrent.Samples.Explaining;

/// <summary>
/// One colour scale for every view of an explanation: green for tokens that push towards the explained class,
/// red for tokens that push away, stronger the larger the attribution relative to the text's largest.
/// </summary>
public static class AttributionColours
{
    /// <summary>Share of the text's largest absolute attribution below which a token is left unshaded.</summary>
    public const double NeutralShare = 0.05;

    private const byte Green = 0x1a, GreenG = 0x98, GreenB = 0x50, Red = 0xd7, RedG = 0x30, RedB = 0x27;

    /// <summary>The largest absolute attribution of <paramref name="attributions"/> (1 when all are zero).</summary>
    public static double Scale(IEnumerable<float> attributions)
    {
        double max = attributions.Select(a => Math.Abs((double)a)).DefaultIfEmpty(0).Max();
        return max > 0 ? max : 1;
    }

    /// <summary>Strength in [0, 1] of an attribution relative to <paramref name="scale"/>; 0 below <see
    /// cref="NeutralShare"/>.</summary>
    public static double Strength(float attribution, double scale)
    {
        double share = Math.Min(1, Math.Abs(attribution) / scale);
        return share < NeutralShare ? 0 : share;
    }

    /// <summary>The red, green and blue of the full-strength colour for the sign of <paramref
    /// name="attribution"/>.</summary>
    public static (byte R, byte G, byte B) Hue(float attribution) => attribution >= 0 ? (Green, GreenG, GreenB)
        : (Red, RedG, RedB);

    /// <summary>A CSS <c>rgba(...)</c> background for the token, transparent when neutral.</summary>
    public static string Css(float attribution, double scale)
    {
        (byte r, byte g, byte b) = Hue(attribution);
        double alpha = Strength(attribution, scale) * 0.85;
        if (alpha == 0) return "transparent";
        return string.Create(CultureInfo.InvariantCulture, $"rgba({r},{g},{b},{alpha:F2})");
    }

    /// <summary>A hex colour (<c>#rrggbb</c>) of the token on a white background, for terminals and charts.</summary>
    public static string Hex(float attribution, double scale)
    {
        (byte r, byte g, byte b) = Hue(attribution);
        double s = Strength(attribution, scale) * 0.85;
        int Mix(byte c) => (int)Math.Round(255 - (255 - c) * s);
        return string.Create(CultureInfo.InvariantCulture, $"#{Mix(r):x2}{Mix(g):x2}{Mix(b):x2}");
    }
}
