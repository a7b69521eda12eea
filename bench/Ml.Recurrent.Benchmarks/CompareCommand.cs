using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Ml.Recurrent.Benchmarks;

/// <summary>
/// The speed comparison of issue 4, all in one run on one machine: for --runs rounds, interleaved, each in
/// a fresh process: (a) our end-to-end Fit, (b) raw TorchSharp on the same length-bucketed batches, (b')
/// raw TorchSharp on peer-style padded batches, (c) the PyTorch peer's plain padded loop. Prints the JSON
/// lines and a Markdown table of medians and ratios.
/// </summary>
internal static class CompareCommand
{
    public static int Run(BenchArgs args, string self)
    {
        int runs = args.Int("runs", 3);
        string python = args.Text("python", Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/root", ".cache/ml-recurrent-peer/python"));
        string peer = args.Text("peer", Path.Combine(args.Text("data-root", "../shared/data"), "..", "peer", "peer_tsv.py"));
        Dataset data = Dataset.Find(args.Text("data-root", "../shared/data"), args.Text("data", "sst2_sentence"));
        string cell = args.Text("cell", "lstm");
        bool bidirectional = args.Flag("bidirectional");
        int epochs = args.Int("epochs", 5), maxLength = args.Int("maxlen", 400), threads = args.Int("threads", 2);
        string[] common = [.. args.Forward("data-root", "data", "cell", "bidirectional", "epochs", "maxlen", "threads")];

        var ours = new List<JsonElement>();
        var rawBucketed = new List<JsonElement>();
        var rawPadded = new List<JsonElement>();
        var peers = new List<PeerRunner.Result>();
        for (int r = 0; r < runs; r++)
        {
            ours.Add(Child(self, ["ours", .. common]));
            rawBucketed.Add(Child(self, ["raw", .. common, "--batching", "bucketed"]));
            rawPadded.Add(Child(self, ["raw", .. common, "--batching", "padded"]));
            peers.Add(PeerRunner.Run(python, peer, data, cell, bidirectional, epochs, maxLength, threads));
            Console.Error.WriteLine($"round {r + 1}/{runs} done");
        }

        foreach (JsonElement j in ours.Concat(rawBucketed).Concat(rawPadded)) Console.WriteLine(j.GetRawText());
        foreach (PeerRunner.Result p in peers) Console.WriteLine(p.Json);

        static double EpochMedian(IEnumerable<JsonElement> runs) =>
            OursRun.Median(runs.Select(j => j.GetProperty("epoch_seconds").EnumerateArray().Select(e => e.GetDouble()).Sum() / j.GetProperty("epoch_seconds").GetArrayLength()));
        double oursEpoch = EpochMedian(ours), rawEpoch = EpochMedian(rawBucketed), paddedEpoch = EpochMedian(rawPadded);
        double oursFitPerEpoch = OursRun.Median(ours.Select(j => j.GetProperty("fit_seconds").GetDouble() / j.GetProperty("epochs").GetInt32()));
        double peerEpoch = OursRun.Median(peers.Select(p => p.TrainSeconds / p.EpochSeconds.Length));
        double peerEndToEnd = OursRun.Median(peers.Select(p => (p.TrainSeconds + p.PrepSeconds) / p.EpochSeconds.Length));
        double rows = ours[0].GetProperty("train_rows").GetDouble();
        string F(double v) => v.ToString("F2", CultureInfo.InvariantCulture);
        string S(double seconds) => (rows / seconds).ToString("F0", CultureInfo.InvariantCulture);

        Console.WriteLine();
        Console.WriteLine($"{data.Name}, {(bidirectional ? "bi" : string.Empty)}{cell}, {epochs} epochs, maxlen {maxLength}, {threads} threads, {runs} interleaved runs (medians)");
        Console.WriteLine();
        Console.WriteLine("| what | s/epoch | train seq/s | ratio vs peer (speed-up) | accuracy | peak RSS MiB |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Console.WriteLine($"| (a) Ml.Recurrent, training loop only | {F(oursEpoch)} | {S(oursEpoch)} | {F(peerEpoch / oursEpoch)}× | {Med(ours, "test_accuracy"):F4} | {Med(ours, "peak_rss_mib"):F0} |");
        Console.WriteLine($"| (a) Ml.Recurrent, end-to-end Fit ÷ epochs (tokenise + read + train) | {F(oursFitPerEpoch)} | {S(oursFitPerEpoch)} | {F(peerEndToEnd / oursFitPerEpoch)}× vs peer prep+train | | |");
        Console.WriteLine($"| (b) raw TorchSharp, same bucketed batches | {F(rawEpoch)} | {S(rawEpoch)} | {F(peerEpoch / rawEpoch)}× | | {Med(rawBucketed, "peak_rss_mib"):F0} |");
        Console.WriteLine($"| (b') raw TorchSharp, peer-style padded batches | {F(paddedEpoch)} | {S(paddedEpoch)} | {F(peerEpoch / paddedEpoch)}× | | {Med(rawPadded, "peak_rss_mib"):F0} |");
        Console.WriteLine($"| (c) PyTorch peer, plain padded loop | {F(peerEpoch)} | {S(peerEpoch)} | 1.00× | {OursRun.Median(peers.Select(p => p.Accuracy)):F4} | {OursRun.Median(peers.Select(p => p.PeakRssMiB)):F0} |");
        Console.WriteLine();
        Console.WriteLine($"Our training loop vs raw TorchSharp on the same batches: {F(oursEpoch / rawEpoch)}× the time ({(oursEpoch / rawEpoch - 1) * 100:F1}% overhead).");
        Console.WriteLine($"Scoring: {Med(ours, "scoring_texts_per_s"):F0} texts/s batched over the test texts, {Med(ours, "scoring_train_texts_per_s"):F0} over the training texts; " +
            $"PredictionEngine, {Med(ours, "single_latency_tokens"):F0}-token text: {Med(ours, "single_latency_ms"):F3} ms (median).");
        return 0;
    }

    private static double Med(List<JsonElement> runs, string property) => OursRun.Median(runs.Select(j => j.GetProperty(property).GetDouble()));

    private static JsonElement Child(string self, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(self);
        foreach (string a in args) start.ArgumentList.Add(a);
        using Process process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd(), stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"'{string.Join(' ', args)}' failed: {stderr}");
        return JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement.Clone();
    }
}
