using System.Globalization;
using System.Runtime.InteropServices;

namespace Ml.Recurrent.WebService;

/// <summary>
/// Where the process's memory is (for <c>GET /debug/memory</c>, off unless <c>Diagnostics:MemoryEndpoint</c> is
/// true): resident memory, the managed heap after a full collection, live TorchSharp tensors and glibc's malloc
/// statistics (all arenas), before and after <c>malloc_trim(0)</c>.
/// </summary>
public static partial class MemoryReport
{
    /// <summary>Collects garbage fully and reports; trims glibc's free memory too if <paramref name="trim"/>.</summary>
    /// <param name="trim">Whether to call <c>malloc_trim(0)</c> after the first reading and read again.</param>
    public static Dictionary<string, object> Take(bool trim)
    {
        for (int i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        GC.Collect();
        GCMemoryInfo gc = GC.GetGCMemoryInfo(GCKind.Any);
        var report = new Dictionary<string, object>
        {
            ["rssMiB"] = Status("VmRSS"),
            ["threads"] = Status("Threads"),
            ["managedMiB"] = GC.GetTotalMemory(forceFullCollection: false) / 1048576.0,
            ["gcHeapMiB"] = gc.HeapSizeBytes / 1048576.0,
            ["gcCommittedMiB"] = gc.TotalCommittedBytes / 1048576.0,
            ["liveTensors"] = TorchSharp.torch.Tensor.TotalCount,
        };
        if (!OperatingSystem.IsLinux()) return report;
        Malloc(report, string.Empty);
        if (!trim) return report;
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        MallocTrim(0);
        report["trimMilliseconds"] = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        report["rssAfterTrimMiB"] = Status("VmRSS");
        Malloc(report, "AfterTrim");
        return report;
    }

    private static void Malloc(Dictionary<string, object> report, string suffix)
    {
        MallInfo2 info = MallInfo();
        report["mallocHeapMiB" + suffix] = info.Arena / 1048576.0; // non-mmapped bytes obtained from the system
        report["mallocMmapMiB" + suffix] = info.Hblkhd / 1048576.0;
        report["mallocInUseMiB" + suffix] = info.Uordblks / 1048576.0;
        report["mallocFreeMiB" + suffix] = info.Fordblks / 1048576.0;
    }

    private static double Status(string field)
    {
        string line = File.ReadLines("/proc/self/status")
            .First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        double value = double.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return field == "Threads" ? value : value / 1024;
    }

    [LibraryImport("libc", EntryPoint = "mallinfo2")]
    private static partial MallInfo2 MallInfo();

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);

    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint Arena;
        public nuint Ordblks;
        public nuint Smblks;
        public nuint Hblks;
        public nuint Hblkhd;
        public nuint Usmblks;
        public nuint Fsmblks;
        public nuint Uordblks;
        public nuint Fordblks;
        public nuint Keepcost;
    }
}
