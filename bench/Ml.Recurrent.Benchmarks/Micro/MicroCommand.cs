using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Ml.Recurrent.Benchmarks.Micro;

/// <summary>
/// The <c>micro</c> command: BenchmarkDotNet micro-benchmarks of the CPU-side data path (tokenisation,
/// batching, collation; no network), run in process (no child project is built) with a short job
/// (1 launch, 3 warm-up and 3 measured iterations). <c>--data-root DIR</c> is taken here; every other argument
/// goes to BenchmarkDotNet (<c>--filter '*'</c>, <c>--list flat</c>, <c>--iterationCount N</c>, ...).
/// Artifacts (reports) go next to the program under <c>BenchmarkDotNet.Artifacts</c> unless <c>--artifacts</c> says otherwise.
/// </summary>
internal static class MicroCommand
{
    public static int Run(string[] args)
    {
        var passThrough = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--data-root" && i + 1 < args.Length)
                Environment.SetEnvironmentVariable(MicroData.DataRootVariable, Path.GetFullPath(args[++i]));
            else
                passThrough.Add(args[i]);
        }

        try
        {
            MicroData.TrainPath();
        }
        catch (FileNotFoundException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        IConfig config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"))
            .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
        Summary[] summaries = BenchmarkSwitcher.FromTypes([typeof(TokenizerBenchmarks), typeof(CollationBenchmarks)])
            .Run([.. passThrough], config).ToArray();
        bool failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        return failed ? 1 : 0;
    }
}
