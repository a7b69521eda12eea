using System.Globalization;
using System.Text;

namespace Ml.Recurrent.Training;

/// <summary>
/// Streams a word-vector text file and hands the vectors of the wanted words to the caller. Formats: GloVe (one
/// <c>word v1 … vD</c> per line) and word2vec/fastText <c>.vec</c> (the same after a first line
/// <c>count dimension</c>); a first line of exactly two whole numbers is that header, detected without asking.
/// </summary>
/// <remarks>
/// <para>Lines are read one at a time, so a file of gigabytes costs memory only for the wanted vectors. Every line's
/// field count and word are checked (counting spaces is cheap); the numbers are parsed, and must be finite floats in
/// the invariant culture, only on lines whose word is wanted, so a bad number on another line goes unnoticed.</para>
/// <para>Spaces at the end of a line are ignored (fastText ends each line with one). The values are the last D
/// fields; a word may itself hold single spaces (glove.840B has a few such "words", e.g. <c>. . .</c>, which can
/// never match a token), unless the field just before the values is a number: then the line has too many
/// values. A header's count must equal the number of vector lines, so a truncated download is refused.</para>
/// </remarks>
internal static class WordVectorFile
{
    /// <summary>The option that names the file, for messages.</summary>
    public const string PathOption = "RecurrentTextClassifierOptions.WordVectorsPath";

    /// <summary>The option the file's dimension must equal, for messages.</summary>
    public const string SizeOption = "RecurrentTextClassifierOptions.EmbeddingSize";

    /// <summary>
    /// Reads <paramref name="path"/>, whose vectors must have <paramref name="dimension"/> values, and calls
    /// <paramref name="found"/> with each line whose word is in <paramref name="wanted"/> (an ordinal set), in file
    /// order (duplicates included). Returns the number of vector lines.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">The file's dimension is not <paramref name="dimension"/>.</exception>
    /// <exception cref="InvalidDataException">A line breaks a rule; the message names the file and line.</exception>
    public static long Read(string path, int dimension, HashSet<string> wanted, Action<string, float[]> found)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{PathOption}: the word vector file '{path}' does not exist.", path);
        HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup = wanted.GetAlternateLookup<ReadOnlySpan<char>>();
        var stream = new FileStreamOptions { BufferSize = 1 << 20, Options = FileOptions.SequentialScan };
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, stream);
        long lineNumber = 0, vectors = 0, declared = -1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            ReadOnlySpan<char> text = line.AsSpan().TrimEnd(' ');
            if (lineNumber == 1)
            {
                if (IsHeader(text, out declared, out long size))
                {
                    if (size != dimension) throw Mismatch(path, size, "its header, line 1", dimension);
                    continue;
                }

                int values = text.Count(' ');
                if (values != dimension && values > 0 && text[0] != ' ')
                    throw Mismatch(path, values, "line 1", dimension);
            }

            vectors++;
            int wordEnd = WordEnd(text, dimension, path, lineNumber);
            if (!lookup.TryGetValue(text[..wordEnd], out string? word)) continue;
            found(word, Values(text[(wordEnd + 1)..], dimension, path, lineNumber));
        }

        if (lineNumber == 0)
            throw new InvalidDataException($"The word vector file '{path}' ({PathOption}) is empty.");
        if (declared >= 0 && declared != vectors)
            throw new InvalidDataException($"Word vector file '{path}': its header (line 1) declares {declared} " +
                $"vectors, but {vectors} lines follow it; the file may be truncated.");
        return vectors;
    }

    /// <summary>Two whole numbers, count and dimension (at least 1).</summary>
    private static bool IsHeader(ReadOnlySpan<char> text, out long count, out long dimension)
    {
        count = dimension = -1;
        int space = text.IndexOf(' ');
        return space > 0 && text.Count(' ') == 1
            && long.TryParse(text[..space], NumberStyles.None, CultureInfo.InvariantCulture, out count)
            && long.TryParse(text[(space + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out dimension)
            && dimension >= 1;
    }

    /// <summary>Where the word ends (the space before the values), after checking the line's fields.</summary>
    private static int WordEnd(ReadOnlySpan<char> text, int dimension, string path, long line)
    {
        if (text.IsEmpty) throw Malformed(path, line, dimension, "the line is empty");
        int spaces = text.Count(' ');
        if (spaces < dimension)
            throw Malformed(path, line, dimension, $"it has {spaces} value(s) after the word, not {dimension}");
        int end = text.Length;
        for (int i = 0; i < dimension; i++) end = text[..end].LastIndexOf(' ');
        ReadOnlySpan<char> word = text[..end];
        if (word.IsEmpty || word[0] == ' ')
            throw Malformed(path, line, dimension, "the word is empty (the line starts with a space)");
        if (spaces > dimension)
        {
            if (text.Contains("  ", StringComparison.Ordinal))
                throw Malformed(path, line, dimension, "it has an empty field (two spaces in a row)");
            ReadOnlySpan<char> before = word[(word.LastIndexOf(' ') + 1)..];
            if (float.TryParse(before, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                throw Malformed(path, line, dimension, $"it has more than {dimension} values after the word");
        }

        return end;
    }

    /// <summary>The <paramref name="dimension"/> values after the word, each a finite float.</summary>
    private static float[] Values(ReadOnlySpan<char> fields, int dimension, string path, long line)
    {
        var values = new float[dimension];
        int i = 0;
        foreach (Range range in fields.Split(' '))
        {
            ReadOnlySpan<char> field = fields[range];
            if (field.IsEmpty)
                throw Malformed(path, line, dimension, $"value {i + 1} is empty (two spaces in a row)");
            if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out float value)
                || !float.IsFinite(value))
                throw Malformed(path, line, dimension, $"value {i + 1} ('{Shown(field)}') is not a finite number " +
                    $"in the invariant culture (e.g. -0.25 or 1.5e-3)");
            values[i++] = value;
        }

        return values;
    }

    private static string Shown(ReadOnlySpan<char> field) =>
        field.Length <= 40 ? field.ToString() : $"{field[..40]}…";

    private static InvalidDataException Malformed(string path, long line, int dimension, string rule) => new(
        $"Word vector file '{path}', line {line}: {rule}. Each line must hold a word and {dimension} numbers " +
        $"separated by single spaces (text format; an optional first line 'count dimension' is a header).");

    private static ArgumentException Mismatch(string path, long fileDimension, string where, int dimension) => new(
        $"The word vector file '{path}' holds vectors of {fileDimension} values ({where}), but {SizeOption} is " +
        $"{dimension}: set {SizeOption} = {fileDimension} to use this file ({PathOption}).", "EmbeddingSize");
}
