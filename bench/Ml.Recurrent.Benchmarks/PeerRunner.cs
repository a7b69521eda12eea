using System.Diagnostics;
using System.Text.Json;

namespace Ml.Recurrent.Benchmarks;

/// <summary>Runs ../shared/peer/peer_tsv.py (PyTorch 2.6 from ../shared/peer/setup-pytorch.sh) and parses its JSON line.</summary>
internal static class PeerRunner
{
    public sealed record Result(double TrainSeconds, double[] EpochSeconds, double SequencesPerSecond, double Accuracy, double PeakRssMiB, double PrepSeconds, string Json);

    public static Result Run(string python, string script, Dataset data, string cell, bool bidirectional, int epochs, int maxLength, int threads)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { script, "--train", data.TrainPath, "--test", data.TestPath, "--cell", cell, "--epochs", $"{epochs}", "--maxlen", $"{maxLength}", "--threads", $"{threads}" })
            start.ArgumentList.Add(a);
        if (bidirectional) start.ArgumentList.Add("--bidirectional");
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {python}.");
        string stdout = process.StandardOutput.ReadToEnd(), stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"The peer failed ({process.ExitCode}): {stderr}");
        string line = stdout.Trim().Split('\n')[^1];
        JsonElement json = JsonDocument.Parse(line).RootElement;
        double[] perEpoch = json.GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("seconds").GetDouble()).ToArray();
        return new Result(json.GetProperty("train_seconds").GetDouble(), perEpoch, json.GetProperty("train_sequences_per_s").GetDouble(),
            json.GetProperty("test_accuracy").GetDouble(), json.GetProperty("peak_rss_mib").GetDouble(), json.GetProperty("prep_seconds").GetDouble(), line);
    }
}
