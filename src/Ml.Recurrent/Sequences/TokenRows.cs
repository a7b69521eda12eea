namespace Ml.Recurrent.Sequences;

/// <summary>
/// How token keys become embedding rows, the convention the token store, the model and saved weights share: row 0
/// is padding, key <c>k</c> (1..keyCount) is row <c>k</c>, and ML.NET's missing key (0, or a key beyond the count)
/// is row <c>keyCount + 1</c>.
/// </summary>
internal static class TokenRows
{
    /// <summary>The padding row; its embedding is never trained.</summary>
    public const int Padding = 0;

    /// <summary>The row that stands for a missing key.</summary>
    public static int Missing(int keyCount) => keyCount + 1;

    /// <summary>Embedding rows needed for <paramref name="keyCount"/> keys.</summary>
    public static int Count(int keyCount) => keyCount + 2;
}
