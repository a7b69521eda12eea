namespace Ml.Recurrent.Runtime;

/// <summary>
/// Thrown when TorchSharp's native library cannot be loaded. The message names the cause that was
/// found (for example the missing <c>GLIBCXX_3.4.32</c> symbol version in libstdc++) and the fix.
/// </summary>
public sealed class NativeRuntimeException : InvalidOperationException
{
    /// <summary>Creates the exception with a diagnosis and the original load failure.</summary>
    /// <param name="message">The diagnosis: what is missing and how to install it.</param>
    /// <param name="innerException">The exception TorchSharp raised while loading.</param>
    public NativeRuntimeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
