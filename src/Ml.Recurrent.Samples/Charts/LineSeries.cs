namespace Ml.Recurrent.Samples.Charts;

/// <summary>One line of a <see cref="CurveChart"/>.</summary>
/// <param name="Name">Legend text.</param>
/// <param name="X">X values.</param>
/// <param name="Y">Y values, one per X.</param>
/// <param name="ColorIndex">Palette index; lines of one run share it.</param>
/// <param name="Dashed">Dashed instead of solid (e.g. validation curves).</param>
public sealed record LineSeries(string Name, double[] X, double[] Y, int ColorIndex, bool Dashed = false);
