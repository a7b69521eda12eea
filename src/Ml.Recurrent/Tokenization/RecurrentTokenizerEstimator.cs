using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Ml.Recurrent.MlNet;
using Ml.Recurrent.Persistence;
using Ml.Recurrent.Tokenization;

namespace Ml.Recurrent;

/// <summary>
/// Learns a word vocabulary from a text column (or uses a pretrained subword tokenizer) and produces a
/// <see cref="RecurrentTokenizerTransformer"/> that turns each text into a variable-length vector of keys.
/// Created by <c>mlContext.Transforms.Text.TokenizeForRecurrent(...)</c>.
/// </summary>
public sealed class RecurrentTokenizerEstimator : IEstimator<RecurrentTokenizerTransformer>
{
    private readonly IHost _host;
    private readonly RecurrentTokenizerOptions _options;

    internal RecurrentTokenizerEstimator(IHostEnvironment environment, string outputColumnName, string inputColumnName,
        RecurrentTokenizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(outputColumnName))
            throw new ArgumentException($"outputColumnName must name a column; got '{outputColumnName}'.",
                nameof(outputColumnName));
        if (string.IsNullOrWhiteSpace(inputColumnName))
            throw new ArgumentException($"inputColumnName must name a column; got '{inputColumnName}'.",
                nameof(inputColumnName));
        StoredLimits.CheckText(outputColumnName, StoredLimits.ColumnNameBytes, "output column name",
            nameof(outputColumnName), "column name");
        StoredLimits.CheckText(inputColumnName, StoredLimits.ColumnNameBytes, "input column name",
            nameof(inputColumnName), "column name");
        options.Validate();
        _host = environment.Register(nameof(RecurrentTokenizerEstimator));
        _options = options.Clone();
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
    }

    /// <summary>The text column read.</summary>
    public string InputColumnName { get; }

    /// <summary>The key-vector column produced.</summary>
    public string OutputColumnName { get; }

    /// <summary>Learns the vocabulary from <paramref name="input"/> (nothing to learn for a
    /// pretrained tokenizer).</summary>
    /// <param name="input">Data with a text column named <see cref="InputColumnName"/>.</param>
    public RecurrentTokenizerTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        DataViewSchema.Column column = TextColumnChecks.Check(input.Schema, InputColumnName);
        if (_options.Pretrained != PretrainedTokenizer.None)
            return new RecurrentTokenizerTransformer(InputColumnName, OutputColumnName, _options, vocabulary: null);

        var splitter = new WordSplitter(_options.LowerCase, _options.CapitalizationMarkers, _options.WordRule);
        int longest = _options.MaximumWordLength;
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long rows = 0;
        using (DataViewRowCursor cursor = input.GetRowCursor([column]))
        {
            ValueGetter<ReadOnlyMemory<char>> getter = cursor.GetGetter<ReadOnlyMemory<char>>(column);
            ReadOnlyMemory<char> text = default;
            while (cursor.MoveNext())
            {
                getter(ref text);
                rows++;
                splitter.Split(text.Span, token =>
                {
                    // A longer word never gets an id: the encoder finds no term for it and reads it as unknown.
                    if (token.Length <= longest) counts[token] = counts.GetValueOrDefault(token) + 1;
                    return true;
                });
            }
        }

        if (rows == 0)
            throw new ArgumentException($"Column '{InputColumnName}': the training data has no rows, so no " +
                $"vocabulary can be learned.", nameof(input));
        var vocabulary = Vocabulary.FromCounts(counts, _options.MaximumVocabularySize, _options.MinimumCount);
        if (vocabulary.Count > StoredLimits.TokenizerTerms)
            throw new ArgumentOutOfRangeException(nameof(RecurrentTokenizerOptions.MaximumVocabularySize),
                _options.MaximumVocabularySize, $"Column '{InputColumnName}': the learned vocabulary has " +
                $"{vocabulary.Count} terms; a saved model holds at most {StoredLimits.TokenizerTerms}. Set " +
                $"{nameof(RecurrentTokenizerOptions.MaximumVocabularySize)} lower.");
        using (IChannel channel = _host.Start("Vocabulary"))
        {
            channel.Info(MessageSensitivity.None,
                $"Learned {vocabulary.Count - Vocabulary.ReservedTerms.Count} words " +
                $"(of {counts.Count} distinct, minimum count {_options.MinimumCount}) from {rows} rows of " +
                $"'{InputColumnName}'.");
        }

        return new RecurrentTokenizerTransformer(InputColumnName, OutputColumnName, _options, vocabulary);
    }

    /// <summary>The schema after transformation: adds <see cref="OutputColumnName"/>, a variable-length key
    /// vector with key values.</summary>
    /// <param name="inputSchema">The shape of the input data.</param>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        TextColumnChecks.Check(inputSchema, InputColumnName);
        var columns = inputSchema.ToDictionary(c => c.Name);
        columns[OutputColumnName] =
            SchemaAnnotations.Column(OutputColumnName, SchemaShape.Column.VectorKind.VariableVector,
            NumberDataViewType.UInt32, true, SchemaAnnotations.TextVectorAnnotation(SchemaAnnotations.KeyValuesKind));
        return new SchemaShape(columns.Values);
    }
}
