using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Recurrent.DataView;
using Ml.Recurrent.MlNet;
using Ml.Recurrent.Tokenization;

namespace Ml.Recurrent;

/// <summary>
/// Turns a text column into a variable-length vector of keys (key values = vocabulary terms), truncated to
/// <see cref="MaximumLength"/>. Saved in the standard ML.NET model zip with its vocabulary.
/// </summary>
public sealed partial class RecurrentTokenizerTransformer : ITransformer
{
    private readonly RecurrentTokenizerOptions _options;
    private readonly Vocabulary? _vocabulary;

    internal RecurrentTokenizerTransformer(string inputColumnName, string outputColumnName,
        RecurrentTokenizerOptions options,
        Vocabulary? vocabulary)
    {
        InputColumnName = inputColumnName;
        OutputColumnName = outputColumnName;
        _options = options.Clone();
        _vocabulary = vocabulary;
        Encoder = options.Pretrained switch
        {
            PretrainedTokenizer.None =>
                new WordTokenEncoder(vocabulary ?? throw new ArgumentNullException(nameof(vocabulary)),
                options.LowerCase, options.CapitalizationMarkers, options.WordRule),
            PretrainedTokenizer.Cl100kBase => new TiktokenTokenEncoder(),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Pretrained,
                "Unknown pretrained tokenizer."),
        };
    }

    /// <summary>The text column read.</summary>
    public string InputColumnName { get; }

    /// <summary>The key-vector column produced.</summary>
    public string OutputColumnName { get; }

    /// <summary>Tokens kept per text.</summary>
    public int MaximumLength => _options.MaximumLength;

    /// <summary>Number of distinct keys (the key count of the output column), including reserved tokens.</summary>
    public int VocabularySize => Encoder.KeyCount;

    /// <summary>The learned vocabulary; term <c>i</c> has key <c>i + 1</c>. Empty for a pretrained tokenizer.</summary>
    public IReadOnlyList<string> Vocabulary => _vocabulary?.Terms ?? [];

    /// <summary>Which tokenizer is used.</summary>
    public PretrainedTokenizer Pretrained => _options.Pretrained;

    /// <summary>Always <c>true</c>: the transformer maps row by row, so a <c>PredictionEngine</c> can use it.</summary>
    public bool IsRowToRowMapper => true;

    internal ITokenEncoder Encoder { get; }

    /// <summary>A copy of the options (for the ONNX exporter).</summary>
    internal RecurrentTokenizerOptions Options => _options.Clone();

    /// <summary>The keys of <paramref name="text"/>, as the transformer would produce them.</summary>
    /// <param name="text">Any text; empty gives an empty array.</param>
    public uint[] Encode(string? text)
    {
        var keys = new List<uint>();
        Encoder.Encode((text ?? string.Empty).AsSpan(), MaximumLength, keys);
        return [.. keys];
    }

    /// <summary>Output schema for <paramref name="inputSchema"/>; throws if the text column is
    /// missing or not text.</summary>
    /// <param name="inputSchema">Schema of the data to transform.</param>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => MakeMapper(inputSchema).OutputSchema;

    /// <summary>Adds the token column to <paramref name="input"/> (lazily, row by row).</summary>
    /// <param name="input">Data with the text column.</param>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new RowMappedDataView(input, MakeMapper(input.Schema));
    }

    /// <summary>A row-to-row mapper over <paramref name="inputSchema"/>, used by <c>PredictionEngine</c>.</summary>
    /// <param name="inputSchema">Schema of the rows to map.</param>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => MakeMapper(inputSchema);

    internal AppendedColumn OutputColumn()
    {
        int keyCount = Encoder.KeyCount;
        var annotations = new DataViewSchema.Annotations.Builder();
        SchemaAnnotations.AddKeyValues(annotations, keyCount, (ref VBuffer<ReadOnlyMemory<char>> value) =>
        {
            var editor = VBufferEditor.Create(ref value, keyCount);
            for (int i = 0; i < keyCount; i++) editor.Values[i] = Encoder.TermOf((uint)i + 1).AsMemory();
            value = editor.Commit();
        });
        var type = new VectorDataViewType(new KeyDataViewType(typeof(uint), keyCount));
        return new AppendedColumn(OutputColumnName, type, annotations.ToAnnotations());
    }

    private TokenizerRowMapper MakeMapper(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new TokenizerRowMapper(this, inputSchema, TextColumnChecks.Check(inputSchema, InputColumnName));
    }
}
