using TorchSharp;

namespace Ml.Recurrent.Runtime;

/// <summary>
/// Scalars used in forward passes, created once and never disposed. An implicit conversion
/// (<c>masked_fill(mask, float.NegativeInfinity)</c>, <c>tensor - 1</c>) creates a temporary <see cref="Scalar"/>
/// that only its native handle references during the native call, so its finalizer can free it mid-call; a
/// crash inside <c>masked_fill</c> ("toFloat") was seen in a long run. Holding the scalars here keeps them alive.
/// </summary>
internal static class ScalarConstants
{
    public static readonly Scalar Zero = 0.ToScalar();

    public static readonly Scalar One = 1.ToScalar();

    public static readonly Scalar NegativeInfinity = float.NegativeInfinity.ToScalar();
}
