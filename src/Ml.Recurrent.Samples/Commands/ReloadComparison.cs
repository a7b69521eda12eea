namespace Ml.Recurrent.Samples.Commands;

/// <summary>
/// Compares the scores a model gave before saving with the scores its reloaded copy gives, row by row: how many rows
/// are bit-identical, the largest difference, and whether every score keeps the promise of docs/reliability.md
/// ("Scores after reload"): within <see cref="Tolerance"/> of the score's size.
/// </summary>
internal sealed record ReloadComparison(int Identical, double LargestDifference, bool WithinTolerance)
{
    /// <summary>
    /// The promised bound: a reloaded score differs from the original by at most this times the larger of 1 and the
    /// score's magnitude.
    /// </summary>
    public const double Tolerance = 1e-5;

    /// <summary>Compares two score sets of the same rows (one float array per row).</summary>
    public static ReloadComparison Of(float[][] before, float[][] after)
    {
        if (before.Length != after.Length)
        {
            throw new InvalidOperationException(
                $"{before.Length} rows were scored before saving, {after.Length} after.");
        }

        int identical = 0;
        double largest = 0;
        bool within = true;
        for (int row = 0; row < before.Length; row++)
        {
            bool same = before[row].Length == after[row].Length;
            for (int i = 0; same && i < before[row].Length; i++)
            {
                if (BitConverter.SingleToInt32Bits(before[row][i]) == BitConverter.SingleToInt32Bits(after[row][i]))
                    continue;
                same = false;
            }

            if (same)
            {
                identical++;
                continue;
            }

            if (before[row].Length != after[row].Length)
            {
                within = false;
                continue;
            }

            for (int i = 0; i < before[row].Length; i++)
            {
                double difference = Math.Abs((double)before[row][i] - after[row][i]);
                if (double.IsNaN(difference)) difference = double.PositiveInfinity;
                largest = Math.Max(largest, difference);
                if (difference > Tolerance * Math.Max(1, Math.Abs((double)before[row][i]))) within = false;
            }
        }

        return new ReloadComparison(identical, largest, within);
    }
}
