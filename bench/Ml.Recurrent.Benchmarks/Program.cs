using Ml.Recurrent.Benchmarks;

// Usage (from the repository root, after build/setup-native.sh and ../shared/peer/setup-pytorch.sh):
//   dotnet run -c Release --project bench/Ml.Recurrent.Benchmarks -- compare --data sst2_sentence --bidirectional --maxlen 64 --runs 3
//   dotnet run -c Release --project bench/Ml.Recurrent.Benchmarks -- ours --data trec --defaults
//   dotnet run -c Release --project bench/Ml.Recurrent.Benchmarks -- step --data sst2_sentence --bidirectional --rounds 6
// Commands: compare | ours | raw | step. Common options: --data-root ../shared/data --data NAME --cell lstm|gru|rnn
//   --bidirectional --epochs 5 --maxlen 400 --threads 2; compare: --runs 3 --python PATH --peer PATH.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: (compare|ours|raw|step) [--data NAME] [--cell lstm] [--bidirectional] [--epochs 5] [--maxlen 400] ...");
    return 2;
}

var options = new BenchArgs(args.Skip(1));
return args[0] switch
{
    "compare" => CompareCommand.Run(options, typeof(CompareCommand).Assembly.Location),
    "ours" => OursRun.Run(options),
    "raw" => RawRun.Run(options),
    "step" => StepRun.Run(options),
    _ => throw new ArgumentException($"Unknown command '{args[0]}'; use compare, ours, raw or step."),
};
