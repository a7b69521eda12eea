using System.Runtime.InteropServices;
using Ml.Recurrent.Modeling;
using Ml.Recurrent.Runtime;
using Ml.Recurrent.Sequences;
using NativeMemory = Ml.Recurrent.Runtime.NativeMemory;
using static TorchSharp.torch;

namespace Ml.Recurrent.Scoring;

/// <summary>
/// Owns a trained module and computes logits for many texts at once: sorts them by length so each batch has little
/// padding, runs the module in eval mode without gradients, one dispose scope per batch. Padding never changes a
/// result (the module masks by real length).
/// </summary>
/// <remarks>
/// <para>Calls run in parallel: an eval-mode forward pass without gradients only reads the weights, and TorchSharp's
/// dispose scopes and libtorch's gradient mode are per thread. A custom cell is user code that may keep state in
/// its module, so a model with one is scored one call at a time.</para>
/// <para>Every use of the module after training (scoring, saving, reading weights) holds a lease so that
/// <see cref="Release"/> waits for calls in flight and never frees weights under them. A scorer that becomes
/// unreachable without <see cref="Release"/> frees the module in its finalizer: TorchSharp's own finalizers do not
/// free a native module (its handle is only released by <c>Dispose</c>), so without this a dropped model kept its
/// weights for the life of the process. Both ways return the freed memory to the system (<c>malloc_trim</c>).</para>
/// </remarks>
internal sealed class BatchScorer
{
    /// <summary>Texts per forward pass when scoring.</summary>
    public const int BatchSize = 128;

    private readonly object _gate = new(); // a Monitor, not a Lock: Release waits on it
    private readonly Lock? _serial;
    private readonly RecurrentClassifierModule _module;
    private int _leases;
    private bool _released;

    public BatchScorer(RecurrentClassifierModule module)
    {
        _module = module;
        _module.eval();
        OutputSize = module.Architecture.OutputSize;
        if (module.Architecture.Cell == RecurrentCell.Custom) _serial = new Lock();
    }

    ~BatchScorer()
    {
        // Unreachable, so nothing can be scoring. TorchSharp's wrappers of the parameters may already have been
        // finalized; disposing them again does nothing, and the native module handles are released here.
        if (_released) return;
        try
        {
            _module.Dispose();
            NativeMemory.Trim();
        }
        catch (ExternalException)
        {
            // A finalizer must not throw; a native error here would only mean the memory stays allocated.
        }
    }

    public int OutputSize { get; }

    /// <summary>Logits of every row of <paramref name="store"/>, row-major <c>[rows, OutputSize]</c>.</summary>
    public float[] Score(TokenSequenceStore store)
    {
        var result = new float[store.Count * OutputSize];
        Use(module =>
        {
            using IntraOpThreads.Scope threads = IntraOpThreads.ForRows(Math.Min(store.Count, BatchSize));
            using var grad = no_grad();
            foreach (int[] rows in LengthBucketBatcher.MakeSortedBatches(store, BatchSize,
                         module.Architecture.TokenCost))
            {
                using var scope = NewDisposeScope();
                (Tensor tokens, Tensor lengths) = BatchCollator.Collate(store, rows);
                Tensor logits = module.call(tokens, lengths).contiguous();
                float[] values = logits.data<float>().ToArray();
                for (int i = 0; i < rows.Length; i++)
                    Array.Copy(values, i * OutputSize, result, rows[i] * OutputSize, OutputSize);
            }

            return true;
        });
        return result;
    }

    /// <summary>
    /// Runs <paramref name="read"/> on the module under a lease; throws if the weights were released.
    /// </summary>
    public T Use<T>(Func<RecurrentClassifierModule, T> read)
    {
        lock (_gate)
        {
            ThrowIfReleased();
            _leases++;
        }

        try
        {
            if (_serial is null) return read(_module);
            lock (_serial) return read(_module);
        }
        finally
        {
            lock (_gate)
            {
                if (--_leases == 0 && _released) Monitor.PulseAll(_gate);
            }

            GC.KeepAlive(this);
        }
    }

    /// <summary>Frees the module's native memory once calls in flight have finished; later calls throw.</summary>
    public void Release()
    {
        lock (_gate)
        {
            if (_released) return;
            _released = true;
            while (_leases > 0) Monitor.Wait(_gate);
        }

        _module.Dispose();
        GC.SuppressFinalize(this);

        // glibc keeps the freed weights in the arena of whichever thread allocated them, and a thread that later
        // loads a model allocates in its own arena: without this a server that reloads its model kept several MiB
        // per reload resident as free malloc memory (docs/serving.md, "Memory across reloads").
        NativeMemory.Trim();
    }

    private void ThrowIfReleased()
    {
        if (!_released) return;
        throw new ObjectDisposedException("RecurrentTextClassifierTransformer",
            "This recurrent text classifier's native weights were released (ReleaseNativeMemory); " +
            "load or train the model again.");
    }
}
