// Usage: Ml.Recurrent.Reliability.Bench <memory|fit|fuzz|serving|roundtrip|all> [--predictions N] [--passes N]
//        [--rows N] [--fits N] [--mutations N] [--seed N] [--threads N] [--cycles N]
//        roundtrip [--runs N] [--cell Rnn|Lstm|Gru|HandWrittenRnn|all] [--bidirectional true|false|both] [--busy]
//        [--data folder] [--training-rows N (0: all)] [--epochs 2] [--fresh-loads 2 (1: skip the second load)]
// Prints measurements for docs/reliability.md. Runs for minutes; it is deliberately not part of the test suite.
// --threads sets TorchSharp's intra-op threads for scoring (training uses the options' NumberOfThreads);
// by default the process keeps libtorch's default (the processor count).
//        longtext [--bytes 1000000] [--max-length 2147483647] [--budget 65536 (0: none)]
// roundtrip-train, roundtrip-score and roundtrip-burn are the child processes of roundtrip (see RoundTripChild).
using System.Globalization;
using Ml.Recurrent;
using Ml.Recurrent.Reliability.Bench;
using Ml.Recurrent.Runtime;

string[] commands = ["longtext", "memory", "fit", "fuzz", "serving", "roundtrip", "all", "roundtrip-train", "roundtrip-score",
    "roundtrip-burn"];
if (args.Length == 0 || !commands.Contains(args[0]))
{
    Console.Error.WriteLine("usage: <memory|fit|fuzz|serving|roundtrip|all> [--predictions 100000] [--passes 20] " +
                            "[--rows 10000] [--fits 5] [--mutations 20000] [--seed 1] [--threads N] [--runs 30] " +
                            "[--cell Gru|all] [--bidirectional false|true|both] [--busy] " +
                            "[--data ../shared/data/uci_sentiment_sentences] [--training-rows 0] [--epochs 2] [--cycles 100]");
    return 2;
}

string Text(string name, string fallback)
{
    int at = Array.IndexOf(args, "--" + name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}

int Option(string name, int fallback) =>
    int.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

int threads = Option("threads", 0);
if (threads > 0) TorchSharp.torch.set_num_threads(threads);
string command = args[0];
if (command == "roundtrip-burn") return RoundTripChild.Burn();
if (command == "roundtrip-train")
{
    return RoundTripChild.Train(args[1], args[2], args[3], int.Parse(args[4], CultureInfo.InvariantCulture),
        int.Parse(args[5], CultureInfo.InvariantCulture));
}

if (command == "roundtrip-score") return RoundTripChild.Score(args[1], args[2], args[3], args[4]);

Console.WriteLine($"Runtime: {TorchRuntime.Describe()}; .NET {Environment.Version}; {Environment.ProcessorCount} processors");
if (command is "memory" or "all") ScoringMemoryBench.Run(Option("predictions", 100_000), Option("passes", 20), Option("rows", 10_000));
if (command is "longtext")
{
    LongTextMemoryBench.Run(Option("bytes", 1_000_000), Option("max-length", int.MaxValue),
        Option("budget", RecurrentTextClassifierOptions.DefaultMaximumTokensPerBatch));
}

if (command is "fit" or "all") FitMemoryBench.Run(Option("fits", 5));
if (command is "fuzz" or "all") FuzzBench.Run(Option("mutations", 20_000), Option("seed", 1));
if (command is "roundtrip")
{
    string cell = Text("cell", "all");
    RecurrentCell[] cells = cell == "all"
        ? [RecurrentCell.Rnn, RecurrentCell.Lstm, RecurrentCell.Gru, RecurrentCell.HandWrittenRnn]
        : cell.Split(',').Select(Enum.Parse<RecurrentCell>).ToArray();
    string direction = Text("bidirectional", "both");
    bool[] directions = direction == "both" ? [false, true] : [bool.Parse(direction)];
    string models = string.Join(",", cells.SelectMany(c => directions.Select(d => $"{c}:{d}")));
    string data = Path.GetFullPath(Text("data", Path.Combine("..", "shared", "data", "uci_sentiment_sentences")));
    RoundTripBench.Run(Option("runs", 30), models, args.Contains("--busy"), data, Option("training-rows", 0),
        Option("epochs", 2), threads, Option("fresh-loads", 2));
}

if (command is "serving" or "all") ServingBench.Run(Option("predictions", 1_000), Option("cycles", 100));
return 0;
