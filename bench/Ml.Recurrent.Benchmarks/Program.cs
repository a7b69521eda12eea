using Ml.Recurrent.Benchmarks;
using Ml.Recurrent.Benchmarks.Micro;

// Usage (from the repository root, after build/setup-native.sh and ../shared/peer/setup-pytorch.sh):
//   dotnet run -c Release --project bench/Ml.Recurrent.Benchmarks -- compare --data sst2_sentence --bidirectional --maxlen 64 --runs 3
//   dotnet run -c Release --project bench/Ml.Recurrent.Benchmarks -- ours --data trec --defaults
//   dotnet run -c Release --project bench/Ml.Recurrent.Benchmarks -- step --data sst2_sentence --bidirectional --rounds 6
//   dotnet run -c Release --project bench/Ml.Recurrent.Benchmarks -- micro --filter '*'
//   dotnet run -c Release --project bench/Ml.Recurrent.Benchmarks -- latency --data mr --repeats 300 --words 1,64,200
// Commands: compare | ours | raw | step | latency | micro. Common options: --data-root ../shared/data --data NAME --cell lstm|gru|rnn
//   --bidirectional --epochs 5 --maxlen 400 --threads 2; compare: --runs 3 --python PATH --peer PATH.
// micro: BenchmarkDotNet micro-benchmarks of the CPU-side data path (in process, short job); takes --data-root,
//   passes every other argument to BenchmarkDotNet (--filter '*', --list flat, ...).
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: (compare|ours|raw|step) [--data NAME] [--cell lstm] [--bidirectional] [--epochs 5] [--maxlen 400] ... | micro [--filter PATTERN]");
    return 2;
}

// micro takes BenchmarkDotNet's arguments, which BenchArgs does not parse.
if (args[0] == "micro")
    return MicroCommand.Run(args[1..]);

var options = new BenchArgs(args.Skip(1));
return args[0] switch
{
    "compare" => CompareCommand.Run(options, typeof(CompareCommand).Assembly.Location),
    "ours" => OursRun.Run(options),
    "raw" => RawRun.Run(options),
    "step" => StepRun.Run(options),
    "latency" => LatencyCommand.Run(options),
    _ => throw new ArgumentException($"Unknown command '{args[0]}'; use compare, ours, raw, step or micro."),
};
