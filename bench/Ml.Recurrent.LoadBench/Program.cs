// Usage: Ml.Recurrent.LoadBench --server <Ml.Recurrent.WebService.dll> [--data <Label<TAB>Text tsv>] [--requests N]
//        [--levels 1,2,8,32] [--reload-every 10] [--tokens 200] [--train-rows 2000]
// Trains two default-architecture models (BiLSTM 100/100, 1 epoch, different seeds) on the TSV, starts the web
// service on 127.0.0.1 as a child process, and sends /predict requests with N concurrent clients per level, then
// once more at the last-but-one level while the model file is replaced every --reload-every seconds. Prints
// throughput, p50/p99 latency, errors and the server's resident memory (docs/benchmarks.md).
// --reload-requests N sets the length of the reload phase (default: --requests).
// --reload-trace N: instead, N reloads one after another, each followed by --requests requests at the first level's
// clients, and the server's memory (/debug/memory: RSS, managed heap, tensors, malloc arenas) after each.
// --compare-server <other WebService.dll> [--blocks 10]: instead, both servers on the same model at one client in
// alternating blocks (--requests in all, per server), for a before/after ratio under the same machine load;
// --compare-environment NAME=VALUE sets one environment variable for the other server only.
using System.Globalization;
using Ml.Recurrent.LoadBench;

string Option(string name, string fallback)
{
    int at = Array.IndexOf(args, "--" + name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}

int Int(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

string server = Option("server", string.Empty);
if (!File.Exists(server))
{
    Console.Error.WriteLine("usage: --server <path to Ml.Recurrent.WebService.dll> [--data mr/train.tsv] [--requests 100000] [--levels 1,2,8,32] [--reload-every 10]");
    return 2;
}

string data = Option("data", "../shared/data/mr/train.tsv");
int requests = Int("requests", 100_000);
int[] levels = Option("levels", "1,2,8,32").Split(',').Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();
int reloadEvery = Int("reload-every", 10);
string folder = Directory.CreateTempSubdirectory("ml-recurrent-load-").FullName;
try
{
    Console.WriteLine($"{Environment.ProcessorCount} processors; load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
    (string modelA, string modelB) = BenchModel.TrainTwo(data, folder, Int("train-rows", 2000));
    string served = Path.Combine(folder, "model.zip");
    File.Copy(modelA, served);
    IReadOnlyList<string> texts = BenchModel.Reviews(data, Int("tokens", 200), count: 500);
    string compare = Option("compare-server", string.Empty);
    if (compare.Length > 0)
    {
        await ServerComparison.RunAsync(server, compare, served, texts, requests, Int("blocks", 10),
            Option("compare-environment", string.Empty));
        return 0;
    }

    int trace = Int("reload-trace", 0);
    await using var service = await ServiceProcess.StartAsync(server, served, trace > 0);
    using var generator = new LoadGenerator(service.BaseAddress, texts);
    await generator.WarmUpAsync(1000);
    if (trace > 0)
    {
        await ReloadTrace.RunAsync(service, generator, served, (modelA, modelB), trace, levels[0], requests);
        return 0;
    }

    double rssAfterWarmUp = service.RssMiB();
    Console.WriteLine($"server RSS after 1,000 warm-up requests: {rssAfterWarmUp:F1} MiB");
    Console.WriteLine("| phase | clients | requests | errors | requests/s | p50 ms | p99 ms | server RSS MiB | load avg |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
    foreach (int clients in levels)
    {
        double[] gcBefore = await generator.GcAsync();
        LoadResult result = await generator.RunAsync(clients, requests, CancellationToken.None);
        Console.WriteLine(result.Row("steady", service.RssMiB()));
        double[] gc = (await generator.GcAsync()).Zip(gcBefore, (after, before) => after - before).ToArray();
        Console.WriteLine($"  server GC during the level: gen0 {gc[0]}, gen1 {gc[1]}, gen2 {gc[2]}, "
                          + $"paused {gc[3]:F1} ms, allocated {gc[4] * 1024 / requests:F1} KiB per request");
    }

    int reloadClients = levels.Length > 1 ? levels[^2] : levels[0];
    using var replacing = new CancellationTokenSource();
    int replaced = 0;
    Task replacer = Task.Run(async () =>
    {
        while (!replacing.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(reloadEvery), replacing.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            File.Copy(++replaced % 2 == 1 ? modelB : modelA, served + ".tmp", overwrite: true);
            File.Move(served + ".tmp", served, overwrite: true);
        }
    });
    LoadResult reloading = await generator.RunAsync(reloadClients, Int("reload-requests", requests), CancellationToken.None);
    await replacing.CancelAsync();
    await replacer;
    int version = await generator.ModelVersionAsync();
    Console.WriteLine(reloading.Row($"file replaced every {reloadEvery} s", service.RssMiB()));
    Console.WriteLine($"model file replaced {replaced} times; server reports model version {version} (1 + reloads)");
    GC.KeepAlive(rssAfterWarmUp);
    return 0;
}
finally
{
    Directory.Delete(folder, recursive: true);
}
