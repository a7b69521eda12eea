using SkiaSharp;

namespace Ml.Recurrent.Samples.Tests;

/// <summary>Checks that a PNG was written and shows something: its size, its pixel dimensions, and that it is not blank.</summary>
internal static class PngFile
{
    public static void AssertNonTrivial(string path, int expectedWidth, int expectedHeight)
    {
        Assert.IsTrue(File.Exists(path), $"{path} was not written");
        long bytes = new FileInfo(path).Length;
        Assert.IsGreaterThan(10_000L, bytes, $"{path} is only {bytes} bytes");
        using SKBitmap bitmap = SKBitmap.Decode(path) ?? throw new AssertFailedException($"{path} is not a decodable image");
        Assert.AreEqual(expectedWidth, bitmap.Width, $"{path} width");
        Assert.AreEqual(expectedHeight, bitmap.Height, $"{path} height");

        var colours = new HashSet<SKColor>();
        long inked = 0;
        for (int y = 0; y < bitmap.Height; y += 2)
        {
            for (int x = 0; x < bitmap.Width; x += 2)
            {
                SKColor c = bitmap.GetPixel(x, y);
                colours.Add(c);
                if (c.Red < 200 || c.Green < 200 || c.Blue < 200) inked++;
            }
        }

        double inkedShare = inked / (bitmap.Width * bitmap.Height / 4.0);
        Assert.IsGreaterThan(20, colours.Count, $"{path} has only {colours.Count} colours");
        Assert.IsGreaterThan(0.01, inkedShare, $"{path} is almost blank ({inkedShare:P2} of pixels drawn)");
    }
}
