namespace Ml.Recurrent.Benchmarks;

/// <summary>Resident memory of this process from /proc/self/status (Linux).</summary>
internal static class ProcessMemory
{
    public static double RssMiB() => Read("VmRSS:");

    public static double PeakRssMiB() => Read("VmHWM:");

    private static double Read(string key)
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
                return double.Parse(line[key.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024;
        }

        return double.NaN;
    }
}
