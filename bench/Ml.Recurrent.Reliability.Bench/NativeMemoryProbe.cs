using System.Runtime.InteropServices;

namespace Ml.Recurrent.Reliability.Bench;

/// <summary>glibc's <c>malloc_trim(0)</c>, so that resident memory shows what is still allocated, not what glibc keeps.</summary>
internal static class NativeMemoryProbe
{
    [DllImport("libc", EntryPoint = "malloc_trim")]
#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code, which this project does not allow.
    private static extern int MallocTrim(nuint pad);
#pragma warning restore SYSLIB1054

    public static void Trim()
    {
        if (OperatingSystem.IsLinux()) MallocTrim(0);
    }
}
