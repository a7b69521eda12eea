namespace Ml.Recurrent.Modeling;

/// <summary>
/// Learns, from the passes themselves, whether splitting a pass over two threads (<see cref="ConcurrentDirection"/>)
/// is faster on this machine right now: on idle cores it nearly halves the time; on cores that other processes keep
/// busy the second thread waits for a core and the hand-off only costs. Keeps a moving average of the cost per time
/// step of split and of unsplit passes, uses the cheaper way, and tries the other one pass in
/// <see cref="ExploreEvery"/> so that it notices when the machine's load changes. Only the choice depends on timing;
/// both ways compute the same numbers.
/// </summary>
internal sealed class SplitChoice
{
    /// <summary>One pass in this many takes the way currently judged slower, to keep its average fresh.</summary>
    public const int ExploreEvery = 16;

    /// <summary>Weight of the newest pass in each moving average.</summary>
    public const double Weight = 0.125;

    /// <summary>Time steps added to every pass's length, standing for its fixed cost (per call, not per step), so that
    /// short and long texts give comparable costs.</summary>
    public const double FixedCostSteps = 16;

    private int _passes;
    private double _splitCost;   // ms per (step + FixedCostSteps); 0 until measured
    private double _unsplitCost;

    /// <summary>Whether the next pass should split.</summary>
    public bool ShouldSplit()
    {
        int pass = Interlocked.Increment(ref _passes);
        double split = Volatile.Read(ref _splitCost), unsplit = Volatile.Read(ref _unsplitCost);
        bool preferSplit = split == 0 || unsplit == 0 ? (pass & 1) == 0 : split <= unsplit;
        return pass % ExploreEvery == 0 ? !preferSplit : preferSplit;
    }

    /// <summary>Records a pass of <paramref name="steps"/> time steps that took
    /// <paramref name="milliseconds"/>.</summary>
    public void Record(bool split, double milliseconds, long steps)
    {
        double cost = milliseconds / (steps + FixedCostSteps);
        ref double average = ref split ? ref _splitCost : ref _unsplitCost;
        double seen = Volatile.Read(ref average);
        Volatile.Write(ref average, seen == 0 ? cost : seen + (Weight * (cost - seen)));
    }
}
