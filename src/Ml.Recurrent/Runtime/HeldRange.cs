using TorchSharp;
using static TorchSharp.torch;

namespace Ml.Recurrent.Runtime;

/// <summary>
/// <c>arange(count)</c> with every <see cref="Scalar"/> held through the native call. TorchSharp's one-argument
/// <c>arange(stop)</c> converts its start and step (and the caller's number) into temporary Scalars that nothing holds
/// while <c>THSTensor_arange</c> runs, so a garbage collection can let a finalizer free one mid-call (the pattern
/// behind "Unknown scalar type" under load: <see cref="ScalarConstants"/>).
/// </summary>
internal static class HeldRange
{
    /// <summary>The int64 positions 0 … <paramref name="count"/> − 1 on <paramref name="device"/>.</summary>
    public static Tensor Of(long count, Device device)
    {
        using Scalar stop = count.ToScalar();
        return arange(ScalarConstants.Zero, stop, ScalarConstants.One, dtype: ScalarType.Int64, device: device);
    }
}
