using Microsoft.ML;
using Ml.Recurrent.Tests;

namespace Ml.Recurrent.Reliability.Bench;

/// <summary>Resident memory before and after fits, and around fits canceled mid-epoch: it must return to its level.</summary>
internal static class FitMemoryBench
{
    public static void Run(int fits)
    {
        var ml = new MLContext(seed: 1);
        IDataView data = TestCorpus.Load(ml, TestCorpus.Multiclass(3000, seed: 1));
        Console.WriteLine($"\n== fit memory: default architecture, 3000 rows; {fits} complete 2-epoch fits and {fits} fits canceled at batch 20 of epoch 2");
        ((IDisposable)BenchModels.Pipeline(ml, BenchModels.Defaults(epochs: 1)).Fit(data)).Dispose(); // warm-up: libtorch's one-time allocations
        Rss.Collect();
        double baseline = Rss.MiB();
        Console.WriteLine($"baseline after a warm-up fit: {baseline:F1} MiB, live tensors {TorchSharp.torch.Tensor.TotalCount}");
        Console.WriteLine("fit   kind        RSS before   after Fit   after Dispose+GC   live tensors");
        for (int i = 1; i <= fits; i++)
        {
            foreach (bool cancel in new[] { false, true })
            {
                double before = Rss.MiB();
                using var source = new CancellationTokenSource();
                RecurrentTextClassifierOptions options = BenchModels.Defaults(epochs: 2);
                options.CancellationToken = source.Token;
                if (cancel) options.Progress = new Cancel(source, epoch: 2);
                ITransformer? model = null;
                try
                {
                    model = BenchModels.Pipeline(ml, options).Fit(data);
                }
                catch (OperationCanceledException)
                {
                }

                double afterFit = Rss.MiB();
                (model as IDisposable)?.Dispose();
                Rss.Collect();
                Console.WriteLine($"{i,3}   {(cancel ? "canceled" : "complete"),-9}   {before,10:F1}   {afterFit,9:F1}   {Rss.MiB(),16:F1}   {TorchSharp.torch.Tensor.TotalCount,12}");
            }
        }

        Console.WriteLine($"  after {2 * fits} fits: {Rss.MiB():F1} MiB, {Rss.MiB() - baseline:+0.0;-0.0} MiB from the baseline");
    }

    private sealed class Cancel(CancellationTokenSource source, int epoch) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Epoch == epoch && value.Batch == 20) source.Cancel();
        }
    }
}
