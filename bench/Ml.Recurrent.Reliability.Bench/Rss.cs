using System.Globalization;

namespace Ml.Recurrent.Reliability.Bench;

/// <summary>Resident memory of this process, from /proc/self/status (Linux).</summary>
internal static class Rss
{
    /// <summary>VmRSS in MiB, or NaN where /proc is missing.</summary>
    public static double MiB()
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path)) return double.NaN;
        string? line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        if (line is null) return double.NaN;
        string kib = line["VmRSS:".Length..].Trim().Split(' ')[0];
        return double.Parse(kib, CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>Collects managed garbage (so finalizable TorchSharp wrappers are not counted as native growth).</summary>
    public static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
