using System.Runtime.InteropServices;

namespace Ml.Recurrent.Runtime;

/// <summary>
/// Returns memory that glibc keeps after libtorch frees it. Without this, resident memory creeps up by
/// several MiB per training step even though no tensor leaks (docs/design.md), and by several MiB per model
/// released in a server that reloads its model (docs/serving.md, "Memory across reloads").
/// </summary>
internal static partial class NativeMemory
{
    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);

    private static bool _unavailable;
    private static long _trims;

    /// <summary>How many times <see cref="Trim"/> has been called in this process (for tests).</summary>
    public static long Trims => Interlocked.Read(ref _trims);

    /// <summary>Calls glibc's <c>malloc_trim(0)</c> on Linux; does nothing elsewhere or where it is missing.</summary>
    public static void Trim()
    {
        Interlocked.Increment(ref _trims);
        if (!OperatingSystem.IsLinux() || _unavailable) return;
        try
        {
            MallocTrim(0);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true; // musl and other libcs have no malloc_trim: nothing to return.
        }
    }
}
