using Ml.Recurrent.Modeling;
using Ml.Recurrent.Runtime;
using Ml.Recurrent.Sequences;
using static TorchSharp.torch;

namespace Ml.Recurrent.Training;

/// <summary>
/// Embedding rows taken from a word-vector file (<see cref="WordVectorFile"/>): which vocabulary words the file
/// covers, their vectors, and, when frozen, keeping those rows at the file's values through training.
/// </summary>
/// <remarks>
/// A term matches the file's word spelled exactly the same, else the file's word equal to its lower-case form (GloVe
/// is lower-case, fastText cased); an exact match wins wherever it comes in the file. For a word that occurs more than
/// once in the file, the first occurrence wins. The word tokenizer's reserved terms (the unknown token and the
/// capitalisation markers, <see cref="ReservedTerms"/>) and empty terms keep their random initialisation, as do
/// the padding row and the missing-key row. Term <c>i</c> is key <c>i + 1</c>, which is embedding row
/// <c>i + 1</c> (<see cref="TokenRows"/>).
/// </remarks>
internal sealed class PretrainedEmbedding : IDisposable
{
    /// <summary>The word tokenizer's reserved terms (<c>Tokenization/Vocabulary.ReservedTerms</c>; a test keeps the
    /// two lists equal): no file's vector means what they mean.</summary>
    public static readonly IReadOnlyList<string> ReservedTerms = ["xxunk", "xxmaj", "xxup"];

    private readonly long[] _rows;
    private readonly float[] _values;
    private Tensor? _rowTensor, _valueTensor;

    private PretrainedEmbedding(long[] rows, float[] values, bool freeze, WordVectorCoverage coverage)
    {
        _rows = rows;
        _values = values;
        Freeze = freeze;
        Coverage = coverage;
    }

    /// <summary>Whether the covered rows keep the file's values during training.</summary>
    public bool Freeze { get; }

    /// <summary>How many vocabulary words the file covered.</summary>
    public WordVectorCoverage Coverage { get; }

    /// <summary>The embedding rows the file covers, ascending.</summary>
    public IReadOnlyList<long> Rows => _rows;

    /// <summary>Reads the vectors of <paramref name="terms"/> (term <c>i</c> = key <c>i + 1</c>) from
    /// <paramref name="path"/>, whose dimension must be <paramref name="dimension"/>.</summary>
    public static PretrainedEmbedding Read(string path, IReadOnlyList<string> terms, int dimension, bool freeze)
    {
        var exact = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var lower = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        int words = 0;
        for (int i = 0; i < terms.Count; i++)
        {
            string term = terms[i];
            if (term.Length == 0 || ReservedTerms.Contains(term, StringComparer.Ordinal)) continue;
            words++;
            Add(exact, term, i + 1);
            string lowerCase = term.ToLowerInvariant();
            if (!string.Equals(lowerCase, term, StringComparison.Ordinal)) Add(lower, lowerCase, i + 1);
        }

        var vectors = new float[]?[terms.Count + 1];
        var byLowerCase = new bool[terms.Count + 1];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var wanted = new HashSet<string>(exact.Keys.Concat(lower.Keys), StringComparer.Ordinal);
        long fileVectors = WordVectorFile.Read(path, dimension, wanted, (word, values) =>
        {
            if (!seen.Add(word)) return;
            if (exact.TryGetValue(word, out List<int>? keys))
                foreach (int key in keys) (vectors[key], byLowerCase[key]) = (values, false);
            if (lower.TryGetValue(word, out keys))
            {
                foreach (int key in keys.Where(k => vectors[k] is null))
                    (vectors[key], byLowerCase[key]) = (values, true);
            }
        });

        long[] rows =
            Enumerable.Range(1, terms.Count).Where(k => vectors[k] is not null).Select(k => (long)k).ToArray();
        var flat = new float[rows.Length * dimension];
        for (int r = 0; r < rows.Length; r++) vectors[rows[r]]!.CopyTo(flat, r * dimension);
        var coverage = new WordVectorCoverage(path, words, rows.Length, rows.Count(k => byLowerCase[k]), fileVectors);
        return new PretrainedEmbedding(rows, flat, freeze, coverage);
    }

    /// <summary>Writes the file's vectors into the covered rows of <paramref name="module"/>'s embedding.</summary>
    public void Initialize(RecurrentClassifierModule module)
    {
        if (_rows.Length == 0) return;
        using IDisposable noGrad = no_grad();
        _rowTensor ??= tensor(_rows).DetachFromDisposeScope();
        _valueTensor ??= tensor(_values, [_rows.Length, _values.Length / _rows.Length]).DetachFromDisposeScope();
        module.EmbeddingWeight.index_copy_(0, _rowTensor, _valueTensor);
    }

    /// <summary>When frozen: zeroes the covered rows' gradients, so that gradient clipping and the optimiser's state
    /// ignore them. Call after <c>backward</c>, inside the batch's dispose scope.</summary>
    public void HoldGradients(RecurrentClassifierModule module)
    {
        if (!Freeze || _rowTensor is null) return;
        using IDisposable noGrad = no_grad();
        module.EmbeddingWeight.grad?.index_fill_(0, _rowTensor, ScalarConstants.Zero); // a held Scalar, not 0
    }

    /// <summary>When frozen: puts the file's values back after an optimiser step (weight decay moves a row even
    /// without a gradient).</summary>
    public void Restore(RecurrentClassifierModule module)
    {
        if (Freeze) Initialize(module);
    }

    /// <summary>Releases the native copies of the rows and vectors.</summary>
    public void Dispose()
    {
        _rowTensor?.Dispose();
        _valueTensor?.Dispose();
        _rowTensor = _valueTensor = null;
    }

    private static void Add(Dictionary<string, List<int>> map, string word, int key)
    {
        if (!map.TryGetValue(word, out List<int>? keys)) map[word] = keys = [];
        keys.Add(key);
    }
}
