using System.Text;

namespace Ml.Recurrent.Persistence;

/// <summary>
/// The limits the model readers enforce on what they read, declared once so that training and saving enforce the same
/// ones: a model that <c>Fit</c> returns and <c>Save</c> writes is always one that <c>Load</c> accepts.
/// </summary>
internal static class StoredLimits
{
    /// <summary>Largest column name, in UTF-8 bytes (both entries' column names).</summary>
    public const int ColumnNameBytes = 4096;

    /// <summary>Largest vocabulary term or token term, in UTF-8 bytes.</summary>
    public const int TermBytes = 1 << 16;

    /// <summary>Largest class name (label value), in UTF-8 bytes.</summary>
    public const int ClassNameBytes = 1 << 16;

    /// <summary>Most terms in a tokenizer entry.</summary>
    public const int TokenizerTerms = 50_000_000;

    /// <summary>Largest weight tensor name, in UTF-8 bytes.</summary>
    public const int WeightNameBytes = 1024;

    /// <summary>Most weight tensors in a model.</summary>
    public const int WeightTensors = 100_000;

    /// <summary>Highest rank of a weight tensor.</summary>
    public const int WeightRank = 8;

    /// <summary>
    /// Throws <see cref="ArgumentException"/> (parameter <paramref name="option"/>) if <paramref name="value"/> has
    /// more than <paramref name="maximumBytes"/> UTF-8 bytes.
    /// </summary>
    /// <param name="value">The text to be saved.</param>
    /// <param name="maximumBytes">The reader's limit.</param>
    /// <param name="what">What the text is, for the message (e.g. "column name", "class name #3 of column 'Label'").
    /// </param>
    /// <param name="option">The option or column the user can change.</param>
    /// <param name="kind">The kind of text the limit is for ("column name", "term", "class name").</param>
    public static void CheckText(string value, int maximumBytes, string what, string option, string kind)
    {
        int bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes <= maximumBytes) return;
        throw new ArgumentException($"The {what} ('{Utf16Text.Escape(value)}') has {bytes} UTF-8 bytes; a saved " +
            $"model holds at most {maximumBytes} per {kind}, so the model could be trained but not loaded again. " +
            "Shorten it.", option);
    }

    /// <summary>The message a reader gives when an intact entry (checksum matches) exceeds one of these limits.
    /// </summary>
    /// <param name="entry">The model entry.</param>
    /// <param name="what">What exceeded the limit, with its size and the limit.</param>
    public static InvalidDataException Exceeded(string entry, string what) =>
        new($"The model entry '{entry}' cannot be read: {what}. The entry is intact (its checksum matches), so it " +
            "was written this way, by a version of Ml.Recurrent that did not check this limit when training or " +
            "saving. Train the model again with this version, which refuses such data at Fit with a message naming " +
            "the column or option.");
}
