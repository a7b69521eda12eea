namespace Ml.Recurrent.Tests.Reliability;

/// <summary>Runs work while another thread collects garbage and runs finalizers in a loop, so that an object only a
/// native call still needs (a temporary TorchSharp Scalar) is freed during the call if nothing holds it.</summary>
internal static class GarbageCollectionPressure
{
    /// <summary>The result of <paramref name="work"/> and how many collections ran meanwhile.</summary>
    public static (T Result, long Collections) Run<T>(Func<T> work)
    {
        using var stop = new CancellationTokenSource();
        long collections = 0;
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                Interlocked.Increment(ref collections);
            }
        }) { IsBackground = true };
        collector.Start();
        try
        {
            return (work(), Interlocked.Read(ref collections));
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }
    }
}
