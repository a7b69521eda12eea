using System.Net;
using System.Net.Http.Json;

namespace Ml.Recurrent.WebService.Tests;

/// <summary>The HTTP endpoints give exactly the scores of <c>Transform</c> on the saved model, also under concurrency.</summary>
[TestClass]
public sealed class PredictionEndpointTests
{
    internal static async Task<string> PredictAsync(HttpClient client, string text)
    {
        using HttpResponseMessage response = await client.PostAsJsonAsync("/predict", new PredictRequest(text));
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        PredictResponse body = (await response.Content.ReadFromJsonAsync<PredictResponse>())!;
        return TinyModels.Key(body.Label, body.Probabilities.Values);
    }

    [TestMethod]
    public async Task ConcurrentPredictRequests_GiveTheScoresOfTransformBitForBit()
    {
        using var factory = new ServiceFactory();
        string[] expected = TinyModels.TransformScores(factory.ModelPath, TinyModels.Probes, oneAtATime: true);
        HttpClient client = factory.CreateClient();

        IEnumerable<Task<List<string>>> clients = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
        {
            var wrong = new List<string>();
            for (int n = 0; n < 2 * TinyModels.Probes.Count; n++)
            {
                int i = (n + (c * 5)) % TinyModels.Probes.Count;
                string actual = await PredictAsync(client, TinyModels.Probes[i]);
                if (actual != expected[i]) wrong.Add($"client {c}, text {i}: {actual} instead of {expected[i]}");
            }

            return wrong;
        }));
        List<string> mismatches = (await Task.WhenAll(clients)).SelectMany(w => w).ToList();

        Assert.IsEmpty(mismatches, string.Join("\n", mismatches));
    }

    [TestMethod]
    public async Task BatchRequest_GivesTheScoresOfTransformInOrder()
    {
        using var factory = new ServiceFactory();
        string[] expected = TinyModels.TransformScores(factory.ModelPath, TinyModels.Probes);
        HttpClient client = factory.CreateClient();

        using HttpResponseMessage response = await client.PostAsJsonAsync("/predict/batch", new BatchPredictRequest(TinyModels.Probes));
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        List<PredictResponse> body = (await response.Content.ReadFromJsonAsync<List<PredictResponse>>())!;

        CollectionAssert.AreEqual(expected, body.Select(p => TinyModels.Key(p.Label, p.Probabilities.Values)).ToArray());
        Assert.AreEqual(3, body[0].Probabilities.Count, "one probability per class");
    }

    [TestMethod]
    public async Task RequestsWithoutText_AreRejectedWith400NamingTheField()
    {
        using var factory = new ServiceFactory();
        HttpClient client = factory.CreateClient();

        using HttpResponseMessage single = await client.PostAsJsonAsync("/predict", new { other = "x" });
        using HttpResponseMessage batch = await client.PostAsJsonAsync("/predict/batch", new { texts = new[] { "a", null } });

        Assert.AreEqual(HttpStatusCode.BadRequest, single.StatusCode);
        StringAssert.Contains(await single.Content.ReadAsStringAsync(), "text");
        Assert.AreEqual(HttpStatusCode.BadRequest, batch.StatusCode);
        StringAssert.Contains(await batch.Content.ReadAsStringAsync(), "texts");
    }
}
