using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Ml.Recurrent.Sequences;
using Ml.Recurrent.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Ml.Recurrent.Benchmarks.Micro;

/// <summary>
/// The trainer's per-epoch CPU work between the token store and the network, on the fixed
/// <see cref="MicroData.TextCount"/> SST-2 texts (tokenised with default options):
/// <see cref="LengthBucketBatcher.MakeBatches"/> for one epoch (batch size <see cref="MicroData.BatchSize"/>),
/// and <see cref="BatchCollator.Collate"/> of every batch of one such epoch into the padded token and length
/// tensors (each batch in its own dispose scope, as the trainer does). Every benchmark sets
/// <c>OperationsPerInvoke</c> to <see cref="MicroData.TextCount"/>, so Mean and Allocated (managed memory only;
/// tensor storage is native) are per text (row); multiply by <see cref="MicroData.TextCount"/> for one epoch.
/// </summary>
[MemoryDiagnoser]
public class CollationBenchmarks
{
    private TokenSequenceStore _store = null!;
    private LengthBucketBatcher _batcher = null!;
    private List<int[]> _epoch = [];

    /// <summary>Tokenises the texts into the store and cuts one epoch of batches (not timed).</summary>
    [GlobalSetup]
    public void Setup()
    {
        List<Dataset.Row> rows = MicroData.Rows();
        var ml = new MLContext(seed: 1);
        RecurrentTokenizerTransformer tokenizer = MicroData.FitTokenizer(ml, ml.Data.LoadFromEnumerable(rows));
        _store = MicroData.BuildStore(tokenizer, rows);
        _batcher = new LengthBucketBatcher(MicroData.BatchSize);
        _epoch = _batcher.MakeBatches(_store, new Random(1));
        long padded = _epoch.Sum(b => (long)b.Length * b.Max(_store.Length));
        Console.WriteLine($"// micro store: {_store.Count} rows, {_store.TokenCount} tokens, {_epoch.Count} batches, {padded} padded cells");
    }

    /// <summary>One epoch of length-bucketed batches; returns the number of batches.</summary>
    [Benchmark(OperationsPerInvoke = MicroData.TextCount)]
    public int MakeBatches() => _batcher.MakeBatches(_store, new Random(1)).Count;

    /// <summary>Collates every batch of one epoch into tensors and disposes them; returns the padded cell count.</summary>
    [Benchmark(OperationsPerInvoke = MicroData.TextCount)]
    public long CollateEpoch()
    {
        long cells = 0;
        foreach (int[] rows in _epoch)
        {
            using DisposeScope scope = NewDisposeScope();
            (Tensor tokens, Tensor _) = BatchCollator.Collate(_store, rows);
            cells += tokens.NumberOfElements;
        }

        return cells;
    }
}
