using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Ml.Recurrent.Reliability.Bench;

/// <summary>
/// Repeats the save → fresh-process reload round trip of issue 16 and counts the runs whose scores are not
/// bit-identical. Every run is a new training process that trains each model in turn
/// (<see cref="RoundTripChild.Train"/>) and two new scoring processes that load them
/// (<see cref="RoundTripChild.Score"/>). Per run and model it compares, score by score:
/// <list type="bullet">
/// <item><b>reload</b>: Transform in the training process vs a load of the saved zip in a fresh process;</item>
/// <item><b>engine</b>: PredictionEngine vs Transform, both in the training process;</item>
/// <item><b>same-proc</b>: a load of the zip in the training process vs Transform of the trained model;</item>
/// <item><b>two-loads</b>: the zip loaded in two fresh processes.</item>
/// </list>
/// With <c>busy</c>, a process spinning on every processor runs for the whole measurement.
/// </summary>
internal static class RoundTripBench
{
    private static readonly string[] Comparisons = ["reload", "engine", "same-proc", "two-loads"];

    public static void Run(int runs, string models, bool busy, string data, int trainingRows, int epochs, int threads,
        int freshLoads)
    {
        string rows = trainingRows > 0 ? $"first {trainingRows}" : "all";
        Console.WriteLine($"Round trip: {runs} run(s) of {models}, data {data} " +
                          $"({rows} training rows, {epochs} epoch(s)), " +
                          $"{(busy ? "busy (a process spins on every processor)" : "quiet")}, " +
                          $"{(threads > 0 ? $"{threads} thread(s)" : "default threads")}, {freshLoads} fresh load(s) per run; " +
                          $"load {LoadAverage()}");
        string root = Path.Combine(Path.GetTempPath(), $"mlrecurrent-roundtrip-{Environment.ProcessId}");
        Directory.CreateDirectory(root);
        var names = RoundTripChild.Models(models).Select(m => m.Name).ToList();
        var differing = names.ToDictionary(n => n, _ => Comparisons.ToDictionary(c => c, _ => 0));
        var worst = names.ToDictionary(n => n, _ => Comparisons.ToDictionary(c => c, _ => (Count: 0, Max: 0.0)));
        var clock = Stopwatch.StartNew();
        using Process? burner = busy ? Start(["roundtrip-burn"]) : null;
        try
        {
            for (int run = 1; run <= runs; run++)
            {
                string folder = Path.Combine(root, $"run-{run}");
                string[] threadArgs = threads > 0 ? ["--threads", Text(threads)] : [];
                Check(["roundtrip-train", folder, data, models, Text(trainingRows), Text(epochs), .. threadArgs]);
                Check(["roundtrip-score", folder, data, models, "load-1.txt", .. threadArgs]);
                if (freshLoads > 1) Check(["roundtrip-score", folder, data, models, "load-2.txt", .. threadArgs]);
                foreach (string name in names)
                    Tally(run, name, Path.Combine(folder, name), differing[name], worst[name]);
                Directory.Delete(folder, recursive: true);
            }
        }
        finally
        {
            if (burner is not null && !burner.HasExited) burner.Kill();
            Directory.Delete(root, recursive: true);
        }

        Console.WriteLine($"Runs with any differing score, of {runs} ({clock.Elapsed.TotalMinutes:F1} min; " +
                          $"load now {LoadAverage()}):");
        foreach (string name in names)
        {
            Console.WriteLine($"  {name,-19}" + string.Join(", ", Comparisons.Select(c => $"{c} {differing[name][c]}" +
                (differing[name][c] > 0
                    ? $" (worst {worst[name][c].Count} scores, max abs {worst[name][c].Max:G3})"
                    : string.Empty))));
        }
    }

    private static void Tally(int run, string name, string dir, Dictionary<string, int> differing,
        Dictionary<string, (int Count, double Max)> worst)
    {
        string transform = Path.Combine(dir, RoundTripChild.TransformFile), first = Path.Combine(dir, "load-1.txt");
        var results = new Dictionary<string, (int Count, double Max)>
        {
            ["reload"] = Compare(transform, first),
            ["engine"] = Compare(transform, Path.Combine(dir, RoundTripChild.EngineFile)),
            ["same-proc"] = Compare(transform, Path.Combine(dir, RoundTripChild.SameProcessLoadFile)),
            ["two-loads"] = File.Exists(Path.Combine(dir, "load-2.txt"))
                ? Compare(first, Path.Combine(dir, "load-2.txt"))
                : (0, 0),
        };
        int rows = File.ReadAllLines(transform).Length;
        Console.WriteLine($"  run {run,3} {name,-19}" + string.Join("  ",
            Comparisons.Select(c => $"{c} {results[c].Count}/{rows} (max {results[c].Max:G3})")));
        foreach (string c in Comparisons.Where(c => results[c].Count > 0))
        {
            differing[c]++;
            if (results[c].Max > worst[c].Max) worst[c] = results[c];
        }
    }

    private static (int Count, double Max) Compare(string expectedPath, string actualPath)
    {
        string[] expected = File.ReadAllLines(expectedPath), actual = File.ReadAllLines(actualPath);
        if (expected.Length != actual.Length)
        {
            throw new InvalidOperationException(
                $"{expectedPath} has {expected.Length} scores, {actualPath} {actual.Length}.");
        }

        int count = 0;
        double max = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i] == actual[i]) continue;
            count++;
            max = Math.Max(max, Math.Abs((double)Value(expected[i]) - Value(actual[i])));
        }

        return (count, max);
    }

    private static float Value(string bits) =>
        BitConverter.Int32BitsToSingle(int.Parse(bits, NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";

    private static void Check(string[] args)
    {
        using Process process = Start(args);
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Child '{string.Join(' ', args)}' exited with {process.ExitCode}: {errors}");
        }
    }

    /// <summary>Starts this benchmark again with <paramref name="args"/> (apphost, or dotnet + dll).</summary>
    private static Process Start(string[] args)
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var info = new ProcessStartInfo(host) { RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (string a in args) info.ArgumentList.Add(a);
        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {host}.");
    }
}
