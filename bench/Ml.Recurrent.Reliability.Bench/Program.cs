// Usage: Ml.Recurrent.Reliability.Bench <memory|fit|fuzz|serving|all> [--predictions N] [--passes N] [--rows N] [--fits N]
//        [--mutations N] [--seed N] [--threads N] [--cycles N]
// Prints measurements for docs/reliability.md. Runs for minutes; it is deliberately not part of the test suite.
// --threads sets TorchSharp's intra-op threads for scoring (training uses the options' NumberOfThreads);
// by default the process keeps libtorch's default (the processor count).
using System.Globalization;
using Ml.Recurrent.Reliability.Bench;
using Ml.Recurrent.Runtime;

if (args.Length == 0 || args[0] is not ("memory" or "fit" or "fuzz" or "serving" or "all"))
{
    Console.Error.WriteLine("usage: <memory|fit|fuzz|serving|all> [--predictions 100000] [--passes 20] [--rows 10000] [--fits 5] [--mutations 20000] [--seed 1] [--threads N] [--cycles 100]");
    return 2;
}

int Option(string name, int fallback)
{
    int at = Array.IndexOf(args, "--" + name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

if (Option("threads", 0) is > 0 and int threads) TorchSharp.torch.set_num_threads(threads);
Console.WriteLine($"Runtime: {TorchRuntime.Describe()}; .NET {Environment.Version}; {Environment.ProcessorCount} processors");
string command = args[0];
if (command is "memory" or "all") ScoringMemoryBench.Run(Option("predictions", 100_000), Option("passes", 20), Option("rows", 10_000));
if (command is "fit" or "all") FitMemoryBench.Run(Option("fits", 5));
if (command is "fuzz" or "all") FuzzBench.Run(Option("mutations", 20_000), Option("seed", 1));
if (command is "serving" or "all") ServingBench.Run(Option("predictions", 1_000), Option("cycles", 100));
return 0;
