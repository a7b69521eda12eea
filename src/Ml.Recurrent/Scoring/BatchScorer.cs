using Ml.Recurrent.Modeling;
using Ml.Recurrent.Training;
using static TorchSharp.torch;

namespace Ml.Recurrent.Scoring;

/// <summary>
/// Computes logits for many texts at once: sorts them by length so each batch has little padding, runs the
/// module in eval mode without gradients, one dispose scope per batch. Padding never changes a result
/// (the module masks by real length). Calls are serialised with a lock: a TorchSharp module is not safe to
/// share across threads without one.
/// </summary>
internal sealed class BatchScorer : IDisposable
{
    /// <summary>Texts per forward pass when scoring.</summary>
    public const int BatchSize = 128;

    private readonly Lock _gate = new();
    private bool _disposed;

    public BatchScorer(RecurrentClassifierModule module)
    {
        Module = module;
        Module.eval();
    }

    public RecurrentClassifierModule Module { get; }

    public int OutputSize => Module.Shape.OutputSize;

    /// <summary>Logits of every row of <paramref name="store"/>, row-major <c>[rows, OutputSize]</c>.</summary>
    public float[] Score(TokenSequenceStore store)
    {
        var result = new float[store.Count * OutputSize];
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var grad = no_grad();
            foreach (int[] rows in LengthBucketBatcher.MakeSortedBatches(store, BatchSize))
            {
                using var scope = NewDisposeScope();
                (Tensor tokens, Tensor lengths) = BatchCollator.Collate(store, rows);
                Tensor logits = Module.call(tokens, lengths).contiguous();
                float[] values = logits.data<float>().ToArray();
                for (int i = 0; i < rows.Length; i++)
                    Array.Copy(values, i * OutputSize, result, rows[i] * OutputSize, OutputSize);
            }
        }

        return result;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            Module.Dispose();
        }
    }
}
