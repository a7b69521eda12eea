using System.Diagnostics;
using System.Text.Json;

namespace Ml.Recurrent.LoadBench;

/// <summary>
/// Memory after each reload: replaces the model file, waits until the server has swapped the new model in, sends
/// requests, and reads the server's <c>/debug/memory</c> (full GC first): resident memory, managed heap, live
/// TorchSharp tensors and glibc malloc statistics. Tells a one-time step from growth per reload.
/// </summary>
internal static class ReloadTrace
{
    public static async Task RunAsync(ServiceProcess service, LoadGenerator generator, string served,
        (string A, string B) models, int reloads, int clients, int requests)
    {
        using var http = new HttpClient { BaseAddress = service.BaseAddress };
        Console.WriteLine("| reload | version | RSS MiB | managed MiB | GC committed MiB | tensors | malloc heap MiB "
                          + "| malloc mmap MiB | malloc in use MiB | malloc free MiB | threads | load avg |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        await Row(http, 0, await generator.ModelVersionAsync(), trim: false);
        for (int reload = 1; reload <= reloads; reload++)
        {
            int before = await generator.ModelVersionAsync();
            File.Copy(reload % 2 == 1 ? models.B : models.A, served + ".tmp", overwrite: true);
            File.Move(served + ".tmp", served, overwrite: true);
            var waited = Stopwatch.StartNew();
            int version;
            while ((version = await generator.ModelVersionAsync()) == before
                   && waited.Elapsed < TimeSpan.FromMinutes(1))
                await generator.RunAsync(clients, clients * 4, CancellationToken.None);
            LoadResult result = await generator.RunAsync(clients, requests, CancellationToken.None);
            if (result.Errors > 0) Console.WriteLine($"  {result.Errors} errors: {result.FirstError}");
            await Row(http, reload, version, trim: false);
        }

        Console.WriteLine("after malloc_trim(0):");
        await Row(http, reloads, await generator.ModelVersionAsync(), trim: true);
    }

    private static async Task Row(HttpClient http, int reload, int version, bool trim)
    {
        using JsonDocument report = JsonDocument.Parse(await http.GetStringAsync($"/debug/memory?trim={trim}"));
        JsonElement r = report.RootElement;
        string s = trim ? "AfterTrim" : string.Empty;
        double F(string name) => r.GetProperty(name).GetDouble();
        string rss = trim
            ? $"{F("rssMiB"):F1} → {F("rssAfterTrimMiB"):F1} ({F("trimMilliseconds"):F1} ms)"
            : $"{F("rssMiB"):F1}";
        Console.WriteLine($"| {reload} | {version} | {rss} | {F("managedMiB"):F1} | {F("gcCommittedMiB"):F1} | "
                          + $"{F("liveTensors"):F0} | {F("mallocHeapMiB" + s):F1} | {F("mallocMmapMiB" + s):F1} | "
                          + $"{F("mallocInUseMiB" + s):F1} | {F("mallocFreeMiB" + s):F1} | {F("threads"):F0} | "
                          + $"{File.ReadAllText("/proc/loadavg").Split(' ')[0]} |");
    }
}
