using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ml.Recurrent.LoadBench;

/// <summary>Concurrent clients sending <c>POST /predict</c> with one shared <see cref="HttpClient"/> (its pool holds one connection per client).</summary>
internal sealed class LoadGenerator : IDisposable
{
    private readonly HttpClient _client;
    private readonly IReadOnlyList<string> _texts;

    public LoadGenerator(Uri baseAddress, IReadOnlyList<string> texts)
    {
        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = baseAddress };
        _texts = texts;
    }

    public Task WarmUpAsync(int requests) => RunAsync(4, requests, CancellationToken.None);

    public async Task<int> ModelVersionAsync()
    {
        using JsonDocument health = JsonDocument.Parse(await _client.GetStringAsync("/health"));
        return health.RootElement.GetProperty("modelVersion").GetInt32();
    }

    /// <summary>The server's garbage-collector figures from <c>/health</c> (counts, pause ms, allocated MiB).</summary>
    public async Task<double[]> GcAsync()
    {
        using JsonDocument health = JsonDocument.Parse(await _client.GetStringAsync("/health"));
        JsonElement gc = health.RootElement.GetProperty("gc");
        return new[] { "gen0", "gen1", "gen2", "pauseMilliseconds", "allocatedMiB" }
            .Select(name => gc.GetProperty(name).GetDouble()).ToArray();
    }

    /// <summary>Sends <paramref name="requests"/> requests from <paramref name="clients"/> concurrent loops.</summary>
    public async Task<LoadResult> RunAsync(int clients, int requests, CancellationToken cancel)
    {
        var latencies = new double[requests];
        int next = -1, errors = 0;
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests && !cancel.IsCancellationRequested)
            {
                long start = Stopwatch.GetTimestamp();
                try
                {
                    using HttpResponseMessage response = await _client.PostAsJsonAsync("/predict", new { text = _texts[i % _texts.Count] }, cancel);
                    await response.Content.ReadAsByteArrayAsync(cancel);
                    if (!response.IsSuccessStatusCode) throw new HttpRequestException($"HTTP {(int)response.StatusCode}");
                }
                catch (HttpRequestException ex)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, ex.Message, null);
                }

                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }, cancel)));
        double seconds = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return new LoadResult(clients, requests, errors, firstError, requests / seconds,
            latencies[requests / 2], latencies[Math.Min(requests - 1, (int)(requests * 0.99))]) { Latencies = latencies };
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>One level's figures.</summary>
internal sealed record LoadResult(int Clients, int Requests, int Errors, string? FirstError, double PerSecond, double P50, double P99)
{
    /// <summary>Every request's latency in ms, sorted.</summary>
    public double[] Latencies { get; init; } = [];

    public string Row(string phase, double rss) =>
        $"| {phase} | {Clients} | {Requests:N0} | {Errors}{(FirstError is null ? string.Empty : $" ({FirstError})")} | {PerSecond:F0} | {P50:F2} | {P99:F2} | {rss:F1} | {File.ReadAllText("/proc/loadavg").Split(' ')[0]} |";
}
