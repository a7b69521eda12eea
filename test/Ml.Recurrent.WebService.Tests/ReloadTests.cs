using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Ml.Recurrent.WebService.Tests;

/// <summary>Replacing the model file swaps the model in while requests keep coming, and frees the old one.</summary>
[TestClass]
public sealed class ReloadTests
{
    [TestMethod]
    public async Task ModelFileReplacedUnderLoad_NoRequestFails_NewScoresAreServed_OldModelIsReleased()
    {
        using var factory = new ServiceFactory(seed: 1);
        string[] first = TinyModels.TransformScores(factory.ModelPath, TinyModels.Probes, oneAtATime: true);
        string replacement = Path.Combine(factory.Folder, "replacement.zip");
        TinyModels.TrainAndSave(replacement, seed: 2);
        string[] second = TinyModels.TransformScores(replacement, TinyModels.Probes, oneAtATime: true);
        Assert.IsFalse(first.SequenceEqual(second), "precondition: the two models score differently");
        HttpClient client = factory.CreateClient();
        ModelHost host = factory.Services.GetRequiredService<ModelHost>();
        ServedModel original = host.Current;

        using var stop = new CancellationTokenSource();
        int requests = 0;
        IEnumerable<Task<List<string>>> load = Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
        {
            var problems = new List<string>();
            for (int n = 0; !stop.IsCancellationRequested; n++)
            {
                int i = n % TinyModels.Probes.Count;
                try
                {
                    string actual = await PredictEndpointScore(client, TinyModels.Probes[i]);
                    if (actual != first[i] && actual != second[i]) problems.Add($"client {c}, text {i}: scores of neither model");
                }
                catch (Exception ex) when (ex is AssertFailedException or HttpRequestException)
                {
                    problems.Add($"client {c}, text {i}: {ex.Message}");
                }

                Interlocked.Increment(ref requests);
            }

            return problems;
        })).ToList();

        while (Volatile.Read(ref requests) < 50) await Task.Delay(10);
        File.Copy(replacement, factory.ModelPath + ".tmp", overwrite: true);
        File.Move(factory.ModelPath + ".tmp", factory.ModelPath, overwrite: true);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (host.Current.Version == 1 && waited.Elapsed < TimeSpan.FromMinutes(1)) await Task.Delay(20);
        int atSwap = Volatile.Read(ref requests);
        while (Volatile.Read(ref requests) < atSwap + 50) await Task.Delay(10);
        await stop.CancelAsync();
        List<string> problems = (await Task.WhenAll(load)).SelectMany(p => p).ToList();

        Assert.AreEqual(2, host.Current.Version, "the replaced file was loaded");
        Assert.IsEmpty(problems, string.Join("\n", problems));
        for (int i = 0; i < TinyModels.Probes.Count; i++)
            Assert.AreEqual(second[i], await PredictEndpointScore(client, TinyModels.Probes[i]), $"text {i} after the reload");
        Assert.IsTrue(original.Released, "the old model's native memory was released once no request used it");
        Assert.ThrowsExactly<ObjectDisposedException>(() => original.Predict("goal"));
        GC.Collect(0);
        HealthResponse health = (await client.GetFromJsonAsync<HealthResponse>("/health"))!;
        Assert.AreEqual(2, health.ModelVersion);
        Assert.AreEqual(0, health.FailedReloads);
        Assert.IsNotNull(health.Gc, "/health reports the garbage collector's work");
        Assert.IsGreaterThan(0, health.Gc.Gen0, "collections so far (the test forced one)");
        Assert.IsGreaterThan(0.0, health.Gc.AllocatedMiB);
    }

    [TestMethod]
    public async Task RepeatedReloads_ReleaseEveryRetiredModel_AndServeTheLatestFile()
    {
        using var factory = new ServiceFactory(seed: 1);
        string[] files = [Path.Combine(factory.Folder, "a.zip"), Path.Combine(factory.Folder, "b.zip")];
        File.Copy(factory.ModelPath, files[0]);
        TinyModels.TrainAndSave(files[1], seed: 2);
        string[] latest = TinyModels.TransformScores(files[1], TinyModels.Probes, oneAtATime: true);
        HttpClient client = factory.CreateClient();
        ModelHost host = factory.Services.GetRequiredService<ModelHost>();
        var retired = new List<ServedModel>();

        for (int reload = 1; reload <= 5; reload++)
        {
            ServedModel current = host.Current;
            File.Copy(files[reload % 2], factory.ModelPath + ".tmp", overwrite: true);
            File.Move(factory.ModelPath + ".tmp", factory.ModelPath, overwrite: true);
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (host.Current == current && waited.Elapsed < TimeSpan.FromMinutes(1))
                await PredictEndpointScore(client, TinyModels.Probes[reload]);
            retired.Add(current);
        }

        Assert.AreEqual(6, host.Current.Version, "five reloads");
        Assert.IsEmpty(retired.Where(m => !m.Released).Select(m => m.Version), "retired versions still holding weights");
        Assert.AreEqual(latest[0], await PredictEndpointScore(client, TinyModels.Probes[0]));
    }

    [TestMethod]
    public async Task BrokenReplacementFile_KeepsTheOldModelInService_AndCountsTheFailedReload()
    {
        using var factory = new ServiceFactory(seed: 1);
        string[] first = TinyModels.TransformScores(factory.ModelPath, TinyModels.Probes, oneAtATime: true);
        HttpClient client = factory.CreateClient();
        ModelHost host = factory.Services.GetRequiredService<ModelHost>();

        await File.WriteAllTextAsync(factory.ModelPath, "not a model");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (host.FailedReloads == 0 && waited.Elapsed < TimeSpan.FromMinutes(1)) await Task.Delay(20);

        Assert.AreEqual(1, host.FailedReloads);
        Assert.AreEqual(1, host.Current.Version);
        Assert.AreEqual(first[0], await PredictEndpointScore(client, TinyModels.Probes[0]));
    }

    private static Task<string> PredictEndpointScore(HttpClient client, string text) => PredictionEndpointTests.PredictAsync(client, text);
}
