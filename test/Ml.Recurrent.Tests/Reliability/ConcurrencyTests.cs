using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Recurrent.Tests.Reliability;

/// <summary>
/// One model shared by many threads (a web server): each thread with its own <c>PredictionEngine</c>, or all calling
/// <c>Transform</c> on the shared transformer, get exactly the single-threaded results; releasing the model's native
/// memory while others score never crashes. Thread-safety rules: docs/reliability.md.
/// </summary>
[TestClass]
public sealed class ConcurrencyTests
{
    private const int Threads = 8;

    private static readonly PredictionEngineOptions Shared = new() { OwnsTransformer = false };

    private static List<TestCorpus.Row> Rows() => [.. TestCorpus.Multiclass(30, seed: 5), .. ReliabilityFixture.ProbeRows];

    private static string Key(ReliabilityFixture.Prediction p) => string.Join(" ", p.Score.Select(ReliabilityFixture.Bits)) + " → " + p.PredictedLabel;

    [TestMethod]
    public void EightThreads_EachWithItsOwnPredictionEngine_GiveTheSingleThreadedScoresBitForBit()
    {
        var ml = new MLContext(seed: 1);
        ITransformer model = ReliabilityFixture.Load(ml, ReliabilityFixture.Reference.Zip);
        List<TestCorpus.Row> rows = Rows();
        string[] expected;
        using (var engine = ml.Model.CreatePredictionEngine<TestCorpus.Row, ReliabilityFixture.Prediction>(model, Shared))
            expected = rows.Select(r => Key(engine.Predict(r))).ToArray();

        List<string> mismatches = RunOnThreads(t =>
        {
            using var engine = ml.Model.CreatePredictionEngine<TestCorpus.Row, ReliabilityFixture.Prediction>(model, Shared);
            var wrong = new List<string>();
            for (int n = 0; n < 3 * rows.Count; n++)
            {
                int i = (n + (t * 7)) % rows.Count;
                if (Key(engine.Predict(rows[i])) != expected[i]) wrong.Add($"thread {t} row {i}");
            }

            return wrong;
        });

        Assert.IsEmpty(mismatches, string.Join("\n", mismatches));
        RecurrentTextClassifierTransformer.ReleaseNativeMemoryOf(model);
    }

    [TestMethod]
    public void EightThreads_CallingTransformOnASharedModel_GiveTheSingleThreadedScoresBitForBit()
    {
        var ml = new MLContext(seed: 1);
        ITransformer model = ReliabilityFixture.Load(ml, ReliabilityFixture.Reference.Zip);
        IDataView data = TestCorpus.Load(ml, Rows());
        string[] Score() => model.Transform(data).GetColumn<float[]>("Score").Select(s => string.Join(" ", s.Select(ReliabilityFixture.Bits))).ToArray();
        string[] expected = Score();

        List<string> mismatches = RunOnThreads(t =>
        {
            var wrong = new List<string>();
            for (int pass = 0; pass < 3; pass++)
            {
                string[] scores = Score();
                wrong.AddRange(Enumerable.Range(0, expected.Length).Where(i => scores[i] != expected[i]).Select(i => $"thread {t} pass {pass} row {i}"));
            }

            return wrong;
        });

        Assert.IsEmpty(mismatches, string.Join("\n", mismatches));
        RecurrentTextClassifierTransformer.ReleaseNativeMemoryOf(model);
    }

    [TestMethod]
    public void ReleasingNativeMemoryWhileThreadsScore_EachCallEitherScoresCorrectlyOrThrowsObjectDisposedException()
    {
        var ml = new MLContext(seed: 1);
        ITransformer model = ReliabilityFixture.Load(ml, ReliabilityFixture.Reference.Zip);
        List<TestCorpus.Row> rows = Rows();
        string[] expected;
        using (var engine = ml.Model.CreatePredictionEngine<TestCorpus.Row, ReliabilityFixture.Prediction>(model, Shared))
            expected = rows.Select(r => Key(engine.Predict(r))).ToArray();
        using var warmedUp = new CountdownEvent(Threads);

        var disposer = new Thread(() =>
        {
            warmedUp.Wait();
            RecurrentTextClassifierTransformer.ReleaseNativeMemoryOf(model);
        });
        disposer.Start();
        List<string> problems = RunOnThreads(t =>
        {
            using var engine = ml.Model.CreatePredictionEngine<TestCorpus.Row, ReliabilityFixture.Prediction>(model, Shared);
            var wrong = new List<string>();
            for (int n = 0; ; n++)
            {
                int i = n % rows.Count;
                try
                {
                    if (Key(engine.Predict(rows[i])) != expected[i]) wrong.Add($"thread {t} row {i}: different scores");
                }
                catch (ObjectDisposedException ex)
                {
                    if (!ex.Message.Contains("native weights were released (ReleaseNativeMemory)", StringComparison.Ordinal)) wrong.Add($"thread {t}: {ex.Message}");
                    return wrong;
                }

                if (n == 10) warmedUp.Signal();
            }
        });
        disposer.Join();

        Assert.IsEmpty(problems, string.Join("\n", problems));
    }

    /// <summary>Runs <paramref name="work"/> on <see cref="Threads"/> threads started together; returns all they report.</summary>
    private static List<string> RunOnThreads(Func<int, List<string>> work)
    {
        var results = new List<string>[Threads];
        var errors = new Exception?[Threads];
        using var start = new Barrier(Threads);
        Thread[] threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                results[t] = work(t);
            }
            catch (Exception ex)
            {
                errors[t] = ex;
            }
        })).ToArray();
        foreach (Thread thread in threads) thread.Start();
        foreach (Thread thread in threads) thread.Join();
        return errors.Where(e => e is not null).Select(e => $"unexpected {e}").Concat(results.Where(r => r is not null).SelectMany(r => r)).ToList();
    }
}
