namespace Ml.Recurrent.Tokenization;

/// <summary>
/// A learned word vocabulary. Term <c>i</c> is ML.NET key value <c>i + 1</c> (key 0 means "missing").
/// The first terms are reserved: <see cref="UnknownTerm"/>, then the capitalisation markers.
/// </summary>
internal sealed class Vocabulary
{
    /// <summary>The term that stands for every word not in the vocabulary.</summary>
    public const string UnknownTerm = "xxunk";

    /// <summary>Terms that every learned vocabulary starts with, in this order.</summary>
    public static readonly IReadOnlyList<string> ReservedTerms =
        [UnknownTerm, WordSplitter.MajorMarker, WordSplitter.UpperMarker];

    private readonly string[] _terms;
    private readonly Dictionary<string, uint> _keys;

    public Vocabulary(IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count < ReservedTerms.Count || !ReservedTerms.SequenceEqual(terms.Take(ReservedTerms.Count)))
            throw new FormatException($"A vocabulary must start with the reserved terms " +
                $"{string.Join(", ", ReservedTerms)}.");
        _terms = terms.ToArray();
        _keys = new Dictionary<string, uint>(_terms.Length, StringComparer.Ordinal);
        for (int i = 0; i < _terms.Length; i++)
        {
            if (!_keys.TryAdd(_terms[i], (uint)i + 1))
                throw new FormatException($"The vocabulary holds the term '{_terms[i]}' twice (at " +
                    $"{_keys[_terms[i]] - 1} and {i}).");
        }
    }

    /// <summary>All terms; term <c>i</c> has key <c>i + 1</c>.</summary>
    public IReadOnlyList<string> Terms => _terms;

    /// <summary>Number of terms, which is the key count of the token column.</summary>
    public int Count => _terms.Length;

    /// <summary>The key of the unknown term.</summary>
    public static uint UnknownKey => 1;

    /// <summary>The key of <paramref name="term"/>, or the unknown key.</summary>
    public uint KeyOf(string term) => _keys.TryGetValue(term, out uint key) ? key : UnknownKey;

    /// <summary>
    /// Builds a vocabulary from word counts: reserved terms first, then words with at least
    /// <paramref name="minimumCount"/> occurrences, most frequent first, ties in ordinal order, at most
    /// <paramref name="maximumSize"/> of them.
    /// </summary>
    public static Vocabulary FromCounts(IReadOnlyDictionary<string, long> counts, int maximumSize, int minimumCount)
    {
        var words = counts
            .Where(kv => kv.Value >= minimumCount && !ReservedTerms.Contains(kv.Key))
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(maximumSize)
            .Select(kv => kv.Key);
        return new Vocabulary(ReservedTerms.Concat(words).ToList());
    }
}
