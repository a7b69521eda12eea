using System.Runtime.InteropServices;

namespace Ml.Recurrent.Runtime;

/// <summary>
/// Caps oneDNN, the library inside libtorch that runs the LSTM on CPU, at its AVX2 kernels. On a CPU with AVX-512
/// (measured on an AMD EPYC with AVX-512, 2026-12-02), oneDNN's AVX-512 LSTM kernels score a saved model up to
/// 5e-3 away from what its AVX2 kernels and ONNX Runtime give for the same weights, far beyond float rounding, so a
/// model trained on one machine would score differently on another. With the cap, both machines agree within the
/// reload bound. oneDNN reads <c>ONEDNN_MAX_CPU_ISA</c> once, when it first runs a kernel, so the cap is set in the
/// process environment before the first model is built. It is process-wide; a value the user already set
/// (<c>ONEDNN_MAX_CPU_ISA</c> or the older <c>DNNL_MAX_CPU_ISA</c>) is respected. Only on x64.
/// </summary>
internal static partial class OneDnnIsaCap
{
    /// <summary>The variable oneDNN reads.</summary>
    internal const string Variable = "ONEDNN_MAX_CPU_ISA";

    /// <summary>The older name oneDNN still reads.</summary>
    internal const string OlderVariable = "DNNL_MAX_CPU_ISA";

    /// <summary>The cap: AVX2 kernels, whose LSTM agrees with ONNX Runtime and with AVX2-only machines.</summary>
    internal const string Cap = "AVX2";

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetEnv(string name);

    /// <summary>What oneDNN will see: the native value of <see cref="Variable"/> after <see cref="Apply"/>, or
    /// <c>null</c> where it is not set (or not x64).</summary>
    internal static string? Effective { get; private set; }

    /// <summary>Sets the cap unless the user chose a value; passes a value set only through .NET's
    /// <see cref="Environment.SetEnvironmentVariable(string, string)"/> on to the native environment, which on Linux
    /// and macOS does not see it otherwise.</summary>
    internal static void Apply()
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64) return;
        string? chosen = Environment.GetEnvironmentVariable(Variable)
                         ?? Environment.GetEnvironmentVariable(OlderVariable);
        string value = chosen ?? Cap;
        try
        {
            if (OperatingSystem.IsWindows())
            {
                // On Windows, .NET writes the process environment that native code reads.
                if (chosen is null) Environment.SetEnvironmentVariable(Variable, value);
                Effective = value;
                return;
            }

            if (GetEnv(Variable) == IntPtr.Zero && GetEnv(OlderVariable) == IntPtr.Zero) SetEnv(Variable, value, 0);
            IntPtr native = GetEnv(Variable);
            Effective = native == IntPtr.Zero ? Marshal.PtrToStringUTF8(GetEnv(OlderVariable)) :
                Marshal.PtrToStringUTF8(native);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            Effective = null; // No C library to reach: oneDNN keeps its own choice.
        }
    }
}
