namespace Ml.Recurrent.LoadBench;

/// <summary>
/// Two builds of the web service serving the same model file side by side (e.g. before and after a change), driven
/// at one client in alternating blocks so that both see the same machine load: p50/p99 of each over all its blocks.
/// </summary>
internal static class ServerComparison
{
    public static async Task RunAsync(string serverA, string serverB, string modelPath, IReadOnlyList<string> texts,
        int requests, int blocks, string? environmentB = null)
    {
        await using var a = await ServiceProcess.StartAsync(serverA, modelPath);
        await using var b = await ServiceProcess.StartAsync(serverB, modelPath, environment: environmentB);
        using var clientA = new LoadGenerator(a.BaseAddress, texts);
        using var clientB = new LoadGenerator(b.BaseAddress, texts);
        await clientA.WarmUpAsync(500);
        await clientB.WarmUpAsync(500);
        double[] gcA = await clientA.GcAsync(), gcB = await clientB.GcAsync();
        var latencyA = new List<double>();
        var latencyB = new List<double>();
        int errors = 0;
        for (int block = 0; block < blocks; block++)
        {
            bool aFirst = block % 2 == 0;
            foreach (bool isA in aFirst ? new[] { true, false } : [false, true])
            {
                LoadResult result = await (isA ? clientA : clientB).RunAsync(1, requests / blocks, CancellationToken.None);
                (isA ? latencyA : latencyB).AddRange(result.Latencies);
                errors += result.Errors;
            }
        }

        Console.WriteLine($"1 client, {blocks} alternating blocks of {requests / blocks} requests per server, " +
                          $"{errors} errors; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"  A {serverA}: p50 {Percentile(latencyA, 0.5):F2} ms, p99 {Percentile(latencyA, 0.99):F2} ms, "
                          + $"p99.9 {Percentile(latencyA, 0.999):F2} ms; {await GcDelta(clientA, gcA)}");
        Console.WriteLine($"  B {serverB} {environmentB}: p50 {Percentile(latencyB, 0.5):F2} ms, p99 {Percentile(latencyB, 0.99):F2} ms, "
                          + $"p99.9 {Percentile(latencyB, 0.999):F2} ms; {await GcDelta(clientB, gcB)}");
    }

    private static async Task<string> GcDelta(LoadGenerator client, double[] before)
    {
        double[] d = (await client.GcAsync()).Zip(before, (after, b) => after - b).ToArray();
        return $"server GC: gen0 {d[0]}, gen1 {d[1]}, gen2 {d[2]}, paused {d[3]:F1} ms";
    }

    private static double Percentile(List<double> values, double p)
    {
        values.Sort();
        return values[Math.Min(values.Count - 1, (int)(values.Count * p))];
    }
}
