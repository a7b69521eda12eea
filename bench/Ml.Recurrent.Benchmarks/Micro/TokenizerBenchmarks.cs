using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Recurrent.Benchmarks.Micro;

/// <summary>
/// Tokenisation throughput of <see cref="RecurrentTokenizerTransformer"/> (default options, word tokenizer)
/// over the fixed <see cref="MicroData.TextCount"/> SST-2 texts: <c>Encode(string)</c> text by text, the
/// vocabulary <c>Fit</c>, and <c>Transform</c> read through an <c>IDataView</c> cursor (the <c>Tokens</c>
/// column's <c>VBuffer&lt;uint&gt;</c> getter, as the trainer reads it). Every benchmark sets
/// <c>OperationsPerInvoke</c> to <see cref="MicroData.TextCount"/>, so Mean and Allocated are per text;
/// multiply by <see cref="MicroData.TextCount"/> for one pass (for <c>Fit</c>: one whole fit).
/// </summary>
[MemoryDiagnoser]
public class TokenizerBenchmarks
{
    private string[] _texts = [];
    private IDataView _input = null!;
    private IEstimator<RecurrentTokenizerTransformer> _estimator = null!;
    private RecurrentTokenizerTransformer _tokenizer = null!;

    /// <summary>Reads the texts, builds the input view and fits the tokenizer once (not timed).</summary>
    [GlobalSetup]
    public void Setup()
    {
        List<Dataset.Row> rows = MicroData.Rows();
        _texts = rows.Select(r => r.Text).ToArray();
        var ml = new MLContext(seed: 1);
        _input = ml.Data.LoadFromEnumerable(rows);
        _estimator = ml.Transforms.Text.TokenizeForRecurrent("Tokens", "Text", new RecurrentTokenizerOptions());
        _tokenizer = _estimator.Fit(_input);
        long tokens = _texts.Sum(t => (long)_tokenizer.Encode(t).Length);
        Console.WriteLine($"// micro data: {_texts.Length} texts, {tokens} tokens, {_texts.Sum(t => (long)t.Length)} chars, vocabulary {_tokenizer.VocabularySize}");
    }

    /// <summary><c>Encode(string)</c> on every text; returns the number of keys.</summary>
    [Benchmark(OperationsPerInvoke = MicroData.TextCount)]
    public long Encode()
    {
        long keys = 0;
        foreach (string text in _texts) keys += _tokenizer.Encode(text).Length;
        return keys;
    }

    /// <summary>Fits the vocabulary on all texts (one fit per invocation).</summary>
    [Benchmark(OperationsPerInvoke = MicroData.TextCount)]
    public int Fit() => _estimator.Fit(_input).VocabularySize;

    /// <summary><c>Transform</c> plus a cursor reading the <c>Tokens</c> column of every row; returns the number of keys.</summary>
    [Benchmark(OperationsPerInvoke = MicroData.TextCount)]
    public long TransformCursor()
    {
        IDataView tokens = _tokenizer.Transform(_input);
        DataViewSchema.Column column = tokens.Schema["Tokens"];
        using DataViewRowCursor cursor = tokens.GetRowCursor([column]);
        ValueGetter<VBuffer<uint>> getter = cursor.GetGetter<VBuffer<uint>>(column);
        VBuffer<uint> buffer = default;
        long keys = 0;
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            keys += buffer.Length;
        }

        return keys;
    }
}
