using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Ml.Recurrent.Runtime;
using static TorchSharp.torch;

namespace Ml.Recurrent.Modeling;

/// <summary>
/// Runs the backward direction of a bidirectional layer on a thread-pool thread while the calling thread runs the
/// forward direction, for small inference passes (a <c>PredictionEngine.Predict</c>) when cores are idle. The two
/// directions are independent and, in a one-row pass, each is a chain of sequential steps on one intra-op thread
/// (<see cref="IntraOpThreads"/>), so splitting them halves the pass's wall time on an idle machine and computes
/// exactly the same numbers: each direction runs the same libtorch kernel with the same thread settings, only on
/// another thread.
/// </summary>
/// <remarks>
/// <para>Only passes without gradients (scoring), over fewer than <see cref="IntraOpThreads.SingleThreadBelowRows"/>
/// rows, of a built-in (fused) cell, on a calling thread inside a one-thread scope
/// (<see cref="IntraOpThreads.ForRows"/>, as every small pass of <c>BatchScorer</c>) split; custom cells run user code
/// that may keep state. A pass splits only while at most one such pass per two processors is in flight in the process
/// and no work waits in the thread pool's queues (<see cref="CoresLikelyIdle"/>), so a busy server (many concurrent
/// requests on few cores) runs both directions on the calling thread and pays nothing for hand-offs.</para>
/// <para>Whether a qualifying pass splits is learnt from the timing of earlier passes (<see cref="SplitChoice"/>): on
/// a machine whose cores other processes keep busy, splitting costs more than it saves and stops.</para>
/// <para>If no pool thread has picked the job up by the time the forward direction is done, the calling thread runs
/// it itself: a starved thread pool never delays a prediction by more than the check.</para>
/// </remarks>
internal sealed class ConcurrentDirection : IThreadPoolWorkItem
{
    private static readonly SplitChoice Choice = new();
    private static int _inFlight;
    private static long _splitPasses;

    private readonly SequenceRecurrence _recurrence;
    private readonly Tensor _input;
    private readonly int _rows;
    private readonly ManualResetEventSlim _done = new(false);
    private int _claimed;
    private Tensor? _result;
    private ExceptionDispatchInfo? _error;

    private ConcurrentDirection(SequenceRecurrence recurrence, Tensor input, int rows)
    {
        _recurrence = recurrence;
        _input = input;
        _rows = rows;
    }

    /// <summary>For benchmarks and tests that compare the ways in one process: true splits every pass that could
    /// (whatever the processor count and other passes in flight, but never outside a one-thread scope), false none;
    /// null (the default) lets <see cref="SplitChoice"/> decide.</summary>
    internal static bool? Forced { get; set; }

    /// <summary>Passes handed to a second thread since the process started (tests read it).</summary>
    internal static long SplitPasses => Interlocked.Read(ref _splitPasses);

    /// <summary>
    /// <paramref name="first"/> on <paramref name="firstInput"/> here and <paramref name="second"/> on
    /// <paramref name="secondInput"/> on a pool thread when the pass qualifies (see remarks); otherwise both here, in
    /// that order. The results are owned by the calling thread's dispose scope either way.
    /// </summary>
    public static (Tensor First, Tensor Second) Run(SequenceRecurrence first, Tensor firstInput,
        SequenceRecurrence second, Tensor secondInput)
    {
        int rows = (int)firstInput.shape[0];
        if (!Qualifies(first, second, rows)) return (first.call(firstInput), second.call(secondInput));
        try
        {
            int inFlight = Interlocked.Increment(ref _inFlight);
            if (Forced is null && !CoresLikelyIdle(inFlight, Environment.ProcessorCount,
                    ThreadPool.PendingWorkItemCount))
                return (first.call(firstInput), second.call(secondInput));
            bool split = Forced ?? Choice.ShouldSplit();
            long start = Stopwatch.GetTimestamp();
            (Tensor First, Tensor Second) results;
            if (split)
            {
                Interlocked.Increment(ref _splitPasses);
                var job = new ConcurrentDirection(second, secondInput, rows);
                ThreadPool.UnsafeQueueUserWorkItem(job, preferLocal: false);
                Tensor firstResult = first.call(firstInput);
                results = (firstResult, job.Join());
            }
            else
            {
                results = (first.call(firstInput), second.call(secondInput));
            }

            if (Forced is null)
                Choice.Record(split, Stopwatch.GetElapsedTime(start).TotalMilliseconds, firstInput.shape[1]);
            return results;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>
    /// Whether a second core is likely free for the other direction: at most one such pass per two processors is in
    /// flight (<paramref name="inFlight"/> counts this one), and no work waits in the thread pool's queues. In a busy
    /// server the queue holds other requests' work (socket reads, JSON, their own passes): a split would put the
    /// backward direction behind it or take a thread from it, lowering throughput for a latency gain that is not
    /// there.
    /// </summary>
    internal static bool CoresLikelyIdle(int inFlight, int processors, long pendingWorkItems) =>
        inFlight * 2 <= processors && pendingWorkItems == 0;

    void IThreadPoolWorkItem.Execute()
    {
        if (Interlocked.Exchange(ref _claimed, 1) != 0) return;
        try
        {
            using IntraOpThreads.Scope threads = IntraOpThreads.ForRows(_rows);
            using var grad = no_grad();
            using var scope = NewDisposeScope();
            _result = _recurrence.call(_input).DetachFromDisposeScope();
        }
        catch (Exception ex)
        {
            _error = ExceptionDispatchInfo.Capture(ex);
        }
        finally
        {
            _done.Set();
        }
    }

    // The calling thread must be on one intra-op thread (BatchScorer's small passes): the pool thread runs its
    // direction on one thread, and a direction run on more threads splits its matrix products differently and can
    // differ in the last bits. Outside such a scope (explanations, a module called directly) a timing-based choice
    // to split would make the same pass score differently from one call to the next.
    private static bool Qualifies(SequenceRecurrence first, SequenceRecurrence second, int rows) =>
        Forced != false && rows < IntraOpThreads.SingleThreadBelowRows && IntraOpThreads.OnOneThread
        && (Environment.ProcessorCount > 1 || Forced == true)
        && first is FusedRecurrence && second is FusedRecurrence && !is_grad_enabled();

    private Tensor Join()
    {
        if (Interlocked.Exchange(ref _claimed, 1) == 0)
            return _recurrence.call(_input); // not started yet: run it here, as without a split

        // Not disposed: the pool thread may still be inside Set, and a Wait that never needed a kernel handle leaves
        // nothing to release.
        _done.Wait();
        _error?.Throw();
        // The result belongs to no scope (it was made on the pool thread); a view made here joins this thread's.
        using Tensor unowned = _result!;
        return unowned.alias();
    }
}
