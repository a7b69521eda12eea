using System.Globalization;

namespace Ml.Recurrent.Tests;

/// <summary>
/// The promise for scores computed in another process (a fresh load, another machine, the process that wrote a golden
/// model), docs/reliability.md "Scores after reload": every score within <see cref="Tolerance"/> of the recorded one,
/// relative to the larger of 1 and its size. Within one process scores are compared bit for bit instead.
/// </summary>
internal static class ReloadBound
{
    /// <summary>The promised bound (the main job checks the same one).</summary>
    public const double Tolerance = 1e-5;

    /// <summary>
    /// Asserts that each line of <paramref name="actual"/> (scores as space-separated hexadecimal float bits) is within
    /// the bound of the same line of <paramref name="expected"/>; returns how many lines are bit-identical.
    /// </summary>
    public static int AssertWithin(IReadOnlyList<string> expected, IReadOnlyList<string> actual, string what)
    {
        Assert.HasCount(expected.Count, actual, $"{what}: number of scored texts");
        int identical = 0;
        for (int line = 0; line < expected.Count; line++)
        {
            if (expected[line] == actual[line])
            {
                identical++;
                continue;
            }

            float[] e = Parse(expected[line]), a = Parse(actual[line]);
            Assert.HasCount(e.Length, a, $"{what}: text #{line + 1} has a different number of scores");
            for (int i = 0; i < e.Length; i++)
            {
                double difference = Math.Abs((double)e[i] - a[i]);
                Assert.IsTrue(difference <= Tolerance * Math.Max(1, Math.Abs((double)e[i])),
                    $"{what}: text #{line + 1}, score {i}: {a[i]:R} where {e[i]:R} was recorded (difference " +
                    $"{difference:G3}, bound {Tolerance:G1} relative)");
            }
        }

        return identical;
    }

    private static float[] Parse(string line) =>
        [
            .. line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(h => BitConverter.Int32BitsToSingle(int.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture))),
        ];
}

[TestClass]
public sealed class ReloadBoundTests
{
    private static string Hex(float value) =>
        BitConverter.SingleToInt32Bits(value).ToString("X8", CultureInfo.InvariantCulture);

    [TestMethod]
    public void AssertWithin_AcceptsOneUlp_CountsIdenticalLines_AndRejectsALargerDifference()
    {
        string[] recorded = [$"{Hex(20f)} {Hex(-3f)}", Hex(0.25f)];
        Assert.AreEqual(2, ReloadBound.AssertWithin(recorded, recorded, "same"));
        Assert.AreEqual(1, ReloadBound.AssertWithin(recorded,
            [$"{Hex(MathF.BitIncrement(20f))} {Hex(-3f)}", Hex(0.25f)], "one ulp"));
        Assert.ThrowsExactly<AssertFailedException>(() =>
            ReloadBound.AssertWithin(recorded, [$"{Hex(20f)} {Hex(-3f)}", Hex(0.2501f)], "1e-4 apart"));
        Assert.ThrowsExactly<AssertFailedException>(() =>
            ReloadBound.AssertWithin(recorded, [$"{Hex(20f)} {Hex(float.NaN)}", Hex(0.25f)], "NaN"));
    }
}
