using Ml.Recurrent.Modeling;
using Ml.Recurrent.Sequences;
using static TorchSharp.torch;

namespace Ml.Recurrent.Scoring;

/// <summary>
/// Computes logits for many texts at once: sorts them by length so each batch has little padding, runs the
/// module in eval mode without gradients, one dispose scope per batch. Padding never changes a result
/// (the module masks by real length). Calls are serialised with a lock: a TorchSharp module is not safe to
/// share across threads without one. Every other use of the module after training (saving, reading weights)
/// goes through <see cref="Use{T}"/> so that it can never race with <see cref="Dispose"/> and touch freed memory.
/// </summary>
internal sealed class BatchScorer : IDisposable
{
    /// <summary>Texts per forward pass when scoring.</summary>
    public const int BatchSize = 128;

    private readonly Lock _gate = new();
    private readonly RecurrentClassifierModule _module;
    private bool _disposed;

    public BatchScorer(RecurrentClassifierModule module)
    {
        _module = module;
        _module.eval();
        OutputSize = module.Architecture.OutputSize;
    }

    public int OutputSize { get; }

    /// <summary>Logits of every row of <paramref name="store"/>, row-major <c>[rows, OutputSize]</c>.</summary>
    public float[] Score(TokenSequenceStore store)
    {
        var result = new float[store.Count * OutputSize];
        lock (_gate)
        {
            ThrowIfDisposed();
            using var grad = no_grad();
            foreach (int[] rows in LengthBucketBatcher.MakeSortedBatches(store, BatchSize))
            {
                using var scope = NewDisposeScope();
                (Tensor tokens, Tensor lengths) = BatchCollator.Collate(store, rows);
                Tensor logits = _module.call(tokens, lengths).contiguous();
                float[] values = logits.data<float>().ToArray();
                for (int i = 0; i < rows.Length; i++)
                    Array.Copy(values, i * OutputSize, result, rows[i] * OutputSize, OutputSize);
            }
        }

        return result;
    }

    /// <summary>Runs <paramref name="read"/> on the module under the lock; throws if the scorer was disposed.</summary>
    public T Use<T>(Func<RecurrentClassifierModule, T> read)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return read(_module);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _module.Dispose();
        }
    }

    private void ThrowIfDisposed()
    {
        if (!_disposed) return;
        throw new ObjectDisposedException("RecurrentTextClassifierTransformer",
            "This recurrent text classifier was disposed, which freed its weights; load or train the model again. " +
            "Note that disposing a PredictionEngine also disposes the model it was created from, unless it was " +
            "created with new PredictionEngineOptions { OwnsTransformer = false }.");
    }
}
