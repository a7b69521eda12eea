namespace Ml.Recurrent.Training;

/// <summary>The learning rate for each optimisation step.</summary>
internal sealed class LearningRateSchedule
{
    /// <summary>Fraction of the steps spent warming up in one-cycle.</summary>
    public const double WarmUpFraction = 0.25;

    /// <summary>One-cycle starts at <c>peak / StartDivisor</c>.</summary>
    public const double StartDivisor = 25;

    /// <summary>One-cycle ends at <c>peak / StartDivisor / FinalDivisor</c>.</summary>
    public const double FinalDivisor = 1e3;

    private readonly LearningRateScheduleKind _kind;
    private readonly double _peak;
    private readonly long _totalSteps;

    public LearningRateSchedule(LearningRateScheduleKind kind, double peak, long totalSteps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, 1);
        _kind = kind;
        _peak = peak;
        _totalSteps = totalSteps;
    }

    /// <summary>The rate for 0-based step <paramref name="step"/> of the whole run.</summary>
    public double At(long step)
    {
        if (_kind == LearningRateScheduleKind.Constant) return _peak;
        double start = _peak / StartDivisor;
        double end = start / FinalDivisor;
        long warmSteps = Math.Max(1, (long)Math.Round(_totalSteps * WarmUpFraction));
        if (step < warmSteps) return Cosine(start, _peak, (double)step / warmSteps);
        long annealSteps = Math.Max(1, _totalSteps - warmSteps - 1);
        return Cosine(_peak, end, Math.Min(1.0, (double)(step - warmSteps) / annealSteps));
    }

    /// <summary>Cosine interpolation from <paramref name="from"/> (progress 0) to
    /// <paramref name="to"/> (progress 1).</summary>
    private static double Cosine(double from, double to, double progress) => to +
        (from - to) / 2 * (1 + Math.Cos(Math.PI * progress));
}
